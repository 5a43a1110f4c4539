"""The Westfriesland demo's casework: synthetic households and clients with dates relative to
today, taken through the real services (intake, PIP decision, progress, closing), so every screen
has life and every rule was applied exactly as for a real client.

Households: 1–4 members, about half of the members obliged (children and some partners are not).
Spread over the municipalities with the housing target (taakstelling) as key. Stages cycle over
registered, intake, plan in draft, decided and in route (with reviews), revised, late offer and
closed; some deadlines are overdue on purpose.
"""

import datetime as dt
import random

from django.utils import timezone

from regie.clients import lifecycle
from regie.clients.models import Client, Household
from regie.core.bsn import demo_bsns
from regie.core.context import acting_as
from regie.core.models import Organisation, RoleAssignment
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role

GIVEN_ADULT = [
    "Amal",
    "Yonas",
    "Mahmoud",
    "Semhar",
    "Rami",
    "Lina",
    "Ahmad",
    "Hiwet",
    "Omar",
    "Nour",
    "Tesfay",
    "Rasha",
    "Farid",
    "Dalia",
    "Yusuf",
    "Mariam",
    "Kidane",
    "Samira",
    "Hassan",
    "Aster",
    "Oksana",
    "Dmytro",
    "Leyla",
    "Bashir",
]
GIVEN_CHILD = ["Sara", "Adam", "Lia", "Noah", "Hana", "Elias", "Maya", "Yara"]
FAMILY = [
    ("Al-Khatib", "Syrische", "Arabisch"),
    ("Tesfamariam", "Eritrese", "Tigrinya"),
    ("Haddad", "Syrische", "Arabisch, Engels"),
    ("Gebremedhin", "Eritrese", "Tigrinya"),
    ("Rahimi", "Afghaanse", "Dari"),
    ("Hussein", "Iraakse", "Arabisch, Koerdisch"),
    ("Abraha", "Eritrese", "Tigrinya, Arabisch"),
    ("Nasser", "Jemenitische", "Arabisch"),
    ("Karimi", "Afghaanse", "Pasjtoe, Dari"),
    ("Yilmaz", "Turkse", "Turks"),
    ("Darwish", "Syrische", "Arabisch"),
    ("Bondarenko", "Oekraïense", "Oekraïens, Russisch"),
]
STAGES = [
    "registered",
    "registered_late",
    "intake",
    "intake",
    "draft",
    "draft_late",
    "decided",
    "decided",
    "decided",
    "decided_reviewed",
    "decided_reviewed",
    "revised",
    "late_offer",
    "closed_met",
    "closed_moved",
    "decided",
    "family_migrant",
    "decided",
]


def _principals(team):
    assignments = RoleAssignment.objects.filter(organisation=team, is_active=True).select_related(
        "user", "organisation", "organisation__region"
    )
    cms = [Principal.from_assignment(a) for a in assignments if a.role == Role.CASE_MANAGER]
    tl = next(Principal.from_assignment(a) for a in assignments if a.role == Role.TEAM_LEADER)
    return sorted(cms, key=lambda p: p.user.username), tl


def build(spec: dict, orgs: dict, users: dict, targets: dict | None) -> int:
    """Create the demo households and clients (idempotent: skipped if the demo BSNs exist)."""
    conf = spec["clients"]
    count = conf["count"]
    team = next(o for o in orgs.values() if o.kind == OrganisationKind.TEAM)
    bsns = list(demo_bsns(count * 3))
    if Client.objects.filter(bsn__in=bsns).exists():
        return 0
    rng = random.Random(2019)
    today = timezone.localdate()
    weights = targets["targets"] if targets else {m["name"]: 1 for m in spec["municipalities"]}
    names = list(weights)
    cms, tl = _principals(team)
    guide = users[conf["social_guide"]]
    income = users[conf["income_consultant"]]
    providers = list(
        Organisation.objects.filter(region=team.region, kind=OrganisationKind.PROVIDER).exclude(
            name__icontains="Vluchtelingenwerk"
        )
    )
    created = 0
    obliged_index = 0
    bsn_iter = iter(bsns)
    while obliged_index < count:
        municipality = orgs[rng.choices(names, weights=[weights[n] for n in names])[0]]
        surname, nationality, languages = FAMILY[rng.randrange(len(FAMILY))]
        household = Household.objects.create(
            name=f"Gezin {surname} ({municipality.name})", municipality=municipality
        )
        size = rng.choice([1, 2, 2, 3, 4])
        stage = STAGES[obliged_index % len(STAGES)]
        family_migrant = stage == "family_migrant"
        base = _dates(stage, today, rng)
        cm = cms[obliged_index % len(cms)]
        for member in range(size):
            adult = member < 2
            obliged = member == 0 or (member == 1 and rng.random() < 0.5)
            born = (
                dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 35))
                if adult
                else today - dt.timedelta(days=rng.randrange(365 * 2, 365 * 15))
            )
            client = Client.objects.create(
                bsn=next(bsn_iter),
                given_names=(GIVEN_ADULT if adult else GIVEN_CHILD)[
                    rng.randrange(len(GIVEN_ADULT if adult else GIVEN_CHILD))
                ],
                surname=surname,
                date_of_birth=born,
                nationality=nationality,
                languages=languages,
                municipality=municipality,
                team=team,
                household=household,
                is_obliged=obliged,
                status=lifecycle.initial_status(obliged),
                target_group="gezinsmigrant" if family_migrant else "asielstatushouder",
                permit_type="regulier" if family_migrant else "asiel",
                case_manager=cm.user if obliged else None,
                social_guide=guide
                if obliged and not family_migrant and obliged_index % 2 == 0
                else None,
                income_consultant=income
                if obliged and not family_migrant and obliged_index % 3 == 0
                else None,
                **base,
            )
            created += 1
            if obliged:
                with acting_as(user=cm.user, principal=cm, channel="cli"):
                    _advance(client, stage, cm, tl, base, today, rng, providers)
                obliged_index += 1
                if obliged_index >= count:
                    break
    return created


def _dates(stage: str, today: dt.date, rng) -> dict:
    ago = {
        "registered": 10,
        "registered_late": 45,
        "intake": 50,
        "draft": 62,
        "draft_late": 80,
        "decided": 300,
        "decided_reviewed": 420,
        "revised": 600,
        "late_offer": 180,
        "closed_met": 1150,
        "closed_moved": 500,
        "family_migrant": 200,
    }[stage] + rng.randrange(0, 20)
    brp = today - dt.timedelta(days=ago)
    permit = brp - dt.timedelta(days=rng.randrange(80, 120))
    return {
        "permit_date": permit,
        "linkage_date": permit + dt.timedelta(days=14),
        "housing_date": brp - dt.timedelta(days=2),
        "brp_date": brp,
        "duo_notice_date": brp + dt.timedelta(days=rng.randrange(3, 20)),
        "benefit_start": brp if stage != "family_migrant" else None,
    }


def _advance(client, stage, cm, tl, dates, today, rng, providers) -> None:
    from regie.intake import services as intake
    from regie.intake.models import Domain

    if stage in ("registered", "registered_late"):
        return
    start = dates["brp_date"] + dt.timedelta(days=rng.randrange(7, 21))
    intake.start_intake(cm, client, on=min(start, today))
    domains = list(Domain.values)
    finish_all = stage not in ("intake",)
    for n, domain in enumerate(domains):
        if not finish_all and n > 5:
            break
        record = client.intake.domains.get(domain=domain)
        intake.save_domain(
            cm,
            client,
            domain,
            record.version,
            _domain_data(domain, client),
            done=finish_all or n < 4,
        )
    if stage == "intake":
        return
    route = "z" if stage == "revised" else rng.choice(["b1", "b1", "b1", "onderwijs", "z"])
    if stage == "late_offer":
        route = "b1"
    intake.save_learnability_test(
        cm,
        client,
        0,
        taken_on=start + dt.timedelta(days=10),
        assessor="Onafhankelijk testbureau",
        outcome=route,
        score="",
        notes="",
    )
    intake.complete_intake(cm, client, on=min(start + dt.timedelta(days=20), today))
    version = _draft(cm, client, route, providers, rng)
    if stage in ("draft", "draft_late"):
        return
    decision = dates["brp_date"] + dt.timedelta(days=rng.randrange(40, 68))
    _decide(cm, tl, version, decision)
    if stage == "late_offer":
        return
    _start_offer(cm, client, decision, today)
    if stage != "decided" or rng.random() > 0.35:  # about a third of 'decided' falls behind
        _reviews(cm, client, decision, today, rng)
    if stage == "revised":
        from regie.plans import services as plans

        revision = plans.revise(
            cm,
            client,
            reason="switch",
            reason_note="De klant kan meer dan verwacht; overstap naar de B1-route.",
        )
        revision = _set_route(cm, revision, "b1", providers, rng)
        when = min(decision + dt.timedelta(days=300), today - dt.timedelta(days=5))
        _decide(cm, tl, revision, when)
    if stage.startswith("closed"):
        from regie.progress import services as progress

        client.refresh_from_db()
        if stage == "closed_met":
            progress.close_dossier(
                cm,
                client,
                client.version,
                reason="voldaan",
                closed_on=today - dt.timedelta(days=10),
                note="Alle examens gehaald.",
            )
        else:
            progress.close_dossier(
                cm,
                client,
                client.version,
                reason="verhuisd",
                closed_on=today - dt.timedelta(days=20),
                moved_on=today - dt.timedelta(days=25),
                new_municipality_cbs="GM0363",
                new_municipality_name="Amsterdam",
            )


def _domain_data(domain: str, client) -> dict:
    """Plausible answers for one life domain, built from the domain form's own fields."""
    from django import forms as django_forms

    from regie.intake.forms import DOMAIN_FORMS, YesNoField

    year = dt.date.today().year
    data = {}
    for name, field in DOMAIN_FORMS[domain]().fields.items():
        if isinstance(field, YesNoField):
            data[name] = False
        elif isinstance(field, django_forms.MultipleChoiceField):
            data[name] = [str(field.choices[0][0])]
        elif isinstance(field, django_forms.ChoiceField):
            values = [str(v) for v, _label in field.choices if v not in ("", None)]
            data[name] = values[min(1, len(values) - 1)]
        elif isinstance(field, django_forms.IntegerField):
            low = field.min_value if field.min_value is not None else 0
            high = field.max_value if field.max_value is not None else 10
            data[name] = min(max(low, 2), high) if high <= 100 else year - 1
        elif name == "languages" or "language" in name:
            data[name] = client.languages or "Arabisch"
        else:
            data[name] = "Besproken in het intakegesprek."
    return data


def _components(route, providers, rng) -> list[dict]:
    provider = providers[rng.randrange(len(providers))] if providers else None
    items = [
        {"kind": "language", "hours_planned": 800 if route == "z" else 600, "provider": provider},
        {"kind": "knm", "hours_planned": 40, "provider": provider},
        {"kind": "pvt", "hours_planned": 12},
        {
            "kind": "participation",
            "participation_type": "volunteering",
            "linked_to_werksaam": True,
            "hours_planned": 800 if route == "z" else 120,
        },
    ]
    if route != "onderwijs":
        items.append({"kind": "map", "hours_planned": 40})
    return items


def _draft(cm, client, route, providers, rng):
    from regie.plans import services as plans

    version = plans.draft_initial(cm, client)
    return _set_route(cm, version, route, providers, rng)


def _set_route(cm, version, route, providers, rng):
    from regie.plans import services as plans

    version.refresh_from_db()
    plans.update_draft(
        cm,
        version,
        version.version,
        route=route,
        review_count=2,
        review_agreements="Twee voortgangsgesprekken in de eerste tien maanden, daarna elk half jaar.",
    )
    version.refresh_from_db()
    extra = []
    client = version.client
    if client.has_asylum_permit and client.benefit_start:
        extra.append({"kind": "ontzorgen", "hours_planned": None})
    if client.is_asylum_holder:
        extra.append({"kind": "social_guidance", "hours_planned": None})
    plans.replace_components(
        cm, version, version.version, _components(route, providers, rng) + extra
    )
    version.refresh_from_db()
    return version


def _decide(cm, tl, version, decision):
    from regie.plans import services as plans

    version.refresh_from_db()
    plans.submit(cm, version, version.version)
    version.refresh_from_db()
    with acting_as(user=tl.user, principal=tl, channel="cli"):
        plans.decide(
            tl,
            version,
            version.version,
            decision_date=decision,
            made_known_on=decision + dt.timedelta(days=2),
        )


def _start_offer(cm, client, decision, today):
    from regie.plans import services as plans
    from regie.plans.models import Component

    language = Component.objects.filter(
        client=client, kind="language", plan_version__status="decided"
    ).first()
    if language is None:
        return
    start = min(decision + dt.timedelta(days=40), today)
    attended = max(0, min(language.hours_planned or 0, (today - start).days // 7 * 12))
    plans.record_progress(
        cm,
        language,
        language.version,
        offer_start=start,
        hours_attended=attended,
        progress_note="Volgt de lessen goed.",
    )


def _reviews(cm, client, decision, today, rng):
    """Two progress reviews in the first ten months and contact moments every month or so."""
    from regie.progress import services as progress
    from regie.progress.models import ReviewKind

    day = decision + dt.timedelta(days=30)
    while day < min(today, decision + dt.timedelta(days=365)):
        contact = progress.schedule_review(cm, client, planned_on=day, kind=ReviewKind.CONTACT)
        progress.record_review(
            cm,
            contact,
            contact.version,
            held_on=day,
            progress="Kort contact: het gaat goed.",
            client_view="",
        )
        day += dt.timedelta(days=rng.randrange(28, 40))

    for n in range(2):
        planned = decision + dt.timedelta(days=130 * (n + 1))
        if planned >= today:
            break
        review = progress.schedule_review(cm, client, planned_on=planned)
        progress.record_review(
            cm,
            review,
            review.version,
            held_on=planned,
            hours_attended=100 * (n + 1),
            progress="Taal gaat vooruit; spreken blijft lastig.",
            client_view="Ik wil sneller werken.",
            satisfaction=rng.choice([3, 4, 4, 5]),
            outcome="op_koers",
        )
