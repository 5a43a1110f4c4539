"""A client's enrolments with providers (and the providers' reports on them) as a record type of
``core.retention``, with the term of the client dossier; destroyed before the plan and the
dossier. Registered in ``OfferConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from regie.clients.models import ClientStatus

from .models import Enrolment, ProviderReport

CODE = "offer.enrolment"


def due(region_id: int, ended_before) -> list[int]:
    return list(
        Enrolment.objects.filter(
            client__status=ClientStatus.CLOSED,
            client__closed_on__lte=ended_before,
            client__team__region_id=region_id,
        ).values_list("pk", flat=True)
    )


def destroy(ids: list[int]) -> int:
    ProviderReport.objects.filter(enrolment_id__in=ids).delete()
    count, _per_model = Enrolment.objects.filter(pk__in=ids).delete()
    return count


def register() -> None:
    from regie.core import retention

    retention.register_record_type(
        CODE,
        _("Inschrijvingen bij aanbieders en hun meldingen"),
        rule="retention_client_dossier_years",
        unit="years",
        finder=due,
        destroyer=destroy,
        order=40,
    )
