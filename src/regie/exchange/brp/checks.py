"""The daily BRP check of active clients (``core.hooks.register_daily_job``).

Asks the BRP, 20 BSNs per request and only where someone lives and whether he died, about every
client whose case is not closed, and turns what changed into a work item for the case manager:

* the municipality of residence is outside the client's region: a warm handover;
* another municipality in the region than the dossier's, or another address than last time:
  a move within the region;
* a residence abroad (or suspension for emigration): emigration;
* a date of death (or suspension for death): death.

It never changes a decision, a status or the dossier: the case manager acts. Idempotent: an
item's source names the client and the new situation, so a second run the same day creates
nothing; a new move later does. The last situation seen is kept in :class:`BrpSnapshot`. Each
client asked gets one access-log row with the purpose of the check. When the BRP cannot be
asked, the check stops and says so in the worker's log (no BSN there); tomorrow it runs again.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from regie.clients.models import Client, ClientStatus
from regie.core import workitems
from regie.core.audit import log_access
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind, Role

from ..models import BrpSnapshot
from . import work_items
from .client import CHECK_FIELDS, MAX_BSNS, BrpClient, BrpUnavailable, batches
from .mapping import (
    address_key,
    date_text,
    is_abroad,
    is_deceased,
    municipality_code,
)
from .services import ACTIVITY, PART, ensure_activity

logger = logging.getLogger(__name__)

PURPOSE = "Verhuizing, emigratie en overlijden van actieve klanten signaleren (Wet BRP art. 1.7)"
CHECK_PART = PART + "-controle"


@dataclass
class SystemPrincipal:
    """Who asks in the access log: the system, for the case managers of the client's team."""

    organisation: Organisation
    role: str = Role.CASE_MANAGER
    user: object = None
    api_client: object = None

    @property
    def label(self) -> str:
        return "Systeem · dagelijkse BRP-controle · " + self.organisation.name


@dataclass
class CheckReport:
    asked: int = 0
    found: int = 0
    requests: int = 0
    created: dict = field(default_factory=lambda: defaultdict(int))
    error: str = ""


def _region_codes(region_ids) -> dict[int, set[str]]:
    codes: dict[int, set[str]] = defaultdict(set)
    for region_id, cbs in Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY, region_id__in=region_ids, cbs_code__isnull=False
    ).values_list("region_id", "cbs_code"):
        codes[region_id].add(cbs[2:])
    return codes


def _since(persoon: dict) -> str:
    place = persoon.get("verblijfplaats") or {}
    return date_text(place.get("datumVan")) or timezone.localdate().strftime("%d-%m-%Y")


def _signal(client: Client, persoon: dict, before: BrpSnapshot | None, codes: set[str]):
    """(kind, source, details) of what changed, or None."""
    where = municipality_code(persoon)
    key = address_key(persoon.get("verblijfplaats"))
    name = str((persoon.get("gemeenteVanInschrijving") or {}).get("omschrijving", ""))
    since = _since(persoon)
    if is_deceased(persoon):
        if before and before.deceased:
            return None
        died = date_text((persoon.get("overlijden") or {}).get("datum")) or since
        return work_items.DECEASED, f"brp-deceased:{client.pk}", {"date": died}
    if is_abroad(persoon):
        if before and before.abroad:
            return None
        return work_items.EMIGRATED, f"brp-emigrated:{client.pk}:{since}", {"date": since}
    if where and where not in codes:
        return (
            work_items.MOVED_OUT,
            f"brp-moved-out:{client.pk}:{where}:{key}"[:100],
            {"municipality": name, "date": since},
        )
    registered = (client.municipality.cbs_code or "")[2:] if client.municipality_id else ""
    moved_municipality = where and registered and where != registered
    moved_address = before is not None and before.address_key and key != before.address_key
    if moved_municipality or moved_address:
        return (
            work_items.MOVED_WITHIN,
            f"brp-moved-within:{client.pk}:{key}:{since}"[:100],
            {"municipality": name, "date": since},
        )
    return None


def check_active_clients(today=None, *, brp: BrpClient | None = None) -> CheckReport:
    """Run the check once; the daily job. Returns what it did (counts, no personal data)."""
    today = today or timezone.localdate()
    brp = brp or BrpClient()
    report = CheckReport()
    if not brp.config.configured:
        return report
    ensure_activity()
    clients = (
        Client.objects.exclude(status=ClientStatus.CLOSED)
        .select_related("team", "municipality", "case_manager")
        .order_by("pk")
    )
    region_ids = set(clients.values_list("team__region_id", flat=True).distinct())
    codes = _region_codes(region_ids)
    snapshots = {s.client_id: s for s in BrpSnapshot.objects.all()}
    for batch in batches(clients.iterator(chunk_size=500), MAX_BSNS):
        by_team: dict[int, list[Client]] = defaultdict(list)
        for client in batch:
            by_team[client.team_id].append(client)
        with transaction.atomic():
            for team_clients in by_team.values():
                log_access(
                    SystemPrincipal(organisation=team_clients[0].team),
                    [(c.pk, c.bsn) for c in team_clients],
                    part=CHECK_PART,
                    activity=ACTIVITY,
                    purpose=PURPOSE,
                )
        report.asked += len(batch)
        try:
            found = brp.persons([c.bsn for c in batch], CHECK_FIELDS)
        except BrpUnavailable as exc:
            report.error = str(exc)
            logger.warning("BRP-controle gestopt na %s klanten: %s", report.asked - len(batch), exc)
            return report
        report.requests += 1
        persons = {p.get("burgerservicenummer"): p for p in found}
        report.found += len(persons)
        with transaction.atomic():
            _apply_batch(batch, persons, snapshots, codes, today, report)
    return report


def _apply_batch(batch, persons, snapshots, codes, today, report) -> None:
    """Work items for what changed, and the new snapshots (created and updated in bulk)."""
    new, changed = [], []
    for client in batch:
        persoon = persons.get(client.bsn)
        if persoon is None:
            continue
        before = snapshots.get(client.pk)
        signal = _signal(client, persoon, before, codes.get(client.team.region_id, set()))
        if signal:
            kind, source, details = signal
            _item, created = workitems.create(
                kind,
                organisation=client.team,
                source=source,
                subject=("client", client.pk),
                summary=str(details.get("municipality") or details.get("date", "")),
                assignee=client.case_manager,
                details=details,
            )
            if created:
                report.created[kind] += 1
        snapshot = before or BrpSnapshot(client=client)
        snapshot.municipality_code = municipality_code(persoon)[:4]
        snapshot.address_key = address_key(persoon.get("verblijfplaats"))[:120]
        snapshot.abroad = is_abroad(persoon)
        snapshot.deceased = is_deceased(persoon)
        snapshot.secret = bool(persoon.get("geheimhoudingPersoonsgegevens"))
        snapshot.under_investigation = _any_research(persoon)
        snapshot.checked_on = today
        (changed if before else new).append(snapshot)
    BrpSnapshot.objects.bulk_create(new)
    BrpSnapshot.objects.bulk_update(changed, SNAPSHOT_FIELDS)
    for snapshot in new:
        snapshots[snapshot.client_id] = snapshot


SNAPSHOT_FIELDS = [
    "municipality_code",
    "address_key",
    "abroad",
    "deceased",
    "secret",
    "under_investigation",
    "checked_on",
]


def _any_research(value) -> bool:
    if isinstance(value, dict):
        return any(
            (k == "inOnderzoek" and isinstance(v, dict) and any(x is True for x in v.values()))
            or _any_research(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_any_research(v) for v in value)
    return False


def daily_job(today) -> None:
    report = check_active_clients(today)
    if report.asked:
        logger.info(
            "BRP-controle: %s klanten gevraagd in %s verzoeken, %s gevonden, nieuwe taken: %s",
            report.asked,
            report.requests,
            report.found,
            dict(report.created),
        )
