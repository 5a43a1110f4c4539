"""When a PIP is decided or revised or a fine imposed, a ZGW message joins the DUO message in the
outbox, in the same transaction (a ``post_save`` of ``core.OutboxMessage``: plans and progress do
not know the exchange app). Only when the region configured a ZGW endpoint."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from regie.core.models import OutboxMessage

from . import client as zgw_client

TRIGGERS = {"pip.decided", "pip.revised", "fine.imposed"}
MESSAGE_TYPE = "zgw.case"


@receiver(post_save, sender=OutboxMessage, dispatch_uid="exchange.zgw.trigger")
def follow_outbox(sender, instance: OutboxMessage, created: bool, raw: bool = False, **kwargs):
    if raw or not created or instance.message_type not in TRIGGERS or not zgw_client.enabled():
        return
    OutboxMessage.objects.create(
        recipient="ZGW",
        message_type=MESSAGE_TYPE,
        schema_version="1.0",
        person_id=instance.person_id,
        payload={
            "schema": "regie.zgw/1.0",
            "type": MESSAGE_TYPE,
            "trigger": {"type": instance.message_type, "message": str(instance.uuid)},
        },
    )
