"""Scoped reads of the offer: providers and their quality marks, contracts and spend, products,
groups with their critical mass, the waiting list, and enrolments.

Who sees what (the one place that decides it):

* contract manager: everything of his region's contracts, products and groups, spend and quality
  marks; no client names (the waiting list and groups show counts and levels only);
* functioneel beheerder: the providers and their quality marks of his region;
* case manager and team leader: the region's products (to refer a client) and the enrolments of
  the clients they may see (``visible_clients``);
* provider staff (role ``aanbieder``, also as an API token): only its own products, groups and
  enrolments, and through ``SCOPE_EXTENSIONS`` only the clients enrolled with it.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from regie.clients.models import Client, ClientStatus, Regime, TargetGroup
from regie.clients.selectors import visible_clients
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind, Role
from regie.core.ruleset import RULES_BY_KEY, rules_on
from regie.intake.models import DomainRecord

from .funding import COURSE_KINDS, Funding, funding_for, funding_unconfirmed
from .models import (
    CefrLevel,
    Contract,
    Enrolment,
    EnrolmentStatus,
    Group,
    Invoice,
    MarkKind,
    Product,
    ProductKind,
    QualityMark,
    Route,
)

# Local rule (the region sets it): warn the contract manager this many days before a quality mark
# expires. Proposed rule key ``mark_warning_days``; until core.ruleset.RULES holds it, this
# default is used (the one place it is named).
MARK_WARNING_DAYS = 90
MARK_WARNING_RULE = "mark_warning_days"

# Which quality mark a route requires (Divosa, Blik op Werk). Products of the
# lot "overig" (KNM, PVT, MAP, participation bought separately) need none.
ROUTE_MARK = {
    Route.B1: MarkKind.KEURMERK,
    Route.Z: MarkKind.KEURMERK,
    Route.EDUCATION: MarkKind.DIPLOMA,
}

# ProductKind -> plans.models.ComponentKind value (the PIP component a product serves).
PRODUCT_COMPONENT = {
    ProductKind.LANGUAGE: "language",
    ProductKind.LITERACY: "language",
    ProductKind.BRIDGING: "language",
    ProductKind.KNM: "knm",
    ProductKind.PVT: "pvt",
    ProductKind.MAP: "map",
    ProductKind.Z_PARTICIPATION: "participation",
}
REFERABLE_COMPONENTS = sorted(set(PRODUCT_COMPONENT.values()))
# PIP components a family or other migrant's own course serves (offer.funding.COURSE_KINDS).
COURSE_COMPONENTS = ("language", "knm")

# Enrolments that hold a place (and count as committed spend).
ACTIVE = [
    EnrolmentStatus.REFERRED,
    EnrolmentStatus.ACCEPTED,
    EnrolmentStatus.PLACED,
    EnrolmentStatus.STARTED,
]
COMMITTED = [
    EnrolmentStatus.ACCEPTED,
    EnrolmentStatus.PLACED,
    EnrolmentStatus.STARTED,
    EnrolmentStatus.FINISHED,
]
IN_GROUP = [EnrolmentStatus.ACCEPTED, EnrolmentStatus.PLACED, EnrolmentStatus.STARTED]

# CEFR order for the level spread in a group: literacy below pre-A1 below A1 ...
CEFR_ORDER = [
    CefrLevel.A0,
    CefrLevel.PRE_A1,
    CefrLevel.A1,
    CefrLevel.A2,
    CefrLevel.B1,
    CefrLevel.B2,
    CefrLevel.C1,
]
# The intake's estimated Dutch level (intake.forms.DUTCH_LEVELS) as a CEFR level.
INTAKE_LEVELS = {
    "geen": CefrLevel.PRE_A1,
    "A1": CefrLevel.A1,
    "A2": CefrLevel.A2,
    "B1": CefrLevel.B1,
    "B2": CefrLevel.B2,
}


def level_index(level: str) -> int | None:
    try:
        return CEFR_ORDER.index(level)
    except ValueError:
        return None


# --- quality marks ----------------------------------------------------------------------------


def mark_warning_days(today: dt.date) -> int:
    if MARK_WARNING_RULE in RULES_BY_KEY:
        return int(rules_on(today).value(MARK_WARNING_RULE))
    return MARK_WARNING_DAYS


def required_mark(route: str) -> str | None:
    return ROUTE_MARK.get(route)


def valid_mark(provider, route: str, on_date: dt.date) -> QualityMark | None:
    """The provider's mark that the route requires, valid on ``on_date`` (None if it has none).

    For a route that needs no mark (lot "overig") this is also None: ask :func:`required_mark`.
    """
    kind = required_mark(route)
    if kind is None:
        return None
    return (
        QualityMark.objects.filter(
            provider=provider, kind=kind, valid_from__lte=on_date, valid_until__gte=on_date
        )
        .order_by("-valid_until")
        .first()
    )


def may_manage_marks(principal) -> bool:
    return principal is not None and principal.role in (
        Role.CONTRACT_MANAGER,
        Role.FUNCTIONAL_ADMIN,
    )


def is_contract_manager(principal) -> bool:
    return principal is not None and principal.role == Role.CONTRACT_MANAGER


def is_provider(principal) -> bool:
    return principal is not None and principal.role == Role.PROVIDER_STAFF


def visible_providers(principal) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("name")
    if may_manage_marks(principal):
        return qs.filter(region_id=principal.region_id)
    if is_provider(principal):
        return qs.filter(pk=principal.organisation.pk)
    return qs.none()


def contractor_choices(principal) -> QuerySet[Organisation]:
    """Who can hold a contract: the region's providers and joint bodies (WerkSaam)."""
    if not is_contract_manager(principal):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        region_id=principal.region_id,
        kind__in=[OrganisationKind.PROVIDER, OrganisationKind.JOINT_BODY],
        is_active=True,
    ).order_by("name")


def visible_marks(principal) -> QuerySet[QualityMark]:
    return QualityMark.objects.filter(provider__in=visible_providers(principal)).select_related(
        "provider"
    )


@dataclass(frozen=True)
class MarkStatus:
    kind: str
    label: str
    mark: QualityMark | None
    state: str  # "geldig", "verloopt", "verlopen", "geen"


def mark_overview(provider, today: dt.date) -> list[MarkStatus]:
    """Per mark kind: the newest mark and whether it is valid, expiring soon, expired or absent."""
    days = mark_warning_days(today)
    result = []
    for kind, label in MarkKind.choices:
        current = (
            QualityMark.objects.filter(provider=provider, kind=kind, valid_from__lte=today)
            .order_by("-valid_until")
            .first()
        )
        if current is None:
            state = "geen"
        elif current.valid_until < today:
            state = "verlopen"
        elif current.valid_until <= today + dt.timedelta(days=days):
            state = "verloopt"
        else:
            state = "geldig"
        result.append(MarkStatus(kind, str(label), current, state))
    return result


def expiring_marks(principal, today: dt.date) -> dict:
    """Marks of the region's providers that expire within the warning period or have expired
    without a newer valid mark of the same kind (the contract manager's start-page warning)."""
    days = mark_warning_days(today)
    if not is_contract_manager(principal):
        return {"days": days, "expiring": [], "expired": []}
    newer = QualityMark.objects.filter(
        provider=OuterRef("provider"),
        kind=OuterRef("kind"),
        valid_from__lte=today + dt.timedelta(days=days),
        valid_until__gt=today + dt.timedelta(days=days),
    )
    base = visible_marks(principal).annotate(renewed=Exists(newer)).filter(renewed=False)
    expiring = base.filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=days))
    latest_expired = []
    for mark in base.filter(valid_until__lt=today).order_by("provider__name", "-valid_until"):
        if any(m.provider_id == mark.provider_id and m.kind == mark.kind for m in latest_expired):
            continue
        still_valid = QualityMark.objects.filter(
            provider_id=mark.provider_id, kind=mark.kind, valid_until__gte=today
        ).exists()
        if not still_valid:
            latest_expired.append(mark)
    return {
        "days": days,
        "expiring": list(expiring.order_by("valid_until")),
        "expired": latest_expired,
    }


# --- contracts, products, spend -------------------------------------------------------------


def visible_contracts(principal) -> QuerySet[Contract]:
    qs = Contract.objects.select_related("main_contractor", "region")
    if is_contract_manager(principal):
        return qs.filter(region_id=principal.region_id)
    return qs.none()


def get_visible_contract(principal, uuid) -> Contract | None:
    return visible_contracts(principal).filter(uuid=uuid).first()


def visible_products(principal) -> QuerySet[Product]:
    qs = Product.objects.select_related("lot", "lot__contract", "provider")
    if principal is None:
        return qs.none()
    if principal.role in (Role.CONTRACT_MANAGER, Role.CASE_MANAGER, Role.TEAM_LEADER):
        return qs.filter(lot__contract__region_id=principal.region_id)
    if is_provider(principal):
        return qs.filter(provider_id=principal.organisation.pk)
    return qs.none()


def referable_products(principal, component_kind: str, route: str, today: dt.date):
    """Products a case manager may choose for a PIP component: same kind, the route's lot (or the
    lot "overig"), running on ``today``. Each with its provider's mark for the lot's route."""
    kinds = [k for k, c in PRODUCT_COMPONENT.items() if c == component_kind]
    qs = (
        visible_products(principal)
        .filter(kind__in=kinds, period_end__gte=today)
        .filter(Q(lot__route=route) | Q(lot__route=Route.OTHER))
        .order_by("provider__name", "name")
    )
    return list(qs)


@dataclass(frozen=True)
class SpendRow:
    provider: Organisation | None
    committed: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.committed - self.paid


@dataclass(frozen=True)
class FundingRow:
    funding: str
    label: str
    committed: Decimal
    unconfirmed: bool  # includes a family or other migrant's PVT or MAP (SPUK not confirmed)
    municipal: bool  # False for "own": the newcomer pays, not the municipality


def contract_spend(contract: Contract) -> dict:
    """Committed (price of accepted, placed, started and finished enrolments) against paid
    (invoices entered), for the contract and per provider, side by side; and the commitment per
    funding (:mod:`regie.offer.funding`: SPUK, gemeentefonds, paid by the newcomer himself).
    What a family or other migrant pays himself is not municipal spend: it is left out of
    "committed" and shown on its own line. Three queries (enrolments, invoices, providers),
    whatever the number of enrolments."""
    zero = Decimal("0.00")
    committed: dict[int, Decimal] = {}
    per_funding: dict[str, Decimal] = {}
    unconfirmed: set[str] = set()
    rows_by_kind = list(
        Enrolment.objects.filter(product__lot__contract=contract, status__in=COMMITTED)
        .values("provider", "client__target_group", "client__regime", "product__kind")
        .annotate(total=Sum("price"))
        .values_list("provider", "client__target_group", "client__regime", "product__kind", "total")
    )
    for provider_id, group, regime, kind, total in rows_by_kind:
        wi2013 = regime == Regime.WI2013
        funding = funding_for(group, kind, wi2013=wi2013)
        per_funding[funding] = per_funding.get(funding, zero) + total
        if funding_unconfirmed(group, kind, wi2013=wi2013):
            unconfirmed.add(funding)
        if funding != Funding.OWN:
            committed[provider_id] = committed.get(provider_id, zero) + total
    paid = dict(
        Invoice.objects.filter(contract=contract)
        .values("provider")
        .annotate(total=Sum("amount"))
        .values_list("provider", "total")
    )
    ids = set(committed) | set(paid) | {r[0] for r in rows_by_kind}
    orgs = Organisation.objects.in_bulk(ids)
    rows = [
        SpendRow(orgs.get(pk), committed.get(pk) or zero, paid.get(pk) or zero)
        for pk in sorted(ids, key=lambda pk: orgs[pk].name if pk in orgs else "")
    ]
    total = SpendRow(
        None, sum((r.committed for r in rows), zero), sum((r.paid for r in rows), zero)
    )
    funding_rows = [
        FundingRow(
            f.value, str(f.label), per_funding[f.value], f.value in unconfirmed, f != Funding.OWN
        )
        for f in Funding
        if f.value in per_funding
    ]
    return {"rows": rows, "total": total, "budget": contract.budget, "funding": funding_rows}


def committed_by_municipality(contract: Contract) -> list[dict]:
    """The committed price of the contract's enrolments per municipality, each enrolment
    attributed to the municipality the client lived in on its start date (else the referral
    date), from the residence history (``clients.residence``): a client who moved within the
    region costs the old municipality before the move and the new one after it. Three queries."""
    from regie.clients.models import Residence

    rows = list(
        Enrolment.objects.filter(product__lot__contract=contract, status__in=COMMITTED).values(
            "client_id", "client__municipality_id", "price", "start_date", "referred_on"
        )
    )
    periods: dict[int, list] = {}
    for r in Residence.objects.filter(client_id__in={row["client_id"] for row in rows}).values(
        "client_id", "municipality_id", "valid_from", "valid_to"
    ):
        periods.setdefault(r["client_id"], []).append(r)
    totals: dict[int, Decimal] = {}
    for row in rows:
        day = row["start_date"] or row["referred_on"]
        where = row["client__municipality_id"]
        for r in periods.get(row["client_id"], []):
            if (r["valid_from"] is None or r["valid_from"] <= day) and (
                r["valid_to"] is None or r["valid_to"] >= day
            ):
                where = r["municipality_id"]
                break
        totals[where] = totals.get(where, Decimal("0.00")) + row["price"]
    names = dict(Organisation.objects.filter(pk__in=totals).values_list("pk", "name"))
    return [
        {"municipality": names.get(pk, ""), "committed": total}
        for pk, total in sorted(totals.items(), key=lambda item: names.get(item[0], ""))
    ]


# --- groups, critical mass, waiting list ----------------------------------------------------


def visible_groups(principal) -> QuerySet[Group]:
    qs = Group.objects.select_related("product", "product__provider", "product__lot")
    if is_contract_manager(principal) or (
        principal is not None and principal.role in (Role.CASE_MANAGER, Role.TEAM_LEADER)
    ):
        return qs.filter(product__lot__contract__region_id=principal.region_id)
    if is_provider(principal):
        return qs.filter(product__provider_id=principal.organisation.pk)
    return qs.none()


@dataclass
class GroupHealth:
    group: Group
    size: int
    levels: list[str]
    too_small: bool
    too_full: bool
    mixed_levels: bool

    @property
    def level_labels(self) -> str:
        """The start levels by their names ("Onder A1, A1, B1"), never the stored codes."""
        names = dict(CefrLevel.choices)
        return ", ".join(str(names.get(level, level)) for level in self.levels)

    @property
    def spread(self) -> int:
        idx = [i for i in (level_index(level) for level in self.levels) if i is not None]
        return (max(idx) - min(idx)) if idx else 0


def group_health(groups) -> list[GroupHealth]:
    """Per group: its size (accepted, placed, started enrolments in it) against the minimum and
    maximum, and the spread of the enrolments' start levels (more than one CEFR step is mixed)."""
    groups = list(groups)
    levels: dict[int, list[str]] = {g.pk: [] for g in groups}
    for group_id, level in Enrolment.objects.filter(
        group__in=groups, status__in=IN_GROUP
    ).values_list("group_id", "level"):
        levels[group_id].append(level)
    result = []
    for g in groups:
        lv = levels[g.pk]
        idx = [i for i in (level_index(x) for x in lv) if i is not None]
        spread = (max(idx) - min(idx)) if idx else 0
        result.append(
            GroupHealth(
                group=g,
                size=len(lv),
                levels=sorted({x for x in lv if x}, key=lambda x: level_index(x) or 0),
                too_small=len(lv) < g.min_size,
                too_full=len(lv) > g.max_size,
                mixed_levels=spread > 1,
            )
        )
    return result


def target_level(route: str, scaled_to_a2: bool) -> str:
    """The PIP level the route aims at: B1 (A2 after afschalen, Wi2021 art. 17 lid 3), A1 for Z."""
    if route == Route.Z:
        return CefrLevel.A1
    if scaled_to_a2:
        return CefrLevel.A2
    return CefrLevel.B1


def start_levels(client_ids) -> dict[int, str]:
    """The estimated Dutch level from the brede intake (language domain), as a CEFR level."""
    rows = DomainRecord.objects.filter(
        intake__client_id__in=list(client_ids), domain="language"
    ).values_list("intake__client_id", "data")
    return {
        cid: INTAKE_LEVELS[data.get("dutch_level")]
        for cid, data in rows
        if isinstance(data, dict) and data.get("dutch_level") in INTAKE_LEVELS
    }


@dataclass
class Waiting:
    client: Client
    component_uuid: object
    route: str
    target_level: str
    start_level: str


def waiting_for_product(product: Product, clients: QuerySet[Client]) -> list[Waiting]:
    """Clients (from ``clients``) whose decided PIP has a component of the product's kind, with
    no active enrolment for that kind and the component not completed; for language products of
    a route's lot only clients in that route, and at the product's level (the PIP level). For a
    language or KNM course only asylum holders: family and other migrants arrange their own."""
    from regie.plans.models import Component

    kind = PRODUCT_COMPONENT[product.kind]
    same_kind = [k for k, c in PRODUCT_COMPONENT.items() if c == kind]
    if product.kind in COURSE_KINDS:
        # a family or other migrant arranges and pays his own language/KNM course (DUO loan):
        # never on a course waiting list (issue 9 item 3)
        clients = clients.filter(target_group=TargetGroup.ASYLUM)
    active = Enrolment.objects.filter(
        client_id=OuterRef("client_id"), status__in=ACTIVE, product__kind__in=same_kind
    )
    comps = (
        Component.objects.filter(
            kind=kind,
            completed_on__isnull=True,
            plan_version__status="decided",
            client__in=clients.exclude(status=ClientStatus.CLOSED),
        )
        .annotate(enrolled=Exists(active))
        .filter(enrolled=False)
        .select_related("client", "client__municipality", "plan_version")
        .order_by("client__surname", "client_id")
    )
    if product.lot.route != Route.OTHER:
        comps = comps.filter(plan_version__route=product.lot.route)
    comps = list(comps)
    levels = start_levels({c.client_id for c in comps})
    result = []
    for c in comps:
        target = target_level(c.plan_version.route, c.plan_version.scaled_to_a2)
        if product.kind == ProductKind.LANGUAGE and product.level and product.level != target:
            continue
        result.append(
            Waiting(c.client, c.uuid, c.plan_version.route, target, levels.get(c.client_id, ""))
        )
    return result


def place_matches(client: Client, location: str) -> bool:
    """Simple place match: the client's municipality name appears in the location text."""
    name = client.municipality.name if client.municipality_id else ""
    return bool(name) and name.lower() in (location or "").lower()


def waiting_for_group(group: Group, waiting: list[Waiting]) -> list[Waiting]:
    """Of a product's waiting list, those who match the group's place and level: the client's
    municipality name appears in the group's location, and his start level (from the intake) is
    at most one CEFR step from the group's level (unknown levels match)."""
    result = []
    gi = level_index(group.level) if group.level else None
    for w in waiting:
        if not place_matches(w.client, group.location):
            continue
        wi = level_index(w.start_level) if w.start_level else None
        if gi is not None and wi is not None and abs(gi - wi) > 1:
            continue
        result.append(w)
    return result


def waiting_overview(principal, products, clients: QuerySet[Client] | None = None) -> list[dict]:
    """Per product: the waiting list and, per planned group, who matches place and level.

    ``clients`` defaults to every client of the principal's region (for the contract manager's
    counts); views that show names pass ``visible_clients(principal)``.
    """
    if clients is None:
        clients = Client.objects.filter(municipality__region_id=principal.region_id)
    result = []
    for product in products:
        waiting = waiting_for_product(product, clients)
        groups = [
            {"group": g, "matches": waiting_for_group(g, waiting)}
            for g in product.groups.order_by("start_date", "name")
        ]
        result.append({"product": product, "waiting": waiting, "groups": groups})
    return result


# --- enrolments -----------------------------------------------------------------------------


def visible_enrolments(principal) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.select_related(
        "client", "client__municipality", "product", "product__lot", "provider", "group"
    )
    if principal is None:
        return qs.none()
    if is_provider(principal):
        return qs.filter(provider_id=principal.organisation.pk)
    if principal.role in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return qs.filter(client__in=visible_clients(principal))
    return qs.none()


def get_visible_enrolment(principal, uuid) -> Enrolment | None:
    return visible_enrolments(principal).filter(uuid=uuid).first()


def provider_client_scope(principal) -> Q:
    """SCOPE_EXTENSIONS['aanbieder']: exactly the clients with a (not refused) enrolment with the
    provider; a subquery, so the client list stays distinct."""
    return Q(
        pk__in=Enrolment.objects.filter(provider_id=principal.organisation.pk)
        .exclude(status=EnrolmentStatus.REFUSED)
        .values("client_id")
    )


def current_components(client: Client):
    """The components of the client's current decided PIP version that a product can serve."""
    from regie.plans.models import PlanVersion

    version = (
        PlanVersion.objects.filter(client=client, status="decided").order_by("-number").first()
    )
    if version is None:
        return None, []
    comps = list(version.components.filter(kind__in=REFERABLE_COMPONENTS).order_by("id"))
    return version, comps


def enrolment_counts(qs) -> dict:
    return dict(qs.values("status").annotate(n=Count("id")).values_list("status", "n"))


def client_report_summary(client: Client, *, today: dt.date | None = None) -> dict | None:
    """What the providers reported about one client, for the dossier and the progress review
    (so nobody asks the provider twice): attendance in total and over the last four weeks, the
    latest CEFR level per skill, KNM themes completed, exam attempts and drop-out. Two queries."""
    from django.db.models import Sum

    from .models import ProviderReport, ReportKind

    today = today or dt.date.today()
    reports = ProviderReport.objects.filter(enrolment__client=client)
    if not reports.exists():
        return None
    attendance = reports.filter(kind=ReportKind.ATTENDANCE)
    total = attendance.aggregate(offered=Sum("hours_offered"), attended=Sum("hours_attended"))
    recent = attendance.filter(date__gte=today - dt.timedelta(weeks=4)).aggregate(
        offered=Sum("hours_offered"), attended=Sum("hours_attended")
    )

    def rate(block):
        if not block["offered"]:
            return None
        return round(100 * float(block["attended"] or 0) / float(block["offered"]))

    levels: dict[str, str] = {}
    themes, exams, dropout = [], [], None
    for report in reports.exclude(kind=ReportKind.ATTENDANCE).order_by("date", "id"):
        if report.kind == ReportKind.PROGRESS:
            levels[report.skill] = report.get_level_display()
        elif report.kind == ReportKind.KNM_THEME:
            themes.append(report.theme)
        elif report.kind == ReportKind.EXAM:
            exams.append(report)
        elif report.kind == ReportKind.DROPOUT:
            dropout = report
    return {
        "offered": total["offered"] or 0,
        "attended": total["attended"] or 0,
        "rate": rate(total),
        "recent_rate": rate(recent),
        "levels": sorted(levels.items()),
        "themes": themes,
        "exams": exams,
        "dropout": dropout,
    }


# --- aggregates of the provider reports (read by regie.reporting for the quality figures) ---

CEFR_RANK = {str(level): rank for rank, level in enumerate(CEFR_ORDER)}
# Enrolments that count as started (for the drop-out rate) and as running (for the signals).
STARTED_STATUSES = (EnrolmentStatus.STARTED, EnrolmentStatus.FINISHED, EnrolmentStatus.DROPPED)
RUNNING_STATUSES = (EnrolmentStatus.PLACED, EnrolmentStatus.STARTED)
QUALITY_ENROLMENT_FIELDS = (
    "pk",
    "client_id",
    "provider_id",
    "provider__name",
    "product_id",
    "product__name",
    "group_id",
    "group__name",
    "status",
    "start_date",
    "level",
    "target_level",
    "product__level",
    "product__hours",
    "product__hours_per_week",
)


def may_view_quality(principal) -> bool:
    """Quality figures are for the contract manager and for provider staff (their own)."""
    return principal is not None and principal.role in (
        Role.CONTRACT_MANAGER,
        Role.PROVIDER_STAFF,
    )


def quality_scope(principal) -> QuerySet[Enrolment]:
    """The enrolments behind the quality figures. Contract manager: his region's contracts.
    Provider staff: their own enrolments. Nobody else."""
    qs = Enrolment.objects.all()
    if principal is None:
        return qs.none()
    if principal.role == Role.CONTRACT_MANAGER:
        return qs.filter(product__lot__contract__region_id=principal.region_id)
    if principal.role == Role.PROVIDER_STAFF:
        return qs.filter(provider_id=principal.organisation.pk)
    return qs.none()


def quality_enrolment_rows(scope: QuerySet[Enrolment]) -> list[dict]:
    """One dict per enrolment (``QUALITY_ENROLMENT_FIELDS``), plus ``started`` and ``dropped``
    flags from its status (one query)."""
    rows = list(scope.values(*QUALITY_ENROLMENT_FIELDS).order_by("provider__name", "pk"))
    for row in rows:
        row["dropped_status"] = row["status"] == EnrolmentStatus.DROPPED
        row["started_status"] = row["status"] in STARTED_STATUSES
    return rows


def _reports_in(scope: QuerySet[Enrolment], start: dt.date | None, end: dt.date | None):
    from .models import ProviderReport

    period = Q()
    if start:
        period &= Q(date__gte=start)
    if end:
        period &= Q(date__lte=end)
    return ProviderReport.objects.filter(period, enrolment__in=scope)


def report_aggregates(
    scope: QuerySet[Enrolment], *, start: dt.date | None = None, end: dt.date | None = None
) -> dict:
    """What the providers reported about the enrolments in ``scope`` in [start, end], per
    enrolment id (four queries): ``attendance`` {id: {"offered", "attended"}}, ``levels``
    {id: {skill: latest level}}, ``exams`` {id: [{"date", "passed"}] by date} and ``dropped``
    (ids with a drop-out report)."""
    from collections import defaultdict

    from .models import ReportKind

    reports = _reports_in(scope, start, end)
    attendance = {
        row["enrolment_id"]: row
        for row in reports.filter(kind=ReportKind.ATTENDANCE)
        .values("enrolment_id")
        .annotate(offered=Sum("hours_offered"), attended=Sum("hours_attended"))
    }
    levels: dict[int, dict[str, str]] = defaultdict(dict)
    for row in (
        reports.filter(kind=ReportKind.PROGRESS)
        .values("enrolment_id", "skill", "level")
        .order_by("date", "id")
    ):
        levels[row["enrolment_id"]][row["skill"]] = row["level"]
    exams: dict[int, list[dict]] = defaultdict(list)
    for row in (
        reports.filter(kind=ReportKind.EXAM)
        .values("enrolment_id", "date", "passed")
        .order_by("date")
    ):
        exams[row["enrolment_id"]].append(row)
    dropped = set(reports.filter(kind=ReportKind.DROPOUT).values_list("enrolment_id", flat=True))
    return {"attendance": attendance, "levels": levels, "exams": exams, "dropped": dropped}


def attendance_per_provider_quarter(scope: QuerySet[Enrolment], start: dt.date, end: dt.date):
    """Hours offered and attended per provider per quarter in [start, end] (one query): rows
    with provider_id, provider_name, quarter (a date), offered, attended."""
    from django.db.models.functions import TruncQuarter

    from .models import ProviderReport, ReportKind

    rows = (
        ProviderReport.objects.filter(
            kind=ReportKind.ATTENDANCE, enrolment__in=scope, date__gte=start, date__lte=end
        )
        .annotate(quarter=TruncQuarter("date"))
        .values("enrolment__provider_id", "enrolment__provider__name", "quarter")
        .annotate(offered=Sum("hours_offered"), attended=Sum("hours_attended"))
        .order_by("enrolment__provider__name", "quarter")
    )
    result = []
    for row in rows:
        quarter = row["quarter"]
        if isinstance(quarter, dt.datetime):
            quarter = quarter.date()
        result.append(
            {
                "provider_id": row["enrolment__provider_id"],
                "provider_name": row["enrolment__provider__name"],
                "quarter": quarter,
                "offered": row["offered"],
                "attended": row["attended"],
            }
        )
    return result


def attendance_per_provider(scope: QuerySet[Enrolment], since: dt.date, until: dt.date):
    """Hours offered and attended per provider, reports dated after ``since`` up to ``until``
    (one query): rows with provider_id, provider_name, offered, attended."""
    from .models import ProviderReport, ReportKind

    return [
        {
            "provider_id": row["enrolment__provider_id"],
            "provider_name": row["enrolment__provider__name"],
            "offered": row["offered"],
            "attended": row["attended"],
        }
        for row in ProviderReport.objects.filter(
            kind=ReportKind.ATTENDANCE, date__gt=since, date__lte=until, enrolment__in=scope
        )
        .values("enrolment__provider_id", "enrolment__provider__name")
        .annotate(offered=Sum("hours_offered"), attended=Sum("hours_attended"))
        .order_by("enrolment__provider__name")
    ]


def running_attendance_of_clients(clients: QuerySet[Client], since: dt.date, until: dt.date):
    """Hours offered and attended per running enrolment (placed or started) of ``clients``,
    reports dated after ``since`` up to ``until`` (one query): rows with enrolment_id,
    offered, attended."""
    from .models import ProviderReport, ReportKind

    return list(
        ProviderReport.objects.filter(
            kind=ReportKind.ATTENDANCE,
            date__gt=since,
            date__lte=until,
            enrolment__client__in=clients,
            enrolment__status__in=RUNNING_STATUSES,
        )
        .values("enrolment_id")
        .annotate(offered=Sum("hours_offered"), attended=Sum("hours_attended"))
    )


def enrolments_by_id(ids) -> list[Enrolment]:
    """Enrolments with their client, provider and product (one query)."""
    return list(
        Enrolment.objects.filter(pk__in=list(ids)).select_related("client", "provider", "product")
    )


def provider_report_count(provider_id: int, since: dt.date) -> int:
    """How many reports a provider sent dated on or after ``since``."""
    from .models import ProviderReport

    return ProviderReport.objects.filter(provider_id=provider_id, date__gte=since).count()


# --- the provider's own enrolment list (issue 14) -----------------------------------------------
# Enrolments a provider still reports on day to day: accepted, placed in a group, started. The
# pre-filled report template lists these.
OPEN_FOR_REPORTING = (EnrolmentStatus.ACCEPTED, EnrolmentStatus.PLACED, EnrolmentStatus.STARTED)


def provider_enrolment_filters(principal) -> dict:
    """The products and groups a provider may filter its enrolment list on: only its own
    organisation's (two queries)."""
    if not is_provider(principal):
        return {"products": [], "groups": []}
    org = principal.organisation.pk
    products = list(Product.objects.filter(provider_id=org).order_by("name"))
    groups = list(
        Group.objects.filter(product__provider_id=org)
        .select_related("product")
        .order_by("start_date", "name")
    )
    return {"products": products, "groups": groups}


def provider_enrolment_list(
    principal, *, status: str = "", product: str = "", group: str = ""
) -> QuerySet[Enrolment]:
    """The provider's own enrolments, filtered by status, product and group (uuids as text; an
    unreadable one filters nothing away silently: it gives no rows)."""
    import uuid as uuid_module

    if not is_provider(principal):
        return Enrolment.objects.none()
    qs = visible_enrolments(principal)
    if status in EnrolmentStatus.values:
        qs = qs.filter(status=status)
    for field, raw in (("product__uuid", product), ("group__uuid", group)):
        if raw:
            try:
                qs = qs.filter(**{field: uuid_module.UUID(str(raw))})
            except ValueError:
                return qs.none()
    return qs
