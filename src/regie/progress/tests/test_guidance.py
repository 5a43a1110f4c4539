"""Issue 14 item 6: the maatschappelijk begeleider's work. His appointments and guidance notes
(only for clients assigned to him), the note form's pointer to the special-category record he
cannot open, questions from the case manager as his work items, his start page, and the case
manager reading his notes in the dossier."""

import datetime as dt

import pytest

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.clients.tests.factories import ClientFactory
from regie.core.principal import Principal
from regie.core.selectors import open_work_items
from regie.progress import guidance, services
from regie.progress.models import GuidanceAppointment, GuidanceNote

pytestmark = pytest.mark.django_db


def _p(world, key):
    return Principal.from_assignment(world.assignments[key])


def test_begeleider_writes_notes_and_appointments_only_for_clients_assigned_to_him(world):
    guide = _p(world, "guide")
    today = timezone.localdate()
    mine = world.clients["own_cm2"]
    note = services.add_guidance_note(guide, mine, on_date=today, text="Post doorgenomen.")
    assert note.author == world.users["guide"]
    services.plan_guidance_appointment(
        guide, mine, on_date=today, at_time=dt.time(14, 30), place="Thuis", subject="Post"
    )
    for other in ("own_cm1", "income", "region_b"):
        with pytest.raises(PermissionDenied):
            services.add_guidance_note(guide, world.clients[other], on_date=today, text="x")
    # the case manager records no guidance notes in the begeleider's name
    with pytest.raises(PermissionDenied):
        services.add_guidance_note(_p(world, "cm2"), mine, on_date=today, text="x")


def test_guidance_note_date_in_the_future_and_appointment_in_the_past_are_refused(world):
    guide = _p(world, "guide")
    today = timezone.localdate()
    mine = world.clients["own_cm2"]
    with pytest.raises(services.ProgressError, match="toekomst"):
        services.add_guidance_note(guide, mine, on_date=today + dt.timedelta(days=1), text="x")
    with pytest.raises(services.ProgressError, match="verleden"):
        services.plan_guidance_appointment(
            guide,
            mine,
            on_date=today - dt.timedelta(days=1),
            at_time=dt.time(9, 0),
            place="Thuis",
            subject="Post",
        )


def test_note_form_points_health_matters_to_the_special_category_record_he_cannot_open(
    world, login, client
):
    login(*world.as_role("guide"))
    mine = world.clients["own_cm2"]
    page = client.get(reverse("progress:guidance_note", args=[mine.uuid])).content.decode()
    assert "bijzondere persoonsgegevens van de intake, dat u niet kunt openen" in page
    assert client.get(reverse("intake:special", args=[mine.uuid])).status_code == 404
    assert client.get(reverse("intake:overview", args=[mine.uuid])).status_code == 404
    # posting a note: errors in Dutch next to the field, the text kept
    response = client.post(
        reverse("progress:guidance_note", args=[mine.uuid]), {"on_date": "", "text": "Bezoek"}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Vul de datum van het contact in." in body
    assert "Bezoek" in body
    response = client.post(
        reverse("progress:guidance_note", args=[mine.uuid]),
        {"on_date": timezone.localdate().strftime("%d-%m-%Y"), "text": "Bezoek"},
    )
    assert response.status_code == 302
    assert GuidanceNote.objects.filter(client=mine, text="Bezoek").exists()


def test_case_manager_and_team_leader_read_the_begeleiders_notes_in_the_dossier(
    world, login, client
):
    mine = world.clients["own_cm2"]
    services.add_guidance_note(
        _p(world, "guide"), mine, on_date=timezone.localdate(), text="Huurtoeslag aangevraagd."
    )
    for key in ("cm2", "cm1", "tl"):
        login(*world.as_role(key))
        page = client.get(reverse("progress:guidance", args=[mine.uuid])).content.decode()
        assert "Huurtoeslag aangevraagd." in page
    for key in ("provider_p1", "income", "tl_b", "policy_a1"):
        login(*world.as_role(key))
        assert client.get(reverse("progress:guidance", args=[mine.uuid])).status_code == 404
    # the begeleider of another client sees nothing of this one
    login(*world.as_role("guide"))
    other = world.clients["own_cm1"]
    assert client.get(reverse("progress:guidance", args=[other.uuid])).status_code == 404


def test_case_manager_question_becomes_a_work_item_of_the_clients_begeleider(world, login, client):
    mine = world.clients["own_cm2"]
    item = services.ask_guide(_p(world, "cm2"), mine, text="Help met de DigiD-aanvraag.")
    assert item.assignee == world.users["guide"] and item.role == "begeleider"
    assert list(open_work_items(_p(world, "guide"))) == [item]
    assert item not in open_work_items(_p(world, "cm1"))
    # only with full access (own client), and only when the client has a begeleider
    with pytest.raises(PermissionDenied):
        services.ask_guide(_p(world, "cm1"), mine, text="x")
    with pytest.raises(services.ProgressError):
        services.ask_guide(_p(world, "cm1"), world.clients["own_cm1"], text="x")
    login(*world.as_role("cm2"))
    response = client.post(
        reverse("progress:guidance_ask", args=[mine.uuid]), {"text": "Bel de woningcorporatie."}
    )
    assert response.status_code == 302
    login(*world.as_role("guide"))
    page = client.get(reverse("core:work_items")).content.decode()
    assert "Bel de woningcorporatie." in page and "Vraag van de klantregisseur" in page


def test_begeleider_start_page_shows_week_appointments_open_questions_and_quiet_clients(
    world, login, client
):
    guide = _p(world, "guide")
    today = timezone.localdate()
    mine = world.clients["own_cm2"]
    services.plan_guidance_appointment(
        guide, mine, on_date=today, at_time=dt.time(10, 0), place="Stadhuis", subject="Post"
    )
    services.ask_guide(_p(world, "cm2"), mine, text="Help met de DigiD-aanvraag.")
    login(*world.as_role("guide"))
    page = client.get(reverse("core:home")).content.decode()
    assert "Wat op u wacht" in page and "Stadhuis" in page
    assert "1 open vraag" in page
    assert "Geen notitie in de laatste 30 dagen" in page and mine.surname in page
    services.add_guidance_note(guide, mine, on_date=today, text="Gesproken.")
    page = client.get(reverse("core:home")).content.decode()
    assert "Van al uw klanten is er een recente notitie." in page
    # the case manager has no such card
    login(*world.as_role("cm2"))
    assert "Wat op u wacht" not in client.get(reverse("core:home")).content.decode()


def test_begeleider_start_card_query_count_does_not_grow_with_clients(world):
    guide = _p(world, "guide")
    today = timezone.localdate()

    def card_queries():
        with CaptureQueriesContext(connection) as ctx:
            guidance.guide_card(None, guide)
        return len(ctx)

    few = card_queries()
    for _i in range(6):
        c = ClientFactory(
            municipality=world.orgs["a1"], team=world.orgs["team_a"], social_guide=guide.user
        )
        GuidanceAppointment.objects.create(
            client=c,
            guide=guide.user,
            on_date=today,
            at_time=dt.time(9, 0),
            place="Thuis",
            subject="Post",
        )
    assert card_queries() == few
