"""The handover package for a client who moves to another municipality (docs/handover.md).

A ZIP with ``handover.json`` (schema ``regie.handover/1.0``) and the PDFs we can render. The
receiving team imports it all-or-nothing: every problem is reported per row and field in Dutch,
and nothing is saved while one remains.
"""

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients import lifecycle
from regie.clients.models import (
    Client,
    DutyStartReason,
    Household,
    PermitType,
    Regime,
    TargetGroup,
)
from regie.core.bsn import is_valid_bsn
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind, Role
from regie.intake import selectors as intake_selectors
from regie.plans import pdf as plans_pdf
from regie.plans.models import Plan, PlanVersion, VersionStatus

from . import pdf
from .models import (
    VARIANTS_BY_KIND,
    DuoDecision,
    DuoDecisionKind,
    EnforcementCase,
    ExtensionGround,
    HandoverImport,
    LateOfferStatement,
    Review,
    ReviewKind,
    ReviewOutcome,
)
from .selectors import plan_facts

SCHEMA = "regie.handover/1.0"
SCHEMA_MAJOR = "regie.handover/1."
MAX_PACKAGE_BYTES = 20 * 1024 * 1024

PERSON_FIELDS = [
    "bsn",
    "given_names",
    "surname",
    "date_of_birth",
    "phone",
    "email",
    "nationality",
    "languages",
    "target_group",
    "permit_type",
    "is_obliged",
    "regime",
    "duty_start_reason",
    "duty_start_note",
    "age_checked",
]
DATE_FIELDS = [
    "permit_date",
    "duty_start",
    "linkage_date",
    "housing_date",
    "brp_date",
    "duo_notice_date",
    "benefit_start",
    "third_party_info_received",
]


def _d(value):
    return value.isoformat() if value else None


def _plan_section(client: Client) -> dict | None:
    """Plan versions and components as the plans app holds them (None without a plan)."""
    plan = Plan.objects.filter(client=client).first()
    if plan is None:
        return None
    versions = []
    for v in plan.versions.order_by("number"):
        versions.append(
            {
                "number": v.number,
                "status": v.status,
                "route": v.route,
                "scaled_to_a2": v.scaled_to_a2,
                "reason": v.reason,
                "reason_note": v.reason_note,
                "decision_date": _d(v.decision_date),
                "made_known_on": _d(v.made_known_on),
                "review_agreements": v.review_agreements,
                "notes": v.notes,
                "components": [
                    {
                        "kind": c.kind,
                        "label": str(c),
                        "participation_type": c.participation_type,
                        "hours_planned": c.hours_planned,
                        "provider": c.provider.name if c.provider_id else None,
                        "description": c.description,
                        "offer_start": _d(c.offer_start),
                        "hours_attended": c.hours_attended,
                        "progress_note": c.progress_note,
                        "completed_on": _d(c.completed_on),
                    }
                    for c in v.components.order_by("id")
                ],
            }
        )
    return {
        "first_decision_date": _d(plan.first_decision_date),
        "term_start": _d(plan.term_start),
        "term_end": _d(plan.term_end),
        "versions": versions,
    }


def _intake_section(client: Client):
    """The intake facts the next municipality needs, without health or special-category data
    (the same summary the social guide and income consultant get); None without an intake."""
    if intake_selectors.get_intake(client) is None:
        return None
    return intake_selectors.summary_for_parties(client)


def build_payload(client: Client) -> dict:
    household = None
    if client.household_id:
        household = {
            "name": client.household.name,
            "members": [
                {
                    "given_names": m.given_names,
                    "surname": m.surname,
                    "date_of_birth": _d(m.date_of_birth),
                }
                for m in client.household.members.exclude(pk=client.pk).order_by("date_of_birth")
            ],
        }
    person = {name: getattr(client, name) for name in PERSON_FIELDS}
    person["date_of_birth"] = _d(client.date_of_birth)
    closure = client.closures.order_by("-closed_on", "-id").first()
    return {
        "schema": SCHEMA,
        "exported_at": timezone.now().isoformat(),
        "source": {
            "municipality": client.municipality.name,
            "municipality_cbs": client.municipality.cbs_code,
            "team": client.team.name,
        },
        "person": person,
        "household": household,
        "dates": {name: _d(getattr(client, name)) for name in DATE_FIELDS},
        "status": {
            "status": client.status,
            "closure_reason": client.closure_reason,
            "closed_on": _d(client.closed_on),
            "new_municipality": closure.new_municipality_name if closure else "",
            "new_municipality_cbs": closure.new_municipality_cbs if closure else "",
        },
        "intake": _intake_section(client),
        "plan": _plan_section(client),
        "reviews": [
            {
                "kind": r.kind,
                "planned_on": _d(r.planned_on),
                "held_on": _d(r.held_on),
                "offer_start": _d(r.offer_start),
                "hours_attended": str(r.hours_attended) if r.hours_attended is not None else None,
                "progress": r.progress,
                "employer_input": r.employer_input,
                "client_view": r.client_view,
                "satisfaction": r.satisfaction,
                "outcome": r.outcome,
            }
            for r in client.reviews.order_by("planned_on", "id")
        ],
        "enforcement": [
            {
                "violation": e.violation,
                "status": e.status,
                "description": e.description,
                "opened_on": _d(e.opened_on),
                "violation_on": _d(e.violation_on),
                "assessment": e.assessment,
                "assessment_reason": e.assessment_reason,
                "warning_on": _d(e.warning_on),
                "hearing_on": _d(e.hearing_on),
                "hearing_summary": e.hearing_summary,
                "caution": e.caution,
                "caution_on": _d(e.caution_on),
                "report_date": _d(e.report_date),
                "report_text": e.report_text,
                "decision_date": _d(e.decision_date),
                "fine_amount": str(e.fine_amount) if e.fine_amount is not None else None,
                "lowering_reason": e.lowering_reason,
                "measure_referral": e.measure_referral,
            }
            for e in client.enforcement_cases.order_by("opened_on", "id")
        ],
        "duo_decisions": [
            {
                "kind": d.kind,
                "variant": d.variant,
                "decision_date": _d(d.decision_date),
                "ground": d.ground,
                "new_end_date": _d(d.new_end_date),
                "valid_until": _d(d.valid_until),
                "note": d.note,
            }
            for d in client.duo_decisions.order_by("decision_date", "id")
        ],
        "late_offer_statements": [
            {
                "statement_date": _d(s.statement_date),
                "pip_date": _d(s.pip_date),
                "route": s.route,
                "offer_start": _d(s.offer_start),
                "allowed_months": s.allowed_months,
                "months_late": s.months_late,
            }
            for s in client.late_offer_statements.order_by("statement_date", "id")
        ],
        "deadlines": [
            {
                "kind": d.kind,
                "sequence": d.sequence,
                "due_date": _d(d.due_date),
                "met_on": _d(d.met_on),
                "basis": d.basis,
                "unconfirmed": d.unconfirmed,
            }
            for d in client.deadlines.order_by("due_date", "id")
        ],
    }


def _plan_pdf(client: Client) -> bytes | None:
    """The beschikking of the PIP version in force (None without a decided plan)."""
    version = (
        PlanVersion.objects.filter(plan__client=client, status=VersionStatus.DECIDED)
        .order_by("-number")
        .first()
    )
    return plans_pdf.render_decision_pdf(version) if version else None


def export_package(client: Client) -> bytes:
    """The ZIP: handover.json plus the PDFs (fine decisions, late-offer statements, PIP)."""
    payload = build_payload(client)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("handover.json", json.dumps(payload, ensure_ascii=False, indent=2))
        for n, case in enumerate(
            client.enforcement_cases.filter(fine_amount__isnull=False).order_by("id"), start=1
        ):
            archive.writestr(f"pdf/boetebesluit-{n}.pdf", pdf.fine_decision_pdf(case))
        for n, statement in enumerate(client.late_offer_statements.order_by("id"), start=1):
            archive.writestr(
                f"pdf/verklaring-te-laat-aanbod-{n}.pdf", pdf.late_offer_pdf(statement)
            )
        plan_pdf = _plan_pdf(client)
        if plan_pdf:
            archive.writestr("pdf/pip.pdf", plan_pdf)
    return buffer.getvalue()


# --- import ---------------------------------------------------------------------------------


class HandoverError(Exception):
    """The package cannot be imported; ``errors`` lists (place, Dutch message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(f"{place}: {msg}" for place, msg in errors))
        self.errors = errors


class HandoverReferred(Exception):
    """The package's BSN belongs to a client of another team. The answer must not tell that the
    person is known elsewhere (no existence oracle): the caller creates the handover work item for
    the holding team's leader (``clients.work_items.request_handover``) and shows the neutral
    ``clients.registration.REFERRED_MESSAGE``. ``client`` is the holding client (never shown)."""

    def __init__(self, client: Client):
        super().__init__("referred")
        self.client = client


class _Checker:
    def __init__(self):
        self.errors: list[tuple[str, str]] = []

    def add(self, place: str, message: str):
        self.errors.append((place, message))

    def date(self, data: dict, key: str, place: str, required=False):
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.add(f"{place}.{key}", _("Vul een datum in (JJJJ-MM-DD)."))
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(
                f"{place}.{key}", _("Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-28.")
            )
            return None

    def text(self, data: dict, key: str, place: str, required=False, max_length=None) -> str:
        value = data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(f"{place}.{key}", _("Dit moet tekst zijn."))
            return ""
        if required and not value.strip():
            self.add(f"{place}.{key}", _("Vul dit gegeven in."))
        if max_length and len(value) > max_length:
            self.add(
                f"{place}.{key}",
                _("Maak dit korter: maximaal %(n)s tekens.") % {"n": max_length},
            )
        return value.strip()

    def choice(self, data: dict, key: str, place: str, choices, required=True) -> str:
        value = data.get(key) or ""
        if not value and not required:
            return ""
        if value not in choices:
            self.add(
                f"{place}.{key}",
                _("Kies een van: %(choices)s.") % {"choices": ", ".join(choices)},
            )
        return value


def read_package(raw: bytes) -> dict:
    if len(raw) > MAX_PACKAGE_BYTES:
        raise HandoverError([("pakket", _("Het pakket moet kleiner zijn dan 20 MB."))])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            data = json.loads(archive.read("handover.json").decode("utf-8"))
    except zipfile.BadZipFile as exc:
        raise HandoverError(
            [("pakket", _("Kies een ZIP-bestand met een overdrachtspakket."))]
        ) from exc
    except KeyError as exc:
        raise HandoverError(
            [
                (
                    "pakket",
                    _(
                        "Het pakket mist handover.json. Vraag de vorige "
                        "gemeente om een nieuw pakket."
                    ),
                )
            ]
        ) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise HandoverError(
            [
                (
                    "handover.json",
                    _(
                        "handover.json is geen leesbare JSON. Vraag de "
                        "vorige gemeente om een nieuw pakket."
                    ),
                )
            ]
        ) from exc
    if not isinstance(data, dict):
        raise HandoverError([("handover.json", _("handover.json moet een object zijn."))])
    return data


def receiving_team_of(principal) -> Organisation:
    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return principal.organisation


def municipality_choices(team: Organisation):
    return Organisation.objects.filter(
        region_id=team.region_id, kind=OrganisationKind.MUNICIPALITY
    ).order_by("name")


def _pick_municipality(check, team, payload, municipality):
    if municipality is not None:
        if municipality.region_id != team.region_id or municipality.kind != "gemeente":
            check.add("gemeente", _("Kies een gemeente uit de regio van het ontvangende team."))
        return municipality
    wanted = (payload.get("status") or {}).get("new_municipality_cbs") or ""
    options = municipality_choices(team)
    found = options.filter(cbs_code=wanted).first() if wanted else None
    if found is None and options.count() == 1:
        found = options.first()
    if found is None:
        check.add("gemeente", _("Kies de gemeente waar de klant nu woont."))
    return found


@transaction.atomic
def import_package(raw: bytes, *, team: Organisation, municipality=None, user=None) -> Client:
    """Create the client from a handover package in ``team``: all or nothing.

    The BSN must pass the elfproef and may not exist yet (duplicates are refused). The new
    municipality adopts a new PIP and keeps the route: the plan is kept as
    received, not as a decided plan here. Reviews, enforcement, DUO decisions and late-offer
    statements are copied; the deadlines are computed anew.
    """
    payload = read_package(raw)
    check = _Checker()
    schema = payload.get("schema")
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_MAJOR):
        raise HandoverError(
            [
                (
                    "schema",
                    _("Dit pakket heeft schema %(s)s. Wij lezen alleen regie.handover/1.x.")
                    % {"s": schema or "-"},
                )
            ]
        )
    if team.kind != OrganisationKind.TEAM:
        check.add("team", _("Kies een regionaal inburgeringsteam."))
    person = payload.get("person")
    if not isinstance(person, dict):
        raise HandoverError([("persoon", _("Het pakket mist de persoonsgegevens."))])
    bsn = str(person.get("bsn") or "").strip()
    elsewhere = None
    if not is_valid_bsn(bsn):
        check.add(
            "persoon.bsn",
            _("Het BSN klopt niet (elfproef). Vraag de vorige gemeente om het juiste BSN."),
        )
    elif (existing := Client.objects.filter(bsn=bsn).first()) is not None and (
        existing.team_id != team.pk
    ):
        elsewhere = existing  # referred below when nothing else is wrong
    elif existing is not None:
        check.add(
            "persoon.bsn",
            _(
                "Deze klant staat al in Regie Inburgering. Een overdracht "
                "kunt u maar één keer inlezen; zoek de klant op in de "
                "klantenlijst."
            ),
        )
    values = {
        "given_names": check.text(person, "given_names", "persoon", required=True, max_length=200),
        "surname": check.text(person, "surname", "persoon", required=True, max_length=200),
        "date_of_birth": check.date(person, "date_of_birth", "persoon"),
        "phone": check.text(person, "phone", "persoon", max_length=30),
        "email": check.text(person, "email", "persoon", max_length=254),
        "nationality": check.text(person, "nationality", "persoon", max_length=100),
        "languages": check.text(person, "languages", "persoon", max_length=200),
        "target_group": check.choice(person, "target_group", "persoon", TargetGroup.values),
        "permit_type": check.choice(person, "permit_type", "persoon", PermitType.values),
        "is_obliged": bool(person.get("is_obliged", True)),
        # issue 9: the law of the case and the start of the duty travel with the dossier
        "regime": check.choice(person, "regime", "persoon", Regime.values, required=False)
        or Regime.WI2021,
        "duty_start_reason": check.choice(
            person, "duty_start_reason", "persoon", DutyStartReason.values, required=False
        )
        or DutyStartReason.PERMIT,
        "duty_start_note": check.text(person, "duty_start_note", "persoon", max_length=500),
        "age_checked": bool(person.get("age_checked", False)),
    }
    dates = payload.get("dates") or {}
    if not isinstance(dates, dict):
        check.add("datums", _("De datums moeten een object zijn."))
        dates = {}
    for name in DATE_FIELDS:
        values[name] = check.date(dates, name, "datums")
    chosen = _pick_municipality(check, team, payload, municipality)

    reviews = []
    for n, row in enumerate(_rows(payload, "reviews", check), start=1):
        place = f"voortgangsgesprekken[{n}]"
        satisfaction = row.get("satisfaction")
        if satisfaction is not None and (
            not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5
        ):
            check.add(f"{place}.satisfaction", _("Vul een tevredenheid van 1 tot en met 5 in."))
            satisfaction = None
        reviews.append(
            Review(
                kind=check.choice(row, "kind", place, ReviewKind.values),
                planned_on=check.date(row, "planned_on", place, required=True),
                held_on=check.date(row, "held_on", place),
                offer_start=check.date(row, "offer_start", place),
                hours_attended=_decimal(check, row, "hours_attended", place),
                progress=check.text(row, "progress", place),
                employer_input=check.text(row, "employer_input", place),
                client_view=check.text(row, "client_view", place),
                satisfaction=satisfaction,
                outcome=check.choice(row, "outcome", place, ReviewOutcome.values, required=False),
            )
        )
    cases = []
    for n, row in enumerate(_rows(payload, "enforcement", check), start=1):
        place = f"handhaving[{n}]"
        from .models import Assessment, Caution, EnforcementStatus, Violation

        cases.append(
            EnforcementCase(
                violation=check.choice(row, "violation", place, Violation.values),
                status=check.choice(row, "status", place, EnforcementStatus.values),
                description=check.text(row, "description", place, required=True),
                opened_on=check.date(row, "opened_on", place, required=True),
                assessment=check.choice(
                    row, "assessment", place, Assessment.values, required=False
                ),
                assessment_reason=check.text(row, "assessment_reason", place),
                warning_on=check.date(row, "warning_on", place),
                hearing_on=check.date(row, "hearing_on", place),
                hearing_summary=check.text(row, "hearing_summary", place),
                violation_on=check.date(row, "violation_on", place),
                caution=check.choice(row, "caution", place, Caution.values, required=False),
                caution_on=check.date(row, "caution_on", place),
                report_date=check.date(row, "report_date", place),
                report_text=check.text(row, "report_text", place),
                decision_date=check.date(row, "decision_date", place),
                fine_amount=_decimal(check, row, "fine_amount", place),
                lowering_reason=check.text(row, "lowering_reason", place),
                measure_referral=check.text(row, "measure_referral", place),
            )
        )
    decisions = []
    for n, row in enumerate(_rows(payload, "duo_decisions", check), start=1):
        place = f"duo_besluiten[{n}]"
        kind = check.choice(row, "kind", place, DuoDecisionKind.values)
        variants = [str(v) for v in VARIANTS_BY_KIND.get(kind, ())]
        decisions.append(
            DuoDecision(
                kind=kind,
                variant=check.choice(row, "variant", place, variants, required=bool(variants)),
                decision_date=check.date(row, "decision_date", place, required=True),
                ground=check.choice(
                    row,
                    "ground",
                    place,
                    ExtensionGround.values,
                    required=kind == DuoDecisionKind.EXTENSION,
                ),
                new_end_date=check.date(
                    row, "new_end_date", place, required=kind == DuoDecisionKind.EXTENSION
                ),
                valid_until=check.date(row, "valid_until", place),
                note=check.text(row, "note", place),
            )
        )
    statements = []
    for n, row in enumerate(_rows(payload, "late_offer_statements", check), start=1):
        place = f"verklaringen_te_laat_aanbod[{n}]"
        statements.append(
            LateOfferStatement(
                statement_date=check.date(row, "statement_date", place, required=True),
                pip_date=check.date(row, "pip_date", place, required=True),
                route=check.text(row, "route", place, max_length=20),
                offer_start=check.date(row, "offer_start", place),
                allowed_months=_int(check, row, "allowed_months", place),
                months_late=_int(check, row, "months_late", place),
            )
        )
    if check.errors:
        raise HandoverError(check.errors)
    if elsewhere is not None:
        raise HandoverReferred(elsewhere)

    household = None
    if isinstance(payload.get("household"), dict) and payload["household"].get("name"):
        household = Household.objects.create(
            name=str(payload["household"]["name"])[:200], municipality=chosen
        )
    client = Client.objects.create(
        bsn=bsn,
        municipality=chosen,
        team=team,
        household=household,
        # a handed-over case starts as registered, as in wave 1 (even if the package says "not
        # obliged"; registration would start that one as not_obliged: see docs/adr/0006)
        status=lifecycle.initial_status(True),
        case_manager=user if user is not None and _is_case_manager(user, team) else None,
        **values,
    )
    for collection in (reviews, cases, decisions, statements):
        for obj in collection:
            obj.client = client
            obj.save()
    HandoverImport.objects.create(
        client=client,
        team=team,
        schema=schema,
        source_municipality=str((payload.get("source") or {}).get("municipality") or "")[:200],
        payload=payload,
        package=raw,
        imported_by=user,
    )
    return client


def _is_case_manager(user, team) -> bool:
    return user.role_assignments.filter(role=Role.CASE_MANAGER, organisation=team).exists()


def _rows(payload, key, check) -> list[dict]:
    rows = payload.get(key) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        check.add(key, _("Dit moet een lijst van objecten zijn."))
        return []
    return rows


def _decimal(check, row, key, place):
    value = row.get(key)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        check.add(f"{place}.{key}", _("Vul een getal in, bijvoorbeeld 12.5."))
        return None
    if number < 0:
        check.add(f"{place}.{key}", _("Vul een getal van 0 of meer in."))
        return None
    return number


def _int(check, row, key, place):
    value = row.get(key)
    if not isinstance(value, int) or value < 0:
        check.add(f"{place}.{key}", _("Vul een geheel getal van 0 of meer in."))
        return 0
    return value


def facts_summary(client: Client) -> dict:
    """What the receiving team sees of an imported plan (kept as received)."""
    latest = client.handover_imports.first()
    if latest is None:
        return {}
    plan = latest.payload.get("plan") or {}
    return {
        "source": latest.source_municipality,
        "imported_at": latest.imported_at,
        "plan": plan,
        "current": plan_facts(client),
    }
