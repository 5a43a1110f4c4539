"""The late-offer thresholds name their source (issue 9 item 2): the minister's implementation
letter as reported by Stimulansz, not the Wet or the Besluit inburgering 2021, counted without the
Algemene termijnenwet. Rewrites the source in every stored rule-set version that still has the
earlier text, and keeps the rules UNCONFIRMED."""

from django.db import migrations

KEYS = ("late_offer_months", "late_offer_months_education")
OLD = "Stimulansz, Verlenging van de inburgeringstermijn; geen wetsartikel gevonden"
NEW = (
    "Brief van de minister van SZW over de uitvoering, zoals weergegeven door Stimulansz "
    "(Verlenging van de inburgeringstermijn); niet in de Wet of het Besluit inburgering 2021; "
    "gerekend zonder Algemene termijnenwet"
)


def name_source(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    for row in RuleSet.objects.all():
        changed = False
        for key in KEYS:
            entry = row.values.get(key)
            if isinstance(entry, dict) and entry.get("source") == OLD:
                entry["source"] = NEW
                entry["unconfirmed"] = True
                changed = True
        if changed:
            row.save(update_fields=["values"])


class Migration(migrations.Migration):
    dependencies = [("core", "0013_completion_hour_rules_unconfirmed")]
    operations = [migrations.RunPython(name_source, migrations.RunPython.noop)]
