"""State changes of the progress app. Each runs in one transaction, is scoped (Access.FULL for
writes, Role.TEAM_LEADER for the fine decision) and names the rule it enforces.

Raises :class:`ProgressError` (a ``ValidationError`` with a Dutch message that says what to do)
for a step the rules do not allow, ``PermissionDenied`` for a principal who may not act.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients import deadlines, lifecycle
from regie.clients.duty import wi2013_refusal
from regie.clients.models import Client, ClientStatus, ClosureReason
from regie.clients.selectors import Access, dossier_access
from regie.core import outbox
from regie.core.locking import VersionConflict, save_with_version
from regie.core.roles import Role
from regie.core.ruleset import rules_on

from .models import (
    VARIANTS_BY_KIND,
    Assessment,
    Caution,
    Closure,
    DuoDecision,
    DuoDecisionKind,
    EnforcementCase,
    EnforcementStatus,
    FineLapseSuspension,
    LateOfferStatement,
    Review,
    ReviewKind,
    SuspensionKind,
    Violation,
)
from .selectors import (
    current_term_end,
    fine_procedure_of,
    has_full_exemption,
    late_offer_check,
    plan_facts,
)


class ProgressError(ValidationError):
    """A step the rules do not allow; ``message`` is Dutch and says what to do."""


def _today() -> dt.date:
    return timezone.localdate()


def _require_full(principal, client: Client) -> None:
    if dossier_access(principal, client) != Access.FULL:
        raise PermissionDenied


def _user(principal):
    return principal.user if principal is not None else None


def _lock(client: Client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


def save_versioned(obj, expected_version: int, fields: list[str]) -> None:
    """Optimistic lock with change history: the one implementation in regie.core.locking."""
    save_with_version(obj, expected_version, fields=fields, audit=True)


def _not_closed(client: Client) -> None:
    if client.status == ClientStatus.CLOSED:
        raise ProgressError(
            _("Dit dossier is gesloten. Een gesloten dossier kunt u niet wijzigen.")
        )


# --- reviews --------------------------------------------------------------------------------


@transaction.atomic
def schedule_review(principal, client: Client, *, planned_on: dt.date, kind=ReviewKind.REVIEW):
    """Plan a progress review or contact moment (the PIP says how progress is monitored)."""
    _require_full(principal, client)
    client = _lock(client)
    _not_closed(client)
    return Review.objects.create(client=client, kind=kind, planned_on=planned_on)


REVIEW_FIELDS = [
    "held_on",
    "component_uuid",
    "offer_start",
    "hours_attended",
    "progress",
    "employer_input",
    "client_view",
    "satisfaction",
    "outcome",
]


@transaction.atomic
def record_review(principal, review: Review, expected_version: int, **values) -> Review:
    """Record a held review: offer start, hours, progress, employer's and client's input,
    satisfaction 1–5 and outcome. The held date meets the review deadline (local norm from the
    haalbaarheidsonderzoek Westfriesland (2019)) and restarts the year-one contact norm; deadlines
    are recomputed in this transaction."""
    _require_full(principal, review.client)
    client = _lock(review.client)
    _not_closed(client)
    held_on = values.get("held_on")
    if held_on is None:
        raise ProgressError(_("Vul de datum in waarop het gesprek is gehouden."))
    if held_on > _today():
        raise ProgressError(
            _(
                "Het gesprek kan niet in de toekomst zijn gehouden. Vul een datum "
                "van vandaag of eerder in."
            )
        )
    satisfaction = values.get("satisfaction")
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ProgressError(_("Vul een tevredenheid van 1 tot en met 5 in."))
    hours = values.get("hours_attended")
    if hours is not None and hours < 0:
        raise ProgressError(_("Vul het aantal uren in als 0 of meer."))
    if review.kind == ReviewKind.REVIEW and not values.get("outcome"):
        raise ProgressError(_("Kies de uitkomst van het voortgangsgesprek."))
    for name in REVIEW_FIELDS:
        if name in values:
            value = values[name]
            setattr(review, name, "" if value is None and name in _TEXT else value)
    review.recorded_by = _user(principal)
    save_versioned(review, expected_version, [*REVIEW_FIELDS, "recorded_by"])
    # an UPDATE sends no post_save: the held date reaches the deadlines through the hook here
    deadlines.facts_changed(client)
    return review


_TEXT = {"progress", "employer_input", "client_view", "outcome"}


# --- enforcement ----------------------------------------------------------------------------


def _case_for_update(case: EnforcementCase, expected_version: int | None) -> EnforcementCase:
    locked = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    if expected_version is None:
        expected_version = locked.version
    if locked.version != expected_version:
        raise VersionConflict
    locked._expected_version = expected_version
    return locked


def _save_case(case: EnforcementCase) -> EnforcementCase:
    fields = [f.name for f in case._meta.concrete_fields if f.name not in ("id", "uuid", "version")]
    save_versioned(case, case._expected_version, fields)
    # an UPDATE sends no post_save: the fine terms (Awb 5:51, 5:45) reach the deadlines here
    deadlines.facts_changed(case.client_id)
    return case


@transaction.atomic
def open_enforcement(
    principal,
    client: Client,
    *,
    violation: str,
    description: str,
    violation_on: dt.date | None = None,
):
    """Start an enforcement path for one violation. The fine is a last resort for the unwilling
    (MvT; VNG) and needs blame (Awb 5:41): the path first separates "kan niet" from "wil niet".
    ``violation_on``: the day the violation took place; the power to fine lapses counted from it
    (Awb 5:45)."""
    _require_full(principal, client)
    client = _lock(client)
    _not_closed(client)
    if client.is_wi2013:  # the fines of Wi2021 art. 22/23 do not apply (issue 9)
        raise ProgressError(
            wi2013_refusal(_("een handhavingstraject onder de Wet inburgering 2021"))
        )
    if violation not in Violation.values:
        raise ProgressError(_("Kies welke verplichting de klant niet nakomt."))
    if not description.strip():
        raise ProgressError(_("Beschrijf wat er is gebeurd."))
    if violation_on is not None and violation_on > _today():
        raise ProgressError(_("Vul de datum van de overtreding in als vandaag of eerder."))
    return EnforcementCase.objects.create(
        client=client,
        violation=violation,
        description=description.strip(),
        violation_on=violation_on,
        opened_on=_today(),
        opened_by=_user(principal),
    )


@transaction.atomic
def assess(principal, case, expected_version, *, assessment: str, reason: str):
    """Record whether the client cannot or will not comply. "Kan niet" closes the path without a
    sanction (no fine without blame, Awb 5:41); "wil niet" needs a recorded reason."""
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if case.status != EnforcementStatus.OPEN:
        raise ProgressError(
            _(
                "Dit is al beoordeeld. Open een nieuwe handhavingszaak als er iets "
                "nieuws is gebeurd."
            )
        )
    if assessment not in Assessment.values:
        raise ProgressError(_("Kies of de klant niet kan of niet wil."))
    if not reason.strip():
        raise ProgressError(_("Leg de reden vast waarom de klant niet kan of niet wil."))
    case.assessment = assessment
    case.assessment_reason = reason.strip()
    if assessment == Assessment.CANNOT:
        case.status = EnforcementStatus.NO_BLAME
    else:
        case.status = EnforcementStatus.ASSESSED
    return _save_case(case)


@transaction.atomic
def give_warning(principal, case, expected_version, *, warning_on: dt.date, text: str):
    """A written warning comes first: no fine before the client was warned (local escalation
    policy; no fine without blame, Awb art. 5:41)."""
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if case.violation == Violation.PARTICIPATION:
        raise ProgressError(
            _(
                "Een Participatiewet-deel handhaaft u met een maatregel op de "
                "uitkering. Zet de zaak door naar de inkomensconsulent."
            )
        )
    if case.status != EnforcementStatus.ASSESSED:
        raise ProgressError(
            _(
                "Leg eerst vast dat de klant niet wil, met de reden. Pas daarna "
                "geeft u een waarschuwing."
            )
        )
    if not text.strip():
        raise ProgressError(_("Leg de inhoud van de waarschuwing vast."))
    if warning_on > _today():
        raise ProgressError(_("Vul de datum van de waarschuwing in als vandaag of eerder."))
    case.warning_on, case.warning_text = warning_on, text.strip()
    case.status = EnforcementStatus.WARNED
    return _save_case(case)


REPORT_STATUSES = (
    EnforcementStatus.ASSESSED,
    EnforcementStatus.WARNED,
    EnforcementStatus.HEARD,
)


@transaction.atomic
def record_report(
    principal, case, expected_version, *, report_date: dt.date, violation_on: dt.date, text: str
):
    """Draw up the dated report of the violation (Awb 5:48 lid 2: dated; the offender, the
    violation and the provision violated, where needed place and time). Required where Awb 5:53
    applies (Wi2021 art. 23: a report is always made, 5:53 lid 2), optional for the fixed intake
    fine (art. 22, 5:48 lid 1). Made after "wil niet" and before the proposal; where 5:53 applies,
    before the zienswijze (the report goes with the invitation, Awb 5:50 lid 1 onder a). The
    decision is due 13 weeks after its date (5:51 lid 1)."""
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if not case.is_fine_path:
        raise ProgressError(
            _("Een Participatiewet-deel handhaaft u met een maatregel, niet met een boete.")
        )
    if case.status not in REPORT_STATUSES:
        raise ProgressError(
            _(
                "Een rapport maakt u op nadat is vastgesteld dat de klant niet wil, en voordat "
                "de boete wordt voorgesteld."
            )
        )
    if case.report_date is not None:
        raise ProgressError(
            _("Het rapport is al opgemaakt op %(date)s.")
            % {"date": case.report_date.strftime("%d-%m-%Y")}
        )
    today = _today()
    if violation_on is None or violation_on > today:
        raise ProgressError(_("Vul de datum van de overtreding in als vandaag of eerder."))
    if report_date is None or report_date > today or report_date < violation_on:
        raise ProgressError(
            _("De dagtekening van het rapport ligt op of na de overtreding en uiterlijk vandaag.")
        )
    if not text.strip():
        raise ProgressError(
            _("Beschrijf in het rapport de overtreding en het overtreden voorschrift (Awb 5:48).")
        )
    if case.hearing_on and case.hearing_on < report_date and fine_procedure_of(case, today).heavy:
        # Awb 5:50 lid 1 onder a, 5:53 lid 3: the zienswijze must follow the report; ask again
        case.status = EnforcementStatus.WARNED
    case.report_date, case.violation_on, case.report_text = report_date, violation_on, text.strip()
    case.report_by = _user(principal)
    return _save_case(case)


@transaction.atomic
def record_hearing(
    principal,
    case,
    expected_version,
    *,
    hearing_on: dt.date,
    summary: str,
    caution: str = "",
    caution_on: dt.date | None = None,
):
    """Record the client's view (zienswijze) before a fine is proposed (Awb 4:8; where Awb 5:53
    applies, always: 5:53 lid 3, after the report, 5:50 lid 1 onder a). Whether the caution was
    given before the client was questioned is recorded with it (Awb 5:10a lid 2): yes with the
    date, no, or no oral questioning."""
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if case.status != EnforcementStatus.WARNED:
        raise ProgressError(_("Geef eerst een waarschuwing. Daarna legt u de zienswijze vast."))
    if not summary.strip():
        raise ProgressError(_("Vat de zienswijze van de klant samen."))
    if hearing_on < case.warning_on or hearing_on > _today():
        raise ProgressError(
            _("De zienswijze moet na de waarschuwing en uiterlijk vandaag zijn gegeven.")
        )
    procedure = fine_procedure_of(case, _today())
    if procedure.heavy:
        if case.report_date is None:
            raise ProgressError(
                _(
                    "Maak eerst het rapport op (Awb art. 5:53 lid 2). De klant krijgt het rapport "
                    "bij de uitnodiging voor de zienswijze (Awb art. 5:50 lid 1)."
                )
            )
        if hearing_on < case.report_date:
            raise ProgressError(
                _("De zienswijze moet op of na de dagtekening van het rapport (%(date)s) liggen.")
                % {"date": case.report_date.strftime("%d-%m-%Y")}
            )
    if caution not in Caution.values:
        raise ProgressError(
            _("Geef aan of de cautie is gegeven voor het verhoor (Awb art. 5:10a lid 2).")
        )
    if caution == Caution.GIVEN:
        if caution_on is None or caution_on > hearing_on:
            raise ProgressError(
                _("Vul de datum in waarop de cautie is gegeven: voor of op de dag van het verhoor.")
            )
    else:
        caution_on = None
    case.hearing_on, case.hearing_summary = hearing_on, summary.strip()
    case.caution, case.caution_on = caution, caution_on
    case.status = EnforcementStatus.HEARD
    return _save_case(case)


def check_fine_procedure(case: EnforcementCase, day: dt.date):
    """What the Awb requires before a fine is proposed or imposed; raises the Dutch refusal.

    Blocks: no violation date (the lapse of Awb 5:45 counts from it); where 5:53 applies no report
    (lid 2) or no zienswijze after it (lid 3); no recorded caution answer (5:10a); the power to fine
    has lapsed (5:45 lid 1 or 2). Returns the :class:`FineProcedure` (its warnings, such as a
    passed 13-week term of 5:51, never block)."""
    procedure = fine_procedure_of(case, day)
    if case.violation_on is None:
        raise ProgressError(
            _(
                "Leg eerst de datum van de overtreding vast in het rapport (Awb 5:48). De "
                "bevoegdheid om een boete op te leggen vervalt gerekend vanaf die datum (Awb "
                "art. 5:45)."
            )
        )
    if procedure.heavy:
        if case.report_date is None:
            raise ProgressError(
                _(
                    "Voor deze boete is een rapport verplicht (Awb art. 5:53 lid 2). Maak eerst "
                    "het rapport op."
                )
            )
        if case.hearing_on is None or case.hearing_on < case.report_date:
            raise ProgressError(
                _(
                    "De klant moet na het rapport zijn zienswijze kunnen geven (Awb art. 5:53 "
                    "lid 3). Leg eerst de zienswijze vast."
                )
            )
    if not case.caution:
        raise ProgressError(
            _(
                "Leg bij de zienswijze vast of de cautie is gegeven (Awb art. 5:10a lid 2). "
                "Daarna kunt u verder."
            )
        )
    if procedure.blocked:
        raise ProgressError(procedure.blocked)
    return procedure


def fine_bounds(case: EnforcementCase, day: dt.date):
    """The amount the rule set allows: fixed (art. 22, ``fine_intake_eur``) or a maximum
    (art. 23, ``fine_pip_max_eur``). Returns (amount, is_fixed, rules, key)."""
    rules = rules_on(day)
    if case.violation == Violation.INTAKE:
        return Decimal(str(rules.value("fine_intake_eur"))), True, rules, "fine_intake_eur"
    if case.violation == Violation.PIP:
        return Decimal(str(rules.value("fine_pip_max_eur"))), False, rules, "fine_pip_max_eur"
    return None, False, rules, ""


def check_fine_amount(case, amount: Decimal, lowering_reason: str, day: dt.date) -> None:
    """Art. 22: the fixed amount, lower only with a recorded reason (Awb 5:46 lid 3);
    art. 23: more than 0 and at most the maximum."""
    limit, fixed, _rules, _key = fine_bounds(case, day)
    if limit is None:
        raise ProgressError(
            _("Een Participatiewet-deel handhaaft u met een maatregel, niet met een boete.")
        )
    if amount is None or amount <= 0:
        raise ProgressError(_("Vul een boetebedrag in van meer dan € 0."))
    if amount > limit:
        raise ProgressError(
            _("Het bedrag mag niet hoger zijn dan € %(limit)s.") % {"limit": f"{limit:.2f}"}
        )
    if fixed and amount < limit and not lowering_reason.strip():
        raise ProgressError(
            _(
                "De boete is gefixeerd op € %(limit)s. Leg de reden vast als u een lager bedrag "
                "voorstelt (Awb 5:46 lid 3)."
            )
            % {"limit": f"{limit:.2f}"}
        )


@transaction.atomic
def propose_fine(principal, case, expected_version, *, amount: Decimal, lowering_reason=""):
    """Propose a fine: only with a recorded "wil niet" reason, a warning and a hearing
    (Awb 5:41, 4:8); amount per Wet art. 22 (fixed) or art. 23 (maximum) from the rule set."""
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if case.violation == Violation.PARTICIPATION:
        raise ProgressError(
            _(
                "Een Participatiewet-deel handhaaft u met een maatregel op de "
                "uitkering, niet met een boete."
            )
        )
    if case.assessment != Assessment.WILL_NOT or not case.assessment_reason:
        raise ProgressError(_("Leg eerst vast dat de klant niet wil, met de reden."))
    if case.warning_on is None:
        raise ProgressError(_("Geef eerst een waarschuwing."))
    if case.hearing_on is None or case.status != EnforcementStatus.HEARD:
        raise ProgressError(_("Leg eerst de zienswijze van de klant vast."))
    check_fine_procedure(case, _today())
    check_fine_amount(case, amount, lowering_reason, _today())
    case.proposed_amount = amount
    case.lowering_reason = lowering_reason.strip()
    case.proposed_by = _user(principal)
    case.proposed_on = _today()
    case.status = EnforcementStatus.PROPOSED
    return _save_case(case)


@transaction.atomic
def decide_fine(principal, case, expected_version, *, impose: bool, note: str = ""):
    """The team leader decides on the proposal (four eyes: not the person who proposed it).
    Imposing writes the fine decision (Wet art. 22 or 23) and the outbox message "fine.imposed"
    in the same transaction."""
    if principal is None or principal.role != Role.TEAM_LEADER:
        raise PermissionDenied
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if case.status != EnforcementStatus.PROPOSED:
        raise ProgressError(_("Er ligt geen boetevoorstel om over te besluiten."))
    if case.proposed_by_id and principal.user and case.proposed_by_id == principal.user.pk:
        raise ProgressError(
            _("U hebt deze boete zelf voorgesteld. Een andere teamleider moet erover besluiten.")
        )
    today = _today()
    case.decided_by = _user(principal)
    case.decision_note = note.strip()
    if not impose:
        if not note.strip():
            raise ProgressError(_("Leg vast waarom u de boete niet oplegt."))
        case.status = EnforcementStatus.REJECTED
        case.decision_date = today
        return _save_case(case)
    # the Awb procedure and the lapse (Awb 5:45) are checked again on the decision date; a passed
    # 13-week term (Awb 5:51) only warns
    check_fine_procedure(case, today)
    # the amount is checked again against the rule set in force on the decision date
    check_fine_amount(case, case.proposed_amount, case.lowering_reason, today)
    _limit, _fixed, rules, _key = fine_bounds(case, today)
    case.fine_amount = case.proposed_amount
    case.decision_date = today
    case.rule_set_id = rules.rule_set_id
    case.status = EnforcementStatus.FINED
    _save_case(case)
    client = case.client
    outbox.emit(
        "fine.imposed",
        person_id=client.pk,
        bsn=client.bsn,
        municipality_cbs=client.municipality.cbs_code or "",
        data={
            "article": case.article,
            "amount_eur": f"{case.fine_amount:.2f}",
            "decision_date": today.isoformat(),
        },
    )
    return case


@transaction.atomic
def refer_measure(principal, case, expected_version, *, referral: str):
    """Participatiewet parts of the PIP are enforced by a measure on the benefit (Pw art. 18),
    not a Wi2021 fine: the path ends with a referral to the income consultant."""
    _require_full(principal, case.client)
    case = _case_for_update(case, expected_version)
    if case.violation != Violation.PARTICIPATION:
        raise ProgressError(_("Alleen een Participatiewet-deel zet u door als maatregel."))
    if case.status != EnforcementStatus.ASSESSED:
        raise ProgressError(_("Leg eerst vast dat de klant niet wil, met de reden."))
    if not referral.strip():
        raise ProgressError(_("Leg vast aan wie en met welke informatie u de zaak doorzet."))
    case.measure_referral = referral.strip()
    case.status = EnforcementStatus.MEASURE
    return _save_case(case)


# --- the lapse term during objection and appeal (Awb 5:45 lid 3) ----------------------------


@transaction.atomic
def suspend_fine_lapse(
    case: EnforcementCase,
    *,
    start: dt.date,
    end: dt.date | None = None,
    reason: str,
    kind: str = SuspensionKind.OBJECTION,
    source_ref: str = "",
    principal=None,
) -> FineLapseSuspension:
    """Suspend the lapse term of the power to fine while an objection or appeal against the fine
    is pending (Awb 5:45 lid 3: "opgeschort tot onherroepelijk op het bezwaar of beroep is
    beslist"). The public entry for the objections app: it calls this when an objection or appeal
    against a fine is registered (``start`` = the day it was lodged) and
    :func:`end_fine_lapse_suspension` when the decision on it is irrevocable. ``end`` may be given
    at once for a period that is already over. ``principal`` (optional): the acting person, who
    then needs full access to the dossier; the caller has checked its own scope otherwise.

    The lapse date moves on by every day of a closed period; while a period is open the term does
    not run and the lapse deadline is not shown. Raises :class:`ProgressError` (Dutch)."""
    if principal is not None:
        _require_full(principal, case.client)
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    if not case.is_fine_path or case.fine_amount is None:
        raise ProgressError(
            _(
                "Alleen tegen een opgelegde boete loopt bezwaar of beroep dat de vervaltermijn "
                "opschort (Awb art. 5:45 lid 3)."
            )
        )
    if kind not in SuspensionKind.values:
        raise ProgressError(_("Kies bezwaar, beroep of hoger beroep."))
    if not reason.strip():
        raise ProgressError(_("Leg de reden van de opschorting vast."))
    if start is None or start > _today():
        raise ProgressError(_("Vul de datum in waarop het bezwaar of beroep is ingesteld."))
    if case.decision_date and start < case.decision_date:
        raise ProgressError(_("Bezwaar of beroep tegen de boete ligt op of na het boetebesluit."))
    if end is not None and end < start:
        raise ProgressError(_("De opschorting eindigt op of na de dag waarop zij begint."))
    pending = FineLapseSuspension.objects.filter(case=case, end__isnull=True).first()
    if pending is not None:
        raise ProgressError(
            _("De vervaltermijn is al opgeschort sinds %(date)s. Beëindig die opschorting eerst.")
            % {"date": pending.start.strftime("%d-%m-%Y")}
        )
    overlap = FineLapseSuspension.objects.filter(case=case, start__lt=end or dt.date.max).filter(
        end__gt=start
    )
    if overlap.exists():
        raise ProgressError(_("Deze periode overlapt een eerdere opschorting."))
    return FineLapseSuspension.objects.create(
        case=case,
        kind=kind,
        start=start,
        end=end,
        reason=reason.strip(),
        source_ref=source_ref[:64],
        recorded_by=_user(principal),
    )


@transaction.atomic
def end_fine_lapse_suspension(
    case: EnforcementCase, *, end: dt.date, source_ref: str = "", principal=None
) -> FineLapseSuspension:
    """End the open suspension of the lapse term (Awb 5:45 lid 3) on the day the objection or
    appeal was decided irrevocably; the lapse date moves on by the suspended days. With
    ``source_ref`` only the suspension of that objection or appeal."""
    if principal is not None:
        _require_full(principal, case.client)
    EnforcementCase.objects.select_for_update().get(pk=case.pk)
    pending = FineLapseSuspension.objects.filter(case=case, end__isnull=True)
    if source_ref:
        pending = pending.filter(source_ref=source_ref)
    suspension = pending.order_by("-start", "-id").first()
    if suspension is None:
        raise ProgressError(_("Er loopt geen opschorting van de vervaltermijn voor deze boete."))
    if end is None or end < suspension.start or end > _today():
        raise ProgressError(
            _("De opschorting eindigt op of na %(date)s en uiterlijk vandaag.")
            % {"date": suspension.start.strftime("%d-%m-%Y")}
        )
    suspension.end = end
    suspension.save(update_fields=["end"])  # post_save: the lapse deadline is recomputed
    return suspension


# --- DUO decisions --------------------------------------------------------------------------


@transaction.atomic
def record_duo_decision(principal, client: Client, **values) -> DuoDecision:
    """Record a DUO decision as a fact: vrijstelling (Wet art. 4: full, partial, temporary),
    ontheffing (Wet art. 5: full, partial, BIO) or extension of the term (Wet art. 12: ground and
    new end date; the term-end deadline moves)."""
    _require_full(principal, client)
    client = _lock(client)
    _not_closed(client)
    kind = values.get("kind")
    variant = values.get("variant") or ""
    decision_date = values.get("decision_date")
    if kind not in DuoDecisionKind.values:
        raise ProgressError(_("Kies de soort besluit van DUO."))
    if decision_date is None or decision_date > _today():
        raise ProgressError(_("Vul de datum van het besluit van DUO in, vandaag of eerder."))
    decision = DuoDecision(
        client=client,
        kind=kind,
        decision_date=decision_date,
        note=values.get("note") or "",
        recorded_by=_user(principal),
    )
    if kind == DuoDecisionKind.EXTENSION:
        ground, new_end = values.get("ground") or "", values.get("new_end_date")
        if not ground:
            raise ProgressError(_("Kies de grond van de verlenging."))
        if new_end is None:
            raise ProgressError(_("Vul de nieuwe einddatum van de inburgeringstermijn in."))
        from .selectors import current_term_end

        current = current_term_end(client)
        if current and new_end <= current:
            raise ProgressError(
                _("De nieuwe einddatum moet na de huidige einddatum (%(date)s) liggen.")
                % {"date": current.strftime("%d-%m-%Y")}
            )
        decision.ground, decision.new_end_date = ground, new_end
    else:
        if variant not in VARIANTS_BY_KIND[kind]:
            raise ProgressError(_("Kies de vorm van de vrijstelling of ontheffing."))
        decision.variant = variant
        valid_until = values.get("valid_until")
        if variant == "tijdelijk":
            if valid_until is None or valid_until <= decision_date:
                raise ProgressError(
                    _(
                        "Vul in tot wanneer de tijdelijke vrijstelling geldt, na de "
                        "datum van het besluit."
                    )
                )
            decision.valid_until = valid_until
    decision.save()  # a deadline fact: post_save recomputes (term end after an extension)
    return decision


# --- late-offer statement -------------------------------------------------------------------


@transaction.atomic
def issue_late_offer_statement(principal, client: Client) -> LateOfferStatement:
    """Draw up the letter stating that the education (language or KNM) did not start within
    ``late_offer_months`` (``late_offer_months_education`` for the onderwijsroute) after the PIP
    date: only for asylum holders (no-blame extension; the minister's implementation letter as
    reported by Stimulansz, UNCONFIRMED).

    The statement is a letter to the newcomer, who adds it to his own request to DUO: it is kept in
    the dossier (and shown in the portal), and nothing is written to the DUO outbox."""
    _require_full(principal, client)
    client = _lock(client)
    if client.is_wi2013:  # no PIP, so no late-offer statement (issue 9)
        raise ProgressError(wi2013_refusal(_("een verklaring te laat aanbod")))
    today = _today()
    facts = plan_facts(client)
    check = late_offer_check(client, today, facts)
    if not check.applies or not check.late:
        raise ProgressError(
            check.reason + " " + _("Een verklaring te laat aanbod kan daarom niet.")
        )
    return LateOfferStatement.objects.create(
        client=client,
        statement_date=today,
        pip_date=facts.pip_date,
        route=facts.route,
        offer_start=facts.education_offer_start,
        allowed_months=check.allowed_months,
        months_late=check.months_late,
        issued_by=_user(principal),
        rule_set_id=check.rules.rule_set_id,
    )


# --- closing --------------------------------------------------------------------------------


@transaction.atomic
def close_dossier(
    principal,
    client: Client,
    expected_version: int,
    *,
    reason: str,
    closed_on: dt.date,
    note: str = "",
    new_municipality_cbs: str = "",
    new_municipality_name: str = "",
    event_date: dt.date | None = None,
    **event_dates,
) -> Closure:
    """Close the dossier for one of the closing reasons (``clients.closing.EFFECTS``).

    Each reason asks only for its own fact (the date of death, of naturalisation, of the move,
    ...; passed as ``event_date`` or as the form field the reason names, e.g. ``died_on``) and
    has its defined effect: every open deadline is met or cancelled (vervallen) on the closing
    date with the reason in words; the open work items of the client are closed with a note
    (the DUO portal entries that still wait stay open: DUO still needs them); the outbox message
    the reason sends, if any; for a deceased client no messages or letters any more.
    Exempted needs a recorded full vrijstelling or ontheffing of DUO (Wi2021 art. 5); the term
    ended needs a term end that has passed; a move out of the region needs the new municipality
    (then the handover package is downloaded for the warm handover)."""
    from regie.clients.closing import effect

    _require_full(principal, client)
    # a closed dossier cannot be closed again: 409 (TransitionNotAllowed)
    lifecycle.ensure_allowed(client, lifecycle.CLOSE)
    e = effect(reason)
    if e is None:
        raise ProgressError(_("Kies de reden om het dossier te sluiten."))
    today = _today()
    if closed_on is None or closed_on > today:
        raise ProgressError(_("Vul de datum van afsluiten in, vandaag of eerder."))
    if e.event_field and event_date is None:
        event_date = event_dates.get(e.event_field)
    facts = plan_facts(client)
    if reason == ClosureReason.TERM_ENDED and event_date is None:
        event_date = current_term_end(client, facts)
    if reason == ClosureReason.MOVED and not new_municipality_name.strip():
        raise ProgressError(_("Vul de nieuwe gemeente in."))
    what = str(e.event_label or "")
    what = what[:1].lower() + what[1:]
    if e.event_field and e.event_required and event_date is None:
        raise ProgressError(_("Vul de %(what)s in.") % {"what": what})
    if event_date is not None and event_date > today and reason != ClosureReason.TERM_ENDED:
        raise ProgressError(
            _("De %(what)s kan niet in de toekomst liggen. Vul een datum van vandaag of eerder in.")
            % {"what": what}
        )
    if reason == ClosureReason.EXEMPTED and not has_full_exemption(client):
        raise ProgressError(
            _(
                "Leg eerst het besluit van DUO vast over de gehele vrijstelling of "
                "ontheffing. Daarna kunt u het dossier sluiten."
            )
        )
    if reason == ClosureReason.MET and not facts.route:
        raise ProgressError(
            _(
                "Er is geen vastgesteld PIP met een leerroute. Voldaan aan de "
                "inburgeringsplicht kan alleen na een leerroute."
            )
        )
    if reason == ClosureReason.TERM_ENDED:
        term_end = event_date or current_term_end(client, facts)
        if term_end is None or term_end >= closed_on:
            raise ProgressError(
                _(
                    "De inburgeringstermijn is nog niet verstreken (einde: %(end)s). Kies een "
                    "andere reden of sluit het dossier na het einde van de termijn."
                )
                % {"end": term_end.strftime("%d-%m-%Y") if term_end else _("niet bekend")}
            )
    if reason == ClosureReason.MOVED and _in_region(client, new_municipality_cbs):
        raise ProgressError(
            _(
                "Deze gemeente hoort bij de regio. Leg een verhuizing binnen de regio vast; "
                "het dossier blijft dan bij het team."
            )
        )
    # -> closed (refused for a closed dossier); the deadlines follow the reason (specs_for)
    lifecycle.transition(
        client,
        lifecycle.CLOSE,
        expected_version=expected_version,
        closure_reason=reason,
        closed_on=closed_on,
    )
    closure = Closure.objects.create(
        client=client,
        reason=reason,
        closed_on=closed_on,
        event_date=event_date,
        route=facts.route if reason == ClosureReason.MET else "",
        duo_message=e.duo_message or "",
        note=note.strip(),
        new_municipality_cbs=new_municipality_cbs.strip().upper(),
        new_municipality_name=new_municipality_name.strip(),
        closed_by=_user(principal),
    )
    _close_work_items(principal, client, closure)
    if e.duo_message:  # no reason sends one today (clients.closing); kept for the table's sake
        outbox.emit(
            e.duo_message,
            person_id=client.pk,
            bsn=client.bsn,
            municipality_cbs=client.municipality.cbs_code or "",
            data={"reason": reason, "closed_on": closed_on.isoformat()},
        )
    return closure


def _in_region(client: Client, cbs: str) -> bool:
    from regie.core.models import Organisation
    from regie.core.roles import OrganisationKind

    cbs = (cbs or "").strip().upper()
    if not cbs:
        return False
    return Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY, cbs_code=cbs, region_id=client.municipality.region_id
    ).exists()


# Work-item kinds that stay open when a dossier closes: what DUO still has to receive.
KEEP_OPEN_PREFIXES = ("exchange.duo.",)


def _close_work_items(principal, client: Client, closure: Closure) -> int:
    """Close the client's open work items with a note naming the closing reason."""
    from regie.core import workitems

    note = _("Dossier gesloten op %(date)s: %(reason)s.") % {
        "date": closure.closed_on.strftime("%d-%m-%Y"),
        "reason": closure.get_reason_display(),
    }
    return workitems.cancel_all_open(
        ("client", client.pk), by=_user(principal), reason=note, keep_prefixes=KEEP_OPEN_PREFIXES
    )


# --- a move within the region ---------------------------------------------------------------


@transaction.atomic
def move_within_region(
    principal,
    client: Client,
    expected_version: int,
    *,
    municipality,
    moved_on: dt.date,
    note: str = "",
):
    """A move to another municipality of the region (e.g. Hoorn to Enkhuizen): neither a closing
    nor a handover. The case stays with the team; the residence history gets a new period from
    ``moved_on``, so every figure and cost counts the client in the new municipality from that
    day (``clients.residence``); ``Client.municipality`` becomes the new one; and, when a PIP
    was decided, a revision with reason *verhuizing* is drafted for the college of the new
    municipality (Wi2021 art. 1: the college of the municipality of residence), keeping the
    route (plans validation) and the term (Wi2021 art. 11 lid 3). The case manager gets a work
    item to complete and offer it; the decision sends ``pip.revised`` to DUO as every revision.

    Returns ``(residence, draft)``; ``draft`` is None when no PIP was decided yet (the first PIP
    is then decided for the new municipality anyway) or when a draft was already open (it is
    decided on behalf of the new municipality as well)."""
    from regie.clients import residence
    from regie.core import workitems
    from regie.core.roles import OrganisationKind
    from regie.plans import services as plans
    from regie.plans.models import Reason

    from . import work_items

    _require_full(principal, client)
    client = _lock(client)
    _not_closed(client)
    if client.status == ClientStatus.NOT_OBLIGED:
        raise ProgressError(_("Deze klant is niet inburgeringsplichtig."))
    errors = []
    if municipality is None or municipality.kind != OrganisationKind.MUNICIPALITY:
        errors.append(_("Kies de nieuwe gemeente."))
    elif municipality.region_id != client.municipality.region_id:
        errors.append(
            _(
                "Deze gemeente hoort niet bij de regio. Sluit het dossier met de reden "
                "‘verhuisd naar een gemeente buiten de regio’ en draag het over."
            )
        )
    elif municipality.pk == client.municipality_id:
        errors.append(_("De klant woont al in deze gemeente. Kies de nieuwe gemeente."))
    current = residence.open_period(client)
    if moved_on is None or moved_on > _today():
        errors.append(_("Vul de verhuisdatum in, vandaag of eerder."))
    elif current is not None and current.valid_from and moved_on <= current.valid_from:
        errors.append(
            _("De verhuisdatum moet na het begin van de huidige woonperiode (%(date)s) liggen.")
            % {"date": current.valid_from.strftime("%d-%m-%Y")}
        )
    if errors:
        raise ProgressError(errors)
    old = client.municipality
    period = residence.record_move(client, municipality, moved_on, by=_user(principal))
    client.municipality = municipality
    client.updated_at = timezone.now()
    save_versioned(client, expected_version, ["municipality", "updated_at"])
    deadlines.facts_changed(client)

    draft = None
    reason_note = _(
        "Verhuisd binnen de regio van %(old)s naar %(new)s op %(date)s. Het college van "
        "%(new)s stelt het PIP vast; leerroute en inburgeringstermijn blijven gelijk."
    ) % {"old": old.name, "new": municipality.name, "date": moved_on.strftime("%d-%m-%Y")}
    if note.strip():
        reason_note = f"{reason_note} {note.strip()}"
    facts = plan_facts(client)
    if facts.decided:
        try:
            draft = plans.revise(principal, client, reason=Reason.MOVE, reason_note=reason_note)
        except plans.PlanError:
            draft = None  # a draft is open already: it is decided for the new college anyway
    workitems.create(
        work_items.MOVE_KIND,
        organisation=client.team,
        source=f"move:{period.pk}",
        subject=("client", client.pk),
        summary=_("Verhuisd naar %(new)s: PIP voor het college van %(new)s")
        % {"new": municipality.name},
        assignee=client.case_manager,
        details={"municipality": municipality.name, "moved_on": moved_on.isoformat()},
        by=_user(principal),
    )
    return period, draft


# --- maatschappelijke begeleiding (issue 14) ------------------------------------------------------


def _require_guide(principal, client) -> None:
    """Only the client's own maatschappelijk begeleider writes his appointments and notes."""
    if dossier_access(principal, client) != Access.CONTACT:
        raise PermissionDenied


@transaction.atomic
def add_guidance_note(principal, client, *, on_date: dt.date, text: str):
    from .models import GuidanceNote

    _require_guide(principal, client)
    if on_date > _today():
        raise ProgressError(
            _("De datum van het contact ligt in de toekomst. Leg alleen vast wat al gebeurd is.")
        )
    return GuidanceNote.objects.create(
        client=client, author=_user(principal), on_date=on_date, text=text.strip()
    )


@transaction.atomic
def plan_guidance_appointment(
    principal, client, *, on_date: dt.date, at_time, place: str, subject: str
):
    from .models import GuidanceAppointment

    _require_guide(principal, client)
    if on_date < _today():
        raise ProgressError(
            _("De datum van de afspraak ligt in het verleden. Kies een datum vanaf vandaag.")
        )
    return GuidanceAppointment.objects.create(
        client=client,
        guide=_user(principal),
        on_date=on_date,
        at_time=at_time,
        place=place.strip(),
        subject=subject.strip(),
    )


@transaction.atomic
def ask_guide(principal, client, *, text: str, due_date: dt.date | None = None):
    """A work item for the client's maatschappelijk begeleider, from his case manager (own
    client) or the team leader. The item goes to the begeleider's organisation (the team, or a
    provider such as VWN) and is assigned to him."""
    from django.utils.crypto import get_random_string

    from regie.core import workitems
    from regie.core.models import RoleAssignment

    from . import guidance

    if dossier_access(principal, client) != Access.FULL:
        raise PermissionDenied
    if client.social_guide_id is None:
        raise ProgressError(_("Deze klant heeft geen maatschappelijk begeleider."))
    if due_date is not None and due_date < _today():
        raise ProgressError(
            _("De uiterste datum ligt in het verleden. Kies een datum vanaf vandaag.")
        )
    assignment = (
        RoleAssignment.objects.filter(user_id=client.social_guide_id, role=Role.SOCIAL_GUIDE)
        .select_related("organisation")
        .order_by("id")
        .first()
    )
    if assignment is None:
        raise ProgressError(
            _("De begeleider van deze klant heeft geen rol als maatschappelijk begeleider meer.")
        )
    item, _created = workitems.create(
        guidance.TASK_KIND,
        organisation=assignment.organisation,
        source=f"guidance:{client.pk}:{get_random_string(12)}",
        subject=("client", client.pk),
        summary=text.strip()[:200],
        due_date=due_date,
        assignee=assignment.user,
        details={
            "text": text.strip()[:500],
            "from": principal.user.get_full_name() if principal.user else "",
        },
        by=_user(principal),
    )
    return item
