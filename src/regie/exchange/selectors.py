"""Reads of the exchange app (what other apps and the pages may ask)."""

from django.db.models import Count, Min

from regie.core.roles import Role

from .models import Delivery, DeliveryState


def may_manage_deliveries(principal) -> bool:
    return principal is not None and principal.role == Role.FUNCTIONAL_ADMIN


def delivery_overview(principal) -> dict:
    """Counts per receiver and state, the oldest waiting delivery, and the dead letter (newest
    first). No person data: the functional administrator sees the message kind and the reason."""
    if not may_manage_deliveries(principal):
        return {}
    counts = (
        Delivery.objects.values("receiver", "state")
        .annotate(n=Count("id"), oldest=Min("created_at"))
        .order_by("receiver", "state")
    )
    dead = (
        Delivery.objects.filter(state=DeliveryState.DEAD)
        .select_related("message")
        .order_by("-dead_at", "-id")[:200]
    )
    waiting = (
        Delivery.objects.filter(state=DeliveryState.PENDING)
        .select_related("message")
        .order_by("created_at", "id")[:50]
    )
    return {"counts": list(counts), "dead": list(dead), "waiting": list(waiting)}


def dead_delivery(principal, pk: int) -> Delivery | None:
    if not may_manage_deliveries(principal):
        return None
    return (
        Delivery.objects.select_related("message").filter(pk=pk, state=DeliveryState.DEAD).first()
    )
