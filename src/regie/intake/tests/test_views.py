"""Intake pages: task list, domain forms with drafts and conflicts, special-category access."""

import datetime as dt

import pytest

from django.urls import reverse

from regie.clients.models import ClientStatus
from regie.core.locking import CONFLICT_MESSAGE
from regie.core.models import AccessLogEntry, AuditEvent
from regie.core.principal import Principal
from regie.intake import services
from regie.intake.models import Domain, DomainStatus, SpecialCategoryRecord

from .helpers import fill_all_domains


def url(name, c, *args):
    return reverse(f"intake:{name}", args=[c.uuid, *args])


@pytest.fixture
def as_cm1(world, login, client):
    login(*world.as_role("cm1"))
    return client


@pytest.mark.django_db
def test_start_task_list_and_complete_too_early(world, as_cm1):
    c = world.clients["own_cm1"]
    page = as_cm1.get(url("overview", c))
    assert page.status_code == 200 and "Intake starten" in page.content.decode()
    assert as_cm1.post(url("start", c)).status_code == 302
    c.refresh_from_db()
    assert c.status == ClientStatus.INTAKE
    page = as_cm1.get(url("overview", c)).content.decode()
    assert "0 van 10 onderdelen klaar" in page
    assert 'aria-describedby="status-opleiding"' in page and "Nog niet begonnen" in page
    too_early = as_cm1.post(url("complete", c))
    assert too_early.status_code == 400
    body = too_early.content.decode()
    assert "Er is een probleem" in body and "<title>Fout:" in body
    assert 'href="#onderdeel-werk"' in body and "Onderdeel Werkervaring is nog niet klaar." in body
    assert 'href="#leerbaarheidstoets"' in body


@pytest.mark.django_db
def test_domain_draft_done_and_missing_answers(world, as_cm1):
    c = world.clients["own_cm1"]
    as_cm1.post(url("start", c))
    form = as_cm1.get(url("domain", c, "opleiding")).content.decode()
    assert "Is dit onderdeel klaar?" in form and "Opslaan en later verder" in form
    assert "<fieldset" in form and "<legend>" in form
    draft = as_cm1.post(
        url("domain", c, "opleiding"), {"version": 1, "diplomas": "Bachelor", "actie": "later"}
    )
    assert draft.status_code == 302
    record = c.intake.domains.get(domain=Domain.EDUCATION)
    assert record.status == DomainStatus.IN_PROGRESS and record.data == {"diplomas": "Bachelor"}
    # marked done without the core answers: errors, input kept
    refused = as_cm1.post(
        url("domain", c, "opleiding"),
        {"version": 2, "diplomas": "Master", "klaar": "ja", "actie": "opslaan"},
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Kies het hoogste opleidingsniveau." in body and "Master" in body
    assert 'href="#id_highest_level"' in body and 'id="id_highest_level"' in body
    # no answer to "klaar?" with the main button
    missing = as_cm1.post(url("domain", c, "opleiding"), {"version": 2, "actie": "opslaan"})
    assert "Kies of dit onderdeel klaar is." in missing.content.decode()
    done = as_cm1.post(
        url("domain", c, "opleiding"),
        {
            "version": 2,
            "highest_level": "hoger",
            "years_of_schooling": "15",
            "idw_requested": "ja",
            "klaar": "ja",
            "actie": "opslaan",
        },
    )
    assert done.status_code == 302
    record.refresh_from_db()
    assert record.status == DomainStatus.DONE and record.data["idw_requested"] is True
    assert "1 van 10 onderdelen klaar" in as_cm1.get(url("overview", c)).content.decode()
    assert as_cm1.get(url("domain", c, "bestaat-niet")).status_code == 404


@pytest.mark.django_db
def test_stale_domain_form_gets_409_and_keeps_input(world, as_cm1):
    c = world.clients["own_cm1"]
    as_cm1.post(url("start", c))
    services.save_domain(
        Principal.from_assignment(world.assignments["tl"]),
        c,
        Domain.WORK,
        1,
        {"sector": "Zorg"},
        done=False,
    )
    stale = as_cm1.post(
        url("domain", c, "werk"), {"version": 1, "sector": "Bouw", "actie": "later"}
    )
    assert stale.status_code == 409
    body = stale.content.decode()
    assert str(CONFLICT_MESSAGE) in body and 'value="Bouw"' in body
    assert c.intake.domains.get(domain=Domain.WORK).data == {"sector": "Zorg"}


@pytest.mark.django_db
def test_complete_after_everything(world, as_cm1):
    c = world.clients["own_cm1"]
    as_cm1.post(url("start", c))
    fill_all_domains(Principal.from_assignment(world.assignments["cm1"]), c)
    lbt = as_cm1.post(
        url("lbt", c),
        {"version": 0, "taken_on": "05-01-2026", "assessor": "Bureau X", "outcome": "z"},
    )
    assert lbt.status_code == 302
    assert as_cm1.post(url("complete", c)).status_code == 302
    c.intake.refresh_from_db()
    assert c.intake.is_completed
    # a completed intake shows answers, no form
    page = as_cm1.get(url("domain", c, "werk")).content.decode()
    assert "Verpleegkundige" in page and "Opslaan en later verder" not in page


@pytest.mark.django_db
def test_lbt_form_errors_and_dispensation_by_team_leader(world, as_cm1, login, client):
    c = world.clients["own_cm1"]
    as_cm1.post(url("start", c))
    bad = as_cm1.post(url("lbt", c), {"version": 0, "outcome": "b1", "taken_on": "32-13-2026"})
    assert bad.status_code == 400
    assert "vul de datum in als dag-maand-jaar" in bad.content.decode()
    dispensation = {"version": 0, "dispensation": "auditief", "dispensation_decided_on": "9-1-2026"}
    refused = as_cm1.post(url("lbt", c), dispensation)
    assert refused.status_code == 400 and "Vraag de teamleider." in refused.content.decode()
    login(*world.as_role("tl"))
    assert client.post(url("lbt", c), dispensation).status_code == 302
    assert c.learnability_test.dispensation_decided_on == dt.date(2026, 1, 9)


@pytest.mark.django_db
def test_special_record_purpose_required_logged_and_history_clean(world, as_cm1):
    c = world.clients["own_cm1"]
    as_cm1.post(url("start", c))
    step1 = as_cm1.get(url("special", c))
    assert step1.status_code == 200 and "Waarom opent u deze gegevens?" in step1.content.decode()
    assert not AccessLogEntry.objects.filter(activity__key="bijzondere-gegevens-inzien").exists()
    empty = as_cm1.post(url("special", c), {"purpose": "  "})
    assert empty.status_code == 400
    assert "Vul in waarom u deze gegevens opent." in empty.content.decode()
    assert not AccessLogEntry.objects.filter(activity__key="bijzondere-gegevens-inzien").exists()
    opened = as_cm1.post(url("special", c), {"purpose": "Voorbereiden PIP-gesprek"})
    assert opened.status_code == 200 and "Psychische gezondheid" in opened.content.decode()
    entry = AccessLogEntry.objects.get(activity__key="bijzondere-gegevens-inzien")
    assert entry.purpose == "Voorbereiden PIP-gesprek" and entry.person_id == c.pk
    saved = as_cm1.post(
        url("special_save", c),
        {"version": 0, "purpose": "Voorbereiden PIP-gesprek", "mental_health": "SIGNAAL-XYZ"},
    )
    assert saved.status_code == 302
    assert SpecialCategoryRecord.objects.get(client=c).mental_health == "SIGNAAL-XYZ"
    history = repr(list(AuditEvent.objects.filter(person_id=c.pk).values("before", "after")))
    assert "SIGNAAL-XYZ" not in history
    # the saved content is not on the intake page
    assert "SIGNAAL-XYZ" not in as_cm1.get(url("overview", c)).content.decode()
    # stale version: 409, input kept
    stale = as_cm1.post(
        url("special_save", c),
        {"version": 0, "purpose": "Aanvullen", "mental_health": "NIEUW-ABC"},
    )
    assert stale.status_code == 409
    assert str(CONFLICT_MESSAGE) in stale.content.decode() and "NIEUW-ABC" in stale.content.decode()
    # saving without a purpose sends the user back to the purpose question
    no_purpose = as_cm1.post(url("special_save", c), {"version": 1, "mental_health": "x"})
    assert no_purpose.status_code == 302 and no_purpose.url == url("special", c)


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", ["cm1", "guide", "income", "cm_b", "policy_a1", "privacy"])
def test_special_record_refused_to_read_access_and_others(world, login, client, role_key):
    c = world.clients["own_cm2"]  # cm1 reads this dossier (READ); guide is its social guide
    services.start_intake(Principal.from_assignment(world.assignments["cm2"]), c)
    login(*world.as_role(role_key))
    assert client.get(url("special", c)).status_code == 404
    assert client.post(url("special", c), {"purpose": "Nieuwsgierig"}).status_code == 404
    assert client.post(url("special_save", c), {"version": 0, "purpose": "x"}).status_code == 404
    assert not AccessLogEntry.objects.filter(activity__key="bijzondere-gegevens-inzien").exists()
    assert not SpecialCategoryRecord.objects.exists()
