"""The team leader's decision queue (core.hooks.decision_queue): objections not yet decided in
his team, with the stored decision term (Awb art. 7:10) as the last day. One query."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.clients.models import Deadline
from regie.core import hooks
from regie.core.roles import Role

from . import deadlines, selectors


def open_objections(principal) -> list[hooks.DecisionRow]:
    if principal is None or principal.role != Role.TEAM_LEADER:
        return []
    due = Deadline.objects.filter(
        client=OuterRef("client"), kind=deadlines.DECISION, sequence=OuterRef("number")
    ).values("due_date")[:1]
    objections = (
        selectors.visible_objections(principal)
        .filter(decided_on__isnull=True)
        .annotate(decision_due=Subquery(due))
        .order_by("id")
    )
    return [
        hooks.DecisionRow(
            kind=_("Bezwaar beslissen"),
            subject=_("Bezwaar %(n)s") % {"n": o.number},
            client_uuid=o.client.uuid,
            client_name=o.client.full_name,
            municipality_id=o.client.municipality_id,
            waiting_since=o.received_on,
            deadline=o.decision_due,
            deadline_label=_("Awb art. 7:10") if o.decision_due else "",
            url=reverse("objections:detail", args=[o.client.uuid, o.uuid]),
            client_id=o.client_id,
            log_key=o.client.bsn,
        )
        for o in objections
    ]


def register() -> None:
    hooks.register_decision_source(open_objections)
