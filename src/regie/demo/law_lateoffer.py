"""Demo for issue 9 items 2 and 3 (late offer, family migrants), called from the loader.

* A family migrant with PVT and MAP enrolments (tagged SPUK, *Niet bevestigd*) and no language or
  KNM course on the waiting list: he arranges and pays his own course.
* An asylum holder whose language/KNM education did not start within the months after the PIP,
  with a late-offer statement (a letter) in his dossier; nothing goes to DUO's outbox.

Idempotent: a second run finds what the first made and adds nothing.
"""

from decimal import Decimal

from django.utils import timezone

from regie.clients.models import Client, ClientStatus, TargetGroup
from regie.core.models import RoleAssignment
from regie.core.principal import Principal
from regie.core.roles import Role


def _case_manager(client: Client) -> Principal | None:
    assignment = (
        RoleAssignment.objects.filter(
            user=client.case_manager, role=Role.CASE_MANAGER, is_active=True
        )
        .select_related("user", "organisation", "organisation__region")
        .first()
    )
    return Principal.from_assignment(assignment) if assignment else None


def _decided(region, target_group):
    return (
        Client.objects.filter(
            municipality__region=region,
            target_group=target_group,
            status__in=[ClientStatus.PLAN_DECIDED, ClientStatus.IN_ROUTE],
            case_manager__isnull=False,
        )
        .exclude(regime="wi2013")  # items 2-3 are Wi2021 rules
        .select_related("municipality")
        .order_by("id")
    )


def _family_migrant_with_pvt_and_map(region) -> int:
    from regie.offer import services
    from regie.offer.models import Enrolment, Lot, Product, ProductKind, Route
    from regie.offer.selectors import current_components

    lot = Lot.objects.filter(contract__region=region, route=Route.OTHER).first()
    if lot is None:
        return 0
    products = {}
    for kind, price, hours in ((ProductKind.PVT, "450.00", 12), (ProductKind.MAP, "1200.00", 40)):
        product = Product.objects.filter(lot=lot, kind=kind).first()
        if product is None:
            provider = lot.contract.subcontractors.order_by("name").first()
            if provider is None:
                return 0
            product = Product.objects.create(
                lot=lot,
                provider=provider,
                kind=kind,
                name=f"{ProductKind(kind).label} – {provider.name}",
                price=Decimal(price),
                hours=hours,
                hours_per_week=Decimal("4.0"),
                location="Leslocatie Hoorn, Enkhuizen, Medemblik",
                capacity=40,
                period_start=lot.contract.period_start,
                period_end=lot.contract.period_end,
            )
        products[kind] = product
    for client in _decided(region, TargetGroup.FAMILY)[:20]:
        _version, components = current_components(client)
        wanted = {c.kind: c for c in components if c.kind in ("pvt", "map")}
        if set(wanted) != {"pvt", "map"}:
            continue
        if Enrolment.objects.filter(client=client, product__kind__in=["pvt", "map"]).exists():
            return 0  # made by an earlier run
        cm = _case_manager(client)
        if cm is None:
            continue
        from regie.core.context import acting_as

        with acting_as(user=cm.user, principal=cm, channel="cli"):
            for component in wanted.values():
                services.refer(cm, client, component.uuid, products[component.kind])
        return len(wanted)
    return 0


def _new_late_offer_client(region) -> Client | None:
    """When the generated caseload has no asylum holder whose education started late, one more
    household at the casework's "late_offer" stage, taken through the same real services."""
    import random

    from django.utils import timezone

    from regie.clients import lifecycle
    from regie.clients.models import Household
    from regie.core.bsn import demo_bsns
    from regie.core.context import acting_as
    from regie.core.models import Organisation
    from regie.core.roles import OrganisationKind
    from regie.demo import casework

    team = Organisation.objects.filter(region=region, kind=OrganisationKind.TEAM).first()
    municipality = (
        Organisation.objects.filter(region=region, kind=OrganisationKind.MUNICIPALITY)
        .order_by("name")
        .first()
    )
    if team is None or municipality is None:
        return None
    cms, tl = casework._principals(team)
    if not cms:
        return None
    cm = cms[0]
    used = set(Client.objects.values_list("bsn", flat=True))
    bsn = next(b for b in demo_bsns(200, start=90000) if b not in used)
    rng = random.Random(2021)
    today = timezone.localdate()
    dates = casework._dates("late_offer", today, rng)
    household = Household.objects.create(
        name=f"Gezin Mebrahtu ({municipality.name})", municipality=municipality
    )
    client = Client.objects.create(
        bsn=bsn,
        given_names="Senait",
        surname="Mebrahtu",
        date_of_birth=today.replace(year=today.year - 31, day=1),
        nationality="Eritrese",
        languages="Tigrinya",
        municipality=municipality,
        team=team,
        household=household,
        is_obliged=True,
        status=lifecycle.initial_status(True),
        target_group=TargetGroup.ASYLUM,
        permit_type="asiel",
        case_manager=cm.user,
        **dates,
    )
    providers = list(
        Organisation.objects.filter(region=region, kind=OrganisationKind.PROVIDER).exclude(
            name__icontains="Vluchtelingenwerk"
        )
    )
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        casework._advance(client, "late_offer", cm, tl, dates, today, rng, providers)
    return client


def _asylum_holder_with_late_offer_statement(region) -> int:
    from regie.core.context import acting_as
    from regie.progress import services
    from regie.progress.models import LateOfferStatement
    from regie.progress.selectors import late_offer_check

    if LateOfferStatement.objects.filter(client__municipality__region=region).exists():
        return 0
    today = timezone.localdate()
    late = next(
        (c for c in _decided(region, TargetGroup.ASYLUM)[:200] if late_offer_check(c, today).late),
        None,
    )
    late = late or _new_late_offer_client(region)
    cm = _case_manager(late) if late else None
    if cm is None or not late_offer_check(late, today).late:
        return 0
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        services.issue_late_offer_statement(cm, late)
    return 1


def load(region) -> dict:
    return {
        "family_enrolments": _family_migrant_with_pvt_and_map(region),
        "late_offer_statements": _asylum_holder_with_late_offer_statement(region),
    }
