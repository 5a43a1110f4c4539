"""The demo region shows a fine with its report, zienswijze and decision (issue 9 item 8)."""

from regie.clients.models import Deadline
from regie.progress.models import EnforcementCase, EnforcementStatus


def test_demo_region_has_a_fine_with_report_zienswijze_and_decision(db):
    from regie.demo.loader import load_region

    load_region(client_count=8)
    fined = EnforcementCase.objects.get(status=EnforcementStatus.FINED)
    assert fined.violation == "pip" and fined.report_date and fined.violation_on
    assert fined.report_date <= fined.hearing_on <= fined.decision_date
    assert fined.caution == "gegeven" and fined.proposed_by_id != fined.decided_by_id
    terms = Deadline.objects.filter(client=fined.client, kind__in=["fine_decision", "fine_lapse"])
    assert {d.kind for d in terms} == {"fine_decision", "fine_lapse"}
    assert all(d.met_on == fined.decision_date for d in terms)
    proposed = EnforcementCase.objects.get(status=EnforcementStatus.PROPOSED)
    assert proposed.violation == "intake" and proposed.client.is_asylum_holder
    load_region(client_count=8)  # idempotent
    assert EnforcementCase.objects.count() == 2
