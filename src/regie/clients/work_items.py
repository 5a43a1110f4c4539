"""The client as the subject of work items (``core.workitems``): which clients a principal may
see there, which are his own, and the rows of one page loaded in one query. Registered in
``ClientsConfig.ready()``; the scope is ``visible_clients``, the one rule for every list."""

from django.urls import reverse

from regie.core.roles import Role

from .models import Client
from .selectors import visible_clients


def visible_ids(principal):
    return visible_clients(principal).values("pk")


def own_ids(principal):
    """A case manager's own caseload; other roles own no clients here."""
    if principal is None or principal.user is None or principal.role != Role.CASE_MANAGER:
        return Client.objects.none().values("pk")
    return visible_clients(principal).filter(case_manager_id=principal.user.pk).values("pk")


def load(ids):
    from regie.core.workitems import Subject

    clients = Client.objects.filter(pk__in=list(ids)).only(
        "pk", "uuid", "bsn", "given_names", "surname"
    )
    return {
        c.pk: Subject(
            id=c.pk,
            label=c.full_name,
            url=reverse("clients:dossier", args=[c.uuid]),
            obj=c,
            log_key=c.bsn,
        )
        for c in clients
    }


def register() -> None:
    from regie.core import workitems

    workitems.register_subject("client", visible=visible_ids, own=own_ids, load=load)
