"""Deadlines: computed from the facts by providers that the apps register, stored, indexed.

Each app that knows a rule registers a provider ``(client) -> list[DeadlineSpec]`` in its
``AppConfig.ready()``; :func:`recompute` calls them all and writes the result. Call it (inside the
same transaction) after every change of a fact a rule counts from.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from regie.core.termcalendar import term_end

from .models import Client, Deadline


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    due_date: dt.date
    basis: str
    unconfirmed: bool = False
    met_on: dt.date | None = None
    sequence: int = 1


PROVIDERS: list[Callable[[Client], list[DeadlineSpec]]] = []


def register(provider: Callable[[Client], list[DeadlineSpec]]) -> Callable:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def statutory_end(start: dt.date, amount: int, unit: str) -> tuple[dt.date, str]:
    """End of a statutory term (Atw where it applies) and the Dutch explanation."""
    result = term_end(start, amount, unit)
    return result.end, result.reason


@transaction.atomic
def recompute(client: Client) -> list[Deadline]:
    specs: list[DeadlineSpec] = []
    if client.is_obliged:
        for provider in PROVIDERS:
            specs.extend(provider(client))
    wanted = {(s.kind, s.sequence): s for s in specs}
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
        }
        current = existing.get(key)
        if current is None:
            Deadline.objects.create(client=client, kind=spec.kind, sequence=spec.sequence, **fields)
        elif any(getattr(current, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(current, k, v)
            current.save(update_fields=list(fields))
    return list(Deadline.objects.filter(client=client))
