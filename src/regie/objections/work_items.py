"""An objection ready for decision as a work item for the team leader ("Bezwaar beslissen").

Created when the objector was heard or the hearing was waived (Awb art. 7:2, 7:3) and the
objection is not yet decided; finished by the decision itself. Due: the objection's decision
term (Awb art. 7:10). The item's subject is the client, so finishing closes the client's open
items of this kind; another objection of the same client that is still ready gets a new item.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.core import workitems
from regie.core.roles import Role

from .models import Objection

KIND = "objections.decide"


def _url(item, subject):
    uuid = item.details.get("objection")
    if subject is None or uuid is None:
        return None
    return reverse("objections:detail", args=[subject.obj.uuid, uuid])


def _describe(item):
    number = item.details.get("number")
    if number is None:
        return item.summary
    return gettext("Bezwaar %(n)s is klaar om op te beslissen.") % {"n": number}


def register() -> None:
    workitems.register_kind(
        KIND,
        _("Bezwaar beslissen"),
        role=Role.TEAM_LEADER,
        due_days=14,
        url=_url,
        link_text=_("Naar het bezwaar"),
        completed_by_act=True,
        describe=_describe,
    )


def ready(principal, objection: Objection, due, *, suffix: str = "") -> None:
    workitems.create(
        KIND,
        organisation=objection.client.team,
        source=f"Objection:{objection.pk}{suffix}",
        subject=("client", objection.client_id),
        summary=f"Bezwaar {objection.number}",
        details={"number": objection.number, "objection": str(objection.uuid)},
        due_date=due,
        by=principal.user if principal else None,
    )


def decided(principal, objection: Objection, others) -> None:
    workitems.complete_open(
        KIND,
        ("client", objection.client_id),
        by=principal.user,
        note=gettext("Op bezwaar %(n)s is beslist.") % {"n": objection.number},
    )
    for other, due in others:
        ready(principal, other, due, suffix=f":na:{objection.pk}")
