"""Optimistic locking: a form carries the version it was opened with; a stale save is refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import ConflictError

CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit gewijzigd terwijl u bezig was. Bekijk de wijzigingen en sla daarna "
    "opnieuw op."
)


class VersionConflict(ConflictError):
    """The row changed since the form was opened."""

    default_message = CONFLICT_MESSAGE


def save_with_version(
    instance: models.Model, expected_version: int, *, fields: list[str], audit: bool = False
) -> None:
    """Save ``fields`` only if the row still has ``expected_version``; bump the version.

    One UPDATE ... WHERE version = expected: atomic on SQLite and PostgreSQL alike. An UPDATE
    sends no ``post_save`` signal, so with ``audit=True`` the change history gets the event here
    (before and after of the changed fields, masked as the model's registration says).
    """
    model = type(instance)
    before = None
    if audit:
        from .audit import snapshot

        old = model._default_manager.filter(pk=instance.pk).first()
        before = snapshot(old) if old is not None else None
    values = {name: getattr(instance, name) for name in fields}
    values["version"] = expected_version + 1
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values
    )
    if updated != 1:
        raise VersionConflict
    instance.version = expected_version + 1
    if audit and before is not None:
        _record_update(instance, before)


def _record_update(instance: models.Model, before: dict) -> None:
    from .audit import _REGISTRY, record_event, snapshot
    from .models import AuditEvent

    after = snapshot(instance)
    changed = {k for k in after if before.get(k) != after.get(k) and k != "version"}
    if not changed:
        return
    config = _REGISTRY.get(type(instance))
    person_id = None
    if config and config.person_field:
        person_id = getattr(instance, config.person_field, None)
    record_event(
        AuditEvent.Action.UPDATE,
        object_type=type(instance)._meta.label,
        object_id=instance.pk,
        object_repr=str(instance),
        person_id=person_id,
        before={k: before.get(k) for k in changed},
        after={k: after[k] for k in changed},
    )
