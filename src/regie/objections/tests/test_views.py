"""The Bezwaar dossier part, one objection, its letters and the team's register page."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.clients.tests.factories import ClientFactory
from regie.core.models import AccessLogEntry
from regie.objections import services
from regie.objections.models import DecisionKind, Objection, Outcome, WaiverGround

pytestmark = pytest.mark.django_db


def _objection(principal, world, pip, **extra):
    return services.register_objection(
        principal("cm1"),
        world.clients["own_cm1"],
        decision_kind=DecisionKind.PIP,
        plan_version=pip,
        received_on=dt.date(2026, 3, 20),
        **extra,
    )


def test_bezwaar_part_is_scoped_and_every_read_is_logged(world, login, client, pip):
    target = world.clients["own_cm1"]
    url = reverse("objections:dossier", args=[target.uuid])
    login(*world.as_role("cm2"))  # same team, not own caseload: read-only, logged
    response = client.get(url)
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(person_id=target.pk, part="bezwaar").exists()
    assert "Bezwaar registreren" not in response.content.decode()
    login(*world.as_role("cm_b"))
    assert client.get(url).status_code == 404


def test_registering_without_a_received_date_keeps_the_input_and_says_what_to_do(
    world, login, client, pip
):
    login(*world.as_role("cm1"))
    url = reverse("objections:dossier", args=[world.clients["own_cm1"].uuid])
    response = client.post(
        url, {"decision_kind": "pip", "plan_version": str(pip.uuid), "grounds": "Mijn gronden"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul de datum van ontvangst in." in page
    assert "Mijn gronden" in page
    assert not Objection.objects.exists()


def test_registering_an_objection_puts_the_decision_term_on_its_page(world, login, client, pip):
    login(*world.as_role("cm1"))
    url = reverse("objections:dossier", args=[world.clients["own_cm1"].uuid])
    response = client.post(
        url,
        {"decision_kind": "pip", "plan_version": str(pip.uuid), "received_on": "20-03-2026"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "26-05-2026" in page  # decide by (Awb art. 7:10)
    assert "14-04-2026" in page  # end of the objection term (Awb art. 6:7, 6:8)


def test_only_the_team_leader_sees_the_decision_form(world, login, client, principal, pip):
    objection = _objection(principal, world, pip)
    url = reverse("objections:detail", args=[objection.client.uuid, objection.uuid])
    login(*world.as_role("cm1"))
    assert "Beslissen op het bezwaar" not in client.get(url).content.decode()
    response = client.post(url, {"step": "beslissen"})
    assert response.status_code == 404
    login(*world.as_role("tl"))
    assert "Beslissen op het bezwaar" in client.get(url).content.decode()


def test_postponement_letter_is_a_pdf_and_its_download_is_logged(
    world, login, client, principal, pip
):
    objection = _objection(principal, world, pip)
    services.postpone(
        principal("cm1"), objection, objection.version, postponed_on=dt.date(2026, 5, 1), weeks=6
    )
    login(*world.as_role("cm1"))
    url = reverse("objections:letter", args=[objection.client.uuid, objection.uuid, "verdaging"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert AccessLogEntry.objects.filter(
        part="bezwaar", action=AccessLogEntry.Action.EXPORT
    ).exists()
    missing = reverse("objections:letter", args=[objection.client.uuid, objection.uuid, "uitstel"])
    assert client.get(missing).status_code == 404


def test_register_page_lists_only_objections_in_scope_with_flat_query_count(
    world, login, client, principal, pip
):
    login(*world.as_role("tl"))
    url = reverse("objections:register")

    def add(n):
        for _ in range(n):
            other = ClientFactory(
                municipality=world.orgs["a1"],
                team=world.orgs["team_a"],
                case_manager=world.users["cm1"],
            )
            services.register_objection(
                principal("cm1"),
                other,
                decision_kind=DecisionKind.REFUSAL,
                decision_description="Weigering verklaring te laat gestart aanbod",
                decision_date=dt.date(2026, 3, 2),
                received_on=dt.date(2026, 3, 20),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx.captured_queries), response.content.decode().count("Weigering van een")

    add(3)
    client.get(url)
    small, shown = count()
    assert shown == 3
    add(6)
    large, shown = count()
    assert shown == 9 and large == small
    login(*world.as_role("tl_b"))
    assert "Weigering van een" not in client.get(url).content.decode()
    login(*world.as_role("provider_p1"))
    assert client.get(url).status_code == 404


def test_decided_objections_leave_the_open_register(world, login, client, principal, pip):
    objection = _objection(principal, world, pip)
    services.waive_hearing(
        principal("cm1"), objection, objection.version, ground=WaiverGround.WAIVED
    )
    objection.refresh_from_db()
    services.decide(
        principal("tl"),
        objection,
        objection.version,
        outcome=Outcome.DISMISSED,
        decided_on=dt.date(2026, 5, 20),
        reasoning="Ongegrond.",
    )
    login(*world.as_role("tl"))
    url = reverse("objections:register")
    assert "PIP of bijstelling" not in client.get(url).content.decode()
    assert "PIP of bijstelling" in client.get(url + "?toon=alle").content.decode()


def test_stale_copy_of_an_objection_step_is_refused_with_409(world, login, client, principal, pip):
    objection = _objection(principal, world, pip)
    url = reverse("objections:detail", args=[objection.client.uuid, objection.uuid])
    login(*world.as_role("cm1"))
    stale = objection.version
    first = client.post(
        url,
        {
            "step": "hoorzitting",
            "hoorzitting-version": stale,
            "hoorzitting-planned_on": "01-05-2026",
        },
    )
    assert first.status_code == 302
    second = client.post(
        url,
        {
            "step": "horen",
            "horen-version": stale,
            "horen-held_on": "02-05-2026",
            "horen-report": "Mijn verslag van het horen",
        },
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Iemand anders heeft dit gewijzigd" in page
    assert "Mijn verslag van het horen" in page  # the second copy's input is shown again
    objection.refresh_from_db()
    assert objection.hearing_planned_on == dt.date(2026, 5, 1)
    assert objection.hearing_held_on is None


def test_bezwaar_part_lists_objections_with_flat_query_count(world, login, client, principal):
    target = world.clients["own_cm1"]
    url = reverse("objections:dossier", args=[target.uuid])
    login(*world.as_role("cm1"))

    def add(n):
        for _ in range(n):
            services.register_objection(
                principal("cm1"),
                target,
                decision_kind=DecisionKind.REFUSAL,
                decision_description="Weigering verklaring te laat gestart aanbod",
                decision_date=dt.date(2026, 3, 2),
                received_on=dt.date(2026, 3, 20),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx.captured_queries), response.content.decode().count("Weigering verklaring")

    add(2)
    client.get(url)
    small, shown = count()
    add(4)
    large, shown_large = count()
    assert (shown, shown_large) == (2, 6)
    assert large == small
