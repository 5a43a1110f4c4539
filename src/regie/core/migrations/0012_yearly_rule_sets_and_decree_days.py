"""One rule-set version per year (2022-2026), the money rules renamed to what they mean, the
intake norm's "no statutory term" marked UNCONFIRMED, and the decree days of 2023-2025.

* ``spuk_per_client_eur`` becomes ``avg_trajectory_price_eur``: SZW's average trajectory price
  (about 10,000 euro, about 11,600 in 2025 after indexation), not a norm and not the SPUK amount per
  person. ``spuk_education_route_eur`` becomes ``education_route_price_eur``: from 2026 the price of
  the onderwijsroute per person (at least 17,000 euro), which replaces the average price for that
  person instead of being added to it; 2022-2025 had a separate SPUK without a price per person (0).
* The first version (1-1-2022) held the 2025/2026 amounts: where it still has the seed values they
  are set to the 2022 amounts. Versions for 1 January 2023, 2024, 2025 and 2026 are created where
  missing, copying the version in force on that day and setting that year's amounts. All amounts
  stay UNCONFIRMED (docs/rules.md).
* Days equated with a holiday by royal decree (Atw art. 3 lid 3) for 2023-2025, as reported by
  secondary sources (the decree text and its Staatscourant number were not found): marked
  unconfirmed. No day is added for 2022: no decree for 2022 was found, so the screens warn.
"""

import datetime as dt

from django.db import migrations, models

RENAMED = {
    "spuk_per_client_eur": "avg_trajectory_price_eur",
    "spuk_education_route_eur": "education_route_price_eur",
}
OLD_SEED = {"avg_trajectory_price_eur": 11600, "education_route_price_eur": 17000}

AVG = "avg_trajectory_price_eur"
EDU = "education_route_price_eur"
AVG_BASE = (
    "Divosa, Wet inburgering in vraag en antwoord (kosten voorzieningen via SPUK): gemiddeld "
    "10.000 euro per traject, een gemiddelde over de leerroutes en geen norm"
)
EDU_SEPARATE = (
    "Divosa, Wet inburgering in vraag en antwoord (kosten voorzieningen via SPUK): 2022-2025 een "
    "aparte SPUK onderwijsroute (59 miljoen euro), geen bedrag per persoon; 0 = geen eigen prijs"
)
EDU_2026 = (
    "Divosa, Wet inburgering in vraag en antwoord (kosten voorzieningen via SPUK): 2026-2029 ten "
    "minste 17.000 euro per persoon met de onderwijsroute, eenmalig in het jaar van huisvesting, "
    "in plaats van de gemiddelde prijs (geen opslag)"
)
YEARLY = {
    2022: {
        AVG: (10000, AVG_BASE + "; het uitgangsbedrag bij de invoering"),
        EDU: (0, EDU_SEPARATE),
    },
    2023: {
        AVG: (10000, AVG_BASE + "; geïndexeerd bedrag 2023 niet gevonden, uitgangsbedrag gebruikt"),
        EDU: (0, EDU_SEPARATE),
    },
    2024: {
        AVG: (10000, AVG_BASE + "; geïndexeerd bedrag 2024 niet gevonden, uitgangsbedrag gebruikt"),
        EDU: (0, EDU_SEPARATE),
    },
    2025: {
        AVG: (11600, AVG_BASE + "; ongeveer 11.600 euro in 2025 na indexering"),
        EDU: (0, EDU_SEPARATE),
    },
    2026: {
        AVG: (11600, AVG_BASE + "; bedrag 2026 niet gevonden, het bedrag van 2025 aangehouden"),
        EDU: (17000, EDU_2026),
    },
}

INTAKE_SOURCE = (
    "Lokale norm vanaf inschrijving BRP. Een wettelijke termijn voor de start van de brede intake "
    "is niet gevonden in de Wet of het Besluit inburgering 2021 (niet bevestigd dat er geen is)"
)

DECREE_2023_2025 = (
    "KB gelijkstelling 2023-2025 (Atw art. 3 lid 3), volgens secundaire bronnen; tekst en "
    "Stcrt.-nummer niet gevonden"
)
DECREE_DAYS = [
    dt.date(2023, 4, 28),
    dt.date(2023, 5, 19),
    dt.date(2024, 5, 10),
    dt.date(2024, 12, 27),
    dt.date(2025, 5, 30),
]


def _entry(value, source):
    return {"value": value, "source": source, "unconfirmed": True}


def forwards(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    Day = apps.get_model("core", "ExtraNonWorkingDay")

    for row in RuleSet.objects.all():
        values = dict(row.values)
        for old, new in RENAMED.items():
            if old in values:
                entry = values.pop(old)
                values.setdefault(new, entry)
        if "intake_start_weeks" in values:
            values["intake_start_weeks"] = {
                **values["intake_start_weeks"],
                "source": INTAKE_SOURCE,
                "unconfirmed": True,
            }
        for key in (AVG, EDU):
            if key in values:
                values[key] = {**values[key], "unconfirmed": True}
        if row.valid_from == dt.date(2022, 1, 1):
            for key, (value, source) in YEARLY[2022].items():
                stored = values.get(key, {}).get("value")
                if stored is None or float(stored) in (OLD_SEED[key], float(value)):
                    values[key] = _entry(value, source)
        row.values = values
        row.save(update_fields=["values"])

    for year, amounts in YEARLY.items():
        day = dt.date(year, 1, 1)
        if RuleSet.objects.filter(valid_from=day).exists():
            continue
        base = RuleSet.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        if base is None:
            continue  # no rule set at all yet: rules_on() uses the definitions' defaults
        values = dict(base.values)
        for key, (value, source) in amounts.items():
            values[key] = _entry(value, source)
        RuleSet.objects.create(
            valid_from=day, label=f"Bedragen {year} (jaarversie)", values=values
        )

    for day in DECREE_DAYS:
        Day.objects.get_or_create(
            date=day, defaults={"source": DECREE_2023_2025, "unconfirmed": True}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0011_destruction_batch")]

    operations = [
        migrations.AddField(
            model_name="extranonworkingday",
            name="unconfirmed",
            field=models.BooleanField(
                default=False,
                help_text="Aan als de dag niet in de tekst van het besluit zelf is gecontroleerd.",
                verbose_name="niet bevestigd",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
