"""The client's plan (PIP, all its versions and components) as a record type of
``core.retention``, with the term of the client dossier; destroyed before the dossier, which it
refers to. Registered in ``PlansConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from regie.clients.models import ClientStatus

from .models import AttendedActivity, Milestone, Plan, PlanVersion

CODE = "plans.plan"


def due(region_id: int, ended_before) -> list[int]:
    return list(
        Plan.objects.filter(
            client__status=ClientStatus.CLOSED,
            client__closed_on__lte=ended_before,
            client__team__region_id=region_id,
        ).values_list("pk", flat=True)
    )


def destroy(ids: list[int]) -> int:
    client_ids = list(Plan.objects.filter(pk__in=ids).values_list("client_id", flat=True))
    AttendedActivity.objects.filter(client_id__in=client_ids).delete()
    Milestone.objects.filter(client_id__in=client_ids).delete()
    PlanVersion.objects.filter(plan_id__in=ids).delete()  # components go with their version
    count, _per_model = Plan.objects.filter(pk__in=ids).delete()
    return count


def register() -> None:
    from regie.core import retention

    retention.register_record_type(
        CODE,
        _("Plan inburgering en participatie (alle versies)"),
        rule="retention_client_dossier_years",
        unit="years",
        finder=due,
        destroyer=destroy,
        order=60,
    )
