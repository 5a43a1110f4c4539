"""State changes of the PIP, each in one transaction, scoped, validated; the rule in each docstring.

Flow: the case manager drafts a version (:func:`draft_initial`, :func:`revise`), edits it
(:func:`update_draft`, components), offers it for decision (:func:`submit`); a team leader who
did not draft it decides it (:func:`decide`) on behalf of the college van B&W of the client's
municipality. Progress on the components of the decided version is recorded with
:func:`record_progress`.
"""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients import deadlines, lifecycle
from regie.clients.duty import wi2013_refusal
from regie.clients.models import Client
from regie.clients.selectors import Access, dossier_access
from regie.core import outbox
from regie.core.legal_terms import Term, Unit, add_term
from regie.core.locking import VersionConflict, save_with_version
from regie.core.roles import Role
from regie.core.ruleset import rules_on

from . import completion, selectors, validation, work_items
from .models import (
    COUNTED_KINDS,
    AttendedActivity,
    Component,
    ComponentKind,
    Milestone,
    MilestoneKind,
    Plan,
    PlanVersion,
    Reason,
    Route,
    VersionStatus,
)

logger = logging.getLogger("regie.plans")

SCALE_DOWN_FIELDS = [
    "scale_down_infeasible_reason",
    "scale_down_school",
    "scale_down_lesson_hours",
    "scale_down_in_person_hours",
    "scale_down_effort",
    "scale_down_effort_sufficient",
]
DRAFT_FIELDS = [
    "route",
    "target_level",
    "scaled_to_a2",
    *SCALE_DOWN_FIELDS,
    "reason_note",
    "review_agreements",
    "review_count",
    "notes",
]
COMPONENT_FIELDS = [
    "kind",
    "participation_type",
    "linked_to_werksaam",
    "hours_planned",
    "provider",
    "description",
]
PROGRESS_FIELDS = ["offer_start", "hours_attended", "progress_note", "completed_on"]


class PlanError(Exception):
    """A transition that the rules do not allow; ``messages`` are Dutch and say what to do."""

    def __init__(self, messages):
        self.messages = [str(m) for m in (messages if isinstance(messages, list) else [messages])]
        super().__init__("; ".join(self.messages))


__all__ = ["PlanError", "VersionConflict"]


# --- access ------------------------------------------------------------------------------------


def _require_full(principal, client: Client) -> None:
    """Writes only with the full dossier: the own case manager or the team leader."""
    if principal is None or principal.user is None:
        raise PermissionDenied
    if dossier_access(principal, client) != Access.FULL:
        raise PermissionDenied


def can_decide(principal, version: PlanVersion) -> bool:
    """Four eyes: a team leader of the client's team who did not draft this version."""
    return (
        principal is not None
        and principal.user is not None
        and principal.role == Role.TEAM_LEADER
        and dossier_access(principal, version.client) == Access.FULL
        and principal.user.pk != version.drafted_by_id
    )


def _lock_plan(client: Client) -> Plan:
    return Plan.objects.select_for_update().get(client=client)


def _open_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.SUBMITTED]).first()


def current_decided(plan: Plan) -> PlanVersion | None:
    return plan.versions.filter(status=VersionStatus.DECIDED).order_by("-number").first()


# --- drafting ----------------------------------------------------------------------------------


def _prefill(client: Client) -> dict:
    """The intake's suggestion for the PIP (``regie.intake.selectors.prefill_for_plan``), turned
    into a route, components and notes; empty when the intake app offers none (the route
    follows from the brede intake and the leerbaarheidstoets, Wi2021 art. 14)."""
    try:
        from regie.intake.selectors import prefill_for_plan

        data = prefill_for_plan(client)
    except (ImportError, AttributeError):
        return {}
    if not isinstance(data, dict):
        return {}
    route = data.get("route_advice") if data.get("route_advice") in Route.values else ""
    kinds = [ComponentKind.LANGUAGE, ComponentKind.KNM, ComponentKind.PVT]
    if route != Route.EDUCATION:
        kinds.append(ComponentKind.MAP)
    if client.has_asylum_permit and (data.get("on_bijstand") or client.benefit_start):
        kinds.append(ComponentKind.ONTZORGEN)
    if client.is_asylum_holder:
        kinds.append(ComponentKind.SOCIAL_GUIDANCE)
    notes = []
    if route:
        notes.append(
            _("Advies leerroute uit de leerbaarheidstoets: %(route)s.")
            % {"route": Route(route).label}
        )
    if data.get("work_wishes"):
        notes.append(_("Wensen voor werk: %(w)s.") % {"w": str(data["work_wishes"]).rstrip(".")})
    # the goals in words (the intake offers ``goal_labels``), never the stored codes: the
    # notes are printed in the beschikking to the client
    goals = data.get("goal_labels") or []
    if goals:
        text = ", ".join(str(g) for g in goals)
        notes.append(_("Doelen: %(g)s.") % {"g": text[:1].upper() + text[1:].lower()})
    if data.get("childcare_needed"):
        notes.append(_("Kinderopvang is nodig."))
    return {
        "route": route,
        "components": [{"kind": k} for k in kinds],
        "notes": "\n".join(notes),
    }


def _prefill_components(version: PlanVersion, items) -> None:
    kinds = set(ComponentKind.values)
    for item in items or []:
        if isinstance(item, dict) and item.get("kind") in kinds:
            Component.objects.create(plan_version=version, client=version.client, kind=item["kind"])


@transaction.atomic
def draft_initial(principal, client: Client) -> PlanVersion:
    """Start the first PIP as a draft (Wet inburgering 2021 art. 15: the college adopts a PIP
    after the brede intake). Prefilled from the brede intake when that app offers it."""
    _require_full(principal, client)
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.is_wi2013:  # no PIP under the Wet inburgering 2013 (issue 9)
        raise PlanError(wi2013_refusal(_("een PIP opstellen")))
    plan, _created = Plan.objects.get_or_create(client=client)
    plan = _lock_plan(client)
    if plan.versions.exists():
        raise PlanError(
            _(
                "Er is al een PIP voor deze klant. Stel het bestaande PIP bij of werk het concept af."
            )
        )
    prefill = _prefill(client)
    route = prefill.get("route") if prefill.get("route") in Route.values else ""
    version = PlanVersion.objects.create(
        plan=plan,
        client=client,
        number=1,
        reason=Reason.INITIAL,
        route=route,
        drafted_by=principal.user,
        notes=str(prefill.get("notes", ""))[:5000],
    )
    _prefill_components(version, prefill.get("components"))
    return version


@transaction.atomic
def revise(principal, client: Client, *, reason: str, reason_note: str = "") -> PlanVersion:
    """Start a new version (*bijstellen*) as a draft with the components of the
    last decided version. The inburgeringstermijn does not restart (Wet art. 11)."""
    _require_full(principal, client)
    if reason not in Reason.values or reason == Reason.INITIAL:
        raise PlanError(_("Kies de reden van de bijstelling."))
    try:
        plan = _lock_plan(client)
    except Plan.DoesNotExist:
        raise PlanError(
            _("Er is nog geen vastgesteld PIP. Stel eerst het eerste PIP op.")
        ) from None
    base = current_decided(plan)
    if base is None:
        raise PlanError(_("Er is nog geen vastgesteld PIP. Stel eerst het eerste PIP op."))
    if _open_version(plan) is not None:
        raise PlanError(_("Er is al een concept. Werk dat concept eerst af."))
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        client=client,
        number=number,
        reason=reason,
        reason_note=reason_note.strip(),
        route=base.route,
        target_level=base.target_level,
        scaled_to_a2=base.scaled_to_a2,
        **{f: getattr(base, f) for f in SCALE_DOWN_FIELDS},
        review_agreements=base.review_agreements,
        review_count=base.review_count,
        notes=base.notes,
        drafted_by=principal.user,
    )
    for comp in base.components.all():
        Component.objects.create(
            plan_version=version,
            client=client,
            copied_from=comp,
            **{f: getattr(comp, f) for f in COMPONENT_FIELDS + PROGRESS_FIELDS},
        )
    return version


def _require_draft(principal, version: PlanVersion) -> None:
    _require_full(principal, version.client)
    if version.status != VersionStatus.DRAFT:
        raise PlanError(
            _("Deze versie is geen concept meer. Zet haar eerst terug naar concept.")
            if version.status == VersionStatus.SUBMITTED
            else _("Een vastgesteld PIP kunt u niet wijzigen. Stel het PIP bij.")
        )


def _bump(version: PlanVersion, expected_version: int, fields: list[str]) -> None:
    save_with_version(version, expected_version, fields=[*fields, "updated_at"], audit=True)


@transaction.atomic
def update_draft(principal, version: PlanVersion, expected_version: int, **values) -> PlanVersion:
    """Change the route and agreements of a draft (optimistic lock: a stale form is refused)."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(principal, version)
    if "route" in values and values["route"] not in Route.values:
        raise PlanError(_("Kies de leerroute."))
    school = values.get("scale_down_school")
    if school is not None and school.kind != "aanbieder":
        raise PlanError(_("Kies een taalschool uit de lijst."))
    for name in DRAFT_FIELDS:
        if name in values:
            value = values[name]
            setattr(version, name, value.strip() if isinstance(value, str) else value)
    version.updated_at = timezone.now()
    _bump(version, expected_version, DRAFT_FIELDS)
    return version


@transaction.atomic
def save_component(
    principal,
    version: PlanVersion,
    expected_version: int,
    component: Component | None = None,
    **values,
) -> Component:
    """Add or change a component of a draft; the draft's version guards against lost updates."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(principal, version)
    if component is not None and component.plan_version_id != version.pk:
        raise PermissionDenied
    provider = values.get("provider")
    if provider is not None and provider.kind != "aanbieder":
        raise PlanError(_("Kies een aanbieder uit de lijst."))
    if values.get("kind") != ComponentKind.PARTICIPATION:
        values["participation_type"] = ""
        values["linked_to_werksaam"] = False
    target = component or Component(plan_version=version, client=version.client)
    for name in COMPONENT_FIELDS:
        if name in values:
            setattr(target, name, values[name])
    version.updated_at = timezone.now()
    _bump(version, expected_version, [])
    target.save()
    return target


@transaction.atomic
def delete_component(principal, version: PlanVersion, expected_version: int, component) -> None:
    """Remove a component from a draft."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(principal, version)
    if component.plan_version_id != version.pk:
        raise PermissionDenied
    version.updated_at = timezone.now()
    _bump(version, expected_version, [])
    component.delete()


# --- submitting and deciding -------------------------------------------------------------------


@transaction.atomic
def submit(principal, version: PlanVersion, expected_version: int) -> PlanVersion:
    """Offer the draft for decision ("PIP ter besluitvorming aanbieden"). Checked against the
    rules in force today (Wi2021 art. 15 and the rule set); the decision checks again."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(principal, version)
    problems = validation.problems(version, timezone.localdate(), window=False)
    if problems:
        raise PlanError(problems)
    version.status = VersionStatus.SUBMITTED
    version.submitted_at = timezone.now()
    _bump(version, expected_version, ["status", "submitted_at"])
    work_items.submitted(principal, version)
    return version


@transaction.atomic
def reopen(principal, version: PlanVersion, expected_version: int) -> PlanVersion:
    """Put an offered version back to draft, so the case manager can change it."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_full(principal, version.client)
    if version.status != VersionStatus.SUBMITTED:
        raise PlanError(_("Alleen een PIP dat ter besluitvorming ligt kunt u terugzetten."))
    version.status = VersionStatus.DRAFT
    version.submitted_at = None
    _bump(version, expected_version, ["status", "submitted_at"])
    work_items.withdrawn(principal, version)
    return version


def term_for(decision_date: dt.date) -> tuple[dt.date, dt.date]:
    """Wet inburgering 2021 art. 11: the term starts the day after the dagtekening of the first
    PIP and lasts ``integration_term_years``; no Algemene termijnenwet (a term of years)."""
    years = rules_on(decision_date).value("integration_term_years")
    start = decision_date + dt.timedelta(days=1)
    return start, add_term(decision_date, Term(int(years), Unit.YEARS))


@transaction.atomic
def decide(
    principal,
    version: PlanVersion,
    expected_version: int,
    *,
    decision_date: dt.date,
    made_known_on: dt.date,
) -> PlanVersion:
    """Adopt the PIP version ("PIP vaststellen") on behalf of the college van B&W of the client's
    municipality (Wet art. 15; Wet art. 1: the college of the municipality of residence).

    Four eyes: only a team leader, and not the person who drafted it. Validated against the rule
    set in force on the decision date. The first decision
    sets the inburgeringstermijn (Wet art. 11); a revision never restarts it. The DUO message
    (``pip.decided`` or ``pip.revised``) is written in this transaction.
    """
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    client = (
        Client.objects.select_for_update().select_related("municipality").get(pk=version.client_id)
    )
    version.client = client
    if not can_decide(principal, version):
        raise PermissionDenied
    if version.status != VersionStatus.SUBMITTED:
        raise PlanError(
            _("Dit PIP ligt niet ter besluitvorming. Vraag de klantregisseur het aan te bieden.")
        )
    today = timezone.localdate()
    errors = []
    if decision_date > today:
        errors.append(_("De dagtekening kan niet in de toekomst liggen."))
    if made_known_on < decision_date:
        errors.append(_("De datum van bekendmaking kan niet voor de dagtekening liggen."))
    plan = _lock_plan(client)
    previous = current_decided(plan)
    if previous is not None and previous.decision_date and decision_date < previous.decision_date:
        errors.append(
            _("De dagtekening moet op of na de dagtekening van de vorige versie (%(date)s) liggen.")
            % {"date": previous.decision_date.strftime("%d-%m-%Y")}
        )
    if errors:
        raise PlanError(errors)
    problems = validation.problems(version, decision_date)
    if problems:
        raise PlanError(problems)

    rules = rules_on(decision_date)
    version.status = VersionStatus.DECIDED
    version.decided_by = principal.user
    version.decision_date = decision_date
    version.made_known_on = made_known_on
    version.decided_on_behalf_of = client.municipality
    version.rule_set_id = rules.rule_set_id
    _bump(
        version,
        expected_version,
        [
            "status",
            "decided_by",
            "decision_date",
            "made_known_on",
            "decided_on_behalf_of",
            "rule_set",
        ],
    )
    work_items.decided(principal, version)
    first = previous is None
    if first:
        plan.first_decision_date = decision_date
        plan.term_start, plan.term_end = term_for(decision_date)
        plan.save(update_fields=["first_decision_date", "term_start", "term_end"])
        lifecycle.transition(client, lifecycle.DECIDE_PLAN)
    else:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])

    common = {"person_id": client.pk, "bsn": client.bsn, "municipality_cbs": _cbs(client)}
    if first:
        outbox.emit(
            "pip.decided",
            **common,
            data={
                "decision_date": decision_date.isoformat(),
                "route": version.route,
                "term_end": plan.term_end.isoformat(),
                "version": version.number,
            },
        )
    else:
        outbox.emit(
            "pip.revised",
            **common,
            data={
                "decision_date": decision_date.isoformat(),
                "route": version.route,
                "scaled_to_a2": version.scaled_to_a2,
                "reason": version.reason,
                "version": version.number,
            },
        )
    # the version was saved by an UPDATE (no post_save): the deadlines hear it here
    deadlines.facts_changed(client)
    return version


def _cbs(client: Client) -> str:
    return client.municipality.cbs_code or ""


# --- progress ----------------------------------------------------------------------------------


@transaction.atomic
def record_progress(principal, component: Component, expected_version: int, **values) -> Component:
    """Record the offer start, hours and completion of a component of the decided PIP (provider
    data entered by hand). Completion needs attended hours with who reported them and the
    recorded signing or eindgesprek (:func:`completion.completion_problems`, sources: docs/rules.md,
    §3.3); it reports to DUO in this transaction: the PVT (``pvt.completed``, with the attended
    hours) and the MAP (``map.final_interview``, with the date of the recorded eindgesprek). The
    Z-route's eindgesprek is reported by :func:`record_milestone`. The first offer start puts the
    client in the route."""
    component = (
        Component.objects.select_for_update().select_related("plan_version").get(pk=component.pk)
    )
    client = (
        Client.objects.select_for_update()
        .select_related("municipality")
        .get(pk=component.client_id)
    )
    _require_full(principal, client)
    if component.plan_version.status != VersionStatus.DECIDED:
        raise PlanError(_("Voortgang legt u vast bij het vastgestelde PIP."))
    today = timezone.localdate()
    offer_start = values.get("offer_start", component.offer_start)
    completed_on = values.get("completed_on", component.completed_on)
    errors = []
    if offer_start and offer_start > today:
        errors.append(_("De startdatum van het aanbod kan niet in de toekomst liggen."))
    if completed_on and completed_on > today:
        errors.append(_("De datum van afronden kan niet in de toekomst liggen."))
    if completed_on and offer_start and completed_on < offer_start:
        errors.append(_("De datum van afronden moet op of na de startdatum van het aanbod liggen."))
    if (
        component.completed_on
        and "completed_on" in values
        and completed_on != component.completed_on
    ):
        errors.append(
            _("Dit onderdeel is al afgerond en gemeld aan DUO. De datum van afronden blijft staan.")
        )
    if errors:
        raise PlanError(errors)
    newly_completed = component.completed_on is None and completed_on is not None
    if newly_completed:
        # sources: docs/rules.md: attended hours and the signing/eindgesprek, never planned hours
        problems = completion.completion_problems(component, completed_on)
        if problems:
            raise PlanError(problems)
    for name in PROGRESS_FIELDS:
        if name in values:
            value = values[name]
            setattr(component, name, value.strip() if isinstance(value, str) else value)
    save_with_version(component, expected_version, fields=PROGRESS_FIELDS, audit=True)
    # keep copies in an open revision in step, so a revision decides on current progress
    Component.objects.filter(
        copied_from=component,
        plan_version__status__in=[VersionStatus.DRAFT, VersionStatus.SUBMITTED],
    ).update(**{name: getattr(component, name) for name in PROGRESS_FIELDS})

    if newly_completed:
        common = {"person_id": client.pk, "bsn": client.bsn, "municipality_cbs": _cbs(client)}
        if component.kind == ComponentKind.PVT:
            attended = completion.pvt_requirement(client, completed_on).attended.total
            outbox.emit(
                "pvt.completed",
                **common,
                data={
                    "completed_on": completed_on.isoformat(),
                    "hours": int(attended) if attended == int(attended) else float(attended),
                },
            )
        elif component.kind == ComponentKind.MAP:
            interview = selectors.milestones_of(client)[MilestoneKind.MAP_FINAL_INTERVIEW]
            outbox.emit(
                "map.final_interview", **common, data={"held_on": interview.held_on.isoformat()}
            )
        # the Z-route's eindgesprek is reported when it is recorded (record_milestone), never
        # when only the language part is marked done
    if component.offer_start:
        lifecycle.transition(client, lifecycle.START_ROUTE)
    # the component was saved by an UPDATE (no post_save): the deadlines hear it here
    deadlines.facts_changed(client)
    return component


@transaction.atomic
def replace_components(
    principal, version: PlanVersion, expected_version: int, items: list[dict]
) -> PlanVersion:
    """Replace all components of a draft in one step (API); the draft's version is the lock.

    Progress already recorded (offer start, hours attended, completion, the link to the decided
    component it continues) is carried over to the new component of the same kind, so a revision
    never loses what happened: the late-offer deadline, the 600 hours for scaling down and the DUO
    messages for completed parts depend on it.
    """
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(principal, version)
    version.updated_at = timezone.now()
    _bump(version, expected_version, [])
    carried = {}
    for old in version.components.all():
        carried.setdefault(
            (old.kind, old.participation_type or ""),
            {
                "offer_start": old.offer_start,
                "hours_attended": old.hours_attended,
                "progress_note": old.progress_note,
                "completed_on": old.completed_on,
                "copied_from_id": old.copied_from_id,
            },
        )
    version.components.all().delete()
    for item in items:
        values = dict(item)
        provider = values.get("provider")
        if provider is not None and provider.kind != "aanbieder":
            raise PlanError(_("Kies een aanbieder uit de lijst."))
        if values.get("kind") != ComponentKind.PARTICIPATION:
            values["participation_type"] = ""
            values["linked_to_werksaam"] = False
        progress = carried.pop((values.get("kind"), values.get("participation_type") or ""), {})
        Component.objects.create(
            plan_version=version,
            client=version.client,
            **{k: v for k, v in values.items() if k in COMPONENT_FIELDS},
            **progress,
        )
    return version


# --- attended activities and milestones (completion, sources: docs/rules.md) ----------------------

MAX_ACTIVITY_HOURS = 2000


@transaction.atomic
def record_activity(
    principal,
    client: Client,
    *,
    kind: str,
    date: dt.date,
    hours,
    description: str,
    reported_by_kind: str,
    reported_by_name: str,
) -> AttendedActivity:
    """Record hours a client attended, with the organisation that reported them (a provider,
    WerkSaam, a volunteer organisation, an employer or the municipality) and who recorded them.
    They count towards completing the PVT, the MAP and the Z-route (sources: docs/rules.md)."""
    _require_full(principal, client)
    from decimal import Decimal, InvalidOperation

    from .models import ReporterKind

    errors = []
    if kind not in [str(k) for k in COUNTED_KINDS]:
        errors.append(_("Kies het onderdeel waarvoor de uren gelden."))
    if date is None:
        errors.append(_("Vul de datum in."))
    elif date > timezone.localdate():
        errors.append(_("De datum kan niet in de toekomst liggen."))
    try:
        hours = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or hours <= 0:
        errors.append(_("Vul het aantal gevolgde uren in, meer dan 0."))
    elif hours > MAX_ACTIVITY_HOURS:
        errors.append(
            _("Vul hoogstens %(n)s uur per keer in. Splits een lange periode.")
            % {"n": MAX_ACTIVITY_HOURS}
        )
    if reported_by_kind not in ReporterKind.values:
        errors.append(_("Kies wie de uren meldde."))
    if not (reported_by_name or "").strip():
        errors.append(_("Vul de naam in van de organisatie die de uren meldde."))
    if not (description or "").strip():
        errors.append(_("Beschrijf de activiteit."))
    if errors:
        raise PlanError(errors)
    activity = AttendedActivity.objects.create(
        client=client,
        kind=kind,
        date=date,
        hours=hours,
        description=description.strip()[:300],
        reported_by_kind=reported_by_kind,
        reported_by_name=reported_by_name.strip()[:200],
        recorded_by=principal.user,
    )
    return activity


@transaction.atomic
def record_milestone(
    principal, client: Client, *, kind: str, held_on: dt.date, conducted_by: str, note: str = ""
) -> Milestone:
    """Record the signing of the participatieverklaring, or an eindgesprek with the municipality
    (MAP or Z-route), once per client. The Z-route's eindgesprek needs the attended hours of
    the Z-route first and is reported to DUO in this transaction (``zroute.final_interview``)."""
    _require_full(principal, client)
    client = Client.objects.select_for_update().select_related("municipality").get(pk=client.pk)
    errors = []
    if kind not in MilestoneKind.values:
        raise PlanError(_("Kies wat u vastlegt."))
    if held_on is None:
        errors.append(_("Vul de datum in."))
    elif held_on > timezone.localdate():
        errors.append(_("De datum kan niet in de toekomst liggen."))
    if not (conducted_by or "").strip():
        errors.append(_("Vul in wie het gesprek voerde of de ondertekening begeleidde."))
    if Milestone.objects.filter(client=client, kind=kind).exists():
        errors.append(
            _("%(what)s is al vastgelegd. Het staat op de planpagina.")
            % {"what": MilestoneKind(kind).label}
        )
    if errors:
        raise PlanError(errors)
    plan = Plan.objects.filter(client=client).first()
    version = current_decided(plan) if plan else None
    problems = completion.milestone_problems(client, version, kind, held_on)
    if problems:
        raise PlanError(problems)
    milestone = Milestone.objects.create(
        client=client,
        kind=kind,
        held_on=held_on,
        conducted_by=conducted_by.strip()[:200],
        note=(note or "").strip(),
        recorded_by=principal.user,
    )
    if kind == MilestoneKind.Z_FINAL_INTERVIEW:
        outbox.emit(
            "zroute.final_interview",
            person_id=client.pk,
            bsn=client.bsn,
            municipality_cbs=_cbs(client),
            data={"held_on": held_on.isoformat()},
        )
    return milestone
