"""DUO in the daily work, in a real browser (docs/duo.md).

1. A PIP is decided by the team leader → the case manager's work item "PIP invoeren in het
   Portaal Inburgering" appears → she copies the values and confirms → the dossier says
   "Bevestigd" and the PIP screen no longer says "Zet het PIP in het Portaal Inburgering".
2. A signal list is imported: a file with a bad row stores nothing and names the row in Dutch;
   the good file shows a preview, is stored, and the same file again changes nothing.
3. A DUO roster is imported and reconciled: each kind of difference is in the printable report.

The fixtures come from test_browser.py; ``demo`` is a small Westfriesland region.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_duo.py
"""

import datetime as dt
import re

import pytest

from django.utils import timezone

from regie.demo.loader import load_region
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    NINE_DIGITS,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    log_in,
    make_page,
    pytestmark,
)

TODAY = timezone.localdate()


@pytest.fixture
def demo(transactional_db):
    """Westfriesland with seven demo clients: the fifth has a PIP in draft, the seventh a
    decided PIP. The flush after a transactional test empties the register of processing
    activities that a data migration seeds; it is put back first."""
    import importlib

    from django.apps import apps

    for name in ("0002_register_and_append_only",):
        migration = importlib.import_module(f"regie.core.migrations.{name}")
        migration.add_activities(apps, None)
    load_region(client_count=7)


def _submitted_client():
    from regie.clients.models import Client
    from regie.core.models import RoleAssignment
    from regie.core.principal import Principal
    from regie.plans import services
    from regie.plans.models import PlanVersion, VersionStatus

    version = (
        PlanVersion.objects.filter(status=VersionStatus.DRAFT).select_related("client").first()
    )
    client = version.client
    assignment = RoleAssignment.objects.get(user=client.case_manager, role="casemanager")
    services.submit(Principal.from_assignment(assignment), version, version.version)
    return Client.objects.get(pk=client.pk), version.number


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _fresh_bsns(n):
    from regie.clients.models import Client
    from regie.core.bsn import demo_bsns

    return [b for b in demo_bsns(200, start=97000) if not Client.objects.filter(bsn=b).exists()][:n]


def test_pip_decided_entered_in_the_portal_and_confirmed(make_page):  # noqa: F811
    client, number = _submitted_client()
    dossier = f"/klanten/{client.uuid}/"
    leader = make_page()
    log_in(leader, "teamleider")
    leader.goto(dossier + "plan/")
    leader.get_by_role("link", name=f"PIP versie {number} vaststellen", exact=True).click()
    leader.get_by_label(re.compile(r"^Dagtekening")).fill(TODAY.strftime("%d-%m-%Y"))
    leader.get_by_label(re.compile(r"^Bekendgemaakt op")).fill(TODAY.strftime("%d-%m-%Y"))
    leader.get_by_role("button", name="PIP vaststellen", exact=True).click()
    leader.wait_for_url(re.compile(r"/plan/versie/"))
    assert "Het PIP is vastgesteld." in leader.content()
    leader.goto(dossier + "plan/")
    assert "Zet het PIP in het Portaal Inburgering van DUO" in leader.content()

    page = make_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, client.case_manager.username)
    page.goto("/klanten/werkvoorraad/")
    row = page.locator("tr", has_text=client.full_name)
    row.get_by_role("link", name="PIP invoeren in het Portaal Inburgering").first.click()
    page.wait_for_load_state()
    assert_accessible(page, "invoeren in het portaal")
    main = page.locator("main").inner_text()
    assert "PIP vastgesteld" in main and client.bsn in main
    assert not NINE_DIGITS.search(page.url)
    button = page.get_by_role("button", name=re.compile(r"^Kopieer BSN"))
    assert button.is_visible()  # shown by the static script (no inline JS)
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == client.bsn
    page.get_by_label(re.compile(r"^Kenmerk van DUO")).fill("PI-2026-77")
    page.get_by_role("button", name="Ingevoerd in het portaal", exact=True).click()
    page.wait_for_url(re.compile(r"/keten/duo/dossier/"))
    text = page.locator("main").inner_text()
    assert "Bevestigd" in text and "PI-2026-77" in text
    page.goto(dossier + "plan/")
    assert "Zet het PIP in het Portaal Inburgering van DUO" not in page.content()


def test_signal_list_bad_row_then_good_file_twice(make_page, tmp_path):  # noqa: F811
    from regie.exchange.models import Signal

    page = make_page()
    log_in(page, "klantregisseur")
    new, _other = _fresh_bsns(2)
    from regie.clients.models import Client

    known = Client.objects.filter(is_obliged=True).order_by("id").first()
    header = "bsn;soort;datum;voornamen;achternaam;geboortedatum;gemeente_cbs"
    when = TODAY - dt.timedelta(days=1)  # the demo's own list is dated today
    good_rows = [
        header,
        f"{new};nieuwe inburgeringsplichtige;{when:%d-%m-%Y};Amal;Haddad;14-03-1990;",
        f"{known.bsn};correctie;{when:%d-%m-%Y};;;;",
        f"{known.bsn};examenresultaat;{when:%d-%m-%Y};;;;",
    ]
    bad = _write(tmp_path, "fout.csv", [*good_rows, f"12345;correctie;{TODAY:%d-%m-%Y};;;;"])
    good = _write(tmp_path, "signalen.csv", good_rows)
    before = Signal.objects.count()

    page.goto("/keten/duo/signalen/")
    assert_accessible(page, "signalen inlezen")
    page.get_by_label(re.compile(r"^Bestand uit het Portaal")).set_input_files(bad)
    page.get_by_role("button", name="Bekijken", exact=True).click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Er is niets opgeslagen" in text and "elfproef" in text
    assert Signal.objects.count() == before

    page.get_by_label(re.compile(r"^Bestand uit het Portaal")).set_input_files(good)
    page.get_by_role("button", name="Bekijken", exact=True).click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "3 zijn nieuw" in text and "Niet bevestigd" in text
    assert Signal.objects.count() == before  # the preview stores nothing
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    assert "Ingelezen: 3 nieuwe regels." in page.locator("main").inner_text()
    assert Signal.objects.count() == before + 3

    page.get_by_label(re.compile(r"^Bestand uit het Portaal")).set_input_files(good)
    page.get_by_role("button", name="Bekijken", exact=True).click()
    page.wait_for_load_state()
    assert "Er verandert niets" in page.locator("main").inner_text()
    assert Signal.objects.count() == before + 3


def test_reconciliation_with_each_kind_of_difference(make_page, tmp_path):  # noqa: F811
    from regie.clients.models import Client
    from regie.plans.models import PlanVersion, VersionStatus

    decided = (
        PlanVersion.objects.filter(status=VersionStatus.DECIDED)
        .select_related("client__municipality")
        .first()
    )
    municipality = decided.client.municipality
    others = list(
        Client.objects.filter(team=decided.client.team, is_obliged=True)
        .exclude(pk=decided.client_id)
        .order_by("id")[:2]
    )
    Client.objects.filter(pk__in=[c.pk for c in others]).update(municipality=municipality)
    other_route = "Z-route" if decided.route != "z" else "B1-route"
    wrong_date = (decided.decision_date - dt.timedelta(days=3)).strftime("%d-%m-%Y")
    (stranger,) = _fresh_bsns(1)
    rows = ["bsn;achternaam;datum_pip;leerroute"]
    rows.append(f"{decided.client.bsn};{decided.client.surname};{wrong_date};{other_route}")
    rows += [f"{c.bsn};{c.surname};;" for c in others[1:]]
    rows.append(f"{stranger};Nieuwkomer;;")
    roster = _write(tmp_path, "overzicht.csv", rows)

    page = make_page()
    log_in(page, "teamleider")
    page.goto("/keten/duo/signalen/")
    page.get_by_label("Overzicht inburgeringsplichtigen").check()
    page.get_by_label(re.compile(r"^Gemeente \(bij een overzicht\)")).select_option(
        label=municipality.name
    )
    page.get_by_label(re.compile(r"^Bestand uit het Portaal")).set_input_files(roster)
    page.get_by_role("button", name="Bekijken", exact=True).click()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    page.goto("/keten/duo/vergelijken/")
    page.get_by_label("Gemeente", exact=True).select_option(label=municipality.name)
    page.get_by_role("button", name="Vergelijken", exact=True).click()
    page.wait_for_url(re.compile(r"/keten/duo/vergelijking/"))
    assert_accessible(page, "vergelijking met DUO")
    text = page.locator("main").inner_text()
    for kind in (
        "Bij DUO bekend, hier niet ingeschreven",
        "Hier ingeschreven, bij DUO niet bekend",
        "Datum PIP verschilt",
        "Leerroute verschilt",
    ):
        assert kind in text, kind
    assert "Nieuwkomer" in text and stranger not in text
