"""Deadlines: kinds registered by the app that computes them, stored, indexed, kept up to date.

**Kinds.** Each app that knows a rule registers, in its ``AppConfig.ready()``, the deadline kinds
it computes (code, Dutch label, whether the date only informs) with the one function that computes
them, and the facts (models) the computation reads::

    deadlines.register(
        compute,
        kinds=[DeadlineKindDef("intake_start", _("Brede intake gestart"))],
        facts={Intake: "client_id"},
    )

A kind has exactly one owner: registering a code twice raises ``ImproperlyConfigured``, and a
computation that yields a kind it did not register is a programming error. The stored code is a
plain string (``Deadline.kind`` carries no choices), so a new kind needs no change in
``clients/models.py`` and no clients migration; its label comes from here.

**Recompute.** :func:`facts_changed` is the one hook that brings a client's deadlines up to date,
in the caller's transaction. It is triggered

* by ``post_save``/``post_delete`` of every model a registration names in ``facts`` (and of
  ``Client`` itself when a field in :data:`CLIENT_FACTS` is saved);
* by ``clients.lifecycle.transition`` (the status is a fact: a closed dossier meets everything);
* by the few writes that send no model signal (an ``UPDATE`` through
  ``core.locking.save_with_version``, ``QuerySet.update``), which call it themselves.

:func:`recompute` does the work (also for ``regie deadlines recompute``).
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from regie.core.termcalendar import term_end

from .deadline_kinds import (  # noqa: F401
    KINDS,
    DeadlineKindDef,
    atw_codes,
    informational_codes,
    label,
)
from .models import Client, ClientStatus, Deadline


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    due_date: dt.date
    basis: str
    unconfirmed: bool = False
    met_on: dt.date | None = None
    sequence: int = 1
    cancelled: bool = False
    end_note: str = ""


Compute = Callable[[Client], list[DeadlineSpec]]


@dataclass(frozen=True)
class Registration:
    compute: Compute
    kinds: tuple[DeadlineKindDef, ...]


REGISTRATIONS: list[Registration] = []
_OWNER: dict[str, Compute] = {}

# Client fields that some registered computation reads (saving one of them recomputes).
CLIENT_FACTS: set[str] = {
    "status",
    "closed_on",
    "closure_reason",
    "is_obliged",
    "regime",
    "duty_start",
}


def register(
    compute: Compute,
    *,
    kinds: Iterable[DeadlineKindDef],
    facts: dict | None = None,
    client_fields: Iterable[str] = (),
) -> Compute:
    """Register ``compute`` as the one computation of ``kinds``.

    ``facts`` maps each model the computation reads to the attribute path of its client id
    (``{Review: "client_id", PlanVersion: "plan.client_id"}``); saving or deleting such a row
    recomputes that client's deadlines. ``client_fields`` are the ``Client`` fields it reads.
    Registering the same function again is a no-op (``ready()`` may run twice in tests).
    """
    kinds = tuple(kinds)
    if any(r.compute is compute for r in REGISTRATIONS):
        return compute
    for kind in kinds:
        if kind.code in _OWNER and _OWNER[kind.code] is not compute:
            raise ImproperlyConfigured(
                f"Deadline kind {kind.code!r} is already computed by {_OWNER[kind.code]!r}."
            )
    for kind in kinds:
        _OWNER[kind.code] = compute
        KINDS[kind.code] = kind
    REGISTRATIONS.append(Registration(compute, kinds))
    CLIENT_FACTS.update(client_fields)
    for model, path in (facts or {}).items():
        _watch(model, path)
    return compute


def unregister(compute: Compute) -> None:
    """Remove a registration (tests)."""
    for registration in [r for r in REGISTRATIONS if r.compute is compute]:
        REGISTRATIONS.remove(registration)
        for kind in registration.kinds:
            _OWNER.pop(kind.code, None)
            KINDS.pop(kind.code, None)


def statutory_end(start: dt.date, amount: int, unit: str) -> tuple[dt.date, str]:
    """End of a statutory term (Atw where it applies) and the Dutch explanation."""
    result = term_end(start, amount, unit)
    return result.end, result.reason


def specs_for(client: Client) -> list[DeadlineSpec]:
    """What every registered computation says now; a closed dossier has everything met on the
    closing date, so nothing stays open while the history of what was due is kept.

    A Wi2013 case has no Wi2021 deadline at all (no PIP, no late offer, no term of art. 11):
    the municipality only guides him and offers the voluntary offer (issue 9)."""
    if not client.is_obliged or client.is_wi2013:
        return []
    specs: list[DeadlineSpec] = []
    for registration in REGISTRATIONS:
        allowed = {k.code for k in registration.kinds}
        for spec in registration.compute(client):
            if spec.kind not in allowed:
                raise ImproperlyConfigured(
                    f"{registration.compute!r} computed kind {spec.kind!r} it did not register."
                )
            specs.append(spec)
    if client.status == ClientStatus.CLOSED:
        specs = [_closed(s, client) for s in specs]
    return specs


def _closed(spec: DeadlineSpec, client: Client) -> DeadlineSpec:
    """A closed dossier: what was met stays met; every open deadline ends on the closing date,
    met or cancelled (vervallen) as the closing reason says (``clients.closing``)."""
    if spec.met_on is not None:
        return spec
    from .closing import CANCELLED, effect

    e = effect(client.closure_reason)
    if e is None:  # an old closure without a known reason: met, as before
        return dataclasses.replace(spec, met_on=client.closed_on)
    return dataclasses.replace(
        spec,
        met_on=client.closed_on,
        cancelled=e.deadlines == CANCELLED,
        end_note=str(e.deadline_note),
    )


@transaction.atomic
def recompute(client: Client) -> list[Deadline]:
    """Write the deadlines :func:`specs_for` computes: add, change and remove rows."""
    wanted = {(s.kind, s.sequence): s for s in specs_for(client)}
    existing = {(d.kind, d.sequence): d for d in Deadline.objects.filter(client=client)}
    for key, deadline in existing.items():
        if key not in wanted:
            deadline.delete()
    for key, spec in wanted.items():
        fields = {
            "due_date": spec.due_date,
            "basis": spec.basis[:500],
            "unconfirmed": spec.unconfirmed,
            "met_on": spec.met_on,
            "cancelled": spec.cancelled,
            "end_note": spec.end_note[:300],
        }
        current = existing.get(key)
        if current is None:
            Deadline.objects.create(client=client, kind=spec.kind, sequence=spec.sequence, **fields)
        elif any(getattr(current, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(current, k, v)
            current.save(update_fields=list(fields))
    return list(Deadline.objects.filter(client=client))


def facts_changed(client: Client | int) -> None:
    """The one hook: a fact some deadline counts from changed; recompute in this transaction."""
    if not isinstance(client, Client):
        client = Client.objects.filter(pk=client).first()
        if client is None:
            return
    if client.pk is None:
        return
    recompute(client)


# --- model signals for the registered facts --------------------------------------------------

_WATCHED: dict[type, str] = {}


def _client_id(instance, path: str):
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _on_fact_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    client_id = _client_id(instance, _WATCHED[sender])
    if client_id is not None:
        facts_changed(client_id)


def _on_fact_deleted(sender, instance, **kwargs):
    client_id = _client_id(instance, _WATCHED[sender])
    if client_id is not None and Client.objects.filter(pk=client_id).exists():
        facts_changed(client_id)


def _on_client_saved(sender, instance: Client, created=False, raw=False, update_fields=None, **kw):
    if raw:
        return
    if created or update_fields is None or CLIENT_FACTS.intersection(update_fields):
        facts_changed(instance)


def _watch(model, path: str) -> None:
    if model in _WATCHED:
        return
    _WATCHED[model] = path
    uid = f"deadline-facts-{model._meta.label}"
    post_save.connect(_on_fact_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_on_fact_deleted, sender=model, dispatch_uid=uid, weak=False)


post_save.connect(_on_client_saved, sender=Client, dispatch_uid="deadline-facts-client", weak=False)


def running_due_dates() -> dict[int, dict[tuple[str, int], dt.date]]:
    """Dry run for the rule-set preview (issue 14): per active, obliged client the due dates of
    his open deadlines as :func:`specs_for` computes them now, keyed by the kind's Dutch label
    and sequence. Writes nothing."""
    clients = Client.objects.filter(is_obliged=True).exclude(
        status__in=[ClientStatus.CLOSED, ClientStatus.NOT_OBLIGED]
    )
    return {
        client.pk: {
            (label(s.kind), s.sequence): s.due_date for s in specs_for(client) if not s.met_on
        }
        for client in clients
    }


def recompute_running() -> int:
    """Recompute the stored deadlines of every client whose case is not closed (after a new
    rule-set version or a changed decree day); returns how many clients were recomputed."""
    count = 0
    for client in Client.objects.exclude(status=ClientStatus.CLOSED).iterator(chunk_size=500):
        recompute(client)
        count += 1
    return count
