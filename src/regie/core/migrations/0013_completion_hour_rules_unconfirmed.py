"""Issue 9 items 1 and 6: the PVT minimum (12 hours) and the afschalen minimum (600 lesson hours)
come from guidance only (Divosa, Schulinck, Blik op Werk); the article texts of the Besluit
inburgering 2021 could not be read. Every stored rule-set version marks them "Niet bevestigd"
with that source. The new rule ``scale_down_in_person_percent`` needs no data: a version without
it uses the definition's default (50, UNCONFIRMED)."""

from django.db import migrations

PVT_SOURCE = (
    "Divosa, Wijzigingenoverzicht nieuwe Wet inburgering (hoofdstuk 7); Besluit inburgering 2021 "
    "art. 3.1 (artikeltekst niet gecontroleerd)"
)
SCALE_DOWN_SOURCE = (
    "Schulinck, Het aanpassen van de leerroute; Blik op Werk, Afstandsonderwijs binnen inburgering "
    "(noemt Besluit art. 5.5); Wi2021 art. 17 lid 3 en Besluit inburgering 2021 art. 5.5 "
    "(artikeltekst niet gecontroleerd)"
)
KEYS = {"pvt_min_hours": PVT_SOURCE, "scale_down_min_hours": SCALE_DOWN_SOURCE}


def forwards(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    for row in RuleSet.objects.all():
        values = dict(row.values)
        changed = False
        for key, source in KEYS.items():
            if key in values:
                values[key] = {**values[key], "source": source, "unconfirmed": True}
                changed = True
        if changed:
            row.values = values
            row.save(update_fields=["values"])


class Migration(migrations.Migration):
    dependencies = [("core", "0012_yearly_rule_sets_and_decree_days")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
