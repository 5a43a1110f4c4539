"""Intake lifecycle, the local-norm deadline, the status transition, LBT, prefill selectors."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.core.exceptions import PermissionDenied, ValidationError

from regie.clients import deadlines
from regie.clients.models import ClientStatus, Deadline
from regie.core.locking import VersionConflict
from regie.core.principal import Principal
from regie.core.ruleset import rules_on
from regie.intake import selectors, services
from regie.intake.deadlines import intake_start
from regie.intake.models import Domain, DomainStatus, IntakeStatus, LearnabilityTest

from .helpers import COMPLETE_DATA, fill_all_domains


def principal(world, key):
    return Principal.from_assignment(world.assignments[key])


@pytest.mark.django_db
def test_start_creates_domains_sets_status_and_meets_deadline(world):
    c = world.clients["own_cm1"]
    c.brp_date = dt.date(2026, 3, 2)
    c.save()
    deadlines.recompute(c)
    due = Deadline.objects.get(client=c, kind="intake_start")
    assert due.met_on is None
    intake = services.start_intake(principal(world, "cm1"), c, on=dt.date(2026, 3, 10))
    c.refresh_from_db()
    assert c.status == ClientStatus.INTAKE
    assert intake.domains.count() == len(Domain.values) == 10
    assert all(r.status == DomainStatus.NOT_STARTED for r in intake.domains.all())
    due.refresh_from_db()
    assert due.met_on == dt.date(2026, 3, 10)
    with pytest.raises(ValidationError, match="al gestart"):
        services.start_intake(principal(world, "cm1"), c)


@pytest.mark.django_db
def test_status_moves_only_from_registered(world):
    c = world.clients["own_cm1"]
    c.status = ClientStatus.PLAN_DECIDED
    c.save()
    services.start_intake(principal(world, "cm1"), c)
    c.refresh_from_db()
    assert c.status == ClientStatus.PLAN_DECIDED
    closed = world.clients["own_cm2"]
    closed.status = ClientStatus.CLOSED
    closed.save()
    with pytest.raises(ValidationError, match="inburgeringsplichtig"):
        services.start_intake(principal(world, "cm2"), closed)


@pytest.mark.django_db
def test_only_full_access_writes(world):
    c = world.clients["own_cm1"]
    for key in ("cm2", "guide", "income", "tl_b", "policy_a1"):
        with pytest.raises(PermissionDenied):
            services.start_intake(principal(world, key), c)
    services.start_intake(principal(world, "tl"), c)


@pytest.mark.django_db
def test_drafts_and_completion(world):
    c = world.clients["own_cm1"]
    p = principal(world, "cm1")
    services.start_intake(p, c)
    # a draft keeps partial answers, the domain is "in progress"
    record = services.save_domain(p, c, Domain.EDUCATION, 1, {"diplomas": "Bachelor"}, done=False)
    assert record.status == DomainStatus.IN_PROGRESS and record.data == {"diplomas": "Bachelor"}
    # done requires the core answers
    with pytest.raises(ValidationError) as exc:
        services.save_domain(p, c, Domain.EDUCATION, 2, {"diplomas": "Bachelor"}, done=True)
    assert "highest_level" in exc.value.message_dict
    # completing too early names every open domain and the missing LBT
    with pytest.raises(ValidationError) as exc:
        services.complete_intake(p, c)
    assert len(exc.value.messages) == 11
    assert any("Opleiding" in m for m in exc.value.messages)
    assert any("leerbaarheidstoets" in m for m in exc.value.messages)
    fill_all_domains(p, c)
    with pytest.raises(ValidationError) as exc:
        services.complete_intake(p, c)
    assert exc.value.messages == [
        "Leg de uitkomst van de leerbaarheidstoets vast, of de ontheffing ervan."
    ]
    services.save_learnability_test(
        p, c, 0, taken_on=dt.date(2026, 1, 5), assessor="Bureau X", outcome="b1"
    )
    intake = services.complete_intake(p, c, on=dt.date(2026, 2, 1))
    assert intake.status == IntakeStatus.COMPLETED and intake.completed_on == dt.date(2026, 2, 1)
    with pytest.raises(ValidationError, match="afgerond"):
        services.save_domain(p, c, Domain.WORK, 2, COMPLETE_DATA[Domain.WORK], done=True)


@pytest.mark.django_db
def test_domain_data_is_validated(world):
    c = world.clients["own_cm1"]
    p = principal(world, "cm1")
    services.start_intake(p, c)
    with pytest.raises(ValidationError) as exc:
        services.save_domain(p, c, Domain.BACKGROUND, 1, {"arrival_year": 3000}, done=False)
    assert "arrival_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.save_domain(p, c, Domain.HEALTH, 1, {"diagnosis": "x"}, done=False)
    assert "diagnosis" in exc.value.message_dict
    with pytest.raises(VersionConflict):
        services.save_domain(p, c, Domain.HEALTH, 7, {"affects_plan": True}, done=True)


@pytest.mark.django_db
def test_deadline_anchor_order_and_local_norm(world):
    c = world.clients["own_cm1"]
    assert intake_start(c) == []
    c.linkage_date = dt.date(2026, 1, 5)
    [spec] = intake_start(c)
    weeks = rules_on(c.linkage_date).value("intake_start_weeks")
    assert spec.due_date == c.linkage_date + dt.timedelta(weeks=weeks)
    assert "koppeling" in spec.basis
    c.housing_date = dt.date(2026, 2, 2)
    assert "huisvesting" in intake_start(c)[0].basis
    # BRP first; no Atw: a due date on Koningsdag (Monday 27-4-2026) stays there
    c.brp_date = dt.date(2026, 4, 27) - dt.timedelta(weeks=weeks)
    [spec] = intake_start(c)
    assert spec.due_date == dt.date(2026, 4, 27) and "inschrijving BRP" in spec.basis


@pytest.mark.django_db
@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_deadline_is_plain_week_arithmetic(day):
    from regie.clients.models import Client

    c = Client(brp_date=day)
    [spec] = intake_start(c)
    weeks = rules_on(day).value("intake_start_weeks")
    assert (spec.due_date - day).days == 7 * weeks
    assert spec.due_date.weekday() == day.weekday()


@pytest.mark.django_db
def test_lbt_dispensation_is_a_team_leader_decision(world):
    c = world.clients["own_cm1"]
    services.start_intake(principal(world, "cm1"), c)
    values = {"dispensation": "visueel", "dispensation_decided_on": dt.date(2026, 1, 9)}
    with pytest.raises(ValidationError) as exc:
        services.save_learnability_test(principal(world, "cm1"), c, 0, **values)
    assert "teamleider" in exc.value.message_dict["dispensation"][0]
    lbt = services.save_learnability_test(principal(world, "tl"), c, 0, **values)
    assert lbt.is_recorded and lbt.outcome == ""
    with pytest.raises(ValidationError) as exc:
        services.save_learnability_test(principal(world, "cm1"), c, 1, outcome="z")
    assert {"taken_on", "assessor"} <= set(exc.value.message_dict)
    with pytest.raises(VersionConflict):
        services.save_learnability_test(principal(world, "tl"), c, 0, **values)
    assert LearnabilityTest.objects.count() == 1


@pytest.mark.django_db
def test_prefill_and_summary_never_carry_health(world):
    c = world.clients["own_cm1"]
    p = principal(world, "cm1")
    services.start_intake(p, c)
    fill_all_domains(p, c)
    services.save_learnability_test(
        p, c, 0, taken_on=dt.date(2026, 1, 5), assessor="Bureau X", outcome="onderwijs"
    )
    services.save_special_record(p, c, 0, "voorbereiden PIP", mental_health="GEHEIM-PTSS")
    prefill = selectors.prefill_for_plan(c)
    assert prefill["route_advice"] == "onderwijs"
    assert prefill["languages"] == "Arabisch, Engels"
    assert prefill["education_level"] == "hoger"
    assert prefill["work_wishes"] == "Verpleegkundige"
    assert prefill["childcare_needed"] is True
    assert prefill["on_bijstand"] is True
    assert prefill["goals"] == ["opleiding"]
    summary = selectors.summary_for_parties(c)
    assert summary["has_digid"] is False and summary["housing_type"] == "zelfstandig"
    text = repr(prefill) + repr(summary)
    assert "GEHEIM" not in text
    assert not any("health" in key or "affects" in key for key in summary)


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", ["cm1", "guide", "income", "cm_b", "tl_b", "privacy"])
def test_special_record_service_refuses_all_but_own_cm_and_tl(world, role_key):
    c = world.clients["own_cm2"]  # cm1 has READ access to it, the guide is its social guide
    with pytest.raises(PermissionDenied):
        services.open_special_record(principal(world, role_key), c, "Voorbereiden gesprek")
    with pytest.raises(PermissionDenied):
        services.save_special_record(principal(world, role_key), c, 0, "Doel", addiction="x")


@pytest.mark.django_db
def test_special_record_opening_needs_purpose(world):
    from regie.core.models import AccessLogEntry

    c = world.clients["own_cm2"]
    with pytest.raises(ValidationError):
        services.open_special_record(principal(world, "cm2"), c, "   ")
    record = services.open_special_record(principal(world, "tl"), c, "Besluit voorbereiden")
    assert record.pk is None and record.version == 0
    entry = AccessLogEntry.objects.get()
    assert entry.activity.key == "bijzondere-gegevens-inzien"
    assert entry.purpose == "Besluit voorbereiden" and entry.role == "teamleider"


@pytest.mark.django_db
def test_intake_norm_is_badged_because_no_statutory_term_is_confirmed(world):
    """The law setting no start term for the brede intake is UNCONFIRMED (rulebook §2.2, §11)."""
    c = world.clients["own_cm1"]
    c.brp_date = dt.date(2026, 3, 2)
    [spec] = intake_start(c)
    assert spec.unconfirmed
    assert "niet gevonden (niet bevestigd)" in spec.basis
    assert "De wet stelt geen termijn" not in spec.basis
    assert rules_on(c.brp_date).unconfirmed("intake_start_weeks")
