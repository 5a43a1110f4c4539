"""The exchange pages (thin: selectors and services do the work)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.outbox import MESSAGE_TYPES, RETIRED_MESSAGE_TYPES

from . import selectors, services
from .delivery import RECEIVERS
from .models import DeliveryState


def deliveries(request):
    """The functional administrator's view of the delivery worker: counts, waiting, dead letter."""
    if not selectors.may_manage_deliveries(request.principal):
        raise PermissionDenied
    overview = selectors.delivery_overview(request.principal)
    labels = {name: r.label for name, r in RECEIVERS.items()}
    states = dict(DeliveryState.choices)
    counts = [
        {
            **row,
            "receiver_label": labels.get(row["receiver"], row["receiver"]),
            "state_label": states.get(row["state"], row["state"]),
        }
        for row in overview["counts"]
    ]

    def rows(items):
        return [
            {
                "delivery": d,
                "receiver_label": labels.get(d.receiver, d.receiver),
                "kind": MESSAGE_TYPES.get(d.message.message_type)
                or RETIRED_MESSAGE_TYPES.get(d.message.message_type)
                or _("Zaak bijwerken in zaaksysteem"),
            }
            for d in items
        ]

    return render(
        request,
        "exchange/deliveries.html",
        {
            "counts": counts,
            "dead": rows(overview["dead"]),
            "waiting": rows(overview["waiting"]),
            "receivers": [{"label": r.label, "enabled": r.enabled()} for r in RECEIVERS.values()],
        },
    )


@require_POST
def requeue(request, pk: int):
    delivery = selectors.dead_delivery(request.principal, pk)
    if delivery is None:
        if not selectors.may_manage_deliveries(request.principal):
            raise PermissionDenied
        messages.warning(request, _("Deze aflevering staat niet (meer) bij de onafleverbare."))
        return redirect("exchange:deliveries")
    services.requeue(request.principal, delivery)
    messages.success(request, _("De aflevering is opnieuw aangeboden."))
    return redirect("exchange:deliveries")
