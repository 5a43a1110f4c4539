"""The beschikking is a legal letter to the newcomer (issue 14, item 1): only what was decided,
signed under mandate, with its verzenddatum, an objection section per Awb art. 3:45 and a tagged
PDF (PDF/UA) in Dutch. Checked on the text of the PDF itself (pypdf)."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from regie.plans import pdf, services
from regie.plans.models import Route

from .helpers import B1_COMPONENTS, decide, draft, principal, submit

DAY = dt.date(2025, 1, 15)
SENT = dt.date(2025, 1, 17)


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def _decided(world, client, *, notes="", made_known=SENT):
    version = draft(world, client, notes=notes)
    submit(world, version)
    return decide(world, version, DAY, made_known=made_known)


@pytest.fixture
def municipality(world):
    m = world.clients["own_cm1"].municipality
    m.postal_address = "Postbus 1\n1600 AA Plaats"
    m.save()
    return m


@pytest.mark.django_db
def test_beschikking_signed_under_mandate_with_verzenddatum_and_awb_objection_section(
    world, municipality
):
    client = world.clients["own_cm1"]
    version = _decided(world, client)
    text = _text(pdf.render_decision_pdf(version))
    # signed on behalf of the college, under mandate, with the signer's function
    assert "namens het college (mandaat)" in text
    assert "Teamleider" in text
    # the dispatch date: the recorded day of bekendmaking (Awb 3:41), not the dagtekening
    assert "Verzenddatum: 17 januari 2025" in text
    assert "Dagtekening: 15 januari 2025" in text
    # Awb 3:45: by whom, within which term and where to object; the term of Awb 6:7 and 6:8
    assert "Bezwaar maken" in text
    assert "binnen zes weken na de dag waarop deze brief is verzonden" in text
    assert "Deze brief is verzonden op 17 januari 2025" in text
    assert "College van burgemeester en wethouders van Gemeente A1" in text
    assert "Postbus 1 1600 AA Plaats" in text
    # no digital route unless the college opened one (Awb 2:15)
    assert "digitaal" not in text.lower()


@pytest.mark.django_db
def test_beschikking_verzenddatum_is_dagtekening_when_no_dispatch_recorded(world, municipality):
    version = _decided(world, world.clients["own_cm1"], made_known=DAY)
    version.made_known_on = None
    assert pdf.dispatch_date(version) == DAY
    assert "Verzenddatum: 15 januari 2025" in pdf.decision_html(version)


@pytest.mark.django_db
def test_beschikking_names_digital_objection_route_only_when_college_opened_it(world, municipality):
    version = _decided(world, world.clients["own_cm1"])
    municipality.objection_digital_route = "https://bezwaar.example.nl"
    municipality.save()
    version.refresh_from_db()
    assert "bezwaar.example.nl" not in pdf.decision_html(version)  # setting off: not named
    municipality.objection_digital_open = True
    municipality.save()
    version.refresh_from_db()
    text = _text(pdf.render_decision_pdf(version))
    assert "digitaal bezwaar maken via https://bezwaar.example.nl" in text


@pytest.mark.django_db
def test_beschikking_shows_no_codes_and_no_unconfirmed_rule_badge(world, municipality, monkeypatch):
    import regie.intake.selectors as intake_selectors

    monkeypatch.setattr(
        intake_selectors,
        "prefill_for_plan",
        lambda client: {
            "route_advice": Route.B1,
            "goals": ["betaald_werken", "opleiding"],
            "goal_labels": ["Betaald werken", "Opleiding met studiefinanciering"],
        },
    )
    client = world.clients["own_cm1"]
    version = services.draft_initial(principal(world, "cm1"), client)
    assert "Doelen: Betaald werken, opleiding met studiefinanciering." in version.notes
    # decide the prefilled draft itself
    p = principal(world, "cm1")
    version = services.update_draft(
        p, version, version.version, route="b1", review_count=2, review_agreements="Elke maand."
    )
    services.replace_components(p, version, version.version, B1_COMPONENTS)
    submit(world, version)
    decided = decide(world, version, DAY, made_known=SENT)
    text = _text(pdf.render_decision_pdf(decided))
    assert "Overige afspraken" in text and "Betaald werken" in text
    assert "betaald_werken" not in text and "_" not in text
    # the unconfirmed rules (e.g. MAP hours) are the team's concern, not the client's
    assert "Niet bevestigd" not in text and "Niet bevestigde regels" not in text
    assert "bekendgemaakt op" not in text


def test_intake_prefill_offers_goals_in_words(world):
    from regie.intake.selectors import prefill_for_plan

    data = prefill_for_plan(world.clients["own_cm1"])
    assert data["goals"] == [] and data["goal_labels"] == []


@pytest.mark.django_db
def test_beschikking_pdf_is_tagged_pdf_ua_in_dutch(world, municipality):
    version = _decided(world, world.clients["own_cm1"])
    content = pdf.render_decision_pdf(version)
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    # the PDF/UA identification in the XMP metadata
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
