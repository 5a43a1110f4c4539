"""Delivery state of outbound messages (one row per outbox message per receiver) and the ZGW
export ledger. The worker is in ``exchange/delivery.py``; docs/exchange.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Delivery", "DeliveryState", "ZgwObject"]


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Wacht op aflevering")
    DELIVERED = "delivered", _("Afgeleverd")
    DEAD = "dead", _("Niet afleverbaar")


class Delivery(models.Model):
    """One outbox message on its way to one receiver.

    ``pending`` until the receiver acknowledges it (``delivered``, with the acknowledgement) or
    the worker gives up (``dead``, with the reason). A functional administrator can offer a dead
    delivery again (``requeue``); the receivers are idempotent, so that never makes a duplicate."""

    message = models.ForeignKey(
        "core.OutboxMessage", on_delete=models.PROTECT, related_name="deliveries"
    )
    receiver = models.CharField(_("ontvanger"), max_length=30)
    state = models.CharField(
        _("status"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"))
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    dead_reason = models.TextField(_("reden niet afleverbaar"), blank=True)
    dead_at = models.DateTimeField(_("opgegeven op"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    acknowledgement = models.JSONField(_("ontvangstbevestiging"), null=True, blank=True)
    requeued_at = models.DateTimeField(_("opnieuw aangeboden op"), null=True, blank=True)
    requeued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opnieuw aangeboden door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "receiver"], name="delivery_once_per_receiver"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.receiver} ({self.state})"


class ZgwObject(models.Model):
    """The export ledger (mapping of our objects to the URLs Open Zaak gave them): written after
    each successful step, so a crashed or repeated export resumes and never posts twice."""

    person_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=20)  # zaak, rol, document, zio, besluit, bio
    local_key = models.CharField(max_length=120)
    url = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ZGW-object")
        verbose_name_plural = _("ZGW-objecten")
        constraints = [
            models.UniqueConstraint(fields=["kind", "local_key"], name="zgw_object_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.local_key}"
