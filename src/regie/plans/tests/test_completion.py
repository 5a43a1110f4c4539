"""Issue 9 items 1 and 6: completing PVT, MAP and the Z-route needs attended hours with who
reported them and the recorded signing or eindgesprek; the onderwijsroute aims at B1 or B2; and
afschalen records its conditions, not only an hour count."""

import datetime as dt

import pytest

from regie.clients.models import PermitType, TargetGroup
from regie.core.models import OutboxMessage
from regie.core.roles import OrganisationKind
from regie.core.tests.factories import OrganisationFactory
from regie.plans import services, validation
from regie.plans.models import (
    AttendedActivity,
    ComponentKind,
    Milestone,
    MilestoneKind,
    Reason,
    Route,
)

from .helpers import B1_COMPONENTS, EDU_COMPONENTS, Z_COMPONENTS, decided_plan, draft, principal
from .helpers import revision as make_revision

DAY = dt.date(2025, 1, 15)


@pytest.fixture
def client_a(world):
    c = world.clients["own_cm1"]
    c.target_group = TargetGroup.ASYLUM
    c.permit_type = PermitType.ASYLUM
    c.save()
    return c


def hours(world, client, kind, amount, who="gemeente", name="Gemeente Hoorn", day=None):
    return services.record_activity(
        principal(world, "cm1"),
        client,
        kind=kind,
        date=day or dt.date(2025, 3, 1),
        hours=amount,
        description="Gevolgde activiteit",
        reported_by_kind=who,
        reported_by_name=name,
    )


def milestone(world, client, kind, day=dt.date(2025, 3, 10)):
    return services.record_milestone(
        principal(world, "cm1"), client, kind=kind, held_on=day, conducted_by="J. de Vries"
    )


def complete(world, component, day=dt.date(2025, 4, 1)):
    component.refresh_from_db()
    return services.record_progress(
        principal(world, "cm1"), component, component.version, completed_on=day
    )


def messages(kind):
    return OutboxMessage.objects.filter(message_type=kind)


# --- PVT ---------------------------------------------------------------------------------------


def test_pvt_completion_requires_12_attended_hours_and_signed_declaration(world, client_a):
    first = decided_plan(world, client_a, DAY)
    pvt = first.components.get(kind=ComponentKind.PVT)
    assert pvt.hours_planned == 12  # planned hours alone never complete the PVT
    with pytest.raises(services.PlanError) as refused:
        complete(world, pvt)
    text = " ".join(refused.value.messages)
    assert "ten minste 12 gevolgde uren" in text and "er ontbreken er 12" in text
    assert "participatieverklaring heeft ondertekend" in text
    assert not messages("pvt.completed").exists()

    hours(world, client_a, ComponentKind.PVT, 8)
    milestone(world, client_a, MilestoneKind.PVT_DECLARATION_SIGNED)
    with pytest.raises(services.PlanError) as refused:
        complete(world, pvt)
    assert "er ontbreken er 4" in " ".join(refused.value.messages)
    assert not messages("pvt.completed").exists()

    hours(world, client_a, ComponentKind.PVT, 4, who="vrijwilligersorganisatie", name="Odyssee")
    complete(world, pvt)
    pvt.refresh_from_db()
    assert pvt.completed_on == dt.date(2025, 4, 1)
    assert messages("pvt.completed").get().payload["data"] == {
        "completed_on": "2025-04-01",
        "hours": 12,
    }


def test_pvt_completion_hand_typed_total_does_not_count(world, client_a):
    """A bare total on the progress page has no reporter: it does not complete the PVT."""
    first = decided_plan(world, client_a, DAY)
    pvt = first.components.get(kind=ComponentKind.PVT)
    milestone(world, client_a, MilestoneKind.PVT_DECLARATION_SIGNED)
    with pytest.raises(services.PlanError):
        services.record_progress(
            principal(world, "cm1"),
            pvt,
            pvt.version,
            hours_attended=12,
            completed_on=dt.date(2025, 4, 1),
        )
    assert not messages("pvt.completed").exists()


def test_pvt_completion_date_on_or_after_signing(world, client_a):
    first = decided_plan(world, client_a, DAY)
    pvt = first.components.get(kind=ComponentKind.PVT)
    hours(world, client_a, ComponentKind.PVT, 12)
    milestone(world, client_a, MilestoneKind.PVT_DECLARATION_SIGNED, day=dt.date(2025, 5, 1))
    with pytest.raises(services.PlanError) as refused:
        complete(world, pvt, day=dt.date(2025, 4, 1))
    assert "na de datum van afronden" in " ".join(refused.value.messages)


# --- MAP ---------------------------------------------------------------------------------------


def test_map_completion_requires_40_attended_practical_hours_and_final_interview(world, client_a):
    first = decided_plan(world, client_a, DAY)
    map_ = first.components.get(kind=ComponentKind.MAP)
    hours(world, client_a, ComponentKind.MAP, 39, who="werkgever", name="Kwekerij Bakker")
    with pytest.raises(services.PlanError) as refused:
        complete(world, map_)
    text = " ".join(refused.value.messages)
    assert "ten minste 40 gevolgde uren" in text and "eindgesprek MAP" in text
    assert not messages("map.final_interview").exists()

    hours(world, client_a, ComponentKind.MAP, 1, who="werksaam", name="WerkSaam Westfriesland")
    milestone(world, client_a, MilestoneKind.MAP_FINAL_INTERVIEW, day=dt.date(2025, 3, 20))
    complete(world, map_)
    assert messages("map.final_interview").get().payload["data"] == {"held_on": "2025-03-20"}


# --- Z-route -----------------------------------------------------------------------------------


def test_z_route_language_completion_does_not_send_final_interview(world, client_a):
    first = decided_plan(world, client_a, DAY, route=Route.Z, components=Z_COMPONENTS)
    language = first.components.get(kind=ComponentKind.LANGUAGE)
    with pytest.raises(services.PlanError) as refused:
        complete(world, language)
    assert "800 gevolgde uren" in " ".join(refused.value.messages)
    hours(world, client_a, ComponentKind.LANGUAGE, 700, who="aanbieder", name="Taalschool")
    hours(world, client_a, ComponentKind.KNM, 100, who="aanbieder", name="Taalschool")
    complete(world, language)
    assert not messages("zroute.final_interview").exists()


def test_z_route_final_interview_requires_800_language_and_800_participation_hours_for_asylum(
    world, client_a
):
    decided_plan(world, client_a, DAY, route=Route.Z, components=Z_COMPONENTS)
    hours(world, client_a, ComponentKind.LANGUAGE, 800, who="aanbieder", name="Taalschool")
    with pytest.raises(services.PlanError) as refused:
        milestone(world, client_a, MilestoneKind.Z_FINAL_INTERVIEW)
    text = " ".join(refused.value.messages)
    assert "Z-route: participatie" in text and "er ontbreken er 800" in text
    assert not Milestone.objects.filter(client=client_a).exists()
    assert not messages("zroute.final_interview").exists()

    hours(world, client_a, ComponentKind.PARTICIPATION, 500, who="werksaam", name="WerkSaam")
    hours(world, client_a, ComponentKind.PARTICIPATION, 200, who="werkgever", name="Bakker BV")
    hours(
        world,
        client_a,
        ComponentKind.PARTICIPATION,
        100,
        who="vrijwilligersorganisatie",
        name="Kringloop Hoorn",
    )
    milestone(world, client_a, MilestoneKind.Z_FINAL_INTERVIEW, day=dt.date(2025, 9, 1))
    assert messages("zroute.final_interview").get().payload["data"] == {"held_on": "2025-09-01"}


def test_z_route_final_interview_for_family_migrant_needs_no_participation_hours(world, client_a):
    client_a.target_group = TargetGroup.FAMILY
    client_a.permit_type = PermitType.REGULAR
    client_a.save()
    components = [c for c in Z_COMPONENTS if c["kind"] != ComponentKind.PARTICIPATION]
    decided_plan(world, client_a, DAY, route=Route.Z, components=components)
    hours(world, client_a, ComponentKind.LANGUAGE, 800, who="aanbieder", name="Taalschool")
    milestone(world, client_a, MilestoneKind.Z_FINAL_INTERVIEW)
    assert messages("zroute.final_interview").count() == 1


def test_z_final_interview_only_in_the_z_route(world, client_a):
    decided_plan(world, client_a, DAY)
    with pytest.raises(services.PlanError) as refused:
        milestone(world, client_a, MilestoneKind.Z_FINAL_INTERVIEW)
    assert "alleen bij de Z-route" in " ".join(refused.value.messages)


# --- the records themselves ---------------------------------------------------------------------


def test_attended_activity_records_reporter_and_recorder(world, client_a):
    decided_plan(world, client_a, DAY)
    activity = hours(world, client_a, ComponentKind.PARTICIPATION, "2.5", who="werkgever")
    assert activity.recorded_by == world.users["cm1"]
    assert (activity.reported_by_kind, activity.reported_by_name) == ("werkgever", "Gemeente Hoorn")


def test_attended_activity_bad_input_gives_dutch_errors(world, client_a):
    decided_plan(world, client_a, DAY)
    with pytest.raises(services.PlanError) as refused:
        services.record_activity(
            principal(world, "cm1"),
            client_a,
            kind="ontzorgen",
            date=dt.date.today() + dt.timedelta(days=2),
            hours=0,
            description="",
            reported_by_kind="",
            reported_by_name="",
        )
    text = " ".join(refused.value.messages)
    for part in ("Kies het onderdeel", "toekomst", "meer dan 0", "wie de uren meldde", "naam"):
        assert part in text
    assert not AttendedActivity.objects.exists()


def test_milestone_recorded_once_per_client(world, client_a):
    decided_plan(world, client_a, DAY)
    milestone(world, client_a, MilestoneKind.PVT_DECLARATION_SIGNED)
    with pytest.raises(services.PlanError) as refused:
        milestone(world, client_a, MilestoneKind.PVT_DECLARATION_SIGNED)
    assert "al vastgelegd" in " ".join(refused.value.messages)


def test_recording_needs_the_full_dossier(world, client_a):
    from django.core.exceptions import PermissionDenied

    decided_plan(world, client_a, DAY)
    with pytest.raises(PermissionDenied):
        services.record_milestone(
            principal(world, "cm2"),
            client_a,
            kind=MilestoneKind.PVT_DECLARATION_SIGNED,
            held_on=DAY,
            conducted_by="X",
        )


# --- item 6: onderwijsroute level and afschalen ------------------------------------------------


def test_onderwijsroute_aims_at_least_b1(world, client_a):
    version = draft(world, client_a, route=Route.EDUCATION, components=EDU_COMPONENTS)
    assert validation.problems(version, DAY) == []  # empty: B1
    version.target_level = "b2"
    assert validation.problems(version, DAY) == []
    version.target_level = "a2"  # e.g. through the API or an old row
    assert "gericht op ten minste B1" in " ".join(validation.problems(version, DAY))


def test_z_route_has_no_b1_or_b2_target_level(world, client_a):
    version = draft(world, client_a, route=Route.Z, components=Z_COMPONENTS, target_level="b1")
    assert "geen taalniveau B1 of B2" in " ".join(validation.problems(version, DAY))


def _scale_down(world, client, **conditions):
    first = decided_plan(world, client, DAY)
    lang = first.components.get(kind=ComponentKind.LANGUAGE)
    services.record_progress(
        principal(world, "cm1"), lang, lang.version, offer_start=DAY, hours_attended=620
    )
    return make_revision(world, client, Reason.SCALE_DOWN, scaled_to_a2=True, **conditions)


def test_scale_down_records_conditions_not_only_an_hour_count(world, client_a):
    version = _scale_down(world, client_a)
    text = " ".join(validation.problems(version, dt.date(2025, 9, 1)))
    assert "600 gevolgde lesuren" not in text  # the hours alone are there ...
    for missing in (
        "waarom B1 niet haalbaar",
        "Kies de taalschool",
        "lesuren volgens de taalschool",
        "fysiek",
        "inspanning van de klant",
        "voldoende inspanning",
    ):
        assert missing in text  # ... but not the conditions


@pytest.fixture
def keurmerk(monkeypatch):
    """The keurmerk check that ``offer`` registers, replaced by a switch (plans may not import
    offer; offer/tests/test_completion_hooks.py tests the real one)."""
    from regie.core import hooks

    state = {"valid": False}
    monkeypatch.setattr(hooks, "quality_mark_checks", [lambda org_id, day: state["valid"]])
    return state


def _conditions(world, **changes):
    school = OrganisationFactory(kind=OrganisationKind.PROVIDER, region=world.orgs["a1"].region)
    return {
        "scale_down_infeasible_reason": "Na 620 uur nog op A1 voor schrijven.",
        "scale_down_school": school,
        "scale_down_lesson_hours": 620,
        "scale_down_in_person_hours": 300,
        "scale_down_effort": "Aanwezigheid 95%, huiswerk steeds gemaakt.",
        "scale_down_effort_sufficient": True,
        **changes,
    }


def test_scale_down_needs_half_in_person_at_a_keurmerk_school_and_sufficient_effort(
    world, client_a, keurmerk
):
    version = _scale_down(world, client_a, **_conditions(world, scale_down_in_person_hours=299))
    on = dt.date(2025, 9, 1)
    text = " ".join(validation.problems(version, on))
    assert "geen Blik op Werk Keurmerk Inburgeren" in text
    assert "(300 uur) moet fysiek onderwijs zijn; nu 299 uur" in text

    keurmerk["valid"] = True
    version.scale_down_in_person_hours = 300
    version.save()
    assert validation.problems(version, on) == []

    version.scale_down_effort_sufficient = False
    version.save()
    assert "voldoende inspanning" in " ".join(validation.problems(version, on))


def test_revision_keeps_the_scale_down_conditions(world, client_a, keurmerk):
    from .helpers import decide, submit

    keurmerk["valid"] = True
    conditions = _conditions(world)
    version = _scale_down(world, client_a, **conditions)
    submit(world, version)
    decide(world, version, dt.date(2025, 9, 1))
    later = make_revision(world, client_a, Reason.OTHER)
    assert later.scaled_to_a2
    for name, value in conditions.items():
        assert getattr(later, name) == value


def test_scale_down_badges_the_in_person_share(world, client_a):
    version = _scale_down(world, client_a)
    keys = {r["key"] for r in validation.unconfirmed_rules(version, dt.date(2025, 9, 1))}
    assert "scale_down_in_person_percent" in keys


def test_b1_components_stay_valid(world, client_a):
    assert validation.problems(draft(world, client_a, components=B1_COMPONENTS), DAY) == []


def test_pvt_and_scale_down_minimums_are_badged_unconfirmed(world, client_a):
    """Guidance only (Divosa, Schulinck, Blik op Werk), no article text read: Niet bevestigd."""
    version = _scale_down(world, client_a)
    keys = {r["key"] for r in validation.unconfirmed_rules(version, dt.date(2025, 9, 1))}
    assert {"pvt_min_hours", "scale_down_min_hours"} <= keys


def test_retention_destroys_attended_activities_and_milestones_with_the_plan(world, client_a):
    from regie.plans import retention
    from regie.plans.models import Plan

    decided_plan(world, client_a, DAY)
    hours(world, client_a, ComponentKind.PVT, 4)
    milestone(world, client_a, MilestoneKind.PVT_DECLARATION_SIGNED)
    plan = Plan.objects.get(client=client_a)
    assert retention.destroy([plan.pk]) == 1
    assert not AttendedActivity.objects.filter(client=client_a).exists()
    assert not Milestone.objects.filter(client=client_a).exists()
