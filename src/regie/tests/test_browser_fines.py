"""Browser test of the fine flow with report and zienswijze (issue 9 item 8): the case manager
opens a case under Wi2021 art. 23, the page asks for the report first (Awb 5:53), then the
zienswijze with the caution (Awb 5:10a); the team leader decides and sees the terms.

Uses the fixtures of ``regie.tests.test_browser`` (Westfriesland demo, chromium, axe).
Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_fines.py
"""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone

from regie.tests.test_browser import (  # noqa: F401 (fixtures)
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


def _d(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).strftime("%d-%m-%Y")


def test_fine_flow_with_report_and_zienswijze(make_page):  # noqa: F811
    from regie.clients.models import Client, ClientStatus
    from regie.progress.models import EnforcementCase, EnforcementStatus

    client = (
        Client.objects.filter(
            case_manager__username="klantregisseur",
            status__in=[ClientStatus.PLAN_DECIDED, ClientStatus.IN_ROUTE],
        )
        .order_by("pk")
        .first()
    )
    assert client is not None
    cm = make_page()
    log_in(cm, "klantregisseur")
    cm.goto(reverse("progress:enforcement", args=[client.uuid]))
    cm.get_by_label("Niet nakomen van het PIP, inburgeringsdeel (Wet art. 23)").check()
    cm.get_by_label("Wat is er gebeurd?").fill("Drie lessen niet gevolgd.")
    cm.get_by_label("Datum van de overtreding").fill(_d(20))
    cm.get_by_role("button", name="Handhavingszaak openen").click()
    cm.wait_for_load_state("load")
    cm.get_by_label("Wil niet (verwijtbaar)").check()
    cm.get_by_label("Reden").fill("Geen reden gegeven.")
    cm.get_by_role("button", name="Beoordeling vastleggen").click()
    cm.wait_for_load_state("load")
    cm.get_by_label("Waarschuwing gegeven op").fill(_d(15))
    cm.get_by_label("Inhoud van de waarschuwing").fill("Laatste kans.")
    cm.get_by_role("button", name="Waarschuwing vastleggen").click()
    cm.wait_for_load_state("load")

    # Awb 5:53: the report comes before the zienswijze
    assert cm.get_by_role("heading", name="Rapport opmaken (Awb art. 5:48)").is_visible()
    assert_accessible(cm, "handhavingszaak: rapport")
    cm.get_by_role("button", name="Rapport vastleggen").click()  # empty: errors, nothing lost
    cm.wait_for_load_state("load")
    assert cm.title().startswith("Fout:")
    cm.get_by_label("Dagtekening van het rapport").fill(_d(10))
    cm.get_by_label("Datum van de overtreding").fill(_d(20))
    cm.get_by_label("Rapport: de overtreding").fill("Niet verschenen; Wet art. 23.")
    cm.get_by_role("button", name="Rapport vastleggen").click()
    cm.wait_for_load_state("load")

    # the zienswijze with the caution (Awb 5:10a)
    assert cm.get_by_role("heading", name="Zienswijze vastleggen").is_visible()
    assert cm.get_by_text("5:51 lid 1").first.is_visible()
    cm.get_by_label("Zienswijze gegeven op").fill(_d(5))
    cm.get_by_label("Zienswijze van de klant").fill("Geen reden.")
    cm.get_by_label("Ja, de cautie is gegeven voor het verhoor").check()
    cm.get_by_label("Cautie gegeven op").fill(_d(5))
    cm.get_by_role("button", name="Zienswijze vastleggen").click()
    cm.wait_for_load_state("load")
    assert_accessible(cm, "handhavingszaak: na zienswijze")
    cm.get_by_role("link", name="Boete voorstellen").click()
    cm.wait_for_load_state("load")
    assert cm.get_by_role(
        "heading", name="Boeteprocedure (Algemene wet bestuursrecht)"
    ).is_visible()
    cm.get_by_label("Boetebedrag in euro").fill("300")
    cm.get_by_role("button", name="Boete voorstellen").click()
    cm.wait_for_load_state("load")

    case = EnforcementCase.objects.filter(client=client).order_by("-id").first()
    assert case.status == EnforcementStatus.PROPOSED and case.report_date is not None

    tl = make_page()
    log_in(tl, "teamleider")
    tl.goto(reverse("progress:decide_fine", args=[client.uuid, case.uuid]))
    assert tl.get_by_text("5 jaar na de overtreding").first.is_visible()
    assert_accessible(tl, "boetebesluit")
    tl.get_by_label("Boete opleggen").check()
    tl.get_by_role("button", name="Besluit vastleggen").click()
    tl.wait_for_load_state("load")
    case.refresh_from_db()
    assert case.status == EnforcementStatus.FINED

    # the case page with the procedure block reflows at 320 px
    tl.set_viewport_size({"width": 320, "height": 640})
    tl.goto(reverse("progress:enforcement_case", args=[client.uuid, case.uuid]))
    assert tl.get_by_text("Bevoegdheid vervalt na").first.is_visible()
    overflow = horizontal_overflow(tl)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow
