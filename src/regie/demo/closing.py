"""Demo: one closed dossier per closing reason and one move within the region (Hoorn to
Enkhuizen), each built through the real services (casework helpers, progress, plans).

Idempotent: the clients have their own BSNs (test range from 92000); a second run adds nothing.
"""

import datetime as dt
import random

from django.utils import timezone

from regie.clients import lifecycle
from regie.clients.models import Client, ClosureReason, Household
from regie.core.bsn import demo_bsns
from regie.core.context import acting_as
from regie.core.roles import OrganisationKind

from . import casework

R = ClosureReason

# reason -> (surname, days since BRP registration, extra close values)
CASES = [
    (R.MET, "Haddad", 1160),
    (R.EXEMPTED, "Mansour", 420),
    (R.TERM_ENDED, "Tesfay", 1250),
    (R.MOVED, "Nazari", 500),
    (R.LEFT, "Rahimi", 420),
    (R.NATURALISED, "Okafor", 700),
    (R.STATE_PENSION_AGE, "Petrenko", 600),
    (R.DIED, "Abdi", 400),
]
MOVER = ("Sahin", 420)


def load(orgs: dict) -> int:
    """Add the closing and moving cases to the region whose organisations are ``orgs``."""
    team = next((o for o in orgs.values() if o.kind == OrganisationKind.TEAM), None)
    hoorn, enkhuizen = orgs.get("Hoorn"), orgs.get("Enkhuizen")
    if team is None or hoorn is None or enkhuizen is None:
        return 0
    bsns = list(demo_bsns(len(CASES) + 1, start=92000))
    if Client.objects.filter(bsn__in=bsns).exists():
        return 0
    rng = random.Random(2026)
    today = timezone.localdate()
    cms, tl = casework._principals(team)
    providers = list(team.region.organisations.filter(kind=OrganisationKind.PROVIDER))
    made = 0
    for index, (reason, surname, ago) in enumerate(CASES):
        cm = cms[index % len(cms)]
        client = _decided_client(bsns[index], surname, hoorn, team, cm, tl, ago, rng, providers)
        with acting_as(user=cm.user, principal=cm, channel="cli"):
            _close(cm, client, reason, today)
        made += 1
    cm = cms[0]
    client = _decided_client(bsns[-1], MOVER[0], hoorn, team, cm, tl, MOVER[1], rng, providers)
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        _move(cm, tl, client, enkhuizen, today)
    return made + 1


def _decided_client(bsn, surname, municipality, team, cm, tl, ago, rng, providers) -> Client:
    today = timezone.localdate()
    dates = casework._dates("decided", today, rng)
    brp = today - dt.timedelta(days=ago)
    shift = brp - dates["brp_date"]
    dates = {k: (v + shift if isinstance(v, dt.date) else v) for k, v in dates.items()}
    household = Household.objects.create(
        name=f"Gezin {surname} ({municipality.name})", municipality=municipality
    )
    client = Client.objects.create(
        bsn=bsn,
        given_names="Sami" if surname != "Petrenko" else "Olena",
        surname=surname,
        date_of_birth=dt.date(1959, 11, 3) if surname == "Petrenko" else dt.date(1990, 5, 1),
        nationality="Syrische",
        languages="Arabisch",
        municipality=municipality,
        team=team,
        household=household,
        is_obliged=True,
        status=lifecycle.initial_status(True),
        target_group="asielstatushouder",
        permit_type="asiel",
        case_manager=cm.user,
        **dates,
    )
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        casework._advance(client, "decided", cm, tl, dates, today, rng, providers)
    client.refresh_from_db()
    return client


def _close(cm, client, reason, today) -> None:
    from regie.progress import services as progress

    values: dict = {"reason": reason, "closed_on": today - dt.timedelta(days=7)}
    if reason == R.MET:
        values["note"] = "Examens, PVT en MAP afgerond."
    elif reason == R.EXEMPTED:
        progress.record_duo_decision(
            cm,
            client,
            kind="ontheffing",
            variant="geheel",
            decision_date=today - dt.timedelta(days=12),
            note="Medische ontheffing na advies van de keuringsarts.",
        )
    elif reason == R.TERM_ENDED:
        values["note"] = "Termijn verstreken zonder alle examens; DUO handhaaft."
    elif reason == R.MOVED:
        values.update(
            moved_on=today - dt.timedelta(days=10),
            new_municipality_name="Alkmaar",
            new_municipality_cbs="GM0361",
            note="Warme overdracht: pakket gedownload en besproken met Alkmaar.",
        )
    elif reason == R.LEFT:
        values["left_on"] = today - dt.timedelta(days=20)
    elif reason == R.NATURALISED:
        values["naturalised_on"] = today - dt.timedelta(days=14)
    elif reason == R.STATE_PENSION_AGE:
        values["pension_age_on"] = today - dt.timedelta(days=30)
    elif reason == R.DIED:
        values["died_on"] = today - dt.timedelta(days=9)
    client.refresh_from_db()
    progress.close_dossier(cm, client, client.version, **values)


def _move(cm, tl, client, new_municipality, today) -> None:
    """Hoorn to Enkhuizen: a new period, and the revision for Enkhuizen's college decided."""
    from regie.progress import services as progress

    client.refresh_from_db()
    _period, draft = progress.move_within_region(
        cm,
        client,
        client.version,
        municipality=new_municipality,
        moved_on=today - dt.timedelta(days=30),
        note="Groter huis gevonden.",
    )
    if draft is not None:
        casework._decide(cm, tl, draft, today - dt.timedelta(days=3))
