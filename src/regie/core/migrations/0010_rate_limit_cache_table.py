"""The table of Django's database cache (``REGIE_CACHE=database``): rate-limit counters."""

from django.db import migrations

TABLE = "regie_cache"


def create_table(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0009_organisation_version")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
