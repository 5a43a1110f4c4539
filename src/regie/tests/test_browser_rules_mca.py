"""Browser tests of issue 14 items 8 and 14: the functioneel beheerder makes a new rule-set
version with a preview of what changes for running cases, and keeps the decree days; the MCA
page marks a reconstruction and an illustration honestly. At 320 px, with axe.

Uses the fixtures of ``regie.tests.test_browser`` (Westfriesland demo, chromium, axe).
Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_rules_mca.py
"""

import pytest

from regie.tests.test_browser import (  # noqa: F401 (fixtures)
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


def _no_sideways_scroll(page, label):
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"{label}: {overflow}"


def test_rule_set_version_with_preview_then_save_at_320px(make_page):  # noqa: F811
    from regie.core.models import RuleSet

    page = make_page(viewport=NARROW)
    log_in(page, "beheerder")
    page.goto("/regels/nieuw/")
    assert page.title().startswith("Nieuwe versie regelset")
    _no_sideways_scroll(page, "regelset formulier")
    assert_accessible(page, "nieuwe versie regelset")
    page.get_by_label("Geldig vanaf").fill("01-07-2031")
    page.get_by_label("Omschrijving").fill("Versie juli 2031")
    block = page.locator("fieldset.card", has_text="Termijn PIP vaststellen").first
    block.get_by_label("Waarde (weken)").fill("12")
    block.get_by_label("Bevestigd", exact=True).check()
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    page.wait_for_load_state("load")
    preview = page.locator("[data-preview]")
    assert preview.get_by_role("heading", name="Wat verandert er voor lopende zaken?").is_visible()
    assert "Termijn PIP vaststellen" in preview.inner_text()
    assert not RuleSet.objects.filter(label="Versie juli 2031").exists()
    _no_sideways_scroll(page, "regelset voorbeeld")
    assert_accessible(page, "regelset voorbeeld")
    page.get_by_role("button", name="Regelset opslaan").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/regels/")
    row = RuleSet.objects.get(label="Versie juli 2031")
    assert row.values["pip_term_weeks"]["value"] == 12.0
    assert row.values["pip_term_weeks"]["unconfirmed"] is False


def test_decree_days_added_and_removed_at_320px(make_page):  # noqa: F811
    page = make_page(viewport=NARROW)
    log_in(page, "beheerder")
    page.goto("/regels/dagen/")
    _no_sideways_scroll(page, "gelijkgestelde dagen")
    assert_accessible(page, "gelijkgestelde dagen")
    page.get_by_role("button", name="Dag toevoegen").click()  # empty: errors, nothing lost
    page.wait_for_load_state("load")
    assert page.title().startswith("Fout:")
    page.get_by_label("Datum").fill("02-05-2031")
    page.get_by_label("Bron").fill("Besluit gelijkstelling 2031 (voorbeeld)")
    page.get_by_label("Niet bevestigd").check()
    page.get_by_role("button", name="Dag toevoegen").click()
    page.wait_for_load_state("load")
    assert "02-05-2031" in page.locator("main").inner_text()
    page.get_by_role("button", name="Verwijder 02-05-2031").click()
    page.wait_for_load_state("load")
    assert page.locator("[data-confirm-remove]").is_visible()
    assert_accessible(page, "dag verwijderen bevestigen")
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.wait_for_load_state("load")
    assert "Besluit gelijkstelling 2031" not in page.locator("main").inner_text()


def test_mca_reconstruction_and_illustration_are_marked_at_320px(make_page):  # noqa: F811
    page = make_page(viewport=NARROW)
    log_in(page, "werkgroep")
    page.goto("/mca/")
    page.get_by_role("link", name="reconstructie van de multicriteria-analyse").first.click()
    page.wait_for_load_state("load")
    main = page.locator("main").inner_text()
    assert "Wat de reconstructie niet kan dragen" in main
    verdict = page.locator("section", has=page.locator("#kop-oordeel")).inner_text()
    for name in ("Hoorn", "Enkhuizen", "Bestuurlijke eenduidigheid"):
        assert name not in verdict
    _no_sideways_scroll(page, "mca reconstructie")
    assert_accessible(page, "mca reconstructie")
    page.goto("/mca/")
    page.get_by_role("link", name="met synthesescenario").first.click()
    page.wait_for_load_state("load")
    assert "Dit voorbeeld wijst geen winnaar aan" in page.locator("main").inner_text()
