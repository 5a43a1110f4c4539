"""Change history and access log.

* :func:`track` registers a model: every save and delete writes an :class:`AuditEvent` with the
  values before and after, whoever made the change (service, admin, API, command).
* :func:`log_access` writes one :class:`AccessLogEntry` per person whose data was shown, exported
  or printed (Logboek dataverwerkingen: one record per data subject, no sampling).

BSNs never reach a log: fields listed in ``mask`` are stored masked, the data-subject id in the
access log is a keyed HMAC (pseudonym), and log lines carry internal ids only.
"""

import datetime as dt
import decimal
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from . import context
from .audit_registry import _REGISTRY, Tracked, track  # noqa: F401
from .bsn import mask_bsn
from .models import AccessLogEntry, AuditEvent, ProcessingActivity


def json_value(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model) -> dict:
    config = _REGISTRY.get(type(instance))
    data = {}
    for field in instance._meta.concrete_fields:
        name = field.attname
        if config and (field.name in config.exclude or name in config.exclude):
            continue
        if getattr(field, "auto_now", False):
            continue  # the event's own timestamp says when
        value = field.value_from_object(instance)
        if config and field.name in config.mask and value:
            value = mask_bsn(str(value))
        data[field.name] = json_value(value)
    return data


def _actor_fields() -> dict:
    ctx = context.current()
    principal = ctx.principal
    user = ctx.user
    if principal is not None:
        label = principal.label
        organisation = principal.organisation
    else:
        label = str(user) if user else ("systeem" if ctx.channel != "cli" else "opdrachtregel")
        organisation = None
    return {
        "actor": user if getattr(user, "pk", None) else None,
        "actor_label": label[:300],
        "organisation": organisation,
        "request_id": ctx.request_id,
    }


def _person_id(instance, config: Tracked | None):
    if config and config.person_field:
        return getattr(instance, config.person_field, None)
    return None


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    try:
        old = sender._default_manager.get(pk=instance.pk)
    except sender.DoesNotExist:
        instance._audit_before = None
    else:
        instance._audit_before = snapshot(old)


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        if not changed:
            return
        before = {k: before[k] for k in changed}
        after = {k: after[k] for k in changed}
    AuditEvent.objects.create(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        object_type=sender._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        person_id=_person_id(instance, _REGISTRY.get(sender)),
        before=None if created else before,
        after=after,
        **_actor_fields(),
    )


# Set while ``core.retention`` destroys records after their retention period: the delete event
# then keeps which fields existed, not their values nor the record's name (the destruction must
# not leave a copy of the data in the change history).
_destroying: ContextVar[bool] = ContextVar("regie_audit_destroying", default=False)


@contextmanager
def destroying():
    token = _destroying.set(True)
    try:
        yield
    finally:
        _destroying.reset(token)


def _post_delete(sender, instance, **kwargs):
    before = snapshot(instance)
    destroyed = _destroying.get()
    AuditEvent.objects.create(
        action=AuditEvent.Action.DELETE,
        object_type=sender._meta.label,
        object_id=str(instance.pk),
        object_repr="" if destroyed else str(instance)[:300],
        person_id=_person_id(instance, _REGISTRY.get(sender)),
        before=dict.fromkeys(before, "vernietigd") if destroyed else before,
        after=None,
        **_actor_fields(),
    )


def connect_registered_models() -> None:
    for model in _REGISTRY:
        uid = f"regie-audit-{model._meta.label}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")


def record_event(action: str, *, object_type: str, object_id="", object_repr="", **extra):
    """Write an event that is not a model change (login, role switch, a legal act)."""
    fields = _actor_fields()
    fields.update({k: v for k, v in extra.items() if k in {"actor", "actor_label", "organisation"}})
    return AuditEvent.objects.create(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=str(object_repr)[:300],
        person_id=extra.get("person_id"),
        before=extra.get("before"),
        after=extra.get("after"),
        **{k: v for k, v in fields.items() if k != "request_id"},
        request_id=fields["request_id"],
    )


# --- access log -------------------------------------------------------------------------------

# Purpose derived from role and part (docs/roles.md); asked explicitly only for special data.
ROLE_PURPOSES = {
    "casemanager": "Uitvoering cliëntregie (Wi2021 art. 14-16)",
    "teamleider": "Leiding en besluitvorming cliëntregie (Wi2021 art. 16)",
    "begeleider": "Maatschappelijke begeleiding (Wi2021 art. 17)",
    "inkomensconsulent": "Ontzorgen en participatie (Wi2021 art. 13, Participatiewet)",
    "aanbieder": "Uitvoering leerroute volgens contract",
}


def pseudonym(identifier: str) -> str:
    key = (settings.REGIE_PSEUDONYM_KEY or settings.SECRET_KEY).encode()
    return hmac.new(key, identifier.encode(), hashlib.sha256).hexdigest()[:32]


def log_access(
    principal,
    persons: Iterable[tuple[int, str]],
    *,
    part: str,
    activity: str,
    action: str = AccessLogEntry.Action.READ,
    purpose: str | None = None,
    person_type: str = "client",
) -> int:
    """Write one access-log row per person. ``persons`` yields (internal id, BSN) pairs.

    ``person_type`` names what the id points to (``"client"``); a register query about a person
    who is not (yet) a client is logged with the id 0 and is found by the pseudonym of the BSN."""
    rows = list(persons)
    if not rows:
        return 0
    ctx = context.current()
    activity_obj = ProcessingActivity.objects.get(key=activity)
    trace_id = ctx.request_id[:32]
    reason = purpose or ROLE_PURPOSES.get(principal.role, activity_obj.purpose)
    entries = [
        AccessLogEntry(
            trace_id=trace_id,
            span_id=secrets.token_hex(8),
            actor=principal.user,
            api_client=principal.api_client,
            actor_label=principal.label[:300],
            role=principal.role,
            organisation=principal.organisation,
            activity=activity_obj,
            person_type=person_type,
            person_id=person_id,
            subject_pseudonym=pseudonym(bsn or f"id:{person_id}"),
            part=part,
            purpose=reason[:300],
            action=action,
            channel=ctx.channel if ctx.channel in {"ui", "api", "cli"} else "ui",
        )
        for person_id, bsn in rows
    ]
    AccessLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
