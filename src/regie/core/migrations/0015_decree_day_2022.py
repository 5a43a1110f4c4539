"""The day equated with a holiday in 2022 (Algemene termijnenwet art. 3 lid 3), as reported by a
secondary source: Friday 27 May 2022, the day after Ascension Day. The decree itself (it covered
2020-2022) and its Staatscourant number were not found, so the day is marked unconfirmed and shown
with the badge; whether Friday 6 May 2022 (after Bevrijdingsdag on a Thursday) was equated too is
not known and no day is invented for it (docs/rules.md)."""

import datetime as dt

from django.db import migrations

SOURCE = (
    "KB gelijkstelling 2020-2022 (Atw art. 3 lid 3), volgens een secundaire bron (wvhl.nl, "
    "Algemene termijnenwet 2022); tekst en Staatscourant-nummer niet gevonden"
)
assert len(SOURCE) <= 200  # ExtraNonWorkingDay.source
DAYS = (dt.date(2022, 5, 27),)


def forwards(apps, schema_editor):
    Day = apps.get_model("core", "ExtraNonWorkingDay")
    for day in DAYS:
        Day.objects.get_or_create(date=day, defaults={"source": SOURCE, "unconfirmed": True})


def backwards(apps, schema_editor):
    Day = apps.get_model("core", "ExtraNonWorkingDay")
    Day.objects.filter(date__in=DAYS, source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0014_late_offer_source")]

    operations = [migrations.RunPython(forwards, backwards)]
