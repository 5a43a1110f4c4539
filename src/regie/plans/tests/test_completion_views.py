"""Issue 9 item 1 on screen: the plan page shows attended hours per rule, and staff record
attended hours (with who reported them) and the signing or an eindgesprek."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.clients.models import PermitType, TargetGroup
from regie.plans.models import AttendedActivity, Milestone

from .helpers import Z_COMPONENTS, decided_plan

DAY = dt.date(2025, 1, 15)


@pytest.fixture
def asylum_client(world):
    c = world.clients["own_cm1"]
    c.target_group, c.permit_type = TargetGroup.ASYLUM, PermitType.ASYLUM
    c.save()
    return c


def test_recorded_attended_hours_show_reporter_on_the_plan_page(
    world, login, client, asylum_client
):
    c = asylum_client
    decided_plan(world, c, DAY, route="z", components=Z_COMPONENTS)
    login(*world.as_role("cm1"))
    url = reverse("plans:activity_new", args=[c.uuid])
    # bad input: Dutch errors next to the fields, nothing lost
    r = client.post(url, {"kind": "participation", "hours": "0", "description": "Kringloop"})
    page = r.content.decode()
    assert r.status_code == 400 and "<title>Fout:" in page
    assert "meer dan 0" in page and "Kies wie de uren meldde." in page and "Kringloop" in page
    r = client.post(
        url,
        {
            "kind": "participation",
            "date": "01-03-2025",
            "hours": "12,5",
            "description": "Vrijwilligerswerk kringloop",
            "reported_by_kind": "vrijwilligersorganisatie",
            "reported_by_name": "Kringloop Hoorn",
        },
    )
    assert r.status_code == 302
    activity = AttendedActivity.objects.get(client=c)
    assert str(activity.hours) == "12.5" and activity.recorded_by == world.users["cm1"]
    page = client.get(reverse("plans:overview", args=[c.uuid])).content.decode()
    assert "Kringloop Hoorn (vrijwilligersorganisatie)" in page and "01-03-2025" in page
    assert "Z-route: participatie" in page and "Niet bevestigd" in page
    assert "Nog 787,5 uur" in page


def test_z_final_interview_form_names_the_missing_hours(world, login, client, asylum_client):
    c = asylum_client
    decided_plan(world, c, DAY, route="z", components=Z_COMPONENTS)
    login(*world.as_role("cm1"))
    url = reverse("plans:milestone_new", args=[c.uuid])
    r = client.post(
        url, {"kind": "z_final", "held_on": "01-09-2025", "conducted_by": "J. de Vries"}
    )
    page = r.content.decode()
    assert r.status_code == 400
    assert "Het eindgesprek Z-route kan pas na ten minste 800 gevolgde uren" in page
    assert "J. de Vries" in page  # input kept
    assert not Milestone.objects.exists()
    r = client.post(
        url, {"kind": "pvt_signed", "held_on": "01-03-2025", "conducted_by": "Wethouder"}
    )
    assert r.status_code == 302
    page = client.get(reverse("plans:overview", args=[c.uuid])).content.decode()
    assert "Participatieverklaring ondertekend" in page and "Wethouder" in page


def test_reader_cannot_record(world, login, client, asylum_client):
    decided_plan(world, asylum_client, DAY)
    login(*world.as_role("tl_b"))
    r = client.get(reverse("plans:activity_new", args=[asylum_client.uuid]))
    assert r.status_code in (403, 404)


def test_plan_page_completion_section_queries_do_not_grow_with_activities(
    world, login, client, asylum_client
):
    c = asylum_client
    decided_plan(world, c, DAY, route="z", components=Z_COMPONENTS)
    login(*world.as_role("cm1"))
    url = reverse("plans:overview", args=[c.uuid])

    def add(n):
        for i in range(n):
            AttendedActivity.objects.create(
                client=c,
                kind="participation",
                date=DAY + dt.timedelta(days=i),
                hours=4,
                description="Werk",
                reported_by_kind="werkgever",
                reported_by_name="Bakker",
                recorded_by=world.users["cm1"],
            )

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one)
