"""Browser: the closing page asks only what the reason needs; the move page and the dossier's
reason and residence history are accessible and do not scroll sideways at 320 px (issue 9)."""

import pytest

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


@pytest.fixture
def demo(transactional_db):
    """A small Westfriesland region, with the closing and moving demo cases."""
    load_region(client_count=2)


def test_close_page_shows_only_the_date_the_reason_needs_and_the_dossier_shows_the_reason(
    make_page,  # noqa: F811
):
    from regie.clients.models import Client

    page = make_page(viewport={"width": 320, "height": 640})
    log_in(page, "klantregisseur")
    mover = Client.objects.get(surname="Sahin")  # open dossier, moved Hoorn -> Enkhuizen
    page.goto(f"/klanten/{mover.uuid}/duo-en-afsluiten/sluiten/")
    died_on = page.locator("#id_died_on")
    naturalised_on = page.locator("#id_naturalised_on")
    assert not died_on.is_visible() and not naturalised_on.is_visible()
    page.get_by_label("Overleden", exact=True).check()
    assert died_on.is_visible() and not naturalised_on.is_visible()
    page.get_by_label("Genaturaliseerd tot Nederlander", exact=True).check()
    assert naturalised_on.is_visible() and not died_on.is_visible()
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"sluiten 320px: {overflow}"
    assert_accessible(page, "dossier sluiten")

    page.goto(f"/klanten/{mover.uuid}/duo-en-afsluiten/verhuizing/")
    assert_accessible(page, "verhuizing binnen de regio")
    page.goto(f"/klanten/{mover.uuid}/duo-en-afsluiten/")
    text = page.locator("main").inner_text()
    assert "Woonperiodes" in text and "Enkhuizen" in text and "Hoorn" in text
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"duo 320px: {overflow}"

    deceased = Client.objects.get(surname="Abdi")
    page.goto(f"/klanten/{deceased.uuid}/duo-en-afsluiten/")
    text = page.locator("main").inner_text()
    assert "Overleden" in text and "Datum van overlijden" in text
    assert "Er gaan geen berichten of brieven meer naar de klant." in text
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"gesloten 320px: {overflow}"
    assert_accessible(page, "gesloten dossier met reden")
