"""Register of processing activities, and database triggers that make the logs append-only."""

from django.db import migrations

ACTIVITIES = [
    ("dossier-inzien", "Dossier inzien",
     "Uitvoeren van de regie op de inburgering van een inburgeringsplichtige.",
     "Wet inburgering 2021, art. 14-17; AVG art. 6 lid 1 sub e", "5 jaar na afsluiten dossier"),
    ("bijzondere-gegevens-inzien", "Bijzondere persoonsgegevens inzien",
     "Passend aanbod bepalen op basis van gezondheid en belastbaarheid.",
     "Wet inburgering 2021, art. 14 en 16; AVG art. 9 lid 2 sub g; UAVG art. 23",
     "5 jaar na afsluiten dossier"),
    ("rapportage", "Rapportage en beleidsinformatie",
     "Sturen op uitvoering en kwaliteit (geaggregeerd, kleine aantallen verborgen).",
     "Wet inburgering 2021, art. 13 en 16", "7 jaar"),
]

TABLES = ["core_auditevent", "core_accesslogentry"]


def add_activities(apps, schema_editor):
    model = apps.get_model("core", "ProcessingActivity")
    for key, name, purpose, basis, retention in ACTIVITIES:
        model.objects.get_or_create(
            key=key,
            defaults={"name": name, "purpose": purpose, "legal_basis": basis, "retention": retention},
        )


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for op in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
                )
        elif vendor == "postgresql":
            schema_editor.execute(
                "CREATE OR REPLACE FUNCTION regie_append_only() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION '%% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql;"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION regie_append_only();"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op};")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(add_activities, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
