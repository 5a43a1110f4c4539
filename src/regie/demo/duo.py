"""The demo region's DUO work (docs/duo.md): about half of the messages for DUO confirmed as
entered in the Portaal Inburgering (the older ones), the rest waiting, and one imported signal
list (a new obliged person, a correction and an exam result, the last one "Niet bevestigd").
Idempotent: a second run confirms nothing twice and the same signal file is not read again."""

from django.utils import timezone

from regie.clients.models import Client
from regie.core.bsn import demo_bsns
from regie.core.context import acting_as
from regie.core.models import RoleAssignment
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role
from regie.exchange import duo, duo_signals
from regie.exchange.models import EntryState, ListPurpose, PortalEntry


def _team_leader(team):
    assignment = (
        RoleAssignment.objects.filter(organisation=team, role=Role.TEAM_LEADER, is_active=True)
        .select_related("user", "organisation")
        .first()
    )
    return Principal.from_assignment(assignment) if assignment else None


def load(orgs: dict) -> dict:
    team = next((o for o in orgs.values() if o.kind == OrganisationKind.TEAM), None)
    if team is None:
        return {"confirmed": 0, "signals": 0}
    tl = _team_leader(team)
    if tl is None:
        return {"confirmed": 0, "signals": 0}
    confirmed = 0
    with acting_as(user=tl.user, principal=tl, channel="cli"):
        waiting = list(
            PortalEntry.objects.filter(organisation=team, state=EntryState.WAITING).order_by(
                "created_at", "id"
            )
        )
        already = PortalEntry.objects.filter(organisation=team, state=EntryState.CONFIRMED)
        if not already.exists():
            for n, entry in enumerate(waiting[: len(waiting) // 2], start=1):
                duo.confirm(tl, entry, reference=f"PI-{timezone.localdate():%Y}-{n:05d}")
                confirmed += 1
        signals = _signal_list(tl, team)
    return {"confirmed": confirmed, "signals": signals}


def _signal_list(tl, team) -> int:
    clients = list(
        Client.objects.filter(team=team, is_obliged=True)
        .order_by("id")
        .values_list("bsn", flat=True)[:2]
    )
    if len(clients) < 2:
        return 0
    municipality = (
        Client.objects.filter(team=team).select_related("municipality").first().municipality
    )
    new = next(b for b in demo_bsns(50, start=91000) if not Client.objects.filter(bsn=b).exists())
    today = timezone.localdate()
    rows = [
        "bsn;soort;datum;voornamen;achternaam;geboortedatum;gemeente_cbs",
        f"{new};nieuwe inburgeringsplichtige;{today:%d-%m-%Y};Yonas;Tesfaye;02-05-1994;"
        f"{municipality.cbs_code or ''}",
        f"{clients[0]};correctie;{today:%d-%m-%Y};;;;",
        f"{clients[1]};examenresultaat;{today:%d-%m-%Y};;;;",
    ]
    raw = ("\n".join(rows) + "\n").encode()
    source = duo_signals.source_for(tl)
    preview = duo_signals.parse(
        tl, source, raw, purpose=ListPurpose.SIGNALS, file_name="signalen-portaal-inburgering.csv"
    )
    if not preview.ok:
        return 0
    list_import, created = duo_signals.store(tl, source, preview)
    return list_import.new_count if created and list_import else 0
