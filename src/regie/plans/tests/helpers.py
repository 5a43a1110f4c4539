"""Shared helpers for the plans tests."""

import datetime as dt

from regie.core.principal import Principal
from regie.plans import services
from regie.plans.models import ComponentKind, ParticipationType

B1_COMPONENTS = [
    {"kind": ComponentKind.LANGUAGE, "hours_planned": 600},
    {"kind": ComponentKind.KNM, "hours_planned": 100},
    {"kind": ComponentKind.PVT, "hours_planned": 12},
    {"kind": ComponentKind.MAP, "hours_planned": 40},
]
Z_COMPONENTS = [
    {"kind": ComponentKind.LANGUAGE, "hours_planned": 700},
    {"kind": ComponentKind.KNM, "hours_planned": 100},
    {"kind": ComponentKind.PVT, "hours_planned": 12},
    {"kind": ComponentKind.MAP, "hours_planned": 40},
    {
        "kind": ComponentKind.PARTICIPATION,
        "participation_type": ParticipationType.VOLUNTEERING,
        "linked_to_werksaam": True,
        "hours_planned": 800,
    },
]
EDU_COMPONENTS = [c for c in B1_COMPONENTS if c["kind"] != ComponentKind.MAP]


def principal(world, key):
    return Principal.from_assignment(world.assignments[key])


def draft(world, client, route="b1", components=None, drafter="cm1", **extra):
    p = principal(world, drafter)
    version = services.draft_initial(p, client)
    version = services.update_draft(
        p,
        version,
        version.version,
        route=route,
        review_count=2,
        review_agreements="Elke drie maanden een gesprek.",
        **extra,
    )
    services.replace_components(p, version, version.version, components or B1_COMPONENTS)
    version.refresh_from_db()
    return version


def submit(world, version, who="cm1"):
    version.refresh_from_db()
    return services.submit(principal(world, who), version, version.version)


def decide(world, version, day, who="tl", made_known=None):
    version.refresh_from_db()
    return services.decide(
        principal(world, who),
        version,
        version.version,
        decision_date=day,
        made_known_on=made_known or day,
    )


def decided_plan(world, client, day=dt.date(2025, 1, 15), route="b1", components=None):
    """A decided PIP; drafted by the client's own case manager, decided by its team leader."""
    drafter = {"own_cm1": "cm1", "own_cm2": "cm2", "income": "cm2", "region_b": "cm_b"}
    key = next(k for k, c in world.clients.items() if c.pk == client.pk)
    leader = "tl_b" if key == "region_b" else "tl"
    version = draft(world, client, route=route, components=components, drafter=drafter[key])
    submit(world, version, who=drafter[key])
    return decide(world, version, day, who=leader)


def revision(world, client, reason, who="cm1", **changes):
    p = principal(world, who)
    version = services.revise(p, client, reason=reason)
    if changes:
        version = services.update_draft(p, version, version.version, **changes)
    return version
