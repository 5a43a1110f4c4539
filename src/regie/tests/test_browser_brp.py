"""Registration with the BRP prefill in a real browser, against the BRP stand-in on 127.0.0.1.

A case manager types a BSN, presses "Ophalen uit de BRP" and gets name, birth date and
municipality filled in, the address and the partner, children and parents shown; she completes
the rest and registers the client. A person with secrecy gets the warning, a person under
investigation the note next to the field; a BRP failure leaves a form that works by hand. No
BSN in any URL; the pages pass axe-core; each query is in the access log with its purpose.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_brp.py
"""

import re

import pytest

from regie.demo.loader import load_region
from regie.exchange.brp.standin import BrpStandIn
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    NINE_DIGITS,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    horizontal_overflow,
    log_in,
    make_page,
    memorable_date_value,
    pytestmark,
)

AMAL = "999995005"
SECRET = "999995030"
INVESTIGATED = "999995042"


@pytest.fixture
def demo(transactional_db):
    """A small Westfriesland region: organisations, users and two demo clients."""
    load_region(client_count=2)


@pytest.fixture
def brp(settings):
    with BrpStandIn() as standin:
        settings.REGIE_BRP_URL = standin.url
        settings.REGIE_BRP_TIMEOUT = 2
        yield standin


def label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}( \(optioneel\))?$")


def fetch(page, bsn: str) -> None:
    page.get_by_label(label("BSN")).fill(bsn)
    page.get_by_role("button", name="Ophalen uit de BRP", exact=True).click()
    page.wait_for_load_state()
    assert not NINE_DIGITS.search(page.url), page.url


def test_registration_with_the_brp_prefill(make_page, brp):  # noqa: F811
    from regie.clients.models import Client
    from regie.core.models import AccessLogEntry

    page = make_page()
    log_in(page, "klantregisseur")
    page.goto("/klanten/inschrijven/")
    fetch(page, AMAL)

    assert page.get_by_label(label("Voornamen")).input_value() == "Amal Noor"
    assert page.get_by_label(label("Achternaam")).input_value() == "Haddad"
    assert memorable_date_value(page, "Geboortedatum") == "14-03-1990"
    assert page.get_by_label(label("BSN")).input_value() == AMAL
    municipality = page.get_by_label(label("Gemeente"))
    assert municipality.locator("option:checked").inner_text() == "Hoorn"
    result = page.locator("#brp-result")
    assert "Grote Noord 12a" in result.inner_text()
    relatives = page.get_by_role("table", name="Partner, kinderen en ouders volgens de BRP")
    text = relatives.inner_text()
    for expected in ("Yusuf Haddad", "Lina Haddad", "Omar Haddad", "Karim Haddad", "Rania Khoury"):
        assert expected in text
    assert "Geheimhouding" not in page.content()
    assert_accessible(page, "inschrijven na BRP-opvraging")

    # the rest by hand, then register
    page.get_by_label("Asielstatushouder", exact=True).check()
    page.get_by_label("Asielvergunning", exact=True).check()
    page.get_by_label(label("Datum vergunning")).fill("02-09-2026")
    page.get_by_role("button", name="Klant inschrijven", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Amal Noor Haddad")
    assert not NINE_DIGITS.search(page.url)
    client = Client.objects.get(bsn=AMAL)
    assert (client.given_names, client.surname) == ("Amal Noor", "Haddad")
    assert client.municipality.name == "Hoorn"

    rows = AccessLogEntry.objects.filter(activity__key="brp-raadplegen")
    assert rows.count() == 1
    assert "BRP" in rows.get().purpose
    assert [len(b["burgerservicenummer"]) for b in brp.requests] == [1]


def test_secret_person_and_person_under_investigation(make_page, brp):  # noqa: F811
    page = make_page()
    log_in(page, "klantregisseur")
    page.goto("/klanten/inschrijven/")
    fetch(page, SECRET)
    warning = page.get_by_role("region", name="Geheimhouding persoonsgegevens")
    assert "niet aan derden" in warning.inner_text()
    # Enkhuizen is in the region: chosen
    assert (
        page.get_by_label(label("Gemeente")).locator("option:checked").inner_text() == "Enkhuizen"
    )

    fetch(page, INVESTIGATED)
    surname = page.get_by_label(label("Achternaam"))
    described = surname.get_attribute("aria-describedby") or ""
    notes = " ".join(page.locator(f"#{i}").inner_text() for i in described.split() if i)
    assert "In onderzoek" in notes, notes
    assert "onvolledig" in page.content() or "niet volledig" in page.content()
    assert memorable_date_value(page, "Geboortedatum") == ""
    assert "In onderzoek" in page.locator("#brp-result").inner_text()  # the address
    assert_accessible(page, "inschrijven, persoon in onderzoek")

    # reflow at 320 px: nothing wider than the screen outside a table region
    page.set_viewport_size({"width": 320, "height": 800})
    fetch(page, "999995005")
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow


def test_brp_failure_leaves_a_form_that_works_by_hand(make_page, brp):  # noqa: F811
    page = make_page()
    log_in(page, "klantregisseur")
    page.goto("/klanten/inschrijven/")
    page.get_by_label(label("Voornamen")).fill("Zelf")
    brp.fail("500")
    fetch(page, AMAL)
    alert = page.get_by_role("alert")
    assert "storing" in alert.inner_text()
    # what was typed stays
    assert page.get_by_label(label("Voornamen")).input_value() == "Zelf"
    assert page.get_by_label(label("BSN")).input_value() == AMAL
