"""The fine amounts of Wi2021 art. 22 (fixed 250 euro) and art. 23 (at most 800 euro) are marked
UNCONFIRMED in the stored rule-set versions: the article texts were not read, the amounts come from
Schulinck (rulebook §5.1 and §10, [S]). Only rows that still carry the seed source are changed, so a
value the functioneel beheerder confirmed stays as he set it (docs/decisions.md, "Law (issue 9):
the fine procedure")."""

from django.db import migrations

SEEDED = {
    "fine_intake_eur": (
        "Wi2021 art. 22; Schulinck",
        "Wi2021 art. 22 (artikeltekst niet gelezen); Schulinck, Gefixeerde inburgeringsboete en "
        "de Algemene wet bestuursrecht",
    ),
    "fine_pip_max_eur": (
        "Wi2021 art. 23; Schulinck",
        "Wi2021 art. 23 (artikeltekst niet gelezen); Schulinck, Samenloop tussen de nieuwe Wet "
        "inburgering en de Participatiewet",
    ),
}


def mark(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    for row in RuleSet.objects.all():
        values = dict(row.values or {})
        changed = False
        for key, (old, new) in SEEDED.items():
            entry = dict(values.get(key) or {})
            if entry and entry.get("source", old) == old:
                entry.update(source=new, unconfirmed=True)
                values[key] = entry
                changed = True
        if changed:
            row.values = values
            row.save(update_fields=["values"])


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0002_fine_procedure_report_caution_lapse"),
        ("core", "0012_yearly_rule_sets_and_decree_days"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
