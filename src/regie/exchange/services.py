"""Writes of the exchange app."""

from django.db import transaction
from django.utils import timezone

from regie.core import audit

from .models import Delivery, DeliveryState


def requeue(principal, delivery: Delivery) -> bool:
    """Offer a dead delivery again (the functional administrator, after fixing the cause)."""
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.DEAD).update(
            state=DeliveryState.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            lease_until=None,
            requeued_at=timezone.now(),
            requeued_by=principal.user,
        )
        if updated:
            audit.record_event(
                "delivery.requeued",
                object_type="exchange.delivery",
                object_id=delivery.pk,
                object_repr=f"{delivery.receiver}: {delivery.dead_reason[:200]}",
                person_id=delivery.message.person_id,
            )
    return bool(updated)
