"""Deadlines of the objection procedure, in the one registry (``clients.deadlines``), so they show
in the worklist and the reminders: the decision on the objection (Awb art. 7:10), fixing the
penalty for a late decision (Awb art. 4:18) and the end of the appeal term (Awb art. 6:7, 6:8).

One deadline per objection and kind: ``sequence`` is the objection's number for the client.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.clients import deadlines
from regie.clients.deadlines import DeadlineKindDef, DeadlineSpec, statutory_end
from regie.clients.models import Client
from regie.core.legal_terms import format_date_nl
from regie.core.ruleset import rules_on
from regie.core.termcalendar import extra_days

from .models import Objection
from .selectors import terms_for

DECISION = "objection_decision"
PENALTY_FIX = "objection_penalty_fix"
APPEAL_TERM = "objection_appeal_term"

KINDS = [
    DeadlineKindDef(DECISION, _("Beslissen op bezwaar (Awb art. 7:10)"), atw=True),
    DeadlineKindDef(PENALTY_FIX, _("Dwangsom vaststellen (Awb art. 4:18)"), atw=True),
    DeadlineKindDef(
        APPEAL_TERM, _("Einde beroepstermijn (Awb art. 6:7)"), informational=True, atw=True
    ),
]


def specs_for_objection(objection: Objection, today: dt.date, extra) -> list[DeadlineSpec]:
    t = terms_for(objection, today, extra)
    seq = objection.number
    specs = [
        DeadlineSpec(
            DECISION,
            t.decision_due,
            f"Bezwaar {seq}: {t.decision.explanation}",
            met_on=objection.decided_on,
            sequence=seq,
        )
    ]
    pen = t.penalty
    if pen.last_day is not None and pen.fix_by is not None:
        due, why = statutory_end(pen.last_day, 2, "weeks")
        specs.append(
            DeadlineSpec(
                PENALTY_FIX,
                due,
                f"Bezwaar {seq}: dwangsom van {pen.days} dagen (€ {pen.amount}, Awb art. 4:17) "
                f"vaststellen binnen twee weken na de laatste dag ({format_date_nl(pen.last_day)}). "
                f"{why}",
                unconfirmed=t.penalty_unconfirmed,
                met_on=objection.penalty_fixed_on,
                sequence=seq,
            )
        )
    if objection.decided_on:
        weeks = rules_on(objection.decided_on).value("objection_term_weeks")
        due, why = statutory_end(objection.decided_on, weeks, "weeks")
        specs.append(
            DeadlineSpec(
                APPEAL_TERM,
                due,
                f"Bezwaar {seq}: beroep binnen {weeks} weken na bekendmaking van de beslissing op "
                f"bezwaar ({format_date_nl(objection.decided_on)}), Awb art. 6:7 en 6:8. {why}",
                met_on=objection.appeal_filed_on,
                sequence=seq,
            )
        )
    return specs


def provider(client: Client) -> list[DeadlineSpec]:
    objections = list(Objection.objects.filter(client=client).select_related("enforcement_case"))
    if not objections:
        return []
    today = timezone.localdate()
    extra = extra_days()
    specs: list[DeadlineSpec] = []
    for objection in objections:
        specs.extend(specs_for_objection(objection, today, extra))
    return specs


def register() -> None:
    deadlines.register(provider, kinds=KINDS, facts={Objection: "client_id"})
