"""The residence history: in which municipality of the region a client lived, from when to when.

Every client has one open period (``valid_to`` empty) in ``Client.municipality``: the first is
made when the client is saved the first time (``on_client_saved``, a ``post_save`` of ``Client``);
a correction of the municipality in the registration corrects the open period. A *move within the
region* closes the open period on the day before the move and opens the next
(:func:`record_move`, called by ``progress.services.move_within_region``).

Figures and costs count a client in the municipality of the period that holds the figure's date
(:func:`living_in_on`); the policy officer of the old municipality keeps the aggregates of his
period (:func:`lived_in_before`).
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from .models import Client, Residence


def _on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def living_in_on(municipality_id: int, day: dt.date) -> Exists:
    """For ``Client.objects.filter(...)``: the client lived in the municipality on ``day``."""
    return Exists(
        Residence.objects.filter(_on(day), client=OuterRef("pk"), municipality_id=municipality_id)
    )


def lived_in_before(municipality_id: int, day: dt.date) -> Exists:
    """The client had a period in the municipality that ended before ``day`` (moved away)."""
    return Exists(
        Residence.objects.filter(
            client=OuterRef("pk"), municipality_id=municipality_id, valid_to__lt=day
        )
    )


def municipality_id_on(client: Client, day: dt.date) -> int | None:
    row = Residence.objects.filter(_on(day), client=client).order_by("-valid_from").first()
    return row.municipality_id if row else client.municipality_id


def history(client: Client) -> list[Residence]:
    return list(
        Residence.objects.filter(client=client)
        .select_related("municipality", "recorded_by")
        .order_by("valid_from", "id")
    )


def open_period(client: Client) -> Residence | None:
    return Residence.objects.filter(client=client, valid_to__isnull=True).order_by("-id").first()


def record_move(client: Client, municipality, moved_on: dt.date, by=None) -> Residence:
    """Close the open period on the day before ``moved_on`` and open one in ``municipality``.
    The caller (a service) checked the rights, the region and the dates, in its transaction."""
    current = open_period(client)
    if current is None:
        current = Residence.objects.create(client=client, municipality_id=client.municipality_id)
    current.valid_to = moved_on - dt.timedelta(days=1)
    current.save(update_fields=["valid_to"])
    return Residence.objects.create(
        client=client, municipality=municipality, valid_from=moved_on, recorded_by=by
    )


def on_client_saved(sender, instance: Client, created: bool = False, raw: bool = False, **kw):
    """Keep the open period in step with ``Client.municipality`` (first period; a correction)."""
    if raw or instance.municipality_id is None:
        return
    current = open_period(instance)
    if current is None:
        Residence.objects.create(client=instance, municipality_id=instance.municipality_id)
    elif current.municipality_id != instance.municipality_id:
        current.municipality_id = instance.municipality_id
        current.save(update_fields=["municipality"])
