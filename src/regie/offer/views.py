"""Thin views of the offer: providers and quality marks, contracts with spend, groups with their
critical mass and the waiting list, enrolments, and the dossier part "Aanbod".

Scoping lives in ``selectors`` (an object outside the principal's scope is a 404, a page his
role may not use a 403); rules live in ``services``; every client shown is access-logged.
"""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients.selectors import Access, visible_clients
from regie.clients.views import open_dossier
from regie.core.audit import log_access
from regie.core.errors import ConflictError
from regie.core.models import AccessLogEntry
from regie.core.roles import Role
from regie.core.views.forms import render_form

from . import funding, selectors, services
from .forms import (
    ContractForm,
    FinishForm,
    GroupForm,
    InvoiceForm,
    LotForm,
    MarkForm,
    PlaceForm,
    ProductForm,
    ReferForm,
    RefuseForm,
    StartForm,
    VersionForm,
)
from .models import EnrolmentStatus, Group

ENROLMENT_ACCESSES = {Access.FULL, Access.READ, Access.ENROLMENT}
STATUS_TINT = {
    EnrolmentStatus.REFERRED: "neutral",
    EnrolmentStatus.ACCEPTED: "info",
    EnrolmentStatus.PLACED: "info",
    EnrolmentStatus.STARTED: "positive",
    EnrolmentStatus.FINISHED: "positive",
    EnrolmentStatus.DROPPED: "negative",
    EnrolmentStatus.REFUSED: "warning",
}


def _today():
    return timezone.localdate()


def _posted(request):
    """The POST data (also when empty, so an empty submit shows the errors), else None."""
    return request.POST if request.method == "POST" else None


def _fields(form):
    """Each field with how to render it: radios/checkboxes in a fieldset, others as form_field."""
    rows = []
    for bound in form:
        widget = bound.field.widget
        if isinstance(widget, django_forms.HiddenInput):
            kind = "hidden"
        elif isinstance(widget, django_forms.RadioSelect | django_forms.CheckboxSelectMultiple):
            kind = "radios"
        else:
            kind = "field"
        rows.append({"field": bound, "kind": kind})
    return rows


def _fail(form, error):
    """Put a service's refusal (an ``OfferError``) on the form so the summary shows it."""
    if hasattr(error, "error_dict"):  # a refusal that names its field: next to that field
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    for message in error.messages:
        form.add_error(None, message)


def _form_page(
    request, form, *, title, submit, cancel, intro="", extra=None, template=None, conflict=None
):
    context = {
        "form": form,
        "fields": _fields(form),
        "title": title,
        "submit": submit,
        "cancel": cancel,
        "intro": intro,
        **(extra or {}),
    }
    return render_form(request, template or "offer/form.html", context, form, conflict=conflict)


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied


# --- start page ---------------------------------------------------------------------------------


def mark_warning_card(request, principal):
    """Contract manager: quality marks that expire within the warning period, or expired."""
    if not selectors.is_contract_manager(principal):
        return None
    data = selectors.expiring_marks(principal, _today())
    return {
        "template": "offer/_home_marks.html",
        "key": "keurmerken",
        "order": 8,
        "title": _("Keurmerken van aanbieders"),
        **data,
    }


# --- providers and quality marks ----------------------------------------------------------------


def providers(request):
    principal = request.principal
    _require(selectors.may_manage_marks(principal))
    today = _today()
    rows = [
        {"provider": p, "marks": selectors.mark_overview(p, today)}
        for p in selectors.visible_providers(principal)
    ]
    return render(
        request,
        "offer/providers.html",
        {"rows": rows, "days": selectors.mark_warning_days(today), "today": today},
    )


def provider_detail(request, uuid):
    principal = request.principal
    _require(selectors.may_manage_marks(principal))
    provider = selectors.visible_providers(principal).filter(uuid=uuid).first()
    if provider is None:
        raise Http404
    form = MarkForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_mark(principal, provider, **form.cleaned_data)
        except services.OfferError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Het keurmerk is vastgelegd."))
            return redirect("offer:provider_detail", uuid=provider.uuid)
    today = _today()
    return _form_page(
        request,
        form,
        title=_("Keurmerk vastleggen"),
        submit=_("Keurmerk vastleggen"),
        cancel=reverse("offer:providers"),
        template="offer/provider_detail.html",
        extra={
            "provider": provider,
            "marks": provider.quality_marks.order_by("kind", "-valid_until"),
            "overview": selectors.mark_overview(provider, today),
            "today": today,
        },
    )


# --- contracts ----------------------------------------------------------------------------------


def _contract_or_404(request, uuid):
    _require(selectors.is_contract_manager(request.principal))
    contract = selectors.get_visible_contract(request.principal, uuid)
    if contract is None:
        raise Http404
    return contract


def contracts(request):
    principal = request.principal
    _require(selectors.is_contract_manager(principal))
    rows = [
        {"contract": c, "spend": selectors.contract_spend(c)}
        for c in selectors.visible_contracts(principal)
    ]
    return render(request, "offer/contracts.html", {"rows": rows})


def contract_create(request):
    principal = request.principal
    _require(selectors.is_contract_manager(principal))
    form = ContractForm(_posted(request), parties=selectors.contractor_choices(principal))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            contract = services.create_contract(
                principal, subcontractors=data.pop("subcontractors"), **data
            )
        except services.OfferError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Het contract is vastgelegd. Voeg nu de percelen toe."))
            return redirect("offer:contract_detail", uuid=contract.uuid)
    return _form_page(
        request,
        form,
        title=_("Contract vastleggen"),
        submit=_("Contract vastleggen"),
        cancel=reverse("offer:contracts"),
    )


def contract_detail(request, uuid):
    contract = _contract_or_404(request, uuid)
    today = _today()
    products = list(
        selectors.visible_products(request.principal)
        .filter(lot__contract=contract)
        .order_by("lot__route", "provider__name", "name")
    )
    for product in products:
        mark = selectors.required_mark(product.lot.route)
        product.mark_ok = mark is None or bool(
            selectors.valid_mark(product.provider, product.lot.route, today)
        )
    return render(
        request,
        "offer/contract_detail.html",
        {
            "contract": contract,
            "subcontractors": contract.subcontractors.order_by("name"),
            "lots": contract.lots.all(),
            "products": products,
            "invoices": contract.invoices.select_related("provider"),
            "spend": selectors.contract_spend(contract),
            "by_municipality": selectors.committed_by_municipality(contract),
        },
    )


def lot_create(request, uuid):
    contract = _contract_or_404(request, uuid)
    form = LotForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.add_lot(request.principal, contract, **form.cleaned_data)
        messages.success(request, _("Het perceel is toegevoegd."))
        return redirect("offer:contract_detail", uuid=contract.uuid)
    return _form_page(
        request,
        form,
        title=_("Perceel toevoegen aan %(c)s") % {"c": contract.name},
        submit=_("Perceel toevoegen"),
        cancel=reverse("offer:contract_detail", args=[contract.uuid]),
    )


def _parties(contract):
    from regie.core.models import Organisation

    ids = [contract.main_contractor_id, *contract.subcontractors.values_list("pk", flat=True)]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def product_create(request, uuid):
    contract = _contract_or_404(request, uuid)
    if not contract.lots.exists():
        messages.info(request, _("Voeg eerst een perceel toe; een product hoort bij een perceel."))
        return redirect("offer:lot_create", uuid=contract.uuid)
    form = ProductForm(
        _posted(request),
        lots=contract.lots.all(),
        parties=_parties(contract).filter(kind="aanbieder"),
        initial={"period_start": contract.period_start, "period_end": contract.period_end},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lot = data.pop("lot")
        try:
            services.add_product(request.principal, lot, **data)
        except services.OfferError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Het product is toegevoegd."))
            return redirect("offer:contract_detail", uuid=contract.uuid)
    return _form_page(
        request,
        form,
        title=_("Product toevoegen aan %(c)s") % {"c": contract.name},
        submit=_("Product toevoegen"),
        cancel=reverse("offer:contract_detail", args=[contract.uuid]),
    )


def invoice_create(request, uuid):
    contract = _contract_or_404(request, uuid)
    form = InvoiceForm(_posted(request), parties=_parties(contract), contract=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_invoice(request.principal, contract, **form.cleaned_data)
        except services.OfferError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("De factuur is vastgelegd."))
            return redirect("offer:contract_detail", uuid=contract.uuid)
    return _form_page(
        request,
        form,
        title=_("Factuur vastleggen bij %(c)s") % {"c": contract.name},
        submit=_("Factuur vastleggen"),
        cancel=reverse("offer:contract_detail", args=[contract.uuid]),
    )


# --- groups and waiting list --------------------------------------------------------------------


def _may_see_groups(principal) -> bool:
    return selectors.is_contract_manager(principal) or selectors.is_provider(principal)


def groups(request):
    principal = request.principal
    _require(_may_see_groups(principal))
    qs = selectors.visible_groups(principal).order_by("start_date", "name")
    health = selectors.group_health(qs)
    only = request.GET.get("toon")
    if only == "aandacht":
        health = [h for h in health if h.too_small or h.mixed_levels or h.too_full]
    return render(
        request,
        "offer/groups.html",
        {
            "health": health,
            "only": only,
            "can_create": selectors.is_provider(principal),
            "today": _today(),
        },
    )


def group_create(request):
    principal = request.principal
    _require(selectors.is_provider(principal))
    products = selectors.visible_products(principal).order_by("name")
    form = GroupForm(_posted(request), products=products)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        product = data.pop("product")
        try:
            group = services.create_group(principal, product, **data)
        except services.OfferError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("De groep is gepland."))
            return redirect("offer:group_detail", uuid=group.uuid)
    return _form_page(
        request,
        form,
        title=_("Groep plannen"),
        submit=_("Groep plannen"),
        cancel=reverse("offer:groups"),
    )


def group_detail(request, uuid):
    principal = request.principal
    _require(_may_see_groups(principal))
    group = selectors.visible_groups(principal).filter(uuid=uuid).first()
    if group is None:
        raise Http404
    health = selectors.group_health([group])[0]
    enrolments = []
    if selectors.is_provider(principal):
        enrolments = list(
            selectors.visible_enrolments(principal)
            .filter(group=group)
            .order_by("client__surname", "id")
        )
        log_access(
            principal,
            [(e.client.pk, e.client.bsn) for e in enrolments],
            part="aanbod-groep",
            activity="dossier-inzien",
            action=AccessLogEntry.Action.LIST,
        )
    waiting = selectors.waiting_for_product(
        group.product, selectors.Client.objects.filter(municipality__region_id=principal.region_id)
    )
    matches = selectors.waiting_for_group(group, waiting)
    return render(
        request,
        "offer/group_detail.html",
        {
            "group": group,
            "health": health,
            "enrolments": enrolments,
            "waiting_count": len(waiting),
            "match_count": len(matches),
        },
    )


def waiting_list(request):
    """Contract manager: counts per product and group for the whole region (no names). Case
    manager and team leader: the same for the clients they may see, with their names."""
    principal = request.principal
    names = principal is not None and principal.role in (Role.CASE_MANAGER, Role.TEAM_LEADER)
    _require(selectors.is_contract_manager(principal) or names)
    products = selectors.visible_products(principal).prefetch_related("groups")
    clients = visible_clients(principal) if names else None
    overview = selectors.waiting_overview(principal, products, clients)
    if names:
        shown = {w.client.pk: w.client.bsn for row in overview for w in row["waiting"]}
        log_access(
            principal,
            shown.items(),
            part="aanbod-wachtlijst",
            activity="dossier-inzien",
            action=AccessLogEntry.Action.LIST,
        )
    return render(request, "offer/waiting_list.html", {"overview": overview, "show_names": names})


# --- enrolments (provider) ----------------------------------------------------------------------


def _enrolment_or_404(request, uuid):
    enrolment = selectors.get_visible_enrolment(request.principal, uuid)
    if enrolment is None:
        raise Http404
    return enrolment


ENROLMENTS_PER_PAGE = 50


def _enrolment_filters(request) -> dict:
    return {k: request.GET.get(k, "")[:64] for k in ("status", "product", "group")}


def enrolments(request):
    """The provider's own enrolments with the identifier its report CSV needs (``inschrijving``),
    filtered by status, product and group; keyset pages of 50, oldest referral first."""
    from regie.core.paging import keyset

    principal = request.principal
    _require(selectors.is_provider(principal))
    chosen = _enrolment_filters(request)
    qs = selectors.provider_enrolment_list(principal, **chosen)
    page = keyset(request, qs, order=("referred_on", "id"), per_page=ENROLMENTS_PER_PAGE)
    rows = page["rows"]
    log_access(
        principal,
        {(e.client.pk, e.client.bsn) for e in rows},
        part="inschrijvingen",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.LIST,
    )
    query = request.GET.copy()
    query.pop("na", None)
    return render(
        request,
        "offer/enrolments.html",
        {
            "rows": rows,
            "page": page,
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "filter_query": query.urlencode(),
            "statuses": EnrolmentStatus.choices,
            "tint": STATUS_TINT,
            **selectors.provider_enrolment_filters(principal),
        },
    )


ENROLMENT_CSV_HEADER = [
    "inschrijving",
    "naam",
    "bsn",
    "leerroute",
    "product",
    "groep",
    "startdatum",
    "einddatum",
    "status",
]


def enrolments_csv(request):
    """The same list (same filters, every page) as CSV: only the fields docs/roles.md gives
    provider staff (name, masked BSN, route, product, group, schedule) and the identifier."""
    from regie.core.csvexport import csv_response

    principal = request.principal
    _require(selectors.is_provider(principal))
    qs = selectors.provider_enrolment_list(principal, **_enrolment_filters(request))
    rows = list(qs.order_by("referred_on", "id"))
    log_access(
        principal,
        {(e.client.pk, e.client.bsn) for e in rows},
        part="inschrijvingen",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.EXPORT,
    )

    def day(value):
        return value.strftime("%d-%m-%Y") if value else ""

    body = (
        [
            str(e.uuid),
            e.client.full_name,
            e.client.masked_bsn,
            e.product.lot.get_route_display(),
            e.product.name,
            e.group.name if e.group else "",
            day(e.start_date),
            day(e.end_date),
            e.get_status_display(),
        ]
        for e in rows
    )
    return csv_response("inschrijvingen.csv", ENROLMENT_CSV_HEADER, body)


def enrolments_report_template(request):
    """The report upload's CSV, one row per open enrolment (accepted, placed, started) with its
    identifier filled in: the provider adds kenmerk, datum and hours and uploads it."""
    from django.http import HttpResponse

    from . import provider_reports

    principal = request.principal
    _require(selectors.is_provider(principal))
    uuids = (
        selectors.visible_enrolments(principal)
        .filter(status__in=selectors.OPEN_FOR_REPORTING)
        .order_by("referred_on", "id")
        .values_list("uuid", flat=True)
    )
    response = HttpResponse(
        "\ufeff" + provider_reports.prefilled_template_csv(uuids),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="meldingen-open-inschrijvingen.csv"'
    return response


def enrolment_detail(request, uuid):
    enrolment = _enrolment_or_404(request, uuid)
    log_access(
        request.principal,
        [(enrolment.client.pk, enrolment.client.bsn)],
        part="inschrijving",
        activity="dossier-inzien",
    )
    is_own = selectors.is_provider(request.principal)
    steps = []
    if is_own:
        s = enrolment.status
        if s == EnrolmentStatus.REFERRED:
            steps = [("accepteren", _("Aanmelding accepteren")), ("weigeren", _("Weigeren"))]
        elif s == EnrolmentStatus.ACCEPTED:
            steps = [("plaatsen", _("In groep plaatsen")), ("weigeren", _("Weigeren"))]
        elif s == EnrolmentStatus.PLACED:
            steps = [("starten", _("Start vastleggen")), ("plaatsen", _("Plaatsing wijzigen"))]
        elif s == EnrolmentStatus.STARTED:
            steps = [("afronden", _("Afronden"))]
    return render(
        request,
        "offer/enrolment_detail.html",
        {"enrolment": enrolment, "steps": steps, "tint": STATUS_TINT},
    )


STEPS = {
    "accepteren": (VersionForm, _("Aanmelding accepteren")),
    "weigeren": (RefuseForm, _("Aanmelding weigeren")),
    "plaatsen": (PlaceForm, _("In groep plaatsen")),
    "starten": (StartForm, _("Start vastleggen")),
    "afronden": (FinishForm, _("Inschrijving afronden")),
}


def enrolment_step(request, uuid, step):
    if step not in STEPS:
        raise Http404
    principal = request.principal
    _require(selectors.is_provider(principal))
    enrolment = _enrolment_or_404(request, uuid)
    form_class, title = STEPS[step]
    kwargs = {}
    initial = {"version": enrolment.version}
    if step == "plaatsen":
        kwargs["groups"] = Group.objects.filter(product=enrolment.product).order_by("start_date")
        initial.update(
            {
                "group": enrolment.group.uuid if enrolment.group else None,
                "start_date": enrolment.start_date,
                "end_date": enrolment.end_date,
                "level": enrolment.level,
            }
        )
    if step == "starten":
        initial["started_on"] = enrolment.start_date
    form = form_class(_posted(request), initial=initial, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if step == "accepteren":
                services.accept(principal, enrolment, version)
                done = _("De aanmelding is geaccepteerd.")
            elif step == "weigeren":
                services.refuse(principal, enrolment, version, data["reason"])
                done = _("De aanmelding is geweigerd. De klantregisseur ziet de reden.")
            elif step == "plaatsen":
                services.place(principal, enrolment, version, **data)
                done = _("De klant is in de groep geplaatst.")
            elif step == "starten":
                services.start(principal, enrolment, version, data["started_on"])
                done = _("De start is vastgelegd. De klantregisseur ziet de startdatum in het PIP.")
            else:
                services.finish(principal, enrolment, version, data["ended_on"], data["reason"])
                done = _("De inschrijving is afgerond.")
        except services.OfferError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, done)
            return redirect("offer:enrolment_detail", uuid=enrolment.uuid)
    return _form_page(
        request,
        form,
        title=title,
        submit=title,
        cancel=reverse("offer:enrolment_detail", args=[enrolment.uuid]),
        intro=_("%(name)s – %(product)s")
        % {"name": enrolment.client.full_name, "product": enrolment.product.name},
        conflict=conflict,
    )


# --- dossier part "Aanbod" ----------------------------------------------------------------------


def dossier(request, uuid):
    client, access, context = open_dossier(
        request, uuid, part="aanbod", url_name="offer:dossier", allowed=ENROLMENT_ACCESSES
    )
    qs = selectors.visible_enrolments(request.principal).filter(client=client)
    enrolled = list(qs.order_by("-referred_on", "-id"))
    components = []
    if access == Access.FULL:
        _version, comps = selectors.current_components(client)
        active = {
            e.component_uuid for e in enrolled if e.status in selectors.ACTIVE and e.component_uuid
        }
        own_course = funding.pays_own_course(client.target_group, wi2013=client.is_wi2013)
        components = [
            {
                "component": c,
                "enrolled": c.uuid in active,
                "own_course": own_course and c.kind in selectors.COURSE_COMPONENTS,
            }
            for c in comps
        ]
    for e in enrolled:
        # who pays: the one function a later finance app reuses (offer.funding)
        e.funding_label = funding.funding_label(funding.enrolment_funding(e))
        e.funding_unconfirmed = funding.funding_unconfirmed(
            client.target_group, e.product.kind, wi2013=client.is_wi2013
        )
    context.update(
        {
            "own_course": funding.pays_own_course(client.target_group, wi2013=client.is_wi2013),
            "enrolments": enrolled,
            "components": components,
            "tint": STATUS_TINT,
            "report_summary": selectors.client_report_summary(client),
        }
    )
    return render(request, "offer/dossier.html", context)


def refer_voluntary(request, uuid):
    """The voluntary offer for a Wet inburgering 2013 client: no PIP component (issue 9)."""
    client, access, context = open_dossier(
        request, uuid, part="aanbod", url_name="offer:dossier", allowed={Access.FULL}
    )
    if not client.is_wi2013:
        raise Http404
    today = _today()
    products = list(
        selectors.visible_products(request.principal)
        .filter(period_end__gte=today)
        .select_related("provider", "lot")
        .order_by("provider__name", "name")
    )
    options = [
        {"product": p, "refusal": services.mark_refusal(p.provider, p.lot.route, today)}
        for p in products
    ]
    form = ReferForm(_posted(request), products=products)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.refer_voluntary(request.principal, client, form.cleaned_data["product"])
        except services.OfferError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(
                request, _("De klant is aangemeld. De aanbieder accepteert of weigert.")
            )
            return redirect("offer:dossier", uuid=client.uuid)
    context.update({"form": form, "component": None, "plan_version": None, "options": options})
    return render_form(request, "offer/refer.html", context, form, conflict=conflict)


def refer(request, uuid, component):
    client, access, context = open_dossier(
        request, uuid, part="aanbod", url_name="offer:dossier", allowed={Access.FULL}
    )
    version, comps = selectors.current_components(client)
    comp = next((c for c in comps if c.uuid == component), None)
    if comp is None:
        raise Http404
    today = _today()
    products = selectors.referable_products(request.principal, comp.kind, version.route, today)
    options = []
    for p in products:
        refusal = services.mark_refusal(p.provider, p.lot.route, today)
        options.append({"product": p, "refusal": refusal})
    form = ReferForm(_posted(request), products=products)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.refer(request.principal, client, comp.uuid, form.cleaned_data["product"])
        except services.OfferError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(
                request, _("De klant is aangemeld. De aanbieder accepteert of weigert.")
            )
            return redirect("offer:dossier", uuid=client.uuid)
    context.update(
        {
            "form": form,
            "component": comp,
            "plan_version": version,
            "options": options,
        }
    )
    return render_form(request, "offer/refer.html", context, form, conflict=conflict)
