from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_role_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="versie"),
        ),
    ]
