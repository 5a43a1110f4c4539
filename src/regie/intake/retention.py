"""The special-category record (AVG art. 9) as a record type of ``core.retention``: due at the
end of the case (term ``retention_special_category_days`` of the rule set), destroyed before
anything else of the dossier. Registered in ``IntakeConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from regie.clients.models import ClientStatus

from .models import SpecialCategoryRecord

CODE = "intake.special_category"


def due(region_id: int, ended_before) -> list[int]:
    return list(
        SpecialCategoryRecord.objects.filter(
            client__status=ClientStatus.CLOSED,
            client__closed_on__lte=ended_before,
            client__team__region_id=region_id,
        ).values_list("pk", flat=True)
    )


def destroy(ids: list[int]) -> int:
    count, _per_model = SpecialCategoryRecord.objects.filter(pk__in=ids).delete()
    return count


def register() -> None:
    from regie.core import retention

    retention.register_record_type(
        CODE,
        _("Bijzondere persoonsgegevens (intake)"),
        rule="retention_special_category_days",
        unit="days",
        finder=due,
        destroyer=destroy,
        special_category=True,
    )
