"""Scoped reads for progress, enforcement, DUO decisions and closing; the plan facts they count from.

The only dependency on the ``plans`` app is :func:`plan_facts`: it returns the PIP date (the first
decision's *dagtekening*, Wet art. 11), the current decided version's date and route, the term
dates and the earliest offer start, and degrades to empty facts when there is no decided plan.
"""

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from regie.clients.models import Client
from regie.clients.selectors import Access, dossier_access, visible_clients
from regie.core.ruleset import rules_on
from regie.plans.models import Plan, PlanVersion

from . import fine_procedure
from .models import (
    DuoDecision,
    DuoDecisionKind,
    EnforcementCase,
    EnforcementStatus,
    FineLapseSuspension,
    LateOfferStatement,
    Review,
    Violation,
)
from .terms import late_offer_deadline

EDUCATION_ROUTE = "onderwijs"
# The PIP components (plans.models.ComponentKind values) that make up the education of the route:
# the language and KNM offer. Their earliest start is the start the late-offer ground counts to.
EDUCATION_KINDS = ("language", "knm")


@dataclass(frozen=True)
class PlanFacts:
    pip_date: dt.date | None = None  # dagtekening of the first PIP: the term counts from it
    decision_date: dt.date | None = None  # dagtekening of the current decided version
    route: str = ""
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    offer_start: dt.date | None = None  # earliest offer start over the current components
    components: list = field(default_factory=list)  # (uuid, label, offer_start, hours, progress)
    language_offer_start: dt.date | None = None  # offer start of the (last) language component
    # Start of the education: the earliest offer start of a language or KNM component (the
    # language/KNM offer of the route). PVT, MAP, participation, maatschappelijke begeleiding and
    # ontzorgen never count: the late-offer ground is about the education (Stimulansz).
    education_offer_start: dt.date | None = None

    @property
    def decided(self) -> bool:
        return self.pip_date is not None


def _from_plans(client: Client) -> PlanFacts:
    """Read the plans app; empty facts when it has no decided plan for this client."""
    plan = Plan.objects.filter(client=client).first()
    if plan is None:
        return PlanFacts()
    current = (
        PlanVersion.objects.filter(plan=plan, decision_date__isnull=False, status="decided")
        .order_by("-number")
        .first()
    )
    if current is None:
        return PlanFacts()
    rows = list(current.components.order_by("id"))
    components = [(c.uuid, str(c), c.offer_start, c.hours_attended, c.progress_note) for c in rows]
    language = [c for c in rows if c.kind == "language"]
    starts = [c[2] for c in components if c[2]]
    education = [c.offer_start for c in rows if c.kind in EDUCATION_KINDS and c.offer_start]
    return PlanFacts(
        pip_date=plan.first_decision_date or current.decision_date,
        decision_date=current.decision_date,
        route=current.route or "",
        term_start=plan.term_start,
        term_end=plan.term_end,
        offer_start=min(starts) if starts else None,
        components=components,
        language_offer_start=language[-1].offer_start if language else None,
        education_offer_start=min(education) if education else None,
    )


def plan_facts(client: Client) -> PlanFacts:
    return _from_plans(client)


# --- scoping --------------------------------------------------------------------------------


def client_for(principal, uuid, allowed=(Access.FULL, Access.READ)) -> Client | None:
    client = visible_clients(principal).filter(uuid=uuid).first()
    if client is None or dossier_access(principal, client) not in allowed:
        return None
    return client


def readable_clients(principal):
    """Clients whose progress part the principal may read (FULL or READ)."""
    from regie.core.roles import Role

    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return Client.objects.none()
    return visible_clients(principal)


def reviews_for(principal):
    return Review.objects.filter(client__in=readable_clients(principal)).select_related("client")


def enforcement_for(principal):
    return EnforcementCase.objects.filter(client__in=readable_clients(principal)).select_related(
        "client"
    )


def duo_decisions_for(principal):
    return DuoDecision.objects.filter(client__in=readable_clients(principal)).select_related(
        "client"
    )


def statements_for(principal):
    return LateOfferStatement.objects.filter(client__in=readable_clients(principal)).select_related(
        "client"
    )


# --- review schedule and contact norm ------------------------------------------------------


@dataclass(frozen=True)
class ReviewSlot:
    sequence: int
    due_date: dt.date
    met_on: dt.date | None


def review_schedule(pip_date: dt.date, held: list[dt.date]) -> tuple[list[ReviewSlot], object]:
    """``review_min_count`` reviews spread evenly over ``review_window_months`` from the PIP.

    Review i of n is due at PIP date + i/n of the window (in days, rounded down); the i-th review
    held on or after the PIP date meets slot i. Local norm from the haalbaarheidsonderzoek
    Westfriesland (2019), no Atw.
    """
    rules = rules_on(pip_date)
    count = int(rules.value("review_min_count"))
    window_end = pip_date + relativedelta(months=int(rules.value("review_window_months")))
    span = (window_end - pip_date).days
    held_after = sorted(d for d in held if d >= pip_date)
    slots = []
    for i in range(1, count + 1):
        due = pip_date + dt.timedelta(days=span * i // count)
        met = held_after[i - 1] if len(held_after) >= i else None
        slots.append(ReviewSlot(i, due, met))
    return slots, rules


def next_contact_due(pip_date: dt.date, contacts: list[dt.date]) -> tuple[dt.date | None, object]:
    """Year-one contact norm: last contact (or the PIP date) + ``contact_interval_weeks_year_one``,
    only while that date falls within the first year after the PIP date (local norm, no Atw)."""
    rules = rules_on(pip_date)
    last = max([d for d in contacts if d >= pip_date], default=pip_date)
    due = last + dt.timedelta(weeks=int(rules.value("contact_interval_weeks_year_one")))
    if due > pip_date + relativedelta(years=1):
        return None, rules
    return due, rules


# --- late offer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LateOfferCheck:
    applies: bool  # asylum holder with a decided PIP
    late: bool
    deadline: dt.date | None
    allowed_months: int | None
    months_late: int
    reason: str
    rules: object = None


def allowed_offer_months(facts: PlanFacts):
    rules = rules_on(facts.pip_date)
    key = "late_offer_months_education" if facts.route == EDUCATION_ROUTE else "late_offer_months"
    return int(rules.value(key)), rules, key


def late_offer_check(client: Client, today: dt.date, facts: PlanFacts | None = None):
    """Is the education late: not started within late_offer_months (onderwijsroute:
    late_offer_months_education) after the PIP date?

    Only asylum holders (the ground is theirs; Stimulansz, reporting the minister's implementation
    letter, UNCONFIRMED). Counted from the PIP date to the start of the *education* (the earliest
    offer start of a language or KNM component, :data:`EDUCATION_KINDS`); a start of PVT, MAP,
    participation, maatschappelijke begeleiding or ontzorgen does not count. Plain calendar months,
    no Algemene termijnenwet extension (whether the Atw covers this threshold is UNCONFIRMED; see
    docs/decisions.md "Law (issue 9): late offer and family migrants")."""
    from django.utils.translation import gettext as _

    facts = facts or plan_facts(client)
    if not client.is_asylum_holder:
        return LateOfferCheck(
            False,
            False,
            None,
            None,
            0,
            _(
                "Alleen een asielstatushouder krijgt deze verklaring. Een gezinsmigrant of overige "
                "migrant regelt en betaalt zijn taal- en KNM-cursus zelf."
            ),
        )
    if not facts.decided:
        return LateOfferCheck(
            False, False, None, None, 0, _("Er is nog geen vastgesteld PIP voor deze klant.")
        )
    months, rules, _key = allowed_offer_months(facts)
    deadline = late_offer_deadline(facts.pip_date, months)
    started = facts.education_offer_start
    reference = started or today
    if reference <= deadline:
        reason = (
            _("Het onderwijs (taal of KNM) is op tijd gestart.")
            if started
            else _("De termijn voor de start van het onderwijs (taal of KNM) loopt nog.")
        )
        return LateOfferCheck(True, False, deadline, months, 0, reason, rules)
    late = relativedelta(reference, deadline)
    months_late = late.years * 12 + late.months + (1 if late.days else 0)
    return LateOfferCheck(
        True,
        True,
        deadline,
        months,
        max(months_late, 1),
        _("Het onderwijs (taal of KNM) is te laat gestart."),
        rules,
    )


def late_offer_statements_of(client: Client):
    """The late-offer statements of one client, oldest first: the letters for his dossier and
    (later) his portal. The newcomer adds such a letter to his own request to DUO for an
    extension; the municipality sends nothing to DUO. The caller has already checked access
    (the progress views through ``client_for``, the portal through the newcomer's own login)."""
    return LateOfferStatement.objects.filter(client=client).order_by("statement_date", "id")


def current_term_end(client: Client, facts: PlanFacts | None = None) -> dt.date | None:
    """The term end after DUO's latest extension, else the plan's term end."""
    latest = (
        DuoDecision.objects.filter(
            client=client, kind=DuoDecisionKind.EXTENSION, new_end_date__isnull=False
        )
        .order_by("-decision_date", "-id")
        .first()
    )
    if latest:
        return latest.new_end_date
    facts = facts or plan_facts(client)
    return facts.term_end


def has_full_exemption(client: Client) -> bool:
    return DuoDecision.objects.filter(
        client=client,
        kind__in=[DuoDecisionKind.EXEMPTION, DuoDecisionKind.DISPENSATION],
        variant="geheel",
    ).exists()


def satisfaction_scores(client_ids, *, start: dt.date | None = None, end: dt.date | None = None):
    """The satisfaction scores (1–5) given in held reviews of these clients, in [start, end],
    per client id (one query). For the quality figures in ``regie.reporting``."""
    from collections import defaultdict

    reviews = Review.objects.filter(
        client_id__in=list(client_ids), satisfaction__isnull=False, held_on__isnull=False
    )
    if start:
        reviews = reviews.filter(held_on__gte=start)
    if end:
        reviews = reviews.filter(held_on__lte=end)
    scores: dict[int, list[int]] = defaultdict(list)
    for client_id, score in reviews.values_list("client_id", "satisfaction"):
        scores[client_id].append(score)
    return scores


# --- for system jobs (the ZGW export in ``exchange``): unscoped, the caller records the read ---


def imposed_fines_of(client: Client) -> list[EnforcementCase]:
    """The fine decisions (Wet art. 22 and 23) imposed on a client, oldest first."""
    return list(
        EnforcementCase.objects.filter(
            client=client, status=EnforcementStatus.FINED, decision_date__isnull=False
        ).order_by("decision_date", "id")
    )


def fine_pdf(case: EnforcementCase) -> bytes:
    """The fine decision of one enforcement case as a PDF."""
    from .pdf import fine_decision_pdf

    return fine_decision_pdf(case)


def reviews_of(client: Client) -> list:
    """The client's reviews and contact moments by date: for the client himself (portal), who
    sees their dates only, never the notes."""
    return list(Review.objects.filter(client=client).order_by("planned_on", "id"))


# --- the Awb procedure for a fine -----------------------------------------------------------


@dataclass(frozen=True)
class FineProcedure:
    """Where a fine case stands in the Awb procedure on ``day`` (see ``fine_procedure``).

    ``heavy``: Awb 5:53 applies (more than € 340 can be imposed): a report and a zienswijze are
    required and the power lapses after five years (5:45 lid 1), else three (lid 2).
    ``decision_due``: 13 weeks after the report's date (5:51 lid 1), a term of order: ``warnings``
    says so once passed, nothing is refused. ``lapse_date``: the last day the fine can be imposed,
    None while unknown (no violation date) or while a suspension is open (``suspended_since``).
    ``blocked``: the Dutch refusal when the power has lapsed.
    """

    applies: bool
    heavy: bool = False
    max_amount: object = None
    decision_due: dt.date | None = None
    lapse_date: dt.date | None = None
    suspended_since: dt.date | None = None
    suspensions: tuple = ()
    warnings: tuple = ()
    blocked: str = ""


def _suspension_periods(case: EnforcementCase) -> list:
    return list(FineLapseSuspension.objects.filter(case=case).order_by("start", "id"))


def fine_procedure_of(case: EnforcementCase, day: dt.date, suspensions=None) -> FineProcedure:
    """The report, zienswijze, decision term and lapse of one fine case on ``day``."""
    from django.utils.translation import gettext as _

    from regie.core.legal_terms import format_date_nl

    if case.violation not in (Violation.INTAKE, Violation.PIP):
        return FineProcedure(applies=False)
    key = "fine_pip_max_eur" if case.violation == Violation.PIP else "fine_intake_eur"
    max_amount = rules_on(case.violation_on or day).value(key)
    heavy = fine_procedure.awb_5_53_applies(max_amount)
    rows = _suspension_periods(case) if suspensions is None else list(suspensions)
    periods = [fine_procedure.Period(r.start, r.end) for r in rows]
    open_rows = [r for r in rows if r.end is None]
    lapse = (
        fine_procedure.lapse_date(case.violation_on, heavy, periods) if case.violation_on else None
    )
    warnings = []
    due = fine_procedure.decision_due(case.report_date) if case.report_date else None
    # decided, or ended without a fine ("kan niet"): nothing left to warn about or to refuse
    decided = case.decision_date is not None or case.is_closed
    if due is not None and not decided and day > due:
        warnings.append(
            _(
                "De beslistermijn van 13 weken na de dagtekening van het rapport (%(report)s) is "
                "verstreken op %(due)s (Awb art. 5:51 lid 1). Dit is een termijn van orde: u mag "
                "nog besluiten, maar leg uit waarom het later is geworden en overweeg een lager "
                "bedrag."
            )
            % {"report": format_date_nl(case.report_date), "due": format_date_nl(due)}
        )
    if case.caution == "niet_gegeven" and not decided:
        warnings.append(
            _(
                "De cautie is niet gegeven voor het verhoor (Awb art. 5:10a lid 2). Gebruik wat de "
                "klant in dat verhoor over de overtreding heeft verklaard niet voor de boete."
            )
        )
    blocked = ""
    if lapse is not None and day > lapse and not decided:
        blocked = _(
            "De bevoegdheid om deze boete op te leggen is vervallen op %(date)s: %(years)s jaar "
            "na de overtreding van %(violation)s (Awb art. 5:45 lid %(lid)s). U kunt de boete niet "
            "meer opleggen."
        ) % {
            "date": format_date_nl(lapse),
            "years": fine_procedure.lapse_years(heavy),
            "violation": format_date_nl(case.violation_on),
            "lid": 1 if heavy else 2,
        }
    return FineProcedure(
        applies=True,
        heavy=heavy,
        max_amount=max_amount,
        decision_due=due,
        lapse_date=lapse,
        suspended_since=open_rows[0].start if open_rows else None,
        suspensions=tuple(rows),
        warnings=tuple(warnings),
        blocked=blocked,
    )


# --- maatschappelijke begeleiding (issue 14) ------------------------------------------------------
# A client without a note of his begeleider for this many days shows on the begeleider's start
# page (a working agreement, not a legal term; docs/decisions.md).
RECENT_NOTE_DAYS = 30


def guidance_of(client):
    """The client's guidance appointments (upcoming first) and notes (newest first)."""
    from .models import GuidanceAppointment, GuidanceNote

    return {
        "appointments": list(
            GuidanceAppointment.objects.filter(client=client).select_related("guide")
        ),
        "notes": list(GuidanceNote.objects.filter(client=client).select_related("author")),
    }


def guide_overview(principal, today: dt.date) -> dict:
    """For the maatschappelijk begeleider: his appointments from today to six days ahead, and
    his clients (only those assigned to him) without a note in ``RECENT_NOTE_DAYS``. Two
    queries whatever the number of clients."""
    from django.db.models import Exists, OuterRef

    from regie.clients.models import ClientStatus
    from regie.clients.selectors import visible_clients

    from .models import GuidanceAppointment, GuidanceNote

    clients = visible_clients(principal).exclude(status=ClientStatus.CLOSED)
    week = list(
        GuidanceAppointment.objects.filter(
            client__in=clients,
            guide_id=principal.user.pk,
            on_date__gte=today,
            on_date__lte=today + dt.timedelta(days=6),
        ).select_related("client")
    )
    since = today - dt.timedelta(days=RECENT_NOTE_DAYS)
    recent = GuidanceNote.objects.filter(client=OuterRef("pk"), on_date__gte=since)
    quiet = list(
        clients.annotate(has_recent=Exists(recent))
        .filter(has_recent=False)
        .order_by("surname", "given_names", "id")
    )
    return {"week": week, "quiet": quiet}
