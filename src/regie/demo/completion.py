"""Demo (issue 9 item 1): one client with a completed PVT, shown with the attended hours and who
reported them, the signed participatieverklaring and the PVT message to DUO; and one Z-route
client on the way to the eindgesprek, with participation hours from WerkSaam and an employer.

Everything goes through ``regie.plans.services``, so the completion rules are applied exactly as
for a real client. Idempotent: nothing happens when a demo signing is already recorded.
"""

import datetime as dt

from django.utils import timezone

from regie.clients.models import Client, ClientStatus
from regie.core.context import acting_as
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role

PVT_ACTIVITIES = [
    # (days after the PIP, hours, activity, reporter kind, reporter)
    (20, "3", "Workshop vrijheid en gelijkwaardigheid", "gemeente", "Gemeente {municipality}"),
    (27, "3", "Workshop participatie en solidariteit", "gemeente", "Gemeente {municipality}"),
    (
        34,
        "4",
        "Excursie naar het gemeentehuis en de bibliotheek",
        "vrijwilligersorganisatie",
        "VluchtelingenWerk Noord-Holland",
    ),
    (
        41,
        "2",
        "Bijeenkomst en ondertekening participatieverklaring",
        "gemeente",
        "Gemeente {municipality}",
    ),
]
Z_PARTICIPATION = [
    (
        60,
        "120",
        "Vrijwilligerswerk kringloopwinkel (3 maanden)",
        "werksaam",
        "GR WerkSaam Westfriesland",
    ),
    (150, "96", "Werkervaringsplek groenvoorziening", "werkgever", "Hoveniersbedrijf De Linde"),
]


def _case_manager(client):
    from regie.core.models import RoleAssignment

    assignment = (
        RoleAssignment.objects.filter(
            user=client.case_manager, organisation=client.team, role=Role.CASE_MANAGER
        )
        .select_related("user", "organisation", "organisation__region")
        .first()
    )
    return Principal.from_assignment(assignment) if assignment else None


def _candidates(team, route: str | None):
    from regie.plans.models import PlanVersion, VersionStatus

    versions = (
        PlanVersion.objects.filter(
            client__team=team,
            client__status=ClientStatus.IN_ROUTE,
            status=VersionStatus.DECIDED,
            components__kind="pvt",
            components__completed_on__isnull=True,
        )
        .select_related("client", "plan")
        .order_by("plan__first_decision_date", "id")
    )
    if route:
        versions = versions.filter(route=route)
    return versions


def load(orgs: dict) -> dict:
    from regie.plans.models import Milestone

    team = next((o for o in orgs.values() if o.kind == OrganisationKind.TEAM), None)
    if team is None or Milestone.objects.filter(client__team=team).exists():
        return {"pvt_completed": 0, "z_hours": 0}
    today = timezone.localdate()
    done = {"pvt_completed": 0, "z_hours": 0}
    for version in _candidates(team, None):
        start = version.plan.first_decision_date
        if start is None or start + dt.timedelta(days=60) > today:
            continue
        if _complete_pvt(version, start, today):
            done["pvt_completed"] = 1
            break
    for version in _candidates(team, "z"):
        start = version.plan.first_decision_date
        if start is None or start + dt.timedelta(days=160) > today:
            continue
        done["z_hours"] = _z_participation(version.client, start)
        break
    return done


def _complete_pvt(version, start: dt.date, today: dt.date) -> bool:
    from regie.plans import services as plans
    from regie.plans.models import MilestoneKind

    client = Client.objects.select_related("municipality", "team").get(pk=version.client_id)
    cm = _case_manager(client)
    if cm is None:
        return False
    name = client.municipality.name
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        for days, hours, what, kind, reporter in PVT_ACTIVITIES:
            plans.record_activity(
                cm,
                client,
                kind="pvt",
                date=start + dt.timedelta(days=days),
                hours=hours,
                description=what,
                reported_by_kind=kind,
                reported_by_name=reporter.format(municipality=name),
            )
        signed = start + dt.timedelta(days=41)
        plans.record_milestone(
            cm,
            client,
            kind=MilestoneKind.PVT_DECLARATION_SIGNED,
            held_on=signed,
            conducted_by=f"Wethouder inburgering, gemeente {name}",
            note="Ondertekend in een bijeenkomst met zes nieuwkomers en hun maatjes.",
        )
        pvt = version.components.get(kind="pvt")
        plans.record_progress(
            cm,
            pvt,
            pvt.version,
            offer_start=start + dt.timedelta(days=20),
            progress_note="Alle bijeenkomsten bijgewoond; participatieverklaring ondertekend.",
            completed_on=min(signed + dt.timedelta(days=1), today),
        )
    return True


def _z_participation(client, start: dt.date) -> int:
    from regie.plans import services as plans

    client = Client.objects.select_related("team").get(pk=client.pk)
    cm = _case_manager(client)
    if cm is None:
        return 0
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        for days, hours, what, kind, reporter in Z_PARTICIPATION:
            plans.record_activity(
                cm,
                client,
                kind="participation",
                date=start + dt.timedelta(days=days),
                hours=hours,
                description=what,
                reported_by_kind=kind,
                reported_by_name=reporter,
            )
    return len(Z_PARTICIPATION)
