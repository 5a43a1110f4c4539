"""The daily job of the objection register (``core.hooks.register_daily_job``), idempotent.

* Terms that move with the calendar are stored again: the decision term while a repair request
  is open (Awb art. 7:10 lid 2 suspends it up to today) and the penalty for a late decision while
  it runs (Awb art. 4:17; the 4:18 term appears once the 42 days are full).
* A decision on an objection against a fine that nobody appealed becomes irrevocable when the
  appeal term ends: the suspension of the fine's lapse term ends on that day (Awb art. 5:45 lid 3).
"""

import datetime as dt

from django.db.models import Q

from regie.clients import deadlines as registry

from . import deadlines, fine_lapse
from .models import DecisionKind, Objection


def daily(today: dt.date) -> dict:
    moving = Objection.objects.filter(decided_on__isnull=True).filter(
        Q(repair_requested_on__isnull=False, repaired_on__isnull=True)
        | Q(default_notice_received_on__isnull=False)
    )
    clients = set(moving.values_list("client_id", flat=True))
    clients |= set(
        Objection.objects.filter(
            default_notice_received_on__isnull=False, penalty_fixed_on__isnull=True
        ).values_list("client_id", flat=True)
    )
    for client_id in sorted(clients):
        registry.facts_changed(client_id)
    ended = 0
    unappealed = Objection.objects.filter(
        decision_kind=DecisionKind.FINE, decided_on__isnull=False, appeal_filed_on__isnull=True
    ).select_related("enforcement_case", "client")
    from regie.clients.models import Deadline

    for objection in unappealed:
        term = Deadline.objects.filter(
            client_id=objection.client_id, kind=deadlines.APPEAL_TERM, sequence=objection.number
        ).first()
        if term is not None and term.due_date < today:
            ended += fine_lapse.end_after_unused_appeal_term(objection, term.due_date)
    return {"recomputed": len(clients), "lapse_suspensions_ended": ended}
