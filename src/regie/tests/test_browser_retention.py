"""Issue 15 item 14 in a real browser: a special-category record of a closed case is on the
destruction list; the functional administrator approves, the privacy officer (own browser
context) approves, and only then is it destroyed. No serious axe violation, no horizontal scroll
at 320 CSS px on the destruction page.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_retention.py
"""

import datetime as dt
import re

import pytest

from regie.demo.loader import load_region
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    log_in,
    make_page,
    pytestmark,
)


@pytest.fixture
def demo(transactional_db):
    """A small demo region with one closed case holding a special-category record, listed."""
    from django.utils import timezone

    from regie.clients.models import Client, ClientStatus
    from regie.core import retention
    from regie.intake.models import SpecialCategoryRecord

    load_region(client_count=1)
    client = Client.objects.order_by("pk").first()
    SpecialCategoryRecord.objects.update_or_create(
        client=client, defaults={"mental_health": "Vertrouwelijk"}
    )
    today = timezone.localdate()
    Client.objects.filter(pk=client.pk).update(
        status=ClientStatus.CLOSED, closed_on=today - dt.timedelta(days=1)
    )
    retention.list_due(today)
    return client


def test_destruction_needs_both_roles(make_page, demo):  # noqa: F811
    from regie.intake.models import SpecialCategoryRecord

    due = demo
    admin = make_page()
    log_in(admin, "beheerder")
    admin.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Vernietigen"
    ).click()
    admin.wait_for_url(re.compile(r"/vernietigen/$"))
    assert_accessible(admin, "vernietigen (beheerder)")
    assert due.surname not in admin.content()
    # destroying asks for confirmation first (issue 14, item 12): accept the dialog
    admin.on("dialog", lambda dialog: dialog.accept())
    admin.get_by_role("button", name=re.compile("Akkoord: Bijzondere persoonsgegevens")).click()
    admin.wait_for_url(re.compile(r"/vernietigen/$"))
    assert admin.get_by_text("Uw akkoord is vastgelegd").is_visible()
    assert SpecialCategoryRecord.objects.filter(client=due).exists()

    privacy = make_page()
    log_in(privacy, "privacy")
    privacy.goto(admin.url)
    privacy.set_viewport_size({"width": 320, "height": 800})
    width = privacy.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"/vernietigen/ scrolt horizontaal op 320 px ({width})"
    privacy.set_viewport_size({"width": 1280, "height": 800})
    privacy.on("dialog", lambda dialog: dialog.accept())
    privacy.get_by_role("button", name=re.compile("Akkoord: Bijzondere persoonsgegevens")).click()
    privacy.wait_for_url(re.compile(r"/vernietigen/$"))
    assert privacy.get_by_text("Beide akkoorden zijn gegeven").is_visible()
    assert_accessible(privacy, "vernietigingslog")
    assert not SpecialCategoryRecord.objects.filter(client=due).exists()
