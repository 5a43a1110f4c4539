"""The newcomer's portal session: no staff user, only his client id in the session.

Every portal page goes through :func:`portal_page`: it loads the newcomer from the session (or
sends him to the login), makes him the actor of the request (audit trail: channel ``self``) and
writes one access-log row per page as his own access.
"""

import functools
import secrets
from dataclasses import dataclass

from django.shortcuts import redirect

from regie.clients.models import Client
from regie.core import context
from regie.core.audit import pseudonym
from regie.core.models import AccessLogEntry, Organisation, ProcessingActivity

SESSION_KEY = "regie_portal_client"
LEVEL_KEY = "regie_portal_level"
ACTIVITY = "portaal-eigen-gegevens"
PURPOSE = "Inzage in eigen gegevens door de inburgeraar (AVG art. 15)"
SELF_ROLE = "inburgeraar"


@dataclass(frozen=True)
class NewcomerPrincipal:
    """The newcomer acting for himself. Not a staff principal: every scoping function that takes
    a staff principal finds no role it knows and shows nothing."""

    client: Client
    organisation: Organisation
    role: str = SELF_ROLE
    user: None = None
    api_client: None = None
    assignment_id: None = None

    @property
    def label(self) -> str:
        return f"Inburgeraar zelf (portaal) · klant {self.client.pk}"

    @property
    def role_label(self) -> str:
        return "Inburgeraar"

    @property
    def region_id(self):
        return self.organisation.region_id

    def has_role(self, *roles) -> bool:
        return False


def log_in(request, client: Client, level: str) -> None:
    request.session.cycle_key()  # a new session id at login (session fixation)
    request.session[SESSION_KEY] = client.pk
    request.session[LEVEL_KEY] = level


def log_out(request) -> None:
    for key in (SESSION_KEY, LEVEL_KEY):
        request.session.pop(key, None)
    request.session.cycle_key()


def current_client(request) -> Client | None:
    client_id = request.session.get(SESSION_KEY)
    if not client_id:
        return None
    return (
        Client.objects.select_related("municipality", "case_manager", "team")
        .filter(pk=client_id)
        .first()
    )


def log_own_access(principal: NewcomerPrincipal, part: str) -> None:
    client = principal.client
    AccessLogEntry.objects.create(
        trace_id=context.current().request_id[:32],
        span_id=secrets.token_hex(8),
        actor=None,
        api_client=None,
        actor_label=principal.label[:300],
        role=SELF_ROLE,
        organisation=principal.organisation,
        activity=ProcessingActivity.objects.get(key=ACTIVITY),
        person_id=client.pk,
        subject_pseudonym=pseudonym(client.bsn or f"id:{client.pk}"),
        part=part,
        purpose=PURPOSE,
        action=AccessLogEntry.Action.READ,
        channel=AccessLogEntry.Channel.SELF,
    )


def portal_page(part: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            client = current_client(request)
            if client is None:
                return redirect("portal:login")
            principal = NewcomerPrincipal(client=client, organisation=client.municipality)
            request.portal = principal
            ctx = context.current()
            token = context.set_current(
                context.ActorContext(principal=principal, request_id=ctx.request_id, channel="self")
            )
            try:
                log_own_access(principal, part)
                response = view(request, *args, **kwargs)
            finally:
                context.reset(token)
            response.headers["Cache-Control"] = "no-store"
            return response

        return wrapper

    return decorator
