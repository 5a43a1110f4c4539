"""The demo shows issue 9 item 1: a completed PVT with attended hours, who reported them, the
signed participatieverklaring, and the PVT message to DUO."""

import pytest

from regie.core.models import OutboxMessage
from regie.demo import completion
from regie.demo.loader import load_region
from regie.plans.models import AttendedActivity, Milestone, MilestoneKind


@pytest.mark.django_db
def test_demo_has_a_completed_pvt_with_attended_hours_and_signing():
    load_region(client_count=8)
    signed = Milestone.objects.get(kind=MilestoneKind.PVT_DECLARATION_SIGNED)
    client = signed.client
    activities = AttendedActivity.objects.filter(client=client, kind="pvt")
    assert sum(a.hours for a in activities) >= 12
    assert {a.reported_by_kind for a in activities} == {"gemeente", "vrijwilligersorganisatie"}
    message = OutboxMessage.objects.get(message_type="pvt.completed", person_id=client.pk)
    assert message.payload["data"]["hours"] == 12
    # idempotent: a second run records nothing
    assert completion.load({"team": client.team}) == {"pvt_completed": 0, "z_hours": 0}
