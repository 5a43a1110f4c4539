"""The PIP offered for decision as a work item for the team leader ("een besluit te nemen").

Created when the case manager offers a version for decision (:func:`submitted`), finished by
the decision itself (:func:`decided`), cancelled when the version goes back to draft
(:func:`withdrawn`); each called from ``plans.services`` in the same transaction. Registered in
``PlansConfig.ready()``. Due: the client's open PIP deadline (Wi2021 art. 15 with the term of
the rule set); without one (a revision), ``FALLBACK_DAYS`` days, a working agreement of the
team, not a legal term.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Deadline
from regie.core import workitems
from regie.core.roles import Role

from .models import PlanVersion

KIND = "plans.decide"
FALLBACK_DAYS = 14


def _url(item, subject):
    number = item.details.get("number")
    if subject is None or number is None:
        return None
    return reverse("plans:decide", args=[subject.obj.uuid, number])


def _describe(item):
    number = item.details.get("number")
    if number is None:
        return item.summary
    return gettext("PIP versie %(n)s ligt ter besluitvorming.") % {"n": number}


def register() -> None:
    workitems.register_kind(
        KIND,
        _("PIP vaststellen"),
        role=Role.TEAM_LEADER,
        due_days=FALLBACK_DAYS,
        url=_url,
        link_text=_("Naar het besluit"),
        completed_by_act=True,
        describe=_describe,
    )


def _subject(version: PlanVersion) -> tuple[str, int]:
    return ("client", version.client_id)


def submitted(principal, version: PlanVersion) -> None:
    client = version.client
    due = (
        Deadline.objects.filter(client=client, kind="pip_decided", met_on__isnull=True)
        .order_by("due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    workitems.create(
        KIND,
        organisation=client.team,
        source=f"PlanVersion:{version.pk}@{version.submitted_at:%Y%m%dT%H%M%S.%f}",
        subject=_subject(version),
        summary=f"PIP versie {version.number}",
        details={"number": version.number},
        due_date=due,
        by=principal.user if principal else None,
    )


def decided(principal, version: PlanVersion) -> None:
    workitems.complete_open(
        KIND,
        _subject(version),
        by=principal.user,
        note=gettext("PIP versie %(n)s vastgesteld.") % {"n": version.number},
    )


def withdrawn(principal, version: PlanVersion) -> None:
    workitems.cancel_open(
        KIND,
        _subject(version),
        by=principal.user if principal else None,
        reason=gettext("PIP versie %(n)s is teruggezet naar concept.") % {"n": version.number},
    )
