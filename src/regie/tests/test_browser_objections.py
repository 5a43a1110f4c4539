"""The objection register in a real browser: a case manager registers an objection against a PIP
and records the hearing; the team leader decides it (Awb art. 7:2, 7:10, 7:11); the team's
register page lists it. No serious or critical axe-core violation, no sideways scroll at 320 px.

The fixtures and helpers come from test_browser.py; ``demo`` is a small Westfriesland region.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_objections.py
"""

import datetime as dt
import re

import pytest

from django.utils import timezone

from regie.demo.loader import load_region
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    horizontal_overflow,
    log_in,
    make_page,
    pytestmark,
)

TODAY = timezone.localdate()


@pytest.fixture
def demo(transactional_db):
    load_region(client_count=12)


def day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).strftime("%d-%m-%Y")


def label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}( \(optioneel\))?$")


def test_objection_register_flow(make_page):  # noqa: F811
    from regie.objections.models import Objection
    from regie.plans.models import PlanVersion

    version = (
        PlanVersion.objects.filter(status="decided", client__case_manager__isnull=False)
        .exclude(client__objections__isnull=False)
        .select_related("client", "client__case_manager")
        .first()
    )
    client = version.client
    page = make_page()
    log_in(page, client.case_manager.username)
    page.goto(f"/klanten/{client.uuid}/bezwaar/")
    assert_accessible(page, "bezwaar registreren")

    # Bad input first: no received date; the error is next to the field, the input stays.
    page.get_by_label("PIP of bijstelling van het PIP", exact=True).check()
    page.get_by_label(label("PIP-versie")).select_option(index=1)
    page.get_by_label(label("Gronden van het bezwaar")).fill("De Z-route past niet bij mij.")
    page.get_by_role("button", name="Bezwaar registreren", exact=True).click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Fout:")
    assert "Vul de datum van ontvangst in." in page.locator(".error-summary").inner_text()
    assert page.get_by_label(label("Gronden van het bezwaar")).input_value() == (
        "De Z-route past niet bij mij."
    )
    page.get_by_label(label("Bezwaarschrift ontvangen op")).fill(day(20))
    page.get_by_role("button", name="Bezwaar registreren", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1
    assert "Beslissen uiterlijk (Awb art. 7:10)" in page.content()
    objection = Objection.objects.get(client=client)
    assert objection.received_on == TODAY - dt.timedelta(days=20)
    assert_accessible(page, "bezwaar")

    # The hearing (Awb art. 7:2).
    hearing = page.get_by_role("region", name="Horen vastleggen")
    hearing.get_by_label(label("Gehoord op")).fill(day(5))
    hearing.get_by_label(label("Verslag van het horen")).fill("De klant lichtte zijn bezwaar toe.")
    hearing.get_by_role("button", name="Horen vastleggen", exact=True).click()
    page.wait_for_load_state("load")
    assert "De klant lichtte zijn bezwaar toe." in page.content()
    assert page.get_by_role("region", name="Beslissen op het bezwaar").count() == 0

    # The team leader decides, in her own browser context.
    tl = make_page()
    log_in(tl, "teamleider")
    tl.goto(f"/klanten/{client.uuid}/bezwaar/{objection.uuid}/")
    decide = tl.get_by_role("region", name="Beslissen op het bezwaar")
    decide.get_by_label("Ongegrond", exact=True).check()
    decide.get_by_label(label("Beslist op")).fill(day(1))
    decide.get_by_label(label("Motivering (Awb art. 7:12)")).fill("Het PIP volgt uit de toets.")
    decide.get_by_role("button", name="Beslissen op het bezwaar", exact=True).click()
    tl.wait_for_load_state("load")
    assert "Het PIP volgt uit de toets." in tl.content()
    objection.refresh_from_db()
    assert objection.outcome == "ongegrond" and objection.decided_by.username == "teamleider"

    # The team's register: every objection, the decided one under "Alle bezwaren".
    menu = tl.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Bezwaren", exact=True).click()
    tl.wait_for_load_state("load")
    tl.get_by_role("link", name="Alle bezwaren", exact=True).click()
    tl.wait_for_load_state("load")
    assert client.full_name in tl.locator("main table").inner_text()
    assert_accessible(tl, "bezwarenregister")
    tl.set_viewport_size({"width": 320, "height": 640})
    overflow = horizontal_overflow(tl)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"register 320px: {overflow}"
    tl.goto(f"/klanten/{client.uuid}/bezwaar/{objection.uuid}/")
    overflow = horizontal_overflow(tl)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"bezwaar 320px: {overflow}"
