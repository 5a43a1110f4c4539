"""The client dossier as a record type of ``core.retention``: due when the retention period of
the rule set (``retention_client_dossier_years``) has passed since the case was closed.
Destroying the client removes what hangs on him (deadlines, assignments and the records of the
apps above that cascade). Registered in ``ClientsConfig.ready()``."""

from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

from regie.core.errors import ConflictError

from .models import Client, ClientStatus

CODE = "clients.dossier"


def due(region_id: int, ended_before) -> list[int]:
    return list(
        Client.objects.filter(
            status=ClientStatus.CLOSED, closed_on__lte=ended_before, team__region_id=region_id
        ).values_list("pk", flat=True)
    )


def destroy(ids: list[int]) -> int:
    try:
        Client.objects.filter(pk__in=ids).delete()
    except ProtectedError:
        raise ConflictError(
            _("Een dossier op deze lijst hangt nog aan andere gegevens; er is niets vernietigd.")
        ) from None
    return len(ids)


def register() -> None:
    from regie.core import retention

    retention.register_record_type(
        CODE,
        _("Klantdossier"),
        rule="retention_client_dossier_years",
        unit="years",
        finder=due,
        destroyer=destroy,
        order=100,  # last: plans and enrolments refer to the client
    )
