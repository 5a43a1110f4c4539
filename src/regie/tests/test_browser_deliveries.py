"""The functional administrator's deliveries screen in a real browser: a ZGW delivery in the dead
letter with its reason, re-queued after the cause is fixed and then delivered to the ZGW stand-in.
The page passes axe-core and reflows at 320 px; it shows no BSN.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_deliveries.py
"""

import pytest

from regie.demo.loader import load_region
from regie.exchange.standin.zgw import ZgwStandIn
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    NINE_DIGITS,
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
    load_region(client_count=1)


@pytest.fixture
def zgw(settings):
    with ZgwStandIn() as standin:
        for key, value in standin.settings().items():
            setattr(settings, key, value)
        settings.REGIE_DELIVERY_TIMEOUT = 3
        yield standin


def test_dead_letter_requeued_and_delivered(make_page, zgw, settings, monkeypatch):  # noqa: F811
    from regie.clients.models import Client
    from regie.core.models import OutboxMessage
    from regie.exchange import delivery
    from regie.exchange.models import Delivery, DeliveryState
    from regie.exchange.zgw import export

    monkeypatch.setattr(export, "render_pip_pdf", lambda version: b"%PDF-1.4\n%%EOF\n")
    monkeypatch.setattr(export, "render_fine_pdf", lambda case: b"%PDF-1.4\n%%EOF\n")
    client = Client.objects.first()
    OutboxMessage.objects.create(
        recipient="ZGW", message_type="zgw.case", person_id=client.pk, payload={}
    )
    settings.REGIE_ZGW_SECRET = "a-wrong-secret-of-at-least-32-bytes!"
    delivery.deliver_due()
    dead = Delivery.objects.get(receiver="zgw")
    assert dead.state == DeliveryState.DEAD

    page = make_page()
    log_in(page, "beheerder")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Afleveringen"
    ).click()
    page.get_by_role("heading", name="Onafleverbare berichten").wait_for()
    assert "403" in page.content()
    assert client.bsn not in page.content() and not NINE_DIGITS.search(page.url)
    assert_accessible(page, "afleveringen")
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"] and not overflow["culprits"], overflow
    page.set_viewport_size({"width": 1280, "height": 900})

    settings.REGIE_ZGW_SECRET = zgw.secret
    page.get_by_role("button", name="Opnieuw aanbieden").click()
    page.get_by_text("De aflevering is opnieuw aangeboden.").wait_for()
    assert_accessible(page, "afleveringen na opnieuw aanbieden")
    delivery.deliver_due()
    dead.refresh_from_db()
    assert dead.state == DeliveryState.DELIVERED
    assert len(zgw.items("zaken")) == 1
    page.reload()
    assert "Er zijn geen onafleverbare berichten." in page.content()
