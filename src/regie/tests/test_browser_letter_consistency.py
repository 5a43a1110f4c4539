"""Browser tests of issue 14, items 1 and 13: the beschikking downloaded from the plan page is a
legal letter (mandate, verzenddatum, Awb 3:45 objection section, tagged PDF, no internal text);
the dossier's extension window, the MCA tipping point, the quality chart's norm label and the
provider's and contract manager's start pages say one consistent thing.

Uses the fixtures of ``regie.tests.test_browser`` (Westfriesland demo, chromium, axe).
Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_letter_consistency.py
"""

import io
import re

import pytest
from pypdf import PdfReader

from django.urls import reverse

from regie.tests.test_browser import (  # noqa: F401 (fixtures)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    log_in,
    make_page,
    page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _decided_version(username="klantregisseur"):
    from regie.plans.models import PlanVersion, VersionStatus

    return (
        PlanVersion.objects.filter(
            status=VersionStatus.DECIDED, client__case_manager__username=username
        )
        .select_related("client")
        .order_by("pk")
        .first()
    )


def test_beschikking_pdf_from_the_plan_page_is_a_legal_letter(page):  # noqa: F811
    version = _decided_version()
    assert version is not None
    log_in(page, "klantregisseur")
    page.goto(reverse("plans:version", args=[version.client.uuid, version.number]))
    assert_accessible(page, "PIP-versie")
    link = page.locator(f'a[href$="/plan/versie/{version.number}/beschikking.pdf"]').first
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    content = response.body()
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "namens het college (mandaat)" in text and "Teamleider" in text
    assert re.search(r"Verzenddatum: \d{1,2} \w+ \d{4}", text)
    assert "binnen zes weken na de dag waarop deze brief is verzonden" in text
    assert "Postbus 0000 (demo-adres)" in text  # the college's address from the reference data
    assert "Niet bevestigd" not in text and "_" not in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"


def test_extension_window_deadline_and_explanation_agree_on_the_dossier(page):  # noqa: F811
    version = _decided_version()
    log_in(page, "klantregisseur")
    page.goto(reverse("clients:dossier", args=[version.client.uuid]))
    row = page.locator("tr", has_text="Verlenging aanvragen mogelijk vanaf").first
    cells = row.locator("td").all_inner_texts()
    due, basis = cells[1].strip(), cells[2]
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4}", due)
    assert f"vanaf {due}" in basis and "eindigt op" not in basis


def test_mca_verdict_and_report_state_the_tipping_point_alike(page):  # noqa: F811
    import json
    from pathlib import Path

    from regie.decisions import services
    from regie.decisions.models import Study

    # The demo study read as a measured study: the demo itself is a reconstruction, whose honest
    # verdict leaves the tipping point out (issue 14 item 14).
    study_file = Path(services.__file__).resolve().parent / "demo" / "reconstructie-2019.json"
    data = json.loads(study_file.read_text(encoding="utf-8"))
    data.pop("nature", None)
    data["title"] = data.get("title", "Studie") + " (gemeten)"
    region = Study.objects.order_by("pk").first().region
    study = services.import_study(region, data)
    log_in(page, "beleid.hoorn")
    page.goto(reverse("decisions:detail", args=[study.uuid]))
    body = " ".join(page.locator("main").inner_text().split())
    found = re.findall(
        r"Als ((?:minder dan )?[\d.,]+ \w+) van het totale gewicht naar andere criteria", body
    )
    assert len(found) >= 2 and len(set(found)) == 1, found
    assert "procentpunt" not in body


def test_quality_chart_norm_line_crosses_no_label(page):  # noqa: F811
    log_in(page, "contractmanager")
    page.goto(reverse("reporting:quality"))
    crossings = page.evaluate(
        """() => {
          const out = [];
          for (const svg of document.querySelectorAll('svg')) {
            const norms = [...svg.querySelectorAll('line[stroke-dasharray]')];
            const texts = [...svg.querySelectorAll('text')];
            for (const line of norms) {
              const l = line.getBBox();
              for (const t of texts) {
                if (t.textContent.startsWith('norm')) continue;
                const b = t.getBBox();
                const apart = l.x + l.width < b.x || b.x + b.width < l.x ||
                              l.y + l.height < b.y || b.y + b.height < l.y;
                if (!apart) out.push(t.textContent);
              }
            }
          }
          return out;
        }"""
    )
    assert crossings == []
    assert_accessible(page, "kwaliteit")


def test_provider_and_contract_manager_start_pages(make_page):  # noqa: F811
    provider = make_page()
    log_in(provider, "aanbieder.fiolet")
    main = provider.locator("main").inner_text()
    assert "caseload" not in main
    assert re.search(r"\d+ klant(?:en)? ingeschreven bij uw organisatie", main)

    manager = make_page()
    log_in(manager, "contractmanager")
    main = manager.locator("main").inner_text()
    assert "komen hier" not in main
    for name in ("Contracten, percelen en facturen", "Aanbieders", "Kwaliteit per aanbieder"):
        assert manager.get_by_role("link", name=name, exact=True).first.is_visible()
    manager.get_by_role("link", name="Contracten, percelen en facturen").click()
    manager.wait_for_load_state("load")
    assert manager.url.endswith(reverse("offer:contracts"))
    assert_accessible(manager, "contracten")


def test_functional_admin_records_the_colleges_objection_route(page):  # noqa: F811
    from regie.core.models import Organisation

    hoorn = Organisation.objects.get(name="Opmeer")
    log_in(page, "beheerder")
    page.goto(reverse("core:organisation_edit", args=[hoorn.uuid]))
    assert_accessible(page, "organisatie wijzigen")
    page.get_by_label("Ja").check()
    page.get_by_label("Waar digitaal bezwaar maken kan").fill("")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Fout:")
    assert page.get_by_text("Vul in waar digitaal bezwaar maken kan").first.is_visible()
    page.get_by_label("Waar digitaal bezwaar maken kan").fill("https://bezwaar.demo.invalid/x")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    assert "Opengesteld: https://bezwaar.demo.invalid/x" in page.locator("main").inner_text()
