"""State changes of the offer, each in one transaction, scoped, with the rule in its docstring.

* Quality marks (contract manager, functioneel beheerder): :func:`add_mark`.
* Contracts (contract manager, own region): :func:`create_contract`, :func:`add_lot`,
  :func:`add_product`, :func:`add_invoice`.
* Groups (provider staff, own products): :func:`create_group`, :func:`update_group`.
* Enrolment: the case manager (Access.FULL) refers (:func:`refer`); the provider accepts or
  refuses, places in a group, starts and finishes (:func:`accept`, :func:`refuse`,
  :func:`place`, :func:`start`, :func:`finish`). Starting feeds the PIP component's offer start
  and the late-offer deadline.

Raises :class:`OfferError` (a ``ValidationError`` whose Dutch message says what to do) for a
step the rules do not allow, ``PermissionDenied`` for a principal who may not act, and
``core.locking.VersionConflict`` when the enrolment changed since it was read.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients import lifecycle
from regie.clients.models import Client, ClientStatus, TargetGroup
from regie.clients.selectors import Access, dossier_access
from regie.core.locking import save_with_version
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

from . import selectors
from .funding import COURSE_KINDS, pays_own_course
from .models import (
    Contract,
    Enrolment,
    EnrolmentStatus,
    Group,
    Invoice,
    Lot,
    MarkKind,
    Product,
    QualityMark,
    Route,
)


class OfferError(ValidationError):
    """A step the rules do not allow; ``message`` is Dutch and says what to do."""


def _today() -> dt.date:
    return timezone.localdate()


def _user(principal):
    return principal.user if principal is not None else None


def mark_refusal(provider, route: str, on_date: dt.date) -> str | None:
    """The Dutch refusal when the provider lacks the mark the route requires, else None."""
    kind = selectors.required_mark(route)
    if kind is None or selectors.valid_mark(provider, route, on_date):
        return None
    return _(
        "%(provider)s heeft op %(date)s geen geldig %(mark)s. Een aanbieder zonder dit "
        "keurmerk mag geen nieuwe inschrijvingen voor de %(route)s krijgen. Kies een product van "
        "een andere aanbieder, of vraag de contractmanager het keurmerk vast te leggen."
    ) % {
        "provider": provider.name,
        "date": on_date.strftime("%d-%m-%Y"),
        "mark": MarkKind(kind).label,
        "route": Route(route).label,
    }


# --- quality marks ----------------------------------------------------------------------------


@transaction.atomic
def add_mark(principal, provider: Organisation, **values) -> QualityMark:
    """Record a provider's quality mark (Blik op Werk Keurmerk Inburgeren for the B1- and Z-route,
    diploma-erkenning for the onderwijsroute). Contract manager or
    functioneel beheerder of the provider's region."""
    if not selectors.may_manage_marks(principal):
        raise PermissionDenied
    if not selectors.visible_providers(principal).filter(pk=provider.pk).exists():
        raise PermissionDenied
    if values["valid_until"] < values["valid_from"]:
        raise OfferError(_("De datum 'geldig tot en met' moet op of na 'geldig vanaf' liggen."))
    return QualityMark.objects.create(provider=provider, **values)


# --- contracts --------------------------------------------------------------------------------


def _require_contract_manager(principal, contract: Contract | None = None) -> None:
    if not selectors.is_contract_manager(principal):
        raise PermissionDenied
    if contract is not None and contract.region_id != principal.region_id:
        raise PermissionDenied


def _check_period(start, end, what):
    if start and end and end < start:
        raise OfferError(
            _("Het einde van %(what)s moet op of na het begin liggen.") % {"what": what}
        )


@transaction.atomic
def create_contract(principal, *, subcontractors=(), **values) -> Contract:
    """A framework agreement of the region with a main contractor and its subcontractors."""
    _require_contract_manager(principal)
    allowed = selectors.contractor_choices(principal)
    main = values["main_contractor"]
    if not allowed.filter(pk=main.pk).exists():
        raise OfferError(_("Kies een hoofdaannemer uit uw regio."))
    subs = list(subcontractors)
    if any(not allowed.filter(pk=s.pk).exists() for s in subs):
        raise OfferError(_("Kies onderaannemers uit uw regio."))
    if main in subs:
        raise OfferError(_("De hoofdaannemer kan niet ook onderaannemer zijn."))
    _check_period(values["period_start"], values["period_end"], _("de looptijd"))
    contract = Contract.objects.create(region_id=principal.region_id, **values)
    contract.subcontractors.set(subs)
    return contract


@transaction.atomic
def add_lot(principal, contract: Contract, *, route: str, name: str) -> Lot:
    """A lot (perceel) per route of a contract."""
    _require_contract_manager(principal, contract)
    return Lot.objects.create(contract=contract, route=route, name=name)


def contract_parties(contract: Contract) -> list[Organisation]:
    return [contract.main_contractor, *contract.subcontractors.order_by("name")]


@transaction.atomic
def add_product(principal, lot: Lot, **values) -> Product:
    """A product in a lot, delivered by the main contractor or one of its subcontractors; the
    product's period lies within the contract's period."""
    _require_contract_manager(principal, lot.contract)
    contract = lot.contract
    if values["provider"] not in contract_parties(contract):
        raise OfferError(_("Kies als aanbieder de hoofdaannemer of een onderaannemer."))
    if values["provider"].kind != OrganisationKind.PROVIDER:
        raise OfferError(
            _("Kies als aanbieder een taalaanbieder; %(name)s is geen aanbieder.")
            % {"name": values["provider"].name}
        )
    _check_period(values["period_start"], values["period_end"], _("het product"))
    if values["period_start"] < contract.period_start or values["period_end"] > contract.period_end:
        raise OfferError(
            _("De periode van het product moet binnen de looptijd van het contract liggen.")
        )
    if values["hours_per_week"] <= 0:
        raise OfferError(_("Vul het aantal uren per week in als een getal groter dan 0."))
    return Product.objects.create(lot=lot, **values)


@transaction.atomic
def invoice_date_problem(contract, value):
    """The Dutch refusal of an invoice dated outside its contract's period, or None."""
    if contract is None or value is None:
        return None
    if contract.period_start <= value <= contract.period_end:
        return None
    return _(
        "De factuurdatum ligt buiten de looptijd van het contract (%(a)s tot en met %(b)s). "
        "Vul een datum binnen de looptijd in."
    ) % {
        "a": contract.period_start.strftime("%d-%m-%Y"),
        "b": contract.period_end.strftime("%d-%m-%Y"),
    }


def add_invoice(principal, contract: Contract, **values) -> Invoice:
    """An invoice entered against a contract (paid spend), from one of its parties."""
    _require_contract_manager(principal, contract)
    if values["provider"] not in contract_parties(contract):
        raise OfferError(_("Kies de hoofdaannemer of een onderaannemer van dit contract."))
    if values["amount"] <= 0:
        raise OfferError(_("Vul een bedrag groter dan 0 in."))
    problem = invoice_date_problem(contract, values.get("invoice_date"))
    if problem:
        raise OfferError({"invoice_date": problem})
    if Invoice.objects.filter(provider=values["provider"], number=values["number"]).exists():
        raise OfferError(
            _("Factuur %(n)s van deze aanbieder is al vastgelegd. Controleer het factuurnummer.")
            % {"n": values["number"]}
        )
    return Invoice.objects.create(contract=contract, **values)


# --- groups -----------------------------------------------------------------------------------


GROUP_FIELDS = ["name", "level", "location", "start_date", "min_size", "max_size"]


def _check_group(product: Product, values: dict) -> None:
    if values["max_size"] < values["min_size"] or values["max_size"] < 1:
        raise OfferError(
            _("De maximale groepsgrootte moet minstens 1 zijn en niet kleiner dan de minimale.")
        )
    start = values["start_date"]
    if start < product.period_start or start > product.period_end:
        raise OfferError(
            _("De startdatum moet binnen de periode van het product liggen (%(a)s tot %(b)s).")
            % {
                "a": product.period_start.strftime("%d-%m-%Y"),
                "b": product.period_end.strftime("%d-%m-%Y"),
            }
        )


def _require_own_product(principal, product: Product) -> None:
    if not selectors.is_provider(principal) or product.provider_id != principal.organisation.pk:
        raise PermissionDenied


@transaction.atomic
def create_group(principal, product: Product, **values) -> Group:
    """A planned group of one of the provider's own products, within the product's period."""
    _require_own_product(principal, product)
    _check_group(product, values)
    return Group.objects.create(product=product, **values)


@transaction.atomic
def update_group(principal, group: Group, **values) -> Group:
    """Change a planned group of the provider's own product."""
    _require_own_product(principal, group.product)
    merged = {name: values.get(name, getattr(group, name)) for name in GROUP_FIELDS}
    _check_group(group.product, merged)
    for name, value in merged.items():
        setattr(group, name, value)
    group.save()
    return group


# --- enrolment --------------------------------------------------------------------------------


@transaction.atomic
def refer(
    principal, client: Client, component_uuid, product: Product, level: str = ""
) -> Enrolment:
    """Refer a client from a component of his decided PIP to a product (case manager with the
    full dossier). The price of the product is the commitment. Refused when the provider has no
    valid quality mark for the lot's route on the referral date, when the
    product does not serve the component, or when the component already has an active
    enrolment, or when a family or other migrant is referred to a language or KNM course (he
    arranges and pays it himself, :mod:`regie.offer.funding`)."""
    if dossier_access(principal, client) != Access.FULL:
        raise PermissionDenied
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status == ClientStatus.CLOSED:
        raise OfferError(_("Dit dossier is gesloten. U kunt de klant niet meer aanmelden."))
    version, components = selectors.current_components(client)
    component = next((c for c in components if str(c.uuid) == str(component_uuid)), None)
    if component is None:
        raise OfferError(
            _(
                "Kies een onderdeel van het vastgestelde PIP van deze klant. Zonder vastgesteld "
                "PIP kunt u niet aanmelden."
            )
        )
    if not selectors.visible_products(principal).filter(pk=product.pk).exists():
        raise OfferError(_("Kies een product uit de contracten van uw regio."))
    if selectors.PRODUCT_COMPONENT[product.kind] != component.kind:
        raise OfferError(
            _("Het product %(product)s past niet bij het onderdeel %(component)s. Kies een ander.")
            % {"product": product.name, "component": str(component)}
        )
    if product.lot.route not in (Route.OTHER, version.route):
        raise OfferError(
            _("Het product hoort bij de %(lot)s; het PIP van de klant is de %(route)s.")
            % {"lot": product.lot.get_route_display(), "route": version.get_route_display()}
        )
    if product.kind in COURSE_KINDS and pays_own_course(client.target_group):
        raise OfferError(
            _(
                "Een gezinsmigrant of overige migrant regelt en betaalt zijn taal- en KNM-cursus "
                "zelf (een lening van DUO is mogelijk). De gemeente meldt hem daarvoor niet aan. "
                "PVT en MAP kunt u wel aanmelden."
            )
        )
    today = _today()
    if product.period_end < today:
        raise OfferError(_("Dit product loopt niet meer. Kies een product dat nu loopt."))
    refusal = mark_refusal(product.provider, product.lot.route, today)
    if refusal:
        raise OfferError(refusal)
    if Enrolment.objects.filter(
        client=client, component_uuid=component.uuid, status__in=selectors.ACTIVE
    ).exists():
        raise OfferError(
            _("Voor dit onderdeel loopt al een aanmelding. Bekijk die eerst op de pagina Aanbod.")
        )
    return Enrolment.objects.create(
        client=client,
        component_uuid=component.uuid,
        product=product,
        provider=product.provider,
        level=level or selectors.start_levels([client.pk]).get(client.pk, ""),
        target_level=selectors.target_level(version.route, version.scaled_to_a2)
        if component.kind == "language"
        else "",
        price=product.price,
        referred_by=_user(principal),
        referred_on=today,
    )


@transaction.atomic
def refer_voluntary(principal, client: Client, product: Product) -> Enrolment:
    """Enrol a Wet inburgering 2013 client in the voluntary offer (issue 9): he has no PIP, so
    the enrolment has no PIP component and feeds no Wi2021 deadline. Any running product of the
    region's contracts; the provider's quality mark is checked as for a referral from a PIP."""
    if dossier_access(principal, client) != Access.FULL:
        raise PermissionDenied
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status == ClientStatus.CLOSED:
        raise OfferError(_("Dit dossier is gesloten. U kunt de klant niet meer aanmelden."))
    if not client.is_wi2013:
        raise OfferError(_("Meld deze klant aan vanuit een onderdeel van zijn vastgestelde PIP."))
    if not selectors.visible_products(principal).filter(pk=product.pk).exists():
        raise OfferError(_("Kies een product uit de contracten van uw regio."))
    today = _today()
    if product.period_end < today:
        raise OfferError(_("Dit product loopt niet meer. Kies een product dat nu loopt."))
    refusal = mark_refusal(product.provider, product.lot.route, today)
    if refusal:
        raise OfferError(refusal)
    if Enrolment.objects.filter(
        client=client, product=product, status__in=selectors.ACTIVE
    ).exists():
        raise OfferError(_("Voor dit product loopt al een aanmelding van deze klant."))
    return Enrolment.objects.create(
        client=client,
        component_uuid=None,
        product=product,
        provider=product.provider,
        level=selectors.start_levels([client.pk]).get(client.pk, ""),
        target_level="",
        price=product.price,
        referred_by=_user(principal),
        referred_on=today,
    )


def _require_own_enrolment(principal, enrolment: Enrolment) -> Enrolment:
    if not selectors.is_provider(principal) or enrolment.provider_id != principal.organisation.pk:
        raise PermissionDenied
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def _expect(enrolment: Enrolment, allowed, message) -> None:
    if enrolment.status not in allowed:
        raise OfferError(message)


@transaction.atomic
def accept(principal, enrolment: Enrolment, expected_version: int) -> Enrolment:
    """The provider accepts a referral; from now on its price counts as committed spend. A
    provider without a valid mark for the route cannot receive the enrolment."""
    enrolment = _require_own_enrolment(principal, enrolment)
    _expect(
        enrolment,
        [EnrolmentStatus.REFERRED],
        _("Alleen een nieuwe aanmelding kunt u accepteren. Deze is al %(s)s.")
        % {"s": enrolment.get_status_display().lower()},
    )
    today = _today()
    refusal = mark_refusal(enrolment.provider, enrolment.product.lot.route, today)
    if refusal:
        raise OfferError(refusal)
    enrolment.status = EnrolmentStatus.ACCEPTED
    enrolment.accepted_on = today
    save_with_version(enrolment, expected_version, fields=["status", "accepted_on"], audit=True)
    return enrolment


@transaction.atomic
def refuse(principal, enrolment: Enrolment, expected_version: int, reason: str) -> Enrolment:
    """The provider refuses a referral (or an accepted enrolment before placement), with the
    reason; the case manager can then refer the client elsewhere."""
    enrolment = _require_own_enrolment(principal, enrolment)
    _expect(
        enrolment,
        [EnrolmentStatus.REFERRED, EnrolmentStatus.ACCEPTED],
        _("Een inschrijving die al geplaatst of gestart is, kunt u niet meer weigeren."),
    )
    if not (reason or "").strip():
        raise OfferError(_("Vul de reden in waarom u de aanmelding weigert."))
    enrolment.status = EnrolmentStatus.REFUSED
    enrolment.ended_reason = reason.strip()[:300]
    save_with_version(enrolment, expected_version, fields=["status", "ended_reason"], audit=True)
    return enrolment


@transaction.atomic
def place(
    principal,
    enrolment: Enrolment,
    expected_version: int,
    *,
    group: Group,
    start_date: dt.date,
    end_date: dt.date | None = None,
    level: str | None = None,
) -> Enrolment:
    """Place an accepted client in a planned group of the same product, with start and end date.
    The group may not be full (its maximum size)."""
    enrolment = _require_own_enrolment(principal, enrolment)
    _expect(
        enrolment,
        [EnrolmentStatus.ACCEPTED, EnrolmentStatus.PLACED],
        _("Accepteer de aanmelding eerst; daarna kunt u de klant in een groep plaatsen."),
    )
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.product_id != enrolment.product_id:
        raise OfferError(_("Kies een groep van het product waarvoor de klant is aangemeld."))
    taken = (
        Enrolment.objects.filter(group=group, status__in=selectors.IN_GROUP)
        .exclude(pk=enrolment.pk)
        .count()
    )
    if taken >= group.max_size:
        raise OfferError(
            _("Groep %(g)s is vol (%(n)s deelnemers). Kies een andere groep.")
            % {"g": group.name, "n": group.max_size}
        )
    if end_date and end_date < start_date:
        raise OfferError(_("De einddatum moet op of na de startdatum liggen."))
    enrolment.group = group
    enrolment.start_date = start_date
    enrolment.end_date = end_date
    if level is not None:
        enrolment.level = level
    enrolment.status = EnrolmentStatus.PLACED
    save_with_version(
        enrolment,
        expected_version,
        fields=["group", "start_date", "end_date", "level", "status"],
        audit=True,
    )
    return enrolment


def _feed_component(enrolment: Enrolment, started_on: dt.date) -> None:
    """Write the PIP component's offer start if it is still empty (never overwrite what the case
    manager recorded); the deadlines follow (``clients.deadlines``), so the late-offer deadline is
    met."""
    from regie.plans.models import Component

    if enrolment.component_uuid is None:
        return
    component = (
        Component.objects.select_for_update()
        .filter(uuid=enrolment.component_uuid, client_id=enrolment.client_id)
        .first()
    )
    if component is not None and component.offer_start is None:
        component.offer_start = started_on
        component.version += 1
        component.save(update_fields=["offer_start", "version"])
        # keep copies in an open revision in step, as plans.services.record_progress does
        Component.objects.filter(
            copied_from=component,
            plan_version__status__in=["draft", "submitted"],
            offer_start__isnull=True,
        ).update(offer_start=started_on)
    if component is not None:
        # plan decided -> in route (a no-op once in route, or for a closed dossier); the saved
        # offer start brings the late-offer deadline up to date through the deadline hook
        client = Client.objects.get(pk=enrolment.client_id)
        lifecycle.transition(client, lifecycle.START_ROUTE)


@transaction.atomic
def start(principal, enrolment: Enrolment, expected_version: int, started_on: dt.date) -> Enrolment:
    """The client started: the start date may not lie in the future. The PIP component's offer
    start is filled (if empty) and the late-offer deadline recomputed."""
    enrolment = _require_own_enrolment(principal, enrolment)
    _expect(
        enrolment,
        [EnrolmentStatus.PLACED],
        _("Plaats de klant eerst in een groep; daarna kunt u de start vastleggen."),
    )
    if started_on > _today():
        raise OfferError(_("De startdatum kan niet in de toekomst liggen. Vul de echte start in."))
    enrolment.status = EnrolmentStatus.STARTED
    enrolment.start_date = started_on
    save_with_version(enrolment, expected_version, fields=["status", "start_date"], audit=True)
    _feed_component(enrolment, started_on)
    return enrolment


@transaction.atomic
def finish(
    principal, enrolment: Enrolment, expected_version: int, ended_on: dt.date, reason: str = ""
) -> Enrolment:
    """The client finished the product (end date not in the future, not before the start)."""
    enrolment = _require_own_enrolment(principal, enrolment)
    _expect(
        enrolment,
        [EnrolmentStatus.STARTED],
        _("Alleen een gestarte inschrijving kunt u afronden."),
    )
    if ended_on > _today():
        raise OfferError(_("De einddatum kan niet in de toekomst liggen."))
    if enrolment.start_date and ended_on < enrolment.start_date:
        raise OfferError(_("De einddatum moet op of na de startdatum liggen."))
    enrolment.status = EnrolmentStatus.FINISHED
    enrolment.end_date = ended_on
    enrolment.ended_reason = (reason or "").strip()[:300]
    save_with_version(
        enrolment, expected_version, fields=["status", "end_date", "ended_reason"], audit=True
    )
    return enrolment


# --- demo data --------------------------------------------------------------------------------

DEMO_CONTRACT = "Raamovereenkomst inburgering Westfriesland 2025-2028"
DEMO_PROVIDERS = ["Fiolet", "TCI Compiti", "Wereldcollege", "JAR-opleidingen", "Stichting EDINOVA"]
DEMO_EDUCATION = "Horizon College"


@transaction.atomic
def load_demo_offer(region) -> dict:
    """Demo offer for Westfriesland (idempotent): quality marks for the six language providers
    (one expiring within 60 days, one expired), the framework contract with GR WerkSaam as main
    contractor and the providers as subcontractors, lots B1, onderwijs and Z, products, groups,
    and enrolments for demo clients whose decided PIP has a language component."""
    from decimal import Decimal

    from regie.plans.models import Component

    today = _today()
    providers = {
        o.name: o
        for o in Organisation.objects.filter(region=region, kind=OrganisationKind.PROVIDER)
    }
    names = [n for n in [*DEMO_PROVIDERS, DEMO_EDUCATION] if n in providers]
    main = Organisation.objects.filter(
        region=region, kind=OrganisationKind.JOINT_BODY, name__icontains="WerkSaam"
    ).first()
    if main is None or not names:
        return {"contract": None, "enrolments": 0}
    marks = 0
    for i, name in enumerate(names):
        provider = providers[name]
        if QualityMark.objects.filter(provider=provider).exists():
            continue
        kind = MarkKind.DIPLOMA if name == DEMO_EDUCATION else MarkKind.KEURMERK
        if i == 1:
            until = today + dt.timedelta(days=45)  # expires within 60 days
        elif i == 4:
            until = today - dt.timedelta(days=20)  # expired
        else:
            until = today + dt.timedelta(days=700 + 30 * i)
        QualityMark.objects.create(
            provider=provider,
            kind=kind,
            reference=f"BOW-{2023 + i % 2}-{1000 + i}",
            valid_from=until - dt.timedelta(days=3 * 365),
            valid_until=until,
        )
        marks += 1
    period_start = dt.date(today.year - 1, 1, 1)
    period_end = dt.date(today.year + 2, 12, 31)
    contract, created = Contract.objects.get_or_create(
        region=region,
        name=DEMO_CONTRACT,
        defaults={
            "reference": "WF-INB-2025-01",
            "main_contractor": main,
            "period_start": period_start,
            "period_end": period_end,
            "budget": Decimal("4200000.00"),
        },
    )
    if not created:
        return {"contract": contract.pk, "marks": marks, "enrolments": 0}
    contract.subcontractors.set([providers[n] for n in names])
    lots = {
        Route.B1: Lot.objects.create(contract=contract, route=Route.B1, name="Perceel 1: B1-route"),
        Route.EDUCATION: Lot.objects.create(
            contract=contract, route=Route.EDUCATION, name="Perceel 2: onderwijsroute"
        ),
        Route.Z: Lot.objects.create(contract=contract, route=Route.Z, name="Perceel 3: Z-route"),
        Route.OTHER: Lot.objects.create(
            contract=contract, route=Route.OTHER, name="Perceel 4: KNM, PVT en MAP"
        ),
    }
    places = ["Hoorn", "Enkhuizen", "Medemblik", "Hoorn", "Stede Broec"]
    products = []
    common = {"period_start": period_start, "period_end": period_end}
    for i, name in enumerate(n for n in names if n != DEMO_EDUCATION):
        provider = providers[name]
        place_ = places[i % len(places)]
        products.append(
            Product.objects.create(
                lot=lots[Route.B1],
                provider=provider,
                kind="taal",
                name=f"Taal B1 – {name} {place_}",
                level="b1",
                price=Decimal("9800.00"),
                hours=600,
                hours_per_week=Decimal("12.0"),
                location=f"Leslocatie {place_}",
                daytime=True,
                evening_weekend=i % 2 == 1,
                capacity=48,
                **common,
            )
        )
        Product.objects.create(
            lot=lots[Route.Z],
            provider=provider,
            kind="taal",
            name=f"Z-route taal A1 – {name}",
            level="a1",
            price=Decimal("7600.00"),
            hours=800,
            hours_per_week=Decimal("10.0"),
            location=f"Leslocatie {place_}",
            capacity=24,
            **common,
        )
        Product.objects.create(
            lot=lots[Route.OTHER],
            provider=provider,
            kind="knm",
            name=f"KNM – {name}",
            price=Decimal("850.00"),
            hours=40,
            hours_per_week=Decimal("4.0"),
            location=f"Leslocatie {place_}",
            evening_weekend=True,
            capacity=60,
            **common,
        )
    if DEMO_EDUCATION in providers:
        Product.objects.create(
            lot=lots[Route.EDUCATION],
            provider=providers[DEMO_EDUCATION],
            kind="taalschakeltraject",
            name="Taalschakeltraject Horizon College Hoorn",
            level="b1",
            price=Decimal("16500.00"),
            hours=1500,
            hours_per_week=Decimal("20.0"),
            location="Horizon College, Hoorn",
            capacity=20,
            **common,
        )
    for product in products:
        for n, delta in enumerate((-60, 30)):
            Group.objects.create(
                product=product,
                name=f"{product.provider.name} B1 groep {n + 1}",
                level="a1" if n == 0 else "a2",
                location=product.location,
                start_date=max(period_start, today + dt.timedelta(days=delta)),
                min_size=8,
                max_size=14,
            )
    # Enrolments for demo clients with a decided PIP and a language component: straight through
    # the model (the demo has no provider session), with the first B1 product whose provider has
    # a valid mark, so the data show every status.
    valid_products = [p for p in products if selectors.valid_mark(p.provider, Route.B1, today)]
    components = (
        Component.objects.filter(
            kind="language",
            plan_version__status="decided",
            plan_version__route=Route.B1,
            # family and other migrants arrange their own course (offer.funding)
            client__target_group=TargetGroup.ASYLUM,
            client__municipality__region=region,
            client__status__in=[ClientStatus.PLAN_DECIDED, ClientStatus.IN_ROUTE],
        )
        .select_related("client", "plan_version")
        .order_by("client_id")[:24]
    )
    statuses = [
        EnrolmentStatus.STARTED,
        EnrolmentStatus.PLACED,
        EnrolmentStatus.ACCEPTED,
        EnrolmentStatus.REFERRED,
    ]
    count = 0
    levels = ["a1", "a1", "a2", "pre_a1", "a2", "b1"]
    for i, comp in enumerate(components):
        if not valid_products or Enrolment.objects.filter(component_uuid=comp.uuid).exists():
            continue
        own = [p for p in valid_products if p.provider_id == comp.provider_id]
        product = own[0] if own else valid_products[i % len(valid_products)]
        status = statuses[i % len(statuses)]
        referred = max(comp.plan_version.decision_date or today, today - dt.timedelta(days=90))
        group = None
        start_date = None
        if status in (EnrolmentStatus.PLACED, EnrolmentStatus.STARTED):
            group = product.groups.order_by("start_date").first()
            start_date = comp.offer_start or group.start_date
        Enrolment.objects.create(
            client=comp.client,
            component_uuid=comp.uuid,
            product=product,
            provider=product.provider,
            group=group,
            status=status,
            level=levels[i % len(levels)],
            target_level="b1",
            price=product.price,
            referred_on=min(referred, today),
            accepted_on=min(referred + dt.timedelta(days=7), today)
            if status != EnrolmentStatus.REFERRED
            else None,
            start_date=start_date,
        )
        count += 1
    return {"contract": contract.pk, "marks": marks, "enrolments": count}
