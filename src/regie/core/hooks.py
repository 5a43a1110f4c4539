"""Service hooks through which higher apps plug into core without core importing them."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

# Callables (principal, query: str) -> list of person ids, used by the access-log search.
person_search: list[Callable] = []

# Callables (request, principal) -> dict | None: a card on the start page
# ({"template": ..., "order": int, ...context}).
home_cards: list[Callable] = []


# Jobs the worker runs once a day: name -> callable(today: date). Each must be idempotent (a
# restart of the worker may run it again the same day).
daily_jobs: dict[str, Callable] = {}


def register_daily_job(name: str, func: Callable) -> Callable:
    daily_jobs[name] = func
    return func


# Jobs the worker runs every few seconds (its heartbeat, ``worker.HEARTBEAT_SECONDS``): name ->
# callable(now: datetime). Each must be short and idempotent, e.g. the delivery worker's round.
frequent_jobs: dict[str, Callable] = {}


def register_frequent_job(name: str, func: Callable) -> Callable:
    frequent_jobs[name] = func
    return func


def register_home_card(func: Callable) -> Callable:
    if func not in home_cards:
        home_cards.append(func)
    return func


# --- person lookup (the BRP) --------------------------------------------------------------------
# The registration form asks a person register (the BRP, Haal Centraal) for the facts of a BSN.
# ``clients`` may not import the app that speaks the protocol (``exchange``); that app registers
# the lookup here in its ``AppConfig.ready()``. Without a registered lookup the form is typed in.


class PersonLookupUnavailable(Exception):
    """The register could not be asked or gave no usable answer; ``str(exc)`` is a Dutch sentence
    for the user. The form still works by hand."""


@dataclass(frozen=True)
class Relative:
    relation: str  # "partner", "kind" or "ouder"
    name: str
    birth_date: str = ""  # as the register gives it, for display (may be partial)
    note: str = ""  # e.g. "huwelijk ontbonden", an investigation


@dataclass(frozen=True)
class LookedUpPerson:
    """What the register says about one person, in the terms of the registration form.

    ``secret`` (geheimhouding persoonsgegevens) and ``under_investigation`` (field name ->
    Dutch note) must be shown to the user and may never be dropped."""

    given_names: str = ""
    surname: str = ""  # with its prefix ("van der Berg")
    date_of_birth: dt.date | None = None
    birth_date_text: str = ""  # a partial date ("1990", "maart 1990") when not complete
    address_lines: tuple[str, ...] = ()
    municipality_code: str = ""  # the municipality of residence, 4-digit CBS code
    municipality_name: str = ""
    abroad: bool = False
    deceased: bool = False
    secret: bool = False
    under_investigation: dict = field(default_factory=dict)
    relatives: tuple[Relative, ...] = ()
    notes: tuple[str, ...] = ()  # other Dutch remarks (settled in NL on ..., suspended record)


person_lookups: list[tuple[Callable, Callable | None]] = []


def register_person_lookup(func: Callable, *, available: Callable | None = None) -> Callable:
    """``func(principal, bsn, *, purpose) -> LookedUpPerson | None`` (None: not found); raises
    :class:`PersonLookupUnavailable`. It writes the access-log row itself. ``available()`` says
    whether it is configured (the form offers the button only then)."""
    if all(f is not func for f, _a in person_lookups):
        person_lookups.append((func, available))
    return func


def person_lookup_available() -> bool:
    return any(available is None or available() for _f, available in person_lookups)


def lookup_person(principal, bsn: str, *, purpose: str) -> "LookedUpPerson | None":
    for func, available in reversed(person_lookups):
        if available is None or available():
            return func(principal, bsn, purpose=purpose)
    raise PersonLookupUnavailable(_("Er is geen koppeling met de BRP ingesteld."))


# Callables (person_id, message_types) -> URL | None from the app that passes outbox messages on
# (exchange: DUO's portal): where the oldest message of these types still waits to be entered.
portal_todo_checks: list[Callable] = []


def portal_todo(person_id: int, message_types) -> str | None:
    """None when every outbox message of these types about the person was passed on."""
    for check in portal_todo_checks:
        url = check(person_id, message_types)
        if url:
            return url
    return None


# --- attended hours and quality marks (offer -> plans) -----------------------------------------
# ``plans`` decides when a PIP part is completed, but the attendance that providers report and
# their quality marks live in ``offer``, a higher app. ``offer`` registers these in its
# ``AppConfig.ready()``; without them no provider hours are known and no mark can be checked.


@dataclass(frozen=True)
class ReportedHours:
    """Hours attended as one organisation reported them (label: its name, in words)."""

    source: str
    hours: Decimal


# Callables (person_id, component_uuids) -> list[ReportedHours]: attendance reported by providers
# for the enrolments that serve these PIP components.
attendance_sources: list[Callable] = []


def register_attendance_source(func: Callable) -> Callable:
    if func not in attendance_sources:
        attendance_sources.append(func)
    return func


def reported_attendance(person_id: int, component_uuids) -> list[ReportedHours]:
    uuids = list(component_uuids)
    if not uuids:
        return []
    out: list[ReportedHours] = []
    for func in attendance_sources:
        out.extend(func(person_id, uuids))
    return out


# Callables (organisation_id, on_date) -> bool | None: whether the provider held the Blik op Werk
# Keurmerk Inburgeren on that day (None: this source cannot tell).
quality_mark_checks: list[Callable] = []


def register_quality_mark_check(func: Callable) -> Callable:
    if func not in quality_mark_checks:
        quality_mark_checks.append(func)
    return func


def has_keurmerk(organisation_id: int, on_date: dt.date) -> bool | None:
    """True or False when a registered source knows; None when none can tell."""
    for func in quality_mark_checks:
        answer = func(organisation_id, on_date)
        if answer is not None:
            return answer
    return None


# --- the team leader's decision queue (issue 14) ------------------------------------------------
# What waits for a decision of the team leader lives in several apps (plans: a PIP offered for
# decision; progress: a proposed fine; objections: an undecided objection). Each registers a
# source in its ``AppConfig.ready()``; core shows the queue on the start page and the clients
# worklist filters on it. A source answers with one query whatever the number of rows.


@dataclass(frozen=True)
class DecisionRow:
    """One decision that waits: what (``kind`` label and ``subject``), whose (the client's name
    and uuid, only for a client the principal may see), since when, and the last day."""

    kind: str
    subject: str
    client_uuid: object
    client_name: str
    municipality_id: int | None
    waiting_since: dt.date | None
    deadline: dt.date | None
    deadline_label: str
    url: str
    client_id: int | None = None
    log_key: str = ""  # what the access log pseudonymises (the client's BSN); never shown

    def days_waiting(self, today: dt.date) -> int | None:
        return None if self.waiting_since is None else max(0, (today - self.waiting_since).days)


# Callables (principal) -> list[DecisionRow]; each returns [] for a principal who decides nothing.
decision_sources: list[Callable] = []


def register_decision_source(func: Callable) -> Callable:
    if func not in decision_sources:
        decision_sources.append(func)
    return func


def decision_queue(principal, *, municipality_id: int | None = None) -> list[DecisionRow]:
    """Every waiting decision for this principal, the nearest last day first (rows without a
    last day after those with one, then the longest waiting first)."""
    rows: list[DecisionRow] = []
    for source in decision_sources:
        rows.extend(source(principal))
    if municipality_id is not None:
        rows = [r for r in rows if r.municipality_id == municipality_id]
    far = dt.date.max
    rows.sort(key=lambda r: (r.deadline or far, r.waiting_since or far, r.client_name))
    return rows


# The deadlines of running cases, for the rule-set preview (issue 14): a callable () ->
# {client_id: {(kind label, sequence): due_date}} for every active, obliged client, computed fresh from
# the rule set in force (no rows written). The clients app registers it.
deadline_snapshots: list[Callable] = []


def register_deadline_snapshot(func: Callable) -> Callable:
    if func not in deadline_snapshots:
        deadline_snapshots.append(func)
    return func


def deadline_snapshot() -> dict | None:
    """The registered snapshot, or None when no app registered one."""
    return deadline_snapshots[0]() if deadline_snapshots else None


# Called after the rule set or the decree days changed (issue 14): the stored deadlines of running
# cases follow at once, as the preview promised. The clients app registers its recompute.
reference_data_listeners: list[Callable] = []


def register_reference_data_listener(func: Callable) -> Callable:
    if func not in reference_data_listeners:
        reference_data_listeners.append(func)
    return func


def reference_data_changed() -> None:
    for func in reference_data_listeners:
        func()
