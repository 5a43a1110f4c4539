"""Browser tests of issue 14 items 5-7: the team leader's decision queue (start page and
worklist filter), the maatschappelijk begeleider's work (start page, Begeleiding, a note read
by the case manager) and the provider's enrolment list with identifiers, CSV export and the
pre-filled report file. Each screen with axe and at 320 px without sideways scrolling.

Uses the fixtures of ``regie.tests.test_browser`` (Westfriesland demo, chromium, axe).
Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_staff_roles.py
"""

from pathlib import Path

import pytest

from django.urls import reverse

from regie.tests.test_browser import (  # noqa: F401 (fixtures)
    NARROW,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    horizontal_overflow,
    log_in,
    make_page,
    page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _narrow_ok(pg, label):
    pg.set_viewport_size(NARROW)
    overflow = horizontal_overflow(pg)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"{label} 320px: {overflow}"
    assert_accessible(pg, f"{label} op 320 px")
    pg.set_viewport_size({"width": 1280, "height": 720})


def test_team_leader_decision_queue_on_start_page_and_worklist_filter(make_page):  # noqa: F811
    tl = make_page()
    log_in(tl, "teamleider")
    card = tl.locator("section[aria-labelledby=card-besluiten]")
    assert card.get_by_role("heading", name="Besluiten te nemen").is_visible()
    assert "Boete besluiten" in card.inner_text() and "uiterlijk" in card.inner_text()
    assert_accessible(tl, "startpagina teamleider")
    _narrow_ok(tl, "startpagina teamleider")
    card.get_by_role("link", name="Alle besluiten in de werkvoorraad").click()
    tl.wait_for_load_state("load")
    assert tl.get_by_label("Tonen").input_value() == "besluiten"
    table = tl.get_by_role("region", name="Besluiten te nemen, vroegste uiterste datum eerst")
    assert "Boete besluiten" in table.inner_text() and "dag" in table.inner_text()
    assert tl.locator("#sec-overdue").count() == 0
    assert_accessible(tl, "werkvoorraad: besluiten te nemen")
    _narrow_ok(tl, "werkvoorraad: besluiten te nemen")


def test_begeleider_start_page_note_and_case_manager_reads_it(make_page):  # noqa: F811
    from regie.clients.models import Client

    guide = make_page()
    log_in(guide, "begeleider")
    card = guide.locator("section[aria-labelledby=card-begeleiding]")
    assert card.get_by_role("heading", name="Wat op u wacht").is_visible()
    assert "1 open vraag" in card.inner_text()
    assert_accessible(guide, "startpagina begeleider")
    _narrow_ok(guide, "startpagina begeleider")

    client = Client.objects.filter(social_guide__username="begeleider").order_by("pk").first()
    guide.goto(reverse("progress:guidance", args=[client.uuid]))
    assert guide.get_by_role("heading", name="Notities").is_visible()
    assert_accessible(guide, "begeleiding")
    _narrow_ok(guide, "begeleiding")
    guide.get_by_role("link", name="Notitie toevoegen").click()
    guide.wait_for_load_state("load")
    assert "dat u niet kunt openen" in guide.locator("main").inner_text()
    guide.get_by_label("Notitie").fill("Samen naar het gemeentehuis voor een ID-kaart.")
    guide.get_by_role("button", name="Notitie opslaan").click()  # no date: error, text kept
    guide.wait_for_load_state("load")
    assert guide.title().startswith("Fout:")
    assert guide.get_by_label("Notitie").input_value().startswith("Samen naar het gemeentehuis")
    assert_accessible(guide, "notitie met fout")
    _narrow_ok(guide, "notitie met fout")
    from django.utils import timezone

    guide.get_by_label("Datum contact").fill(timezone.localdate().strftime("%d-%m-%Y"))
    guide.get_by_role("button", name="Notitie opslaan").click()
    guide.wait_for_load_state("load")
    assert "Samen naar het gemeentehuis voor een ID-kaart." in guide.locator("main").inner_text()

    cm = make_page()
    log_in(cm, client.case_manager.username)
    cm.goto(reverse("progress:guidance", args=[client.uuid]))
    assert "Samen naar het gemeentehuis voor een ID-kaart." in cm.locator("main").inner_text()
    assert cm.get_by_role("link", name="Vraag aan de begeleider").is_visible()


def test_provider_enrolment_list_with_identifiers_export_and_prefilled_report_file(make_page):  # noqa: F811
    from regie.offer.models import Enrolment, EnrolmentStatus

    enrolment = Enrolment.objects.filter(provider__name="Fiolet").order_by("pk").first()
    assert enrolment is not None
    Enrolment.objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.STARTED)
    provider = make_page()
    log_in(provider, "aanbieder.fiolet")
    provider.goto(reverse("offer:enrolments"))
    assert str(enrolment.uuid) in provider.locator("main").inner_text()
    assert_accessible(provider, "inschrijvingen aanbieder")
    _narrow_ok(provider, "inschrijvingen aanbieder")
    provider.get_by_label("Status").select_option(label="Gestart")
    provider.get_by_role("button", name="Filters toepassen").click()
    provider.wait_for_load_state("load")
    assert str(enrolment.uuid) in provider.locator("main").inner_text()
    with provider.expect_download() as download:
        provider.get_by_role("link", name="Deze lijst downloaden (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("inschrijving;naam;bsn;") and str(enrolment.uuid) in text
    with provider.expect_download() as download:
        provider.get_by_role(
            "link", name="Meldingenbestand met uw open inschrijvingen downloaden (CSV)"
        ).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("kenmerk;inschrijving;soort;") and str(enrolment.uuid) in text
