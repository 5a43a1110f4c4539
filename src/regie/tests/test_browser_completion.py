"""Issue 9 item 1 in a real browser: the plan page of the demo client with a completed PVT shows
the attended hours, who reported them and the signing; the form to record attended hours shows
its errors with focus and keeps the input; all axe clean and without sideways scroll at 320 px.

Run only these:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_completion.py
"""

import re

import pytest

from regie.tests.test_browser import (  # noqa: F401  (fixtures)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    horizontal_overflow,
    log_in,
    make_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NARROW = {"width": 320, "height": 640}


def _completed_pvt_client():
    from regie.plans.models import Milestone, MilestoneKind

    return Milestone.objects.get(kind=MilestoneKind.PVT_DECLARATION_SIGNED).client


def test_plan_page_shows_completed_pvt_with_attended_hours_and_records_more(make_page):  # noqa: F811
    page = make_page()
    client = _completed_pvt_client()
    log_in(page, "teamleider")
    page.goto(f"/klanten/{client.uuid}/plan/")
    section = page.locator("main")
    assert section.get_by_role("heading", name="Afronden: gevolgde uren en eindgesprekken")
    assert "Participatieverklaring ondertekend" in section.inner_text()
    assert "VluchtelingenWerk Noord-Holland (vrijwilligersorganisatie)" in section.inner_text()
    assert re.search(r"\d{2}-\d{2}-\d{4}", section.inner_text())
    assert_accessible(page, "planpagina met afronding")
    page.set_viewport_size(NARROW)
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow

    page.get_by_role("link", name="Gevolgde uren vastleggen").click()
    page.wait_for_load_state("load")
    assert_accessible(page, "gevolgde uren vastleggen")
    page.get_by_label("Activiteit", exact=True).fill("Taalcafé bibliotheek")
    page.get_by_role("button", name="Uren vastleggen").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Fout:"), page.title()
    focused = page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert focused
    assert page.get_by_label("Activiteit", exact=True).input_value() == "Taalcafé bibliotheek"
    assert_accessible(page, "gevolgde uren met fouten")
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow

    page.get_by_label("Onderdeel", exact=True).select_option("participation")
    page.get_by_label("Datum (of laatste dag van de periode)").fill("01-03-2025")
    page.get_by_label("Gevolgde uren", exact=True).fill("2,5")
    page.get_by_label("Vrijwilligersorganisatie", exact=True).check()
    page.get_by_label("Naam van die organisatie").fill("Bibliotheek Hoorn")
    page.get_by_role("button", name="Uren vastleggen").click()
    page.wait_for_url(re.compile(r"/plan/$"))
    assert "Bibliotheek Hoorn (vrijwilligersorganisatie)" in page.locator("main").inner_text()

    page.goto(f"/klanten/{client.uuid}/plan/ondertekening-eindgesprek/")
    assert_accessible(page, "ondertekening of eindgesprek vastleggen")
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow
