"""Browser tests of issue 14, items 2-4: the date of birth as Dag/Maand/Jaar, prefilled dates
as dd-mm-jjjj, and the audit screens as sentences, through chromium with axe.

Uses the fixtures of ``regie.tests.test_browser`` (Westfriesland demo, chromium, axe).
Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_staff_text.py
"""

import re

import pytest

from django.urls import reverse

from regie.tests.test_browser import (  # noqa: F401 (fixtures)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    fill_memorable_date,
    log_in,
    make_page,
    page,
)
from regie.tests.test_browser_lifecycle import new_bsn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}( \(optioneel\))?$")


def test_birth_date_is_entered_in_three_fields_and_errors_name_what_is_missing(page):  # noqa: F811
    from regie.clients.models import Client

    log_in(page, "klantregisseur")
    page.goto(reverse("clients:register"))
    birth = page.get_by_role("group", name="Geboortedatum")
    for part, autocomplete in (("Dag", "bday-day"), ("Maand", "bday-month"), ("Jaar", "bday-year")):
        box = birth.get_by_label(part, exact=True)
        assert box.get_attribute("inputmode") == "numeric"
        assert box.get_attribute("autocomplete") == autocomplete
    bsn = new_bsn()
    page.get_by_label(_label("BSN")).fill(bsn)
    page.get_by_label(_label("Voornamen")).fill("Noor")
    page.get_by_label(_label("Achternaam")).fill("Driedelig")
    birth.get_by_label("Dag", exact=True).fill("14")
    page.get_by_label(_label("Gemeente")).select_option(label="Hoorn")
    page.get_by_label("Asielstatushouder", exact=True).check()
    page.get_by_label("Asielvergunning", exact=True).check()
    page.get_by_label(_label("Datum vergunning")).fill("01-09-2026")
    page.get_by_role("button", name="Klant inschrijven", exact=True).click()
    page.wait_for_load_state("load")
    message = "De datum moet een maand en een jaar bevatten."
    summary = page.locator(".error-summary")
    assert message in summary.inner_text()
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.name") == "date_of_birth_dag"
    assert birth.get_by_label("Dag", exact=True).input_value() == "14"  # nothing lost
    assert_accessible(page, "inschrijven, geboortedatum onvolledig")

    fill_memorable_date(page, "Geboortedatum", "14-03-1990")
    page.get_by_role("button", name="Klant inschrijven", exact=True).click()
    page.wait_for_load_state("load")
    client = Client.objects.get(bsn=bsn)
    assert client.date_of_birth.isoformat() == "1990-03-14"
    assert "14-03-1990" in page.locator("main").inner_text()


def test_prefilled_date_fields_show_day_month_year(page):  # noqa: F811
    from regie.clients.models import Client

    client = (
        Client.objects.filter(case_manager__username="klantregisseur", permit_date__isnull=False)
        .order_by("pk")
        .first()
    )
    log_in(page, "klantregisseur")
    page.goto(reverse("clients:edit_dates", args=[client.uuid]))
    value = page.get_by_label(_label("Datum vergunning")).input_value()
    assert value == client.permit_date.strftime("%d-%m-%Y"), value
    assert not ISO_DATE.search(page.locator("main").inner_text())


def test_change_history_and_dossier_history_read_as_sentences(make_page):  # noqa: F811
    from regie.clients.models import Client

    client = Client.objects.filter(case_manager__username="klantregisseur").order_by("pk").first()
    cm = make_page()
    log_in(cm, "klantregisseur")
    cm.goto(reverse("clients:history", args=[client.uuid]))
    history = cm.locator("main").inner_text()
    assert re.search(r"(maakte|wijzigde|zette) ", history), history[:500]
    assert "{" not in history and not re.search(r"#\d", history)
    assert not ISO_DATE.search(history)
    assert_accessible(cm, "historie van het dossier")

    privacy = make_page()
    log_in(privacy, "privacy")
    privacy.goto(reverse("core:change_log"))
    changes = privacy.locator("main").inner_text()
    assert "logde in." in changes and "wijzigde" in changes
    assert "{" not in changes and not re.search(r"#\d", changes)
    assert "core.User" not in changes and client.full_name not in changes
    assert_accessible(privacy, "wijzigingen, privacy officer")
