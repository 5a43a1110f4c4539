"""The delivery worker: every outbound message (``core.OutboxMessage``) to each receiver that
accepts it, with retries, back-off, the dead letter and stored acknowledgements.

A receiver is configuration: it is *enabled* when its endpoint is configured (ZGW: ``REGIE_ZGW_URL``;
DUO's machine channel: ``REGIE_DUO_ENDPOINT``). Receivers are idempotent by design (DUO: an
``Idempotency-Key`` with the message's uuid; ZGW: our own ``identificatie`` and a look-up before
every create), so a retry after an unknown outcome never makes a duplicate. docs/exchange.md.
"""

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from regie.core.models import OutboxMessage

from .models import Delivery, DeliveryState
from .transport import PermanentError, TransientError

logger = logging.getLogger("regie.exchange")

BASE_DELAY = 30  # seconds before the second attempt
MAX_DELAY = 6 * 3600  # the back-off never waits longer than this
LEASE = dt.timedelta(minutes=5)  # a claimed delivery is not picked up by another worker meanwhile


@dataclass
class Receiver:
    """``accepts(message) -> bool``, ``enabled() -> bool``, ``deliver(message) -> dict`` (the
    acknowledgement to store; raises TransientError/PermanentError)."""

    name: str
    label: str
    recipient: str  # the OutboxMessage.recipient it takes (filtered in the database)
    accepts: object
    enabled: object
    deliver: object


RECEIVERS: dict[str, Receiver] = {}


def register(receiver: Receiver) -> Receiver:
    RECEIVERS[receiver.name] = receiver
    return receiver


def backoff(attempts: int, rng: random.Random, retry_after: float | None = None) -> float:
    """Seconds to wait after ``attempts`` failed attempts: exponential with jitter (between half
    and the whole of 30 s × 2^(n-1), at most 6 h), and never sooner than ``Retry-After``."""
    ceiling = min(MAX_DELAY, BASE_DELAY * 2 ** max(0, attempts - 1))
    delay = rng.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, min(float(retry_after), float(MAX_DELAY)))
    return delay


def enqueue(now=None) -> int:
    """Create the missing Delivery rows: one per undelivered outbox message per enabled receiver
    that accepts it. Idempotent (a unique constraint per message and receiver)."""
    now = now or timezone.now()
    created = 0
    for receiver in RECEIVERS.values():
        if not receiver.enabled():
            continue
        candidates = OutboxMessage.objects.filter(
            recipient=receiver.recipient, delivered_at__isnull=True
        ).exclude(deliveries__receiver=receiver.name)
        for message in candidates.iterator():
            if not receiver.accepts(message):
                continue
            _, made = Delivery.objects.get_or_create(
                message=message, receiver=receiver.name, defaults={"next_attempt_at": now}
            )
            created += made
    return created


@dataclass
class Round:
    delivered: int = 0
    retried: int = 0
    dead: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)


def _claim(delivery: Delivery, now) -> bool:
    return bool(
        Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )


def deliver_due(now=None, *, limit: int = 100, rng: random.Random | None = None) -> Round:
    """One round of the worker: enqueue, then try every due delivery once."""
    now = now or timezone.now()
    rng = rng or random.Random()
    enqueue(now)
    result = Round()
    due = (
        Delivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .select_related("message")
        .order_by("next_attempt_at", "id")[:limit]
    )
    for delivery in list(due):
        receiver = RECEIVERS.get(delivery.receiver)
        if receiver is None or not receiver.enabled() or not _claim(delivery, now):
            result.skipped += 1
            continue
        try:
            ack = receiver.deliver(delivery.message)
        except PermanentError as exc:
            _dead(delivery, str(exc), now, delivery.attempts + 1)
            result.dead += 1
        except TransientError as exc:
            if _retry(delivery, str(exc), now, rng, exc.retry_after):
                result.retried += 1
            else:
                result.dead += 1
        except Exception as exc:  # noqa: BLE001 - a bug or a database hiccup: retried, logged
            logger.exception("Aflevering %s mislukt door een interne fout", delivery.pk)
            if _retry(delivery, f"Interne fout ({type(exc).__name__}).", now, rng, None):
                result.retried += 1
            else:
                result.dead += 1
        else:
            _acknowledged(delivery, ack, now)
            result.delivered += 1
    return result


def _acknowledged(delivery: Delivery, ack: dict, now) -> None:
    with transaction.atomic():
        done = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(
            state=DeliveryState.DELIVERED,
            delivered_at=now,
            acknowledgement=ack,
            attempts=delivery.attempts + 1,
            lease_until=None,
            last_error="",
        )
        if done:
            message = delivery.message
            pending = message.deliveries.exclude(state=DeliveryState.DELIVERED).exists()
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=message.attempts + 1,
                last_error="",
                **({} if pending else {"delivered_at": now}),
            )


def _retry(delivery: Delivery, reason: str, now, rng, retry_after) -> bool:
    """Schedule the next attempt; False (and dead) when the attempts are used up."""
    attempts = delivery.attempts + 1
    OutboxMessage.objects.filter(pk=delivery.message_id).update(
        attempts=delivery.message.attempts + 1, last_error=reason[:1000]
    )
    if attempts >= settings.REGIE_DELIVERY_MAX_ATTEMPTS:
        _dead(delivery, f"Na {attempts} pogingen opgegeven. Laatste fout: {reason}", now, attempts)
        return False
    wait = backoff(attempts, rng, retry_after)
    Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(
        attempts=attempts,
        last_error=reason[:1000],
        next_attempt_at=now + dt.timedelta(seconds=wait),
        lease_until=None,
    )
    return True


def _dead(delivery: Delivery, reason: str, now, attempts: int) -> None:
    Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(
        state=DeliveryState.DEAD,
        attempts=attempts,
        dead_reason=reason[:2000],
        last_error=reason[:1000],
        dead_at=now,
        lease_until=None,
    )
    logger.warning("Aflevering %s naar %s niet afleverbaar", delivery.pk, delivery.receiver)
