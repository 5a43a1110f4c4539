import datetime as dt

import pytest

from django.core import mail

from regie.core.models import AccessLogEntry, WorkItem
from regie.intake.models import SpecialCategoryRecord  # noqa: F401  (never shown: see below)
from regie.portal import selectors, services
from regie.portal.models import Difference, Feedback, Message, Request
from regie.portal.session import SESSION_KEY

PAGES = [
    "/mijn/",
    "/mijn/plan/",
    "/mijn/afspraken/",
    "/mijn/berichten/",
    "/mijn/mening/",
    "/mijn/gemeente/",
]


@pytest.fixture
def me(client, newcomer):
    session = client.session
    session[SESSION_KEY] = newcomer.pk
    session.save()
    return newcomer


def test_plan_in_plain_words_without_internal_notes(client, me):
    body = client.get("/mijn/plan/").content.decode()
    assert "B1-route" in body and "600" in body
    assert "boete" in body  # the legal consequence, in simple words
    assert "INTERNE NOTITIE" not in body


def test_decision_pdf_is_downloadable(client, me):
    response = client.get("/mijn/plan/beschikking.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_every_page_is_logged_as_own_access(client, me):
    before = AccessLogEntry.objects.filter(person_id=me.pk, channel="self").count()
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    rows = AccessLogEntry.objects.filter(person_id=me.pk, channel="self").order_by("id")
    assert rows.count() == before + len(PAGES)
    assert {r.role for r in rows} == {"inburgeraar"}
    assert all(r.actor_id is None for r in rows)


def test_household_member_sees_nothing_of_another_adult(client, me, world):
    other = world.clients["income"]
    Message.objects.create(client=other, direction="in", body="GEHEIM van de ander")
    for url in PAGES:
        body = client.get(url).content.decode()
        assert other.surname not in body and "GEHEIM" not in body, url
        assert other.bsn not in body and me.bsn not in body


def test_portal_session_gets_nothing_from_the_api_or_staff_pages(client, me):
    for url in ("/api/v1/klanten/", f"/api/v1/klanten/{me.uuid}/", "/api/v1/ik/"):
        assert client.get(url).status_code in (401, 403), url
    staff = client.get(f"/klanten/{me.uuid}/")
    assert staff.status_code == 302 and "/inloggen/" in staff["Location"]
    assert client.get(f"/portaal/berichten/{me.uuid}/").status_code == 302


def test_interpreter_request_lands_in_case_managers_worklist(client, me, world):
    ref = selectors.appointments(me)[0].ref
    response = client.post(
        "/mijn/afspraken/",
        {"appointment": ref, "kind": "interpreter", "language": "Tigrinya", "mode": "phone"},
    )
    assert response.status_code == 302
    req = Request.objects.get(client=me)
    assert req.language == "Tigrinya" and req.mode == "phone"
    item = WorkItem.objects.get(kind="portal.request")
    assert item.assignee == world.users["cm1"] and item.subject_id == me.pk


def test_interpreter_request_without_language_is_a_clear_400(client, me):
    ref = selectors.appointments(me)[0].ref
    response = client.post("/mijn/afspraken/", {"appointment": ref, "kind": "interpreter"})
    assert response.status_code == 400 and "taal" in response.content.decode()
    assert (
        client.post(
            "/mijn/afspraken/", {"appointment": "review:bestaat-niet", "kind": "change"}
        ).status_code
        == 400
    )


def test_message_and_answer_with_notice_without_personal_data(
    client, me, world, login, django_capture_on_commit_callbacks
):
    world.users["cm1"].email = "cm1@example.org"
    world.users["cm1"].save()
    me.email = "klant@example.org"
    me.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post("/mijn/berichten/", {"body": "Mag ik een vraag stellen?"}).status_code
            == 302
        )
    assert WorkItem.objects.filter(kind="portal.message", state="open").count() == 1
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    for secret in (me.surname, me.given_names, me.bsn, "vraag"):
        assert secret not in notice.subject + notice.body
    staff = login(*world.as_role("cm1"), c=type(client)())
    page = staff.get(f"/portaal/berichten/{me.uuid}/")
    assert page.status_code == 200 and "Mag ik een vraag stellen?" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            staff.post(f"/portaal/berichten/{me.uuid}/", {"body": "Ja, natuurlijk."}).status_code
            == 302
        )
    assert WorkItem.objects.get(kind="portal.message").state != "open"
    assert mail.outbox[-1].to == ["klant@example.org"] and me.surname not in mail.outbox[-1].body
    assert "Ja, natuurlijk." in client.get("/mijn/berichten/").content.decode()


def test_other_case_manager_from_other_region_cannot_answer(world, me, login, client):
    staff = login(*world.as_role("cm_b"))
    assert staff.get(f"/portaal/berichten/{me.uuid}/").status_code == 404


def test_feedback_once_per_moment_and_aggregates_suppressed_under_five(client, me, world):
    moment = selectors.open_feedback_moments(me)[0]
    assert (
        client.post(
            "/mijn/mening/", {"moment": moment.ref, "score": "4", "text": "Fijn"}
        ).status_code
        == 302
    )
    again = client.post("/mijn/mening/", {"moment": moment.ref, "score": "5"})
    assert again.status_code == 400
    assert client.post("/mijn/mening/", {"moment": moment.ref, "score": "9"}).status_code == 400
    rows = {r["kind"]: r for r in selectors.feedback_aggregates()}
    assert rows[moment.kind]["suppressed"] and rows[moment.kind]["n"] is None
    from regie.clients.tests.factories import ClientFactory

    for score in (1, 2, 3, 5):
        other = ClientFactory(municipality=me.municipality, team=me.team)
        Feedback.objects.create(
            client=other,
            moment_kind=moment.kind,
            moment_ref="x",
            moment_date=dt.date.today(),
            municipality=me.municipality,
            score=score,
        )
    rows = {
        r["kind"]: r for r in selectors.feedback_aggregates(municipality_ids=[me.municipality_id])
    }
    assert not rows[moment.kind]["suppressed"] and rows[moment.kind]["n"] == 5
    assert rows[moment.kind]["average"] == 3.0


def test_differences_register_own_municipality_only(world, me, client, login):
    officer = world.as_role("policy_a1")
    staff = login(*officer, c=type(client)())
    response = staff.post(
        "/portaal/verschillen/nieuw/",
        {
            "topic": "childcare",
            "description": "Gratis opvang tijdens les",
            "reason": "Raadsbesluit 2025",
        },
    )
    assert response.status_code == 302
    diff = Difference.objects.get()
    assert diff.municipality == world.orgs["a1"]
    assert "Gratis opvang" in client.get("/mijn/gemeente/").content.decode()
    other = login(*world.as_role("policy_b1"), c=type(client)())
    assert (
        other.post(
            f"/portaal/verschillen/{diff.pk}/", {"description": "x", "reason": "y", "version": "1"}
        ).status_code
        == 404
    )
    cm = login(*world.as_role("cm1"), c=type(client)())
    assert cm.get("/portaal/verschillen/nieuw/").status_code == 403
    overview = cm.get("/portaal/verschillen/").content.decode()
    assert "Gemeente A1" in overview and "Gemeente A2" in overview and "Gratis opvang" in overview
    stale = staff.post(
        f"/portaal/verschillen/{diff.pk}/", {"description": "a", "reason": "b", "version": "0"}
    )
    assert stale.status_code == 400


def test_services_refuse_empty_message(me):
    with pytest.raises(services.PortalError):
        services.send_message(me, "   ")


def test_request_shows_in_the_case_managers_worklist_with_a_link(client, me, world, login):
    ref = selectors.appointments(me)[0].ref
    client.post("/mijn/afspraken/", {"appointment": ref, "kind": "change", "note": "Ik ben ziek"})
    staff = login(*world.as_role("cm1"), c=type(client)())
    body = staff.get("/klanten/werkvoorraad/").content.decode()
    assert "Verzoek uit het portaal" in body
    assert f"/portaal/berichten/{me.uuid}/" in body
    page = staff.get(f"/portaal/berichten/{me.uuid}/").content.decode()
    assert "Ik ben ziek" in page


def test_provider_staff_does_not_see_the_differences(world, client, login):
    staff = login(*world.as_role("provider_p1"))
    assert staff.get("/portaal/verschillen/").status_code == 403


def test_quality_page_shows_feedback_only_from_five_answers(world, client, login, me):
    from django.urls import reverse

    from regie.clients.tests.factories import ClientFactory

    staff = login(*world.as_role("contract"))
    body = staff.get(reverse("reporting:quality")).content.decode()
    assert "Mening van inburgeraars" in body and "Minder dan vijf antwoorden" in body
    for score in (4, 4, 5, 3, 4):
        Feedback.objects.create(
            client=ClientFactory(municipality=me.municipality, team=me.team),
            moment_kind="review",
            moment_ref="r",
            moment_date=dt.date.today(),
            municipality=me.municipality,
            score=score,
        )
    body = staff.get(reverse("reporting:quality")).content.decode()
    assert "4,0" in body  # average of five answers, Dutch decimal comma
