import datetime as dt

import pytest

from django.core.exceptions import PermissionDenied

from regie.clients.models import ClientStatus, PermitType, TargetGroup
from regie.core.locking import VersionConflict
from regie.core.models import OutboxMessage, RuleSet
from regie.core.ruleset import default_values
from regie.plans import services
from regie.plans.models import (
    Component,
    ComponentKind,
    ParticipationType,
    Reason,
    Route,
    VersionStatus,
)

from .helpers import (
    B1_COMPONENTS,
    EDU_COMPONENTS,
    Z_COMPONENTS,
    decide,
    decided_plan,
    draft,
    principal,
    revision,
    submit,
)

DAY = dt.date(2025, 1, 15)


@pytest.fixture
def client_a(world):
    c = world.clients["own_cm1"]
    c.target_group = TargetGroup.ASYLUM
    c.permit_type = PermitType.ASYLUM
    c.benefit_start = dt.date(2024, 12, 1)
    c.save()
    return c


def problems_of(exc):
    return " ".join(exc.value.messages)


# --- four eyes ---------------------------------------------------------------------------------


def test_case_manager_cannot_decide(world, client_a):
    version = draft(world, client_a)
    submit(world, version)
    with pytest.raises(PermissionDenied):
        decide(world, version, DAY, who="cm1")
    with pytest.raises(PermissionDenied):
        decide(world, version, DAY, who="cm2")
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED


def test_drafter_cannot_decide_own_draft(world, client_a):
    version = draft(world, client_a, drafter="tl")
    submit(world, version, who="tl")
    with pytest.raises(PermissionDenied):
        decide(world, version, DAY, who="tl")
    with pytest.raises(PermissionDenied):  # another region's team leader
        decide(world, version, DAY, who="tl_b")


def test_first_decision_sets_term_status_and_outbox(world, client_a):
    version = decided_plan(world, client_a, DAY)
    plan = version.plan
    plan.refresh_from_db()
    assert version.status == VersionStatus.DECIDED
    assert version.decided_on_behalf_of == client_a.municipality
    assert version.rule_set_id is not None
    assert plan.term_start == dt.date(2025, 1, 16)
    assert plan.term_end == dt.date(2028, 1, 15)
    client_a.refresh_from_db()
    assert client_a.status == ClientStatus.PLAN_DECIDED
    msg = OutboxMessage.objects.get(message_type="pip.decided")
    assert msg.payload["subject"] == {"bsn": client_a.bsn, "municipality": "GM9001"}
    assert msg.payload["data"] == {
        "decision_date": "2025-01-15",
        "route": "b1",
        "term_end": "2028-01-15",
        "version": 1,
    }


def test_failed_decision_writes_no_outbox_and_changes_nothing(world, client_a):
    version = draft(world, client_a)
    submit(world, version)
    Component.objects.filter(plan_version=version, kind=ComponentKind.MAP).update(hours_planned=5)
    with pytest.raises(services.PlanError) as exc:
        decide(world, version, DAY)
    assert "ten minste 40 uur" in problems_of(exc)
    assert not OutboxMessage.objects.exists()
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED and version.decision_date is None


def test_outbox_rolled_back_with_the_decision(world, client_a, monkeypatch):
    version = draft(world, client_a)
    submit(world, version)

    def boom(client):
        raise RuntimeError("deadlines down")

    monkeypatch.setattr(services.deadlines, "recompute", boom)
    with pytest.raises(RuntimeError):
        decide(world, version, DAY)
    assert not OutboxMessage.objects.exists()
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED


def test_decision_date_not_in_future(world, client_a):
    version = draft(world, client_a)
    submit(world, version)
    with pytest.raises(services.PlanError) as exc:
        decide(world, version, dt.date.today() + dt.timedelta(days=1))
    assert "toekomst" in problems_of(exc)


# --- validations per target group, permit and rule set ----------------------------------------


def _problems(world, client, route="b1", components=None, **extra):
    from regie.plans.models import Plan, PlanVersion

    PlanVersion.objects.filter(client=client).delete()
    Plan.objects.filter(client=client).delete()
    version = draft(world, client, route=route, components=components, drafter="tl", **extra)
    from regie.plans import validation

    return " ".join(validation.problems(version, DAY))


def test_ontzorgen_only_asylum_permit_with_bijstand(world, client_a):
    comps = [*B1_COMPONENTS, {"kind": ComponentKind.ONTZORGEN}]
    assert "ontzorgen" not in _problems(world, client_a, components=comps)
    other = world.clients["income"]
    other.permit_type = PermitType.REGULAR
    other.benefit_start = DAY
    other.save()
    assert "ontzorgen geldt alleen" in _problems(world, other, components=comps).lower()


def test_ontzorgen_needs_bijstand(world, client_a):
    client_a.benefit_start = None
    client_a.save()
    comps = [*B1_COMPONENTS, {"kind": ComponentKind.ONTZORGEN}]
    assert "start van de bijstand" in _problems(world, client_a, components=comps)


def test_social_guidance_only_for_asylum_holders(world, client_a):
    comps = [*B1_COMPONENTS, {"kind": ComponentKind.SOCIAL_GUIDANCE}]
    assert "begeleiding" not in _problems(world, client_a, components=comps)
    client_a.target_group = TargetGroup.FAMILY
    client_a.permit_type = PermitType.REGULAR
    client_a.save()
    assert "alleen voor asielstatushouders" in _problems(world, client_a, components=comps)


def test_no_map_in_education_route(world, client_a):
    assert "geen MAP" in _problems(world, client_a, route=Route.EDUCATION)


def test_education_route_without_map_is_valid(world, client_a):
    assert _problems(world, client_a, route=Route.EDUCATION, components=EDU_COMPONENTS) == ""


def test_b1_needs_map_and_pvt_hours(world, client_a):
    comps = [c for c in B1_COMPONENTS if c["kind"] != ComponentKind.MAP]
    comps = [c if c["kind"] != ComponentKind.PVT else {**c, "hours_planned": 11} for c in comps]
    text = _problems(world, client_a, components=comps)
    assert "Voeg het onderdeel Module Arbeidsmarkt en Participatie (MAP) toe." in text
    assert "ten minste 12 uur" in text


def test_z_route_hours(world, client_a):
    assert _problems(world, client_a, route=Route.Z, components=Z_COMPONENTS) == ""
    low = [
        {**c, "hours_planned": 100} if c["kind"] == ComponentKind.PARTICIPATION else c
        for c in Z_COMPONENTS
    ]
    assert "800 uur participatie" in _problems(world, client_a, route=Route.Z, components=low)


def test_z_route_participation_hours_only_for_asylum_holders(world, client_a):
    client_a.target_group = TargetGroup.FAMILY
    client_a.save()
    comps = [c for c in Z_COMPONENTS if c["kind"] != ComponentKind.PARTICIPATION]
    assert _problems(world, client_a, route=Route.Z, components=comps) == ""


def test_participation_work_must_link_to_werksaam(world, client_a):
    part = {
        "kind": ComponentKind.PARTICIPATION,
        "participation_type": ParticipationType.WORK,
        "linked_to_werksaam": False,
    }
    assert "WerkSaam" in _problems(world, client_a, components=[*B1_COMPONENTS, part])
    study = {**part, "participation_type": ParticipationType.STUDY}
    assert "WerkSaam" not in _problems(world, client_a, components=[*B1_COMPONENTS, study])


def test_rule_set_in_force_on_decision_date_is_used(world, client_a):
    values = default_values()
    values["map_min_hours"] = {**values["map_min_hours"], "value": 50}
    RuleSet.objects.create(valid_from=dt.date(2025, 1, 10), label="2025b", values=values)
    from regie.plans import validation

    version = draft(world, client_a)
    assert "ten minste 50 uur" in " ".join(validation.problems(version, DAY))
    assert validation.problems(version, dt.date(2024, 1, 1)) == []


# --- revisions, term, switching, scaling down -------------------------------------------------


def _decide_revision(world, version, day):
    submit(world, version)
    return decide(world, version, day)


def test_term_never_restarts_on_revision(world, client_a):
    first = decided_plan(world, client_a, DAY)
    term = (first.plan.term_start, first.plan.term_end)
    v2 = revision(world, client_a, Reason.OTHER, notes="Extra afspraak")
    assert v2.number == 2 and v2.components.count() == len(B1_COMPONENTS)
    _decide_revision(world, v2, dt.date(2025, 6, 1))
    first.refresh_from_db()
    v2.plan.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert (v2.plan.term_start, v2.plan.term_end) == term
    msg = OutboxMessage.objects.get(message_type="pip.revised")
    assert msg.payload["data"]["version"] == 2 and msg.payload["data"]["reason"] == "other"
    # old version still readable with its own components
    assert first.components.count() == len(B1_COMPONENTS)


def test_switch_within_window(world, client_a):
    decided_plan(world, client_a, DAY)
    v2 = revision(world, client_a, Reason.SWITCH)
    services.replace_components(principal(world, "cm1"), v2, v2.version, Z_COMPONENTS)
    v2.refresh_from_db()
    v2 = services.update_draft(principal(world, "cm1"), v2, v2.version, route=Route.Z)
    first = v2.plan.versions.get(number=1)
    _decide_revision(world, v2, dt.date(2026, 7, 15))  # last day of the 18 months
    v2.refresh_from_db()
    first.refresh_from_db()
    assert v2.status == VersionStatus.DECIDED and v2.route == Route.Z
    assert v2.decision_date == dt.date(2026, 7, 15)
    assert first.status == VersionStatus.SUPERSEDED and first.route == Route.B1
    assert sorted(c.kind for c in v2.components.all()) == sorted(c["kind"] for c in Z_COMPONENTS)


def test_switch_after_window_refused(world, client_a):
    decided_plan(world, client_a, DAY)
    v2 = revision(world, client_a, Reason.SWITCH)
    services.replace_components(principal(world, "cm1"), v2, v2.version, Z_COMPONENTS)
    v2.refresh_from_db()
    v2 = services.update_draft(principal(world, "cm1"), v2, v2.version, route=Route.Z)
    from regie.plans import validation

    text = " ".join(validation.problems(v2, dt.date(2026, 7, 16)))
    assert "Schakelen kan alleen tot en met 15-7-2026" in text


def test_education_to_b1_any_time(world, client_a):
    decided_plan(world, client_a, DAY, route=Route.EDUCATION, components=EDU_COMPONENTS)
    v2 = revision(world, client_a, Reason.SWITCH, route=Route.B1)
    services.replace_components(principal(world, "cm1"), v2, v2.version, B1_COMPONENTS)
    v2.refresh_from_db()
    from regie.plans import validation

    assert validation.problems(v2, dt.date(2027, 6, 1)) == []


def test_move_keeps_route(world, client_a):
    decided_plan(world, client_a, DAY)
    v2 = revision(world, client_a, Reason.MOVE, route=Route.Z)
    from regie.plans import validation

    assert "Bij een verhuizing blijft de leerroute gelijk" in " ".join(
        validation.problems(v2, dt.date(2025, 3, 1))
    )


def test_route_change_needs_switch_reason(world, client_a):
    decided_plan(world, client_a, DAY)
    v2 = revision(world, client_a, Reason.OTHER, route=Route.EDUCATION)
    from regie.plans import validation

    assert "schakelen" in " ".join(validation.problems(v2, dt.date(2025, 3, 1)))


@pytest.mark.parametrize("attended, ok", [(599, False), (600, True)])
def test_scale_down_needs_attended_hours(world, client_a, attended, ok):
    first = decided_plan(world, client_a, DAY)
    lang = first.components.get(kind=ComponentKind.LANGUAGE)
    services.record_progress(
        principal(world, "cm1"), lang, lang.version, offer_start=DAY, hours_attended=attended
    )
    v2 = revision(world, client_a, Reason.SCALE_DOWN, scaled_to_a2=True)
    assert v2.components.get(kind=ComponentKind.LANGUAGE).hours_attended == attended
    from regie.plans import validation

    text = " ".join(validation.problems(v2, dt.date(2025, 9, 1)))
    assert ("600 gevolgde lesuren" not in text) == ok


def test_scale_down_only_in_b1(world, client_a):
    from regie.plans import validation

    version = draft(world, client_a, route=Route.Z, components=Z_COMPONENTS, scaled_to_a2=True)
    assert "alleen in de B1-route" in " ".join(validation.problems(version, DAY))


def test_progress_synced_into_open_revision(world, client_a):
    first = decided_plan(world, client_a, DAY)
    v2 = revision(world, client_a, Reason.OTHER)
    lang = first.components.get(kind=ComponentKind.LANGUAGE)
    services.record_progress(principal(world, "cm1"), lang, lang.version, hours_attended=123)
    assert v2.components.get(kind=ComponentKind.LANGUAGE).hours_attended == 123


# --- progress and its outbox messages ---------------------------------------------------------


def test_progress_offer_start_puts_client_in_route_and_pvt_reports(world, client_a):
    first = decided_plan(world, client_a, DAY)
    p = principal(world, "cm1")
    pvt = first.components.get(kind=ComponentKind.PVT)
    services.record_progress(p, pvt, pvt.version, offer_start=dt.date(2025, 2, 1))
    client_a.refresh_from_db()
    assert client_a.status == ClientStatus.IN_ROUTE
    pvt.refresh_from_db()
    services.record_activity(
        p,
        client_a,
        kind=ComponentKind.PVT,
        date=dt.date(2025, 2, 20),
        hours=12,
        description="Workshops kernwaarden en ondertekening",
        reported_by_kind="gemeente",
        reported_by_name="Gemeente Hoorn",
    )
    services.record_milestone(
        p, client_a, kind="pvt_signed", held_on=dt.date(2025, 2, 20), conducted_by="Wethouder"
    )
    services.record_progress(
        p, pvt, pvt.version, hours_attended=12, completed_on=dt.date(2025, 3, 1)
    )
    msg = OutboxMessage.objects.get(message_type="pvt.completed")
    assert msg.payload["data"] == {"completed_on": "2025-03-01", "hours": 12}
    pvt.refresh_from_db()
    with pytest.raises(services.PlanError):  # completion date stays once reported
        services.record_progress(p, pvt, pvt.version, completed_on=dt.date(2025, 3, 2))


def test_map_and_z_final_interview(world, client_a):
    first = decided_plan(world, client_a, DAY, route=Route.Z, components=Z_COMPONENTS)
    p = principal(world, "cm1")
    for kind, hours, who in (
        (ComponentKind.MAP, 40, "werkgever"),
        (ComponentKind.LANGUAGE, 800, "aanbieder"),
        (ComponentKind.PARTICIPATION, 800, "werksaam"),
    ):
        services.record_activity(
            p,
            client_a,
            kind=kind,
            date=dt.date(2025, 8, 1),
            hours=hours,
            description="Gevolgd",
            reported_by_kind=who,
            reported_by_name="Melder",
        )
    services.record_milestone(
        p, client_a, kind="map_final", held_on=dt.date(2025, 8, 20), conducted_by="Klantregisseur"
    )
    services.record_milestone(
        p, client_a, kind="z_final", held_on=dt.date(2025, 8, 25), conducted_by="Klantregisseur"
    )
    for kind in (ComponentKind.MAP, ComponentKind.LANGUAGE):
        comp = first.components.get(kind=kind)
        services.record_progress(
            p, comp, comp.version, offer_start=dt.date(2025, 2, 1), completed_on=dt.date(2025, 9, 1)
        )
    types = list(OutboxMessage.objects.values_list("message_type", flat=True))
    assert {"map.final_interview", "zroute.final_interview"} <= set(types)
    assert types.count("zroute.final_interview") == 1  # the eindgesprek, not the language part
    assert OutboxMessage.objects.get(message_type="map.final_interview").payload["data"] == {
        "held_on": "2025-08-20"
    }


def test_progress_refused_for_reader_and_future_dates(world, client_a):
    first = decided_plan(world, client_a, DAY)
    comp = first.components.get(kind=ComponentKind.LANGUAGE)
    with pytest.raises(PermissionDenied):
        services.record_progress(principal(world, "cm2"), comp, comp.version, hours_attended=1)
    with pytest.raises(services.PlanError):
        services.record_progress(
            principal(world, "cm1"),
            comp,
            comp.version,
            offer_start=dt.date.today() + dt.timedelta(days=3),
        )


# --- optimistic locking, lifecycle ------------------------------------------------------------


def test_stale_draft_edit_is_refused(world, client_a):
    version = draft(world, client_a)
    stale = version.version
    services.update_draft(principal(world, "cm1"), version, stale, notes="eerste")
    with pytest.raises(VersionConflict):
        services.update_draft(principal(world, "cm1"), version, stale, notes="tweede")
    version.refresh_from_db()
    assert version.notes == "eerste"


def test_stale_progress_is_refused(world, client_a):
    first = decided_plan(world, client_a, DAY)
    comp = first.components.get(kind=ComponentKind.LANGUAGE)
    services.record_progress(principal(world, "cm1"), comp, comp.version, hours_attended=5)
    with pytest.raises(VersionConflict):
        services.record_progress(principal(world, "cm1"), comp, comp.version, hours_attended=9)


def test_submitted_cannot_be_edited_until_reopened(world, client_a):
    version = draft(world, client_a)
    submit(world, version)
    version.refresh_from_db()
    with pytest.raises(services.PlanError):
        services.update_draft(principal(world, "cm1"), version, version.version, notes="x")
    version = services.reopen(principal(world, "cm1"), version, version.version)
    services.update_draft(principal(world, "cm1"), version, version.version, notes="x")


def test_only_one_open_version_and_one_initial(world, client_a):
    draft(world, client_a)
    with pytest.raises(services.PlanError):
        services.draft_initial(principal(world, "cm1"), client_a)
    with pytest.raises(services.PlanError):
        services.revise(principal(world, "cm1"), client_a, reason=Reason.OTHER)


def test_read_only_colleague_cannot_draft(world, client_a):
    with pytest.raises(PermissionDenied):
        services.draft_initial(principal(world, "cm2"), client_a)
    with pytest.raises(PermissionDenied):
        services.draft_initial(principal(world, "guide"), world.clients["own_cm2"])


def test_prefill_from_intake_when_available(world, client_a, monkeypatch):
    import regie.intake.selectors as intake_selectors

    monkeypatch.setattr(
        intake_selectors,
        "prefill_for_plan",
        lambda client: {"route_advice": "z", "work_wishes": "Kok", "on_bijstand": True},
        raising=False,
    )
    version = services.draft_initial(principal(world, "cm1"), client_a)
    kinds = set(version.components.values_list("kind", flat=True))
    assert version.route == Route.Z
    assert {"language", "knm", "pvt", "map", "ontzorgen", "social_guidance"} == kinds
    assert "Kok" in version.notes
