"""The late-offer statement is a letter to the newcomer, no longer a message to DUO (Wet
inburgering 2021; docs/decisions.md, issue 9 item 2). Statements already waiting in an outbox are
closed here, so nobody enters them in DUO's portal and the worker does not send them: a waiting
portal entry is withdrawn with the reason, its open work items are cancelled, and a pending
delivery is stopped (dead, with the reason)."""

from django.db import migrations
from django.utils import timezone

TYPE = "late_offer.statement"
REASON = (
    "De verklaring te laat aanbod gaat niet meer naar DUO: het is een brief aan de inburgeraar, "
    "die hem zelf bij zijn aanvraag aan DUO voegt."
)


def forwards(apps, schema_editor):
    PortalEntry = apps.get_model("exchange", "PortalEntry")
    Delivery = apps.get_model("exchange", "Delivery")
    WorkItem = apps.get_model("core", "WorkItem")
    now = timezone.now()
    entries = PortalEntry.objects.filter(message_type=TYPE, state="waiting")
    sources = []
    for entry in entries:
        sources += [f"OutboxMessage:{entry.outbox_message_id}", f"PortalEntry:{entry.pk}:reminder"]
    entries.update(state="withdrawn", withdrawn_at=now, withdrawn_reason=REASON[:200])
    if sources:
        WorkItem.objects.filter(source__in=sources, state="open").update(
            state="cancelled", finished_at=now, outcome_note=REASON
        )
    Delivery.objects.filter(message__message_type=TYPE, state="pending").update(
        state="dead", dead_at=now, dead_reason=REASON, lease_until=None
    )


class Migration(migrations.Migration):
    dependencies = [("exchange", "0003_brp_snapshot"), ("core", "0015_decree_day_2022")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
