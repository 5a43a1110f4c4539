"""Deadline "brede intake gestart" (local norm, kind ``intake_start``), registered in
``IntakeConfig.ready()`` through :func:`register`.

No statutory start term for the brede intake was found (that there is none is UNCONFIRMED, so
the deadline always carries the *Niet bevestigd* badge); the region
sets one as a local norm (rule ``intake_start_weeks``). It is counted from the BRP registration,
else the housing date, else the koppeling, with plain date arithmetic: a local norm is no term of
a formal law or AMvB, so the Algemene termijnenwet does not apply.
The deadline is met on the day the intake started.
"""

from django.utils.translation import gettext_lazy as _

from regie.clients import deadlines
from regie.clients.deadlines import DeadlineKindDef, DeadlineSpec
from regie.clients.models import Client
from regie.core.legal_terms import Term, Unit, add_term, format_date_nl
from regie.core.ruleset import rules_on

RULE = "intake_start_weeks"
INTAKE_START = "intake_start"
KINDS = [DeadlineKindDef(INTAKE_START, _("Brede intake gestart"))]


def anchor(client: Client):
    """(date, Dutch label) the norm counts from, or (None, "")."""
    for field, label in (
        ("brp_date", "inschrijving BRP"),
        ("housing_date", "huisvesting"),
        ("linkage_date", "koppeling"),
    ):
        value = getattr(client, field)
        if value:
            # not before the duty starts (a minor becomes obliged when kwalificatieplicht ends)
            if client.duty_start and client.duty_start > value:
                return client.duty_start, "start inburgeringsplicht"
            return value, label
    return None, ""


def intake_start(client: Client) -> list[DeadlineSpec]:
    start, label = anchor(client)
    if start is None:
        return []
    rules = rules_on(start)
    weeks = int(rules.value(RULE))
    due = add_term(start, Term(weeks, Unit.WEEKS))
    from .models import Intake

    started = None
    if client.pk:
        started = (
            Intake.objects.filter(client_id=client.pk).values_list("started_on", flat=True).first()
        )
    basis = (
        f"Lokale norm: {weeks} weken na {label} ({format_date_nl(start)}). Een wettelijke "
        "termijn voor de start van de brede intake is niet gevonden (niet bevestigd); de "
        "Algemene termijnenwet geldt niet voor een lokale norm."
    )
    return [
        DeadlineSpec(
            kind=INTAKE_START,
            due_date=due,
            basis=basis,
            # That the law sets no term is itself UNCONFIRMED (no article of the Wi2021 found): the
            # badge stays whatever the stored rule says.
            unconfirmed=True,
            met_on=started,
        )
    ]


def register() -> None:
    from .models import Intake

    deadlines.register(
        intake_start,
        kinds=KINDS,
        facts={Intake: "client_id"},
        client_fields=("brp_date", "housing_date", "linkage_date", "duty_start"),
    )
