import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_rate_limit_cache_table"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DestructionBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("record_type", models.CharField(max_length=60, verbose_name="soort gegevens")),
                (
                    "status",
                    models.CharField(
                        choices=[("listed", "Wacht op akkoord"), ("destroyed", "Vernietigd")],
                        default="listed",
                        max_length=10,
                    ),
                ),
                ("listed_on", models.DateField(verbose_name="op de lijst gezet op")),
                ("ended_before", models.DateField(verbose_name="zaak beëindigd op of voor")),
                ("retention", models.CharField(max_length=100, verbose_name="bewaartermijn")),
                ("item_ids", models.JSONField(default=list)),
                ("digest", models.CharField(max_length=64)),
                ("count", models.PositiveIntegerField(verbose_name="aantal")),
                ("admin_approved_at", models.DateTimeField(blank=True, null=True)),
                ("privacy_approved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "destroyed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="vernietigd op"),
                ),
                ("destroyed_count", models.PositiveIntegerField(default=0)),
                (
                    "admin_approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "privacy_approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "vernietigingslijst",
                "verbose_name_plural": "vernietigingslijsten",
                "ordering": ["status", "-listed_on", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("admin_approved_by", models.F("privacy_approved_by")), _negated=True
                        ),
                        name="destruction_two_different_approvers",
                    )
                ],
            },
        ),
    ]
