"""The team leader's decision queue (core.hooks.decision_queue): PIP versions offered for
decision in his team, with the client's open PIP deadline as the last day. One query."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.clients.models import Deadline
from regie.clients.selectors import visible_clients
from regie.core import hooks
from regie.core.roles import Role

from .deadlines import PIP_DECIDED
from .models import PlanVersion, VersionStatus


def offered_plans(principal) -> list[hooks.DecisionRow]:
    if principal is None or principal.role != Role.TEAM_LEADER:
        return []
    due = Deadline.objects.filter(
        client=OuterRef("client"), kind=PIP_DECIDED, met_on__isnull=True
    ).order_by("due_date")
    versions = (
        PlanVersion.objects.filter(
            status=VersionStatus.SUBMITTED, client__in=visible_clients(principal)
        )
        .select_related("client")
        .annotate(pip_due=Subquery(due.values("due_date")[:1]))
        .order_by("id")
    )
    return [
        hooks.DecisionRow(
            kind=_("PIP vaststellen"),
            subject=_("PIP versie %(n)s") % {"n": v.number},
            client_uuid=v.client.uuid,
            client_name=v.client.full_name,
            municipality_id=v.client.municipality_id,
            waiting_since=v.submitted_at.date() if v.submitted_at else None,
            deadline=v.pip_due,
            deadline_label=_("PIP vastgesteld") if v.pip_due else "",
            url=reverse("plans:decide", args=[v.client.uuid, v.number]),
            client_id=v.client_id,
            log_key=v.client.bsn,
        )
        for v in versions
    ]


def register() -> None:
    hooks.register_decision_source(offered_plans)
