"""DUO in the daily work (docs/duo.md): outbox messages entered by a person in DUO's Portaal
Inburgering, signal lists imported from the portal, and the reconciliation with DUO's roster.

DUO publishes no machine interface for municipalities (the statutory list of data to pass on and
an interface specification are not published: UNCONFIRMED), so each outbox message becomes a
work item for the client's case manager with exactly the data to enter. When a region configures
a machine endpoint (``REGIE_DUO_ENDPOINT``) the delivery worker sends it instead.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core import hooks, workitems
from regie.core.errors import ConflictError
from regie.core.models import OutboxMessage, WorkItem, WorkItemState
from regie.core.outbox import MESSAGE_TYPES, RETIRED_MESSAGE_TYPES
from regie.core.roles import Role

from .models import EntryState, PortalEntry

PIP_TYPES = ("pip.decided", "pip.revised")
DEFAULT_REMINDER_DAYS = 10

# What a message is, in words (the case manager picks the matching form in the portal).
TYPE_LABELS = {
    "pip.decided": _("PIP vastgesteld"),
    "pip.revised": _("PIP bijgesteld"),
    "pvt.completed": _("Participatieverklaringstraject (PVT) afgerond"),
    "map.final_interview": _("Eindgesprek module Arbeidsmarkt en Participatie (MAP) gevoerd"),
    "zroute.final_interview": _("Eindgesprek Z-route gevoerd"),
    # retired (core.outbox.RETIRED_MESSAGE_TYPES): only for messages written before issue 9
    "late_offer.statement": _("Verklaring: aanbod van de gemeente te laat gestart"),
    "fine.imposed": _("Gemeentelijke boete opgelegd"),
}

FIELD_LABELS = {
    "decision_date": _("Dagtekening besluit"),
    "route": _("Leerroute"),
    "term_end": _("Einde inburgeringstermijn"),
    "version": _("Versie van het PIP"),
    "scaled_to_a2": _("Afgeschaald naar A2"),
    "reason": _("Reden bijstelling"),
    "completed_on": _("Datum afgerond"),
    "hours": _("Aantal uren"),
    "held_on": _("Datum eindgesprek"),
    "pip_date": _("Dagtekening PIP"),
    "offer_start": _("Start aanbod"),
    "months_late": _("Maanden te laat"),
    "statement_date": _("Datum verklaring"),
    "article": _("Grond"),
    "amount_eur": _("Bedrag"),
}

ROUTE_LABELS = {
    "b1": _("B1-route"),
    "onderwijs": _("Onderwijsroute"),
    "z": _("Z-route"),
}


def reminder_days() -> int:
    """Days an entry may wait before a reminder (a working agreement, not a legal term)."""
    return int(getattr(settings, "REGIE_DUO_PORTAL_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def machine_endpoint() -> str:
    """The region's machine endpoint for DUO, if any (then the delivery worker sends)."""
    return getattr(settings, "REGIE_DUO_ENDPOINT", "") or ""


def kind_for(message_type: str) -> str:
    """One work-item kind per message type; both PIP messages share one, so a revision can
    withdraw the waiting earlier one."""
    return "exchange.duo.pip" if message_type in PIP_TYPES else f"exchange.duo.{message_type}"


# --- what to enter ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str


def _date(value) -> str:
    if not value:
        return "–"
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y")
    except ValueError:
        return str(value)


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "–"
    if key in ("decision_date", "term_end", "completed_on", "held_on", "pip_date"):
        return _date(value)
    if key in ("offer_start", "statement_date"):
        return _date(value)
    if key == "route":
        return str(ROUTE_LABELS.get(value, value))
    if key == "scaled_to_a2":
        return gettext("Ja") if value else gettext("Nee")
    if key == "article":
        return gettext("Wet inburgering 2021 artikel %(a)s") % {"a": value}
    if key == "amount_eur":
        return f"€ {float(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if key == "reason":
        return _reason_label(value)
    return str(value)


def _reason_label(code) -> str:
    from regie.plans.models import Reason

    return str(dict(Reason.choices).get(code, code))


def fields_to_enter(entry: PortalEntry, message: OutboxMessage, client: Client) -> list[Field]:
    """Exactly what to type in the portal, in the order of the message, each ready to copy."""
    payload = message.payload or {}
    subject = payload.get("subject", {})
    rows = [
        Field("bsn", gettext("BSN"), subject.get("bsn", "")),
        Field("name", gettext("Naam"), client.full_name),
        Field("municipality", gettext("Gemeente"), client.municipality.name),
    ]
    for key, value in (payload.get("data") or {}).items():
        rows.append(Field(key, str(FIELD_LABELS.get(key, key)), _value(key, value)))
    return rows


def type_label(message_type: str) -> str:
    known = {**RETIRED_MESSAGE_TYPES, **MESSAGE_TYPES}
    return str(TYPE_LABELS.get(message_type, known.get(message_type, message_type)))


# --- outbox message -> portal entry + work item -----------------------------------------------


def _entry_url(item, subject):
    entry = item.details.get("entry")
    return reverse("exchange:duo_entry", args=[entry]) if entry else None


def _describe(item):
    return gettext("Zet in het Portaal Inburgering van DUO: %(what)s") % {
        "what": type_label(item.details.get("type", ""))
    }


def register_kinds() -> None:
    # retired types too: work items written before a type was retired keep their kind
    for message_type in [*MESSAGE_TYPES, *RETIRED_MESSAGE_TYPES]:
        code = kind_for(message_type)
        if code in workitems.kinds():
            continue
        workitems.register_kind(
            code,
            _("Invoeren in het Portaal Inburgering")
            if code != "exchange.duo.pip"
            else _("PIP invoeren in het Portaal Inburgering"),
            role=Role.CASE_MANAGER,
            due_days=reminder_days(),
            url=_entry_url,
            link_text=_("Gegevens voor het portaal"),
            completed_by_act=True,
            describe=_describe,
        )
    workitems.register_kind(
        "exchange.duo.reminder",
        _("Herinnering: nog niet ingevoerd bij DUO"),
        role=Role.CASE_MANAGER,
        due_days=3,
        url=_entry_url,
        link_text=_("Gegevens voor het portaal"),
        completed_by_act=True,
        describe=_describe,
    )


def on_outbox_saved(sender, instance: OutboxMessage, created: bool, raw: bool = False, **kwargs):
    """post_save of core.OutboxMessage (connected in ExchangeConfig.ready): in the same
    transaction as the change, the message becomes portal work (or machine delivery)."""
    if not created or raw or instance.recipient != "DUO":
        return
    entry_for_message(instance)


def entry_for_message(message: OutboxMessage) -> PortalEntry | None:
    client = (
        Client.objects.select_related("team", "case_manager", "municipality")
        .filter(pk=message.person_id)
        .first()
    )
    if client is None:
        return None
    state = EntryState.MACHINE if machine_endpoint() else EntryState.WAITING
    entry, created = PortalEntry.objects.get_or_create(
        outbox_message_id=message.pk,
        defaults={
            "person_id": client.pk,
            "message_type": message.message_type,
            "organisation": client.team,
            "state": state,
        },
    )
    if not created or state == EntryState.MACHINE:
        return entry
    if message.message_type in PIP_TYPES:
        _withdraw_earlier_pip(entry, client)
    workitems.create(
        kind_for(message.message_type),
        organisation=client.team,
        source=f"OutboxMessage:{message.pk}",
        subject=("client", client.pk),
        summary=type_label(message.message_type),
        assignee=client.case_manager,
        details={"entry": str(entry.uuid), "type": message.message_type},
        due_date=timezone.localdate() + dt.timedelta(days=reminder_days()),
    )
    return entry


def _withdraw_earlier_pip(entry: PortalEntry, client: Client) -> None:
    earlier = PortalEntry.objects.select_for_update().filter(
        person_id=client.pk, message_type__in=PIP_TYPES, state=EntryState.WAITING
    )
    earlier = earlier.exclude(pk=entry.pk)
    reason = gettext("Vervangen door een latere versie van het PIP; voer alleen die in.")
    now = timezone.now()
    count = earlier.update(
        state=EntryState.WITHDRAWN, withdrawn_at=now, withdrawn_reason=reason, superseded_by=entry
    )
    if count:
        workitems.cancel_open("exchange.duo.pip", ("client", client.pk), by=None, reason=reason)


# --- confirmation -----------------------------------------------------------------------------


class EntryClosed(ConflictError):
    default_message = _("Dit bericht is al afgehandeld of ingetrokken.")


def may_confirm(principal, client) -> bool:
    from regie.clients.selectors import Access, dossier_access

    return (
        principal is not None
        and principal.user is not None
        and principal.role in (Role.CASE_MANAGER, Role.TEAM_LEADER)
        and dossier_access(principal, client) == Access.FULL
    )


@transaction.atomic
def confirm(principal, entry: PortalEntry, *, reference: str = "") -> PortalEntry:
    """ "Ingevoerd in het portaal": who, when and optionally DUO's reference."""
    client = Client.objects.get(pk=entry.person_id)
    if not may_confirm(principal, client):
        raise PermissionDenied
    entry = PortalEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state != EntryState.WAITING:
        raise EntryClosed
    entry.state = EntryState.CONFIRMED
    entry.confirmed_at = timezone.now()
    entry.confirmed_by = principal.user
    entry.duo_reference = (reference or "").strip()[:60]
    entry.save(update_fields=["state", "confirmed_at", "confirmed_by", "duo_reference"])
    note = gettext("Ingevoerd in het Portaal Inburgering.")
    if entry.duo_reference:
        note += " " + gettext("Kenmerk DUO: %(ref)s") % {"ref": entry.duo_reference}
    source = f"OutboxMessage:{entry.outbox_message_id}"
    for item in WorkItem.objects.select_for_update().filter(
        source__in=[source, f"PortalEntry:{entry.pk}:reminder"], state=WorkItemState.OPEN
    ):
        item.state = WorkItemState.DONE
        item.finished_at = timezone.now()
        item.finished_by = principal.user
        item.outcome_note = note
        item.save(update_fields=["state", "finished_at", "finished_by", "outcome_note"])
    return entry


# --- reminders and the team leader's signal ---------------------------------------------------


def send_reminders(today: dt.date) -> int:
    """Daily job: an entry still waiting after ``reminder_days()`` days gets one reminder work
    item for the case manager (idempotent: one per entry)."""
    limit = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=reminder_days()), dt.time.min)
    )
    count = 0
    entries = PortalEntry.objects.filter(
        state=EntryState.WAITING, created_at__lt=limit, reminded_at__isnull=True
    )
    for entry in entries:
        client = Client.objects.select_related("team", "case_manager").get(pk=entry.person_id)
        with transaction.atomic():
            workitems.create(
                "exchange.duo.reminder",
                organisation=client.team,
                source=f"PortalEntry:{entry.pk}:reminder",
                subject=("client", client.pk),
                summary=type_label(entry.message_type),
                assignee=client.case_manager,
                details={"entry": str(entry.uuid), "type": entry.message_type},
            )
            PortalEntry.objects.filter(pk=entry.pk).update(reminded_at=today)
        count += 1
    return count


def overdue_entries(organisation_id, today=None):
    today = today or timezone.localdate()
    limit = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=reminder_days()), dt.time.min)
    )
    return PortalEntry.objects.filter(
        organisation_id=organisation_id, state=EntryState.WAITING, created_at__lt=limit
    )


def team_leader_card(request, principal):
    if principal is None or principal.role != Role.TEAM_LEADER:
        return None
    waiting = PortalEntry.objects.filter(
        organisation_id=principal.organisation.pk, state=EntryState.WAITING
    ).count()
    late = overdue_entries(principal.organisation.pk).count()
    text = gettext(
        "%(n)s berichten wachten op invoer in het Portaal Inburgering, waarvan %(late)s langer "
        "dan %(days)s dagen."
    ) % {"n": waiting, "late": late, "days": reminder_days()}
    return {
        "template": "core/_home_links.html",
        "key": "duo",
        "title": gettext("DUO"),
        "links": [
            {"label": gettext("Naar de taken"), "url": reverse("core:work_items")},
            {"label": gettext("Signalen van DUO inlezen"), "url": reverse("exchange:duo_import")},
            {"label": gettext("Vergelijken met DUO"), "url": reverse("exchange:duo_reconcile")},
        ],
        "text": text,
        "order": 13,
        "warning": bool(late),
    }


# --- what the plans screen asks (core hook) ---------------------------------------------------


def portal_todo(person_id: int, message_types) -> str | None:
    """The page of the oldest message of these types still to be entered, or None."""
    entry = (
        PortalEntry.objects.filter(
            person_id=person_id, message_type__in=list(message_types), state=EntryState.WAITING
        )
        .order_by("created_at")
        .first()
    )
    return reverse("exchange:duo_entry", args=[entry.uuid]) if entry else None


def register() -> None:
    """Called from ExchangeConfig.ready()."""
    from django.db.models.signals import post_save

    from regie.clients.selectors import WORKLIST_SIGNALS
    from regie.core import menu

    from . import duo_reconcile, duo_signals

    register_kinds()
    duo_signals.register_kinds()
    if duo_signals.worklist_signals not in WORKLIST_SIGNALS:
        WORKLIST_SIGNALS.append(duo_signals.worklist_signals)
    duo_reconcile.register_kinds()
    menu.register(17, _("DUO"), "exchange:duo_import", {Role.CASE_MANAGER, Role.TEAM_LEADER})
    menu.register(86, _("Berichten aan DUO"), "exchange:duo_outbox", {Role.FUNCTIONAL_ADMIN})
    post_save.connect(on_outbox_saved, sender=OutboxMessage, dispatch_uid="exchange.duo.outbox")
    hooks.register_daily_job("exchange.duo_reminders", send_reminders)
    hooks.register_home_card(team_leader_card)
    hooks.portal_todo_checks.append(portal_todo)
