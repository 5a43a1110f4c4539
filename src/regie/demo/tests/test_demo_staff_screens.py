"""The demo region shows issue 14's staff screens: the team leader's decision queue, the
begeleider's work, and the provider's enrolment list with identifiers."""

from regie.core.hooks import decision_queue
from regie.core.models import RoleAssignment, WorkItem
from regie.core.principal import Principal
from regie.offer.selectors import visible_enrolments
from regie.progress.models import GuidanceAppointment, GuidanceNote


def _principal(username, role):
    row = RoleAssignment.objects.get(user__username=username, role=role)
    return Principal.from_assignment(row)


def test_demo_region_shows_decision_queue_begeleider_work_and_provider_enrolments(db):
    from regie.demo.loader import load_region

    load_region(client_count=8)
    queue = decision_queue(_principal("teamleider", "teamleider"))
    assert {r.kind for r in queue} >= {"Boete besluiten", "Bezwaar beslissen"}
    assert GuidanceNote.objects.count() >= 1 and GuidanceAppointment.objects.count() >= 1
    assert WorkItem.objects.filter(kind="progress.guidance_task", state="open").count() == 1
    # the provider's enrolment list: the small demo has few decided PIPs, so only "some
    # enrolment" here; the browser test on the full demo downloads the open ones
    assert visible_enrolments(_principal("aanbieder.fiolet", "aanbieder")).exists()
    load_region(client_count=8)  # idempotent
    assert WorkItem.objects.filter(kind="progress.guidance_task").count() == 1
