"""Rule sources cite the law or name the guidance; guidance-only rules are marked UNCONFIRMED.

Rewrites, in every stored rule-set version, each source that still carries the first version's
text (a reference to a document outside this repository) to the definition's source, and the
first version's label.
"""

from django.db import migrations

OLD_MARKERS = ("rulebook", "[T]", "(seed)", "Q&A", "nt2.nl", "Werkse!", "studie vond")
OLD_LABEL = "Wet inburgering 2021 (beginwaarden uit het regelboek)"
NEW_LABEL = "Wet inburgering 2021 (beginwaarden)"
NOW_UNCONFIRMED = {
    "switch_window_months",
    "late_offer_months",
    "late_offer_months_education",
    "extension_window_months",
    "spuk_per_client_eur",
    "spuk_education_route_eur",
}


def cite_law(apps, schema_editor):
    from regie.core.ruleset import RULES_BY_KEY

    RuleSet = apps.get_model("core", "RuleSet")
    RuleSet.objects.filter(label=OLD_LABEL).update(label=NEW_LABEL)
    for row in RuleSet.objects.all():
        changed = False
        for key, entry in row.values.items():
            rule = RULES_BY_KEY.get(key)
            source = entry.get("source", "") if isinstance(entry, dict) else ""
            if rule is None or not any(marker in source for marker in OLD_MARKERS):
                continue
            entry["source"] = rule.source
            if key in NOW_UNCONFIRMED:
                entry["unconfirmed"] = True
            changed = True
        if changed:
            row.save(update_fields=["values"])


class Migration(migrations.Migration):
    dependencies = [("core", "0005_workitem")]
    operations = [migrations.RunPython(cite_law, migrations.RunPython.noop)]
