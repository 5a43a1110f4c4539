"""Deadlines of the progress app (registered in ``ProgressConfig.ready`` through :func:`register`).

* ``review`` 1..n: ``review_min_count`` reviews within ``review_window_months`` from the PIP date,
  spread evenly; met on the date a review was held (UNCONFIRMED local norm from the
  haalbaarheidsonderzoek Westfriesland (2019), no Atw).
* ``contact_year_one``: last review or contact + ``contact_interval_weeks_year_one``, while within
  the first year after the PIP date (local norm, no Atw).
* ``late_offer``: asylum holders only: the education (language or KNM) must start within
  ``late_offer_months`` (``late_offer_months_education`` for the onderwijsroute) of the PIP date,
  no Atw; this is the one computation of the kind (see :func:`late_offer`).
* ``term_end``: the end of the inburgeringstermijn (Wi2021 art. 11); after a DUO extension the new
  end date (see :func:`term_end`).
* ``fine_decision`` (one per enforcement case with a report, sequence = the case's number within
  the client): the decision on the fine 13 weeks after the report's date (Awb 5:51 lid 1; a term
  of order, no Atw); met on the decision date.
* ``fine_lapse`` (per fine case with a violation date): the last day the fine can be imposed (Awb
  5:45: 5 years where 5:53 applies, else 3, plus suspended days during objection and appeal, no
  Atw); met on the decision date; absent while a suspension is open or after "kan niet".

A closed client has every deadline met on its closing date: ``clients.deadlines`` does that for all
kinds (see docs/progress.md).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.clients import deadlines
from regie.clients.deadlines import DeadlineKindDef
from regie.clients.models import Client
from regie.core.legal_terms import format_date_nl
from regie.core.ruleset import rules_on

from .fine_procedure import lapse_years
from .models import (
    DuoDecision,
    DuoDecisionKind,
    EnforcementCase,
    EnforcementStatus,
    FineLapseSuspension,
    Review,
    ReviewKind,
)
from .selectors import (
    fine_procedure_of,
    late_offer_check,
    next_contact_due,
    plan_facts,
    review_schedule,
)
from .terms import late_offer_deadline

REVIEW = "review"
CONTACT_YEAR_ONE = "contact_year_one"
LATE_OFFER = "late_offer"
TERM_END = "term_end"
FINE_DECISION = "fine_decision"
FINE_LAPSE = "fine_lapse"

KINDS = [
    DeadlineKindDef(REVIEW, gettext_lazy("Voortgangsgesprek")),
    DeadlineKindDef(CONTACT_YEAR_ONE, gettext_lazy("Contact eerste jaar")),
    DeadlineKindDef(
        LATE_OFFER, gettext_lazy("Taal of KNM gestart (anders verklaring te laat aanbod)")
    ),
    DeadlineKindDef(TERM_END, gettext_lazy("Einde inburgeringstermijn")),
    DeadlineKindDef(FINE_DECISION, gettext_lazy("Besluit over de boete (13 weken na rapport)")),
    DeadlineKindDef(FINE_LAPSE, gettext_lazy("Bevoegdheid om te beboeten vervalt")),
]


def fine_specs(client: Client, day=None) -> list[deadlines.DeadlineSpec]:
    """The fine terms of every enforcement case of the client (Awb 5:51 lid 1 and 5:45)."""
    from django.utils import timezone

    day = day or timezone.localdate()
    cases = list(EnforcementCase.objects.filter(client=client).order_by("id"))
    rows = FineLapseSuspension.objects.filter(case__in=cases).order_by("start", "id")
    by_case: dict = {}
    for row in rows:
        by_case.setdefault(row.case_id, []).append(row)
    specs = []
    for number, case in enumerate(cases, start=1):
        if not case.is_fine_path or case.status == EnforcementStatus.NO_BLAME:
            continue
        procedure = fine_procedure_of(case, day, by_case.get(case.pk, []))
        if procedure.decision_due is not None:
            specs.append(
                deadlines.DeadlineSpec(
                    FINE_DECISION,
                    procedure.decision_due,
                    _(
                        "Besluit over de boete (Wet art. %(art)s) binnen 13 weken na de "
                        "dagtekening van het rapport (%(report)s); Awb art. 5:51 lid 1, termijn "
                        "van orde; geen Algemene termijnenwet (langer dan 12 weken)."
                    )
                    % {"art": case.article, "report": format_date_nl(case.report_date)},
                    met_on=case.decision_date,
                    sequence=number,
                )
            )
        if procedure.lapse_date is not None:
            suspended = sum(s.days() for s in _periods(by_case.get(case.pk, [])))
            specs.append(
                deadlines.DeadlineSpec(
                    FINE_LAPSE,
                    procedure.lapse_date,
                    _(
                        "Na deze dag kan de boete (Wet art. %(art)s) niet meer worden opgelegd: "
                        "%(years)s jaar na de overtreding van %(violation)s (Awb art. 5:45 lid "
                        "%(lid)s)%(suspended)s; geen Algemene termijnenwet."
                    )
                    % {
                        "art": case.article,
                        "years": lapse_years(procedure.heavy),
                        "violation": format_date_nl(case.violation_on),
                        "lid": 1 if procedure.heavy else 2,
                        "suspended": _(", plus %(n)s dagen opgeschort tijdens bezwaar of beroep")
                        % {"n": suspended}
                        if suspended
                        else "",
                    },
                    unconfirmed=rules_on(case.violation_on).unconfirmed(
                        "fine_pip_max_eur" if case.article == "23" else "fine_intake_eur"
                    ),
                    met_on=case.decision_date,
                    sequence=number,
                )
            )
    return specs


def _periods(rows):
    from .fine_procedure import Period

    return [Period(r.start, r.end) for r in rows]


def term_end(client: Client, facts=None) -> deadlines.DeadlineSpec | None:
    """End of the inburgeringstermijn: DUO's latest extension (Wi2021 art. 12),
    else three years from the day after the first PIP's dagtekening (Wi2021 art. 11, no Atw)."""
    extension = (
        DuoDecision.objects.filter(
            client=client, kind=DuoDecisionKind.EXTENSION, new_end_date__isnull=False
        )
        .order_by("-decision_date", "-id")
        .first()
    )
    if extension:
        return deadlines.DeadlineSpec(
            TERM_END,
            extension.new_end_date,
            _(
                "Inburgeringstermijn verlengd door DUO (besluit van %(date)s, grond: "
                "%(ground)s); Wet art. 12."
            )
            % {
                "date": extension.decision_date.strftime("%d-%m-%Y"),
                "ground": extension.get_ground_display() or "-",
            },
        )
    facts = facts or plan_facts(client)
    if not facts.decided:
        return None
    rules = rules_on(facts.pip_date)
    return deadlines.DeadlineSpec(
        TERM_END,
        facts.term_end,
        f"Wet inburgering 2021 art. 11: {rules.value('integration_term_years')} jaar vanaf de "
        f"dag na de dagtekening van het eerste PIP ({format_date_nl(facts.pip_date)}); geen "
        "Algemene termijnenwet.",
    )


def late_offer(client: Client, facts=None) -> deadlines.DeadlineSpec | None:
    """The late-offer deadline: the one computation of this kind.

    Only for an asylum holder with a decided PIP (the late-offer ground is theirs; a family or
    other migrant arranges his own course, so he has no such deadline). Due: the PIP date plus
    ``late_offer_months`` (``late_offer_months_education`` for the onderwijsroute), plain calendar
    months without an Algemene termijnenwet extension (:func:`late_offer_check`). Met on the start
    of the education (the earliest language or KNM offer start), also when that start was late:
    the due date then shows how late. A start of PVT, MAP, participation, maatschappelijke
    begeleiding or ontzorgen does not meet it. The thresholds come from the minister's
    implementation letter as reported by Stimulansz (UNCONFIRMED), and whether the Atw covers them
    is UNCONFIRMED too: the deadline always carries the badge.
    """
    facts = facts or plan_facts(client)
    if not client.is_asylum_holder or not facts.decided:
        return None
    check = late_offer_check(client, facts.pip_date, facts)
    deadline = late_offer_deadline(facts.pip_date, check.allowed_months)
    return deadlines.DeadlineSpec(
        LATE_OFFER,
        deadline,
        _(
            "Onderwijs (taal of KNM) gestart binnen %(m)s maanden na het PIP (%(pip)s); anders "
            "kan de klant een verklaring te laat aanbod vragen voor zijn verzoek om verlenging "
            "bij DUO. Bron: brief van de minister over de uitvoering, volgens Stimulansz (niet "
            "bevestigd). Zonder verlenging door de Algemene termijnenwet (niet bevestigd of die "
            "hier geldt)."
        )
        % {"m": check.allowed_months, "pip": facts.pip_date.strftime("%d-%m-%Y")},
        unconfirmed=True,
        met_on=facts.education_offer_start,
    )


def _open_specs(client: Client) -> list[deadlines.DeadlineSpec]:
    specs: list[deadlines.DeadlineSpec] = fine_specs(client)
    facts = plan_facts(client)
    term = term_end(client, facts)
    if term is not None:
        specs.append(term)
    if not facts.decided:
        return specs
    held = list(
        Review.objects.filter(client=client, held_on__isnull=False).values_list("kind", "held_on")
    )
    review_days = [d for kind, d in held if kind == ReviewKind.REVIEW]
    slots, rules = review_schedule(facts.pip_date, review_days)
    for slot in slots:
        specs.append(
            deadlines.DeadlineSpec(
                REVIEW,
                slot.due_date,
                _(
                    "Voortgangsgesprek %(i)s van %(n)s binnen %(m)s maanden na het PIP "
                    "(%(pip)s); lokale norm, niet bevestigd (%(source)s)."
                )
                % {
                    "i": slot.sequence,
                    "n": len(slots),
                    "m": rules.value("review_window_months"),
                    "pip": facts.pip_date.strftime("%d-%m-%Y"),
                    "source": rules.source("review_min_count"),
                },
                unconfirmed=rules.unconfirmed("review_min_count")
                or rules.unconfirmed("review_window_months"),
                met_on=slot.met_on,
                sequence=slot.sequence,
            )
        )
    due, rules = next_contact_due(facts.pip_date, [d for _kind, d in held])
    if due:
        specs.append(
            deadlines.DeadlineSpec(
                CONTACT_YEAR_ONE,
                due,
                _("Contact elke %(w)s weken in het eerste jaar na het PIP; lokale norm.")
                % {"w": rules.value("contact_interval_weeks_year_one")},
                unconfirmed=rules.unconfirmed("contact_interval_weeks_year_one"),
            )
        )
    offer = late_offer(client, facts)
    if offer is not None:
        specs.append(offer)
    return specs


def provider(client: Client) -> list[deadlines.DeadlineSpec]:
    return _open_specs(client)


def register() -> None:
    from regie.plans.deadlines import PLAN_FACTS

    deadlines.register(
        provider,
        kinds=KINDS,
        facts={
            **PLAN_FACTS,
            Review: "client_id",
            DuoDecision: "client_id",
            EnforcementCase: "client_id",
            FineLapseSuspension: "case.client_id",
        },
        client_fields=("target_group",),
    )
