"""The first rule set (in force from 1-1-2022, with the starting values) and the KB days."""

import datetime as dt

from django.db import migrations

KB_DAYS = [
    (dt.date(2026, 1, 2), "KB 2026-2028, Stcrt. 2025, 24713"),
    (dt.date(2026, 5, 15), "KB 2026-2028, Stcrt. 2025, 24713"),
    (dt.date(2027, 5, 7), "KB 2026-2028, Stcrt. 2025, 24713"),
    (dt.date(2028, 4, 28), "KB 2026-2028, Stcrt. 2025, 24713"),
    (dt.date(2028, 5, 26), "KB 2026-2028, Stcrt. 2025, 24713"),
]


def seed(apps, schema_editor):
    from regie.core.ruleset import default_values

    RuleSet = apps.get_model("core", "RuleSet")
    Day = apps.get_model("core", "ExtraNonWorkingDay")
    RuleSet.objects.get_or_create(
        valid_from=dt.date(2022, 1, 1),
        defaults={"label": "Wet inburgering 2021 (beginwaarden)",
                  "values": default_values()},
    )
    for day, source in KB_DAYS:
        Day.objects.get_or_create(date=day, defaults={"source": source})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_ruleset_outbox")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
