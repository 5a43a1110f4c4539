"""The team leader's decision queue (core.hooks.decision_queue): fines proposed in his team.
The last day is the decision term after the report (``fine_procedure.decision_due``); a fine
without a report has none. One query."""

from django.urls import reverse
from django.utils.translation import gettext as _

from regie.clients.selectors import visible_clients
from regie.core import hooks
from regie.core.roles import Role

from . import fine_procedure
from .models import EnforcementCase, EnforcementStatus


def _euro(amount) -> str:
    if amount is None:
        return ""
    text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def proposed_fines(principal) -> list[hooks.DecisionRow]:
    if principal is None or principal.role != Role.TEAM_LEADER:
        return []
    cases = (
        EnforcementCase.objects.filter(
            status=EnforcementStatus.PROPOSED, client__in=visible_clients(principal)
        )
        .select_related("client")
        .order_by("id")
    )
    rows = []
    for case in cases:
        due = fine_procedure.decision_due(case.report_date) if case.report_date else None
        rows.append(
            hooks.DecisionRow(
                kind=_("Boete besluiten"),
                subject=_("Boetevoorstel %(amount)s") % {"amount": _euro(case.proposed_amount)},
                client_uuid=case.client.uuid,
                client_name=case.client.full_name,
                municipality_id=case.client.municipality_id,
                waiting_since=case.proposed_on,
                deadline=due,
                deadline_label=_("13 weken na het rapport") if due else "",
                url=reverse("progress:decide_fine", args=[case.client.uuid, case.uuid]),
                client_id=case.client_id,
                log_key=case.client.bsn,
            )
        )
    return rows


def register() -> None:
    hooks.register_decision_source(proposed_fines)
