"""Optimistic locking: a form carries the version it was opened with; a stale save is refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit gewijzigd terwijl u bezig was. Bekijk de wijzigingen en sla daarna "
    "opnieuw op."
)


class VersionConflict(Exception):
    """The row changed since the form was opened."""

    message = CONFLICT_MESSAGE


def save_with_version(instance: models.Model, expected_version: int, *, fields: list[str]) -> None:
    """Save ``fields`` only if the row still has ``expected_version``; bump the version.

    One UPDATE ... WHERE version = expected: atomic on SQLite and PostgreSQL alike.
    """
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    values["version"] = expected_version + 1
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values
    )
    if updated != 1:
        raise VersionConflict
    instance.version = expected_version + 1
