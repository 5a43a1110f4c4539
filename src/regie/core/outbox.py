"""Write an outbound message in the caller's transaction (see docs/outbox.md for the schema)."""

from django.db import transaction

from .models import OutboxMessage

SCHEMA_VERSION = "1.0"

MESSAGE_TYPES = {
    "pip.decided": "PIP vastgesteld",
    "pip.revised": "PIP bijgesteld",
    "pvt.completed": "PVT afgerond",
    "map.final_interview": "MAP-eindgesprek gevoerd",
    "zroute.final_interview": "Z-route-eindgesprek gevoerd",
    "fine.imposed": "Gemeentelijke boete opgelegd",
}

# Types that are no longer written. Kept only so that messages already in an outbox (and the work
# they created) still have a name. ``late_offer.statement``: the late-offer statement is a letter
# to the newcomer, who adds it to his own request to DUO; the municipality sends nothing to DUO
# (issue 9, item 2; docs/decisions.md "Law (issue 9): late offer and family migrants").
RETIRED_MESSAGE_TYPES = {
    "late_offer.statement": "Verklaring te laat gestart aanbod (niet meer verstuurd)",
}


def emit(message_type: str, *, person_id: int, bsn: str, municipality_cbs: str, data: dict):
    """Add a message to the outbox. Must run inside the transaction of the change it reports."""
    if message_type not in MESSAGE_TYPES:
        raise ValueError(f"unknown outbox message type {message_type!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.emit must run inside the transaction of the change")
    payload = {
        "schema": f"regie.duo/{SCHEMA_VERSION}",
        "type": message_type,
        "subject": {"bsn": bsn, "municipality": municipality_cbs},
        "data": data,
    }
    return OutboxMessage.objects.create(
        message_type=message_type,
        schema_version=SCHEMA_VERSION,
        person_id=person_id,
        payload=payload,
    )
