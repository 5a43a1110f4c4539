"""Issue 9 items 4 and 11 in a real browser: an over-AOW-age registration is warned and
registered after the case manager ticks "Ik heb gecontroleerd"; the dossier of a Wet inburgering
2013 case shows what applies, hides the PIP, reflows at 320 px and passes axe-core.

Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_duty.py
"""

import re

from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    NINE_DIGITS,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    fill_memorable_date,
    horizontal_overflow,
    log_in,
    make_page,
    pytestmark,
)


def label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}( \(optioneel\))?$")


def test_over_aow_age_is_warned_then_registered_after_the_check(make_page):  # noqa: F811
    from regie.clients.models import Client
    from regie.core.bsn import demo_bsns

    bsn = next(b for b in demo_bsns(40, start=97000) if not Client.objects.filter(bsn=b).exists())
    page = make_page()
    log_in(page, "klantregisseur")
    page.goto("/klanten/inschrijven/")
    page.get_by_label(label("BSN")).fill(bsn)
    page.get_by_label(label("Voornamen")).fill("Karim")
    page.get_by_label(label("Achternaam")).fill("Oudejaars")
    fill_memorable_date(page, "Geboortedatum", "01-01-1952")
    page.get_by_label(label("Gemeente")).select_option(label="Hoorn")
    page.get_by_label("Gezinsmigrant", exact=True).check()
    page.get_by_label("Reguliere vergunning", exact=True).check()
    page.get_by_label(label("Datum vergunning")).fill("01-09-2026")
    page.get_by_role("button", name="Klant inschrijven", exact=True).click()
    page.wait_for_load_state()
    assert "AOW-leeftijd" in page.locator(".error-message").first.inner_text()
    assert not Client.objects.filter(bsn=bsn).exists()
    assert_accessible(page, "inschrijven met leeftijdswaarschuwing")
    page.get_by_label(re.compile("^Ik heb gecontroleerd")).check()
    page.get_by_role("button", name="Klant inschrijven", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Karim Oudejaars")
    assert not NINE_DIGITS.search(page.url)
    assert Client.objects.get(bsn=bsn).age_checked


def test_wi2013_dossier_shows_what_applies_and_hides_the_pip(make_page):  # noqa: F811
    from regie.clients.models import Client

    old = Client.objects.filter(regime="wi2013").first()
    assert old is not None, "the demo has a Wi2013 case"
    page = make_page(viewport={"width": 320, "height": 640})
    log_in(page, old.case_manager.username)
    page.goto(f"/klanten/{old.uuid}/")
    main = page.locator("main").inner_text()
    assert "Wet inburgering 2013" in main and "vrijwillige aanbod" in main
    menu = page.get_by_role("navigation", name="Dossier").inner_text()
    assert "Plan" not in menu and "Intake" not in menu and "Voortgang" in menu
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow
    assert_accessible(page, "dossier Wi2013 op 320 px")
    page.get_by_role("link", name="Aanbod", exact=True).click()
    page.wait_for_load_state()
    assert "vrijwillige aanbod" in page.locator("main").inner_text()
    assert_accessible(page, "aanbod Wi2013")
