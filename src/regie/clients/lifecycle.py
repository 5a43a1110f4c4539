"""The one owner of ``Client.status``: an explicit table of allowed transitions.

Every service that moves a case along its lifecycle calls :func:`transition` with an *event*; no
other code writes ``Client.status`` (creation aside: a new client starts in
:func:`initial_status`). The table says, per event, from which states it moves the case, to which
state, from which states it is a deliberate no-op (today's "already there" behaviour), and which
rule it enforces. Anything else raises :class:`TransitionNotAllowed`, a
``core.errors.ConflictError`` that views and the API answer with 409 and a Dutch message.

======================  ==============================  ===========  ==============================
event                   from                            to           no-op from
======================  ==============================  ===========  ==============================
(creation)              –                               registered   (obliged) / not_obliged
``start_intake``        registered                      intake       intake, plan_decided, in_route
``decide_plan``         registered, intake              plan_decided plan_decided, in_route, closed,
                                                                     not_obliged
``start_route``         plan_decided                    in_route     in_route, closed, not_obliged
``close``               registered, intake,             closed       –
                        plan_decided, in_route,
                        not_obliged
======================  ==============================  ===========  ==============================

Refused: starting an intake for a closed or not-obliged client; starting the route before a PIP is
decided; closing a closed dossier. See docs/adr/0006-case-lifecycle.md.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.errors import ConflictError

from .models import Client, ClientStatus

S = ClientStatus


@dataclass(frozen=True)
class Transition:
    """One row of the table. ``rule`` names the legal (or local) rule the transition enforces."""

    event: str
    label: str  # Dutch, for the refusal message: "<label> kan niet ..."
    sources: frozenset[str]
    target: str
    no_op_from: frozenset[str]
    rule: str


START_INTAKE = "start_intake"
DECIDE_PLAN = "decide_plan"
START_ROUTE = "start_route"
CLOSE = "close"

TABLE: dict[str, Transition] = {
    t.event: t
    for t in (
        Transition(
            START_INTAKE,
            _("de brede intake starten"),
            frozenset({S.REGISTERED}),
            S.INTAKE,
            frozenset({S.INTAKE, S.PLAN_DECIDED, S.IN_ROUTE}),
            "The municipality holds a brede intake with every obliged client before it adopts the "
            "PIP (the law sets no start term; the region's local norm 'intake_start_weeks' counts "
            "to the start). A later state is kept: an intake started after the PIP does not move "
            "the case back. Not for a closed dossier or a person who is not obliged.",
        ),
        Transition(
            DECIDE_PLAN,
            _("het eerste PIP vaststellen"),
            frozenset({S.REGISTERED, S.INTAKE}),
            S.PLAN_DECIDED,
            frozenset({S.PLAN_DECIDED, S.IN_ROUTE, S.CLOSED, S.NOT_OBLIGED}),
            "The first decided PIP (a beschikking) fixes the leerroute and starts the "
            "inburgeringstermijn the day after its dagtekening (Wi2021 art. 11). A revision "
            "(bijstellen) or a decision for a closed or not-obliged client leaves the status as "
            "it is (today's behaviour; whether such a decision may be taken at all is checked by "
            "the plans app, not here).",
        ),
        Transition(
            START_ROUTE,
            _("de leerroute laten starten"),
            frozenset({S.PLAN_DECIDED}),
            S.IN_ROUTE,
            frozenset({S.IN_ROUTE, S.CLOSED, S.NOT_OBLIGED}),
            "The offer of a decided PIP started (an offer start recorded on a PIP component). "
            "Needs a decided PIP; a closed dossier is not reopened by late progress data.",
        ),
        Transition(
            CLOSE,
            _("het dossier sluiten"),
            frozenset({S.REGISTERED, S.INTAKE, S.PLAN_DECIDED, S.IN_ROUTE, S.NOT_OBLIGED}),
            S.CLOSED,
            frozenset(),
            "The case ends for one of the closing reasons of clients.closing (duty met, "
            "exempted by DUO (Wi2021 art. 5), term ended, moved out of the region, left the "
            "country, naturalised, AOW age, died). Every open deadline then ends on the closing "
            "date, met or cancelled as the reason says. A move within the region is not a "
            "closing. A closed dossier cannot be closed again.",
        ),
    )
}


def initial_status(is_obliged: bool) -> str:
    """The state a new client starts in: registered if obliged, else not obliged."""
    return S.REGISTERED if is_obliged else S.NOT_OBLIGED


INITIAL_STATES = frozenset({S.REGISTERED, S.NOT_OBLIGED})


def reachable_states() -> frozenset[str]:
    """Every state the table can reach from an initial state."""
    seen = set(INITIAL_STATES)
    changed = True
    while changed:
        changed = False
        for t in TABLE.values():
            if seen & t.sources and t.target not in seen:
                seen.add(t.target)
                changed = True
    return frozenset(seen)


class TransitionNotAllowed(ConflictError):
    """The event does not fit the client's current state (answered with 409)."""

    def __init__(self, status: str, event: str):
        self.status, self.event = status, event
        state = ClientStatus(status).label if status in ClientStatus.values else status
        what = TABLE[event].label if event in TABLE else event
        super().__init__(
            _("Deze klant heeft de status ‘%(state)s’. U kunt dan niet %(what)s.")
            % {"state": state, "what": what}
        )


def allowed(status: str, event: str) -> bool:
    """Would ``event`` be accepted (as a move or a no-op) in ``status``?"""
    t = TABLE[event]
    return status in t.sources or status in t.no_op_from


def ensure_allowed(client: Client, event: str) -> None:
    """Refuse early (before a service validates its input) what :func:`transition` would refuse;
    :func:`transition` checks again under the row lock."""
    if not allowed(client.status, event):
        raise TransitionNotAllowed(client.status, event)


@transaction.atomic
def transition(
    client: Client, event: str, *, expected_version: int | None = None, **fields
) -> bool:
    """Apply ``event`` to ``client``: lock the row, check the table, save, keep the history.

    Returns True if the status changed, False for a no-op the table allows. ``fields`` are saved
    with the status (e.g. ``closure_reason``, ``closed_on``). With ``expected_version`` the save is
    an optimistic-lock save (``core.locking``) that raises ``VersionConflict`` on a stale form.
    The change history is kept as for every tracked save; the deadlines follow (the status is a
    fact they count from). The caller's ``client`` gets the new values.
    """
    t = TABLE[event]
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.status in t.no_op_from:
        client.status = locked.status
        return False
    if locked.status not in t.sources:
        raise TransitionNotAllowed(locked.status, event)
    values = {"status": t.target, **fields}
    if expected_version is not None:
        from regie.core.locking import save_with_version

        for name, value in values.items():
            setattr(client, name, value)
        client.updated_at = timezone.now()
        save_with_version(client, expected_version, fields=[*values, "updated_at"], audit=True)
        # an UPDATE sends no post_save: tell the deadlines here
        from . import deadlines

        deadlines.facts_changed(client)
    else:
        for name, value in values.items():
            setattr(locked, name, value)
        # a tracked save: history as for every change; post_save recomputes the deadlines
        locked.save(update_fields=[*values, "updated_at"])
        for name in [*values, "updated_at"]:
            setattr(client, name, getattr(locked, name))
    return True
