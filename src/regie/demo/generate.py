"""``regie demo generate --clients N``: a synthetic national-scale data set for benchmarks.

Builds a separate synthetic region (40 municipalities, 10 teams, one case manager per ~60 clients)
with households (1–4 members, about half of them obliged), intakes with their domain records,
PIPs with decided versions and components, reviews and deadlines, using bulk inserts in chunks
(no per-row signals, so no audit rows: this is benchmark data, not casework).

BSNs: the BRP test range 9999xxxxx holds only about 9,000 valid numbers, so the generator uses
9-digit numbers that start with 9 and pass the 11-test (a range not issued to residents so far —
UNCONFIRMED; never load this data set next to real data).
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from regie.clients import lifecycle
from regie.clients.models import Client, ClientStatus, Deadline, Household
from regie.core.models import Organisation, Region, RoleAssignment, User
from regie.core.roles import OrganisationKind, Role

REGION_CODE = "synthetisch"
CHUNK = 5000
DOMAINS = [
    "background",
    "education",
    "work",
    "language",
    "health",
    "family",
    "finances",
    "housing",
    "motivation",
    "self_reliance",
]


def _bsns(start: int):
    n = start
    while True:
        candidate = f"9{n:08d}"
        n += 1
        digits = [int(d) for d in candidate]
        if sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0:
            yield candidate


def _structure(region: Region, n_clients: int):
    municipalities = []
    for i in range(40):
        org, _c = Organisation.objects.get_or_create(
            region=region,
            kind=OrganisationKind.MUNICIPALITY,
            name=f"Synthetische gemeente {i + 1:02d}",
            defaults={"cbs_code": f"GM{9100 + i}", "inhabitants": 20000 + 5000 * i},
        )
        municipalities.append(org)
    teams = []
    for t in range(10):
        team, _c = Organisation.objects.get_or_create(
            region=region, kind=OrganisationKind.TEAM, name=f"Synthetisch team {t + 1:02d}"
        )
        teams.append(team)
    per_team = max(1, n_clients // 60 // len(teams))
    managers: dict[int, list[User]] = {}
    for t, team in enumerate(teams):
        existing = list(
            User.objects.filter(
                role_assignments__organisation=team, role_assignments__role=Role.CASE_MANAGER
            )
        )
        need = per_team - len(existing)
        if need > 0:
            users = User.objects.bulk_create(
                [
                    User(
                        username=f"synth-km-{t:02d}-{len(existing) + k:04d}",
                        first_name="Klantregisseur",
                        last_name=f"{t:02d}-{len(existing) + k:04d}",
                        password="!",
                    )
                    for k in range(need)
                ]
            )
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=u, role=Role.CASE_MANAGER, organisation=team) for u in users]
            )
            existing += users
        managers[team.pk] = existing
        if not RoleAssignment.objects.filter(organisation=team, role=Role.TEAM_LEADER).exists():
            leader = User.objects.create(
                username=f"synth-tl-{t:02d}",
                first_name="Teamleider",
                last_name=f"{t:02d}",
                password="!",
            )
            RoleAssignment.objects.create(user=leader, role=Role.TEAM_LEADER, organisation=team)
    leaders = {
        a.organisation_id: a.user
        for a in RoleAssignment.objects.filter(
            organisation__in=teams, role=Role.TEAM_LEADER
        ).select_related("user")
    }
    return municipalities, teams, managers, leaders


def generate(n_clients: int, *, seed: int = 0, progress=None) -> dict:
    from regie.intake import deadlines as intake_deadlines
    from regie.intake.models import DomainRecord, Intake
    from regie.plans import deadlines as plan_deadlines
    from regie.plans.models import Component, Plan, PlanVersion
    from regie.progress import deadlines as progress_deadlines
    from regie.progress.models import Review

    rng = random.Random(seed)
    region, _c = Region.objects.get_or_create(
        code=REGION_CODE, defaults={"name": "Synthetische regio (benchmark)"}
    )
    municipalities, teams, managers, leaders = _structure(region, n_clients)
    already = Client.objects.filter(team__region=region).count()
    bsns = _bsns(10_000_000 + already * 13)
    today = timezone.localdate()
    made = {
        "clients": 0,
        "households": 0,
        "intakes": 0,
        "plan_versions": 0,
        "reviews": 0,
        "deadlines": 0,
    }
    remaining = n_clients
    while remaining > 0:
        size = min(CHUNK, remaining)
        with transaction.atomic():
            households, clients = [], []
            while len(clients) < size:
                t = rng.randrange(len(teams))
                team = teams[t]
                muni = municipalities[t * 4 + rng.randrange(4)]
                hh = Household(name=f"Huishouden {rng.randrange(10**6):06d}", municipality=muni)
                households.append(hh)
                members = rng.choice([1, 2, 2, 3, 4])
                for m in range(members):
                    if len(clients) >= size:
                        break
                    obliged = m == 0 or (m == 1 and rng.random() < 0.6)
                    permit = today - dt.timedelta(days=rng.randrange(20, 1400))
                    brp = permit + dt.timedelta(days=rng.randrange(60, 120))
                    clients.append(
                        Client(
                            bsn=next(bsns),
                            given_names=f"Voornaam{rng.randrange(10**5)}",
                            surname=f"Achternaam{rng.randrange(10**5):05d}",
                            date_of_birth=dt.date(1960, 1, 1)
                            + dt.timedelta(days=rng.randrange(0, 365 * (45 if m < 2 else 60))),
                            municipality=muni,
                            team=team,
                            household=hh,
                            case_manager=rng.choice(managers[team.pk]) if obliged else None,
                            is_obliged=obliged,
                            status=lifecycle.initial_status(obliged),
                            permit_date=permit,
                            linkage_date=permit + dt.timedelta(days=14),
                            housing_date=brp - dt.timedelta(days=3),
                            brp_date=brp,
                            duo_notice_date=brp + dt.timedelta(days=rng.randrange(5, 50)),
                        )
                    )
            Household.objects.bulk_create(households, batch_size=2000)
            for c in clients:
                c.household_id = c.household.pk
            Client.objects.bulk_create(clients, batch_size=2000)
            made["households"] += len(households)
            made["clients"] += len(clients)
            intakes, plans, deadlines, reviews = [], [], [], []
            staged = []
            for c in clients:
                if not c.is_obliged:
                    continue
                age = (today - c.brp_date).days
                stage = "registered" if age < 20 else ("intake" if age < 70 else "plan")
                staged.append((c, stage))
                if stage in ("intake", "plan"):
                    intakes.append(
                        Intake(
                            client=c,
                            status="completed" if stage == "plan" else "draft",
                            started_on=c.brp_date + dt.timedelta(days=14),
                            completed_on=c.brp_date + dt.timedelta(days=50)
                            if stage == "plan"
                            else None,
                        )
                    )
                if stage == "plan":
                    decision = c.brp_date + dt.timedelta(days=rng.randrange(50, 75))
                    term_start = decision + dt.timedelta(days=1)
                    plans.append(
                        Plan(
                            client=c,
                            first_decision_date=decision,
                            term_start=term_start,
                            term_end=dt.date(
                                term_start.year + 3, term_start.month, min(term_start.day, 28)
                            )
                            - dt.timedelta(days=1),
                        )
                    )
                pip_due = c.brp_date + dt.timedelta(weeks=10)
                deadlines.append(
                    Deadline(
                        client=c,
                        kind=plan_deadlines.PIP_DECIDED,
                        due_date=pip_due,
                        basis="synthetisch",
                        met_on=pip_due - dt.timedelta(days=5) if stage == "plan" else None,
                    )
                )
                deadlines.append(
                    Deadline(
                        client=c,
                        kind=intake_deadlines.INTAKE_START,
                        due_date=c.brp_date + dt.timedelta(weeks=4),
                        basis="synthetisch",
                        met_on=c.brp_date + dt.timedelta(days=14)
                        if stage != "registered"
                        else None,
                    )
                )
            Intake.objects.bulk_create(intakes, batch_size=2000)
            DomainRecord.objects.bulk_create(
                [
                    DomainRecord(
                        intake=i,
                        domain=d,
                        status="done"
                        if i.status == "completed"
                        else rng.choice(["not_started", "in_progress", "done"]),
                    )
                    for i in intakes
                    for d in DOMAINS
                ],
                batch_size=5000,
            )
            Plan.objects.bulk_create(plans, batch_size=2000)
            versions, components = [], []
            for p in plans:
                n_versions = rng.choice([1, 1, 1, 2, 3, 3, 4])
                route = rng.choice(["b1", "b1", "b1", "onderwijs", "z"])
                for v in range(n_versions):
                    versions.append(
                        PlanVersion(
                            plan=p,
                            client=p.client,
                            number=v + 1,
                            route=route,
                            status="decided" if v == n_versions - 1 else "superseded",
                            reason="initial" if v == 0 else "other",
                            decision_date=p.first_decision_date + dt.timedelta(days=120 * v),
                            made_known_on=p.first_decision_date + dt.timedelta(days=120 * v + 2),
                            decided_on_behalf_of=p.client.municipality,
                            drafted_by=p.client.case_manager,
                            decided_by=leaders[p.client.team_id],
                        )
                    )
                for k in range(3):
                    reviews.append(
                        Review(
                            client=p.client,
                            planned_on=p.first_decision_date + dt.timedelta(days=100 * (k + 1)),
                            held_on=p.first_decision_date + dt.timedelta(days=100 * (k + 1))
                            if p.first_decision_date + dt.timedelta(days=100 * (k + 1)) < today
                            else None,
                        )
                    )
                deadlines.append(
                    Deadline(
                        client=p.client,
                        kind=progress_deadlines.TERM_END,
                        due_date=p.term_end,
                        basis="synthetisch",
                    )
                )
                deadlines.append(
                    Deadline(
                        client=p.client,
                        kind=progress_deadlines.REVIEW,
                        sequence=1,
                        due_date=p.first_decision_date + dt.timedelta(days=150),
                        basis="synthetisch",
                        met_on=p.first_decision_date + dt.timedelta(days=100)
                        if p.first_decision_date + dt.timedelta(days=100) < today
                        else None,
                    )
                )
                deadlines.append(
                    Deadline(
                        client=p.client,
                        kind=plan_deadlines.PVT_DONE,
                        due_date=p.term_end,
                        basis="synthetisch",
                    )
                )
            PlanVersion.objects.bulk_create(versions, batch_size=2000)
            for v in versions:
                if v.status == "decided":
                    components.extend(
                        [
                            Component(
                                plan_version=v, client=v.client, kind=kind, hours_planned=hours
                            )
                            for kind, hours in (("language", 600), ("knm", 40), ("pvt", 12))
                        ]
                    )
            Component.objects.bulk_create(components, batch_size=5000)
            Review.objects.bulk_create(reviews, batch_size=5000)
            Deadline.objects.bulk_create(deadlines, batch_size=5000)
            # bulk, for speed: the states clients.lifecycle reaches by start_intake and by
            # decide_plan + start_route, written without transition() (no per-row lock or hook)
            Client.objects.filter(pk__in=[c.pk for c, stage in staged if stage == "intake"]).update(
                status=ClientStatus.INTAKE
            )
            Client.objects.filter(pk__in=[c.pk for c, stage in staged if stage == "plan"]).update(
                status=ClientStatus.IN_ROUTE
            )
            made["intakes"] += len(intakes)
            made["plan_versions"] += len(versions)
            made["reviews"] += len(reviews)
            made["deadlines"] += len(deadlines)
        remaining -= size
        if progress:
            progress(n_clients - remaining, n_clients)
    return made
