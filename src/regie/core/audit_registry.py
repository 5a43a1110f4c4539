"""Registry of models whose changes are kept (imported by models, so it imports none)."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Tracked:
    exclude: frozenset[str]
    mask: frozenset[str]
    person_field: str | None


_REGISTRY: dict[type[models.Model], Tracked] = {}


def track(model=None, *, exclude=(), mask=(), person_field: str | None = None):
    """Class decorator (or call) to keep the change history of a model."""

    def register(cls):
        _REGISTRY[cls] = Tracked(
            frozenset(exclude) | {"password", "last_login"}, frozenset(mask), person_field
        )
        return cls

    return register(model) if model is not None else register
