"""Client list (masked BSN, one access-log row per person shown), export, dossier overview."""

from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regie.core import audit_text, search
from regie.core.audit import log_access
from regie.core.csvexport import csv_response
from regie.core.errors import ConflictError
from regie.core.models import AccessLogEntry, AuditEvent
from regie.core.paging import paginate
from regie.core.selectors import municipalities
from regie.core.views.forms import render_form

from . import dossier as dossier_parts
from . import services
from .forms import (
    AssignForm,
    ClientFilterForm,
    ContactForm,
    DatesForm,
    ImportForm,
    RegistrationForm,
    WorklistFilterForm,
)
from .selectors import Access, dossier_access, get_visible_client, search_clients, visible_clients

SORTS = {
    "naam": ("surname", "given_names", "id"),
    "-naam": ("-surname", "-given_names", "-id"),
    "gemeente": ("municipality__name", "surname", "id"),
    "-gemeente": ("-municipality__name", "surname", "id"),
}


def _filtered(request):
    principal = request.principal
    data = request.GET.copy()
    data["q"] = search.recall(request)
    bound = any(data.get(k) for k in ("q", "gemeente", "mijn"))
    form = ClientFilterForm(data if bound else None, municipalities=municipalities(principal))
    qs = visible_clients(principal)
    if form.is_valid():
        qs = search_clients(qs, form.cleaned_data.get("q"))
        if form.cleaned_data.get("gemeente"):
            qs = qs.filter(municipality=form.cleaned_data["gemeente"])
        if form.cleaned_data.get("mijn") and principal.user:
            qs = qs.filter(case_manager_id=principal.user.pk)
    sort = request.GET.get("sorteer", "naam")
    if sort not in SORTS:
        sort = "naam"
    return form, qs.order_by(*SORTS[sort]), sort


def client_list(request):
    if request.method == "POST":
        return search.redirect_with_search(request, "q", keep=("gemeente", "mijn", "sorteer"))
    form, qs, sort = _filtered(request)
    if request.GET.get("formaat") == "csv":
        return _export(request, qs)
    paging = paginate(request, qs, per_page=25)
    shown = list(paging["page"].object_list)
    log_access(
        request.principal,
        [(c.pk, c.bsn) for c in shown],
        part="klantenlijst",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.LIST,
    )
    context = {"form": form, "clients": shown, "sort": sort, **paging}
    template = "clients/_list_results.html" if request.htmx else "clients/list.html"
    return render(request, template, context)


def _export(request, qs):
    rows = list(
        qs.values_list("pk", "bsn", "given_names", "surname", "municipality__name", "status")
    )
    log_access(
        request.principal,
        [(r[0], r[1]) for r in rows],
        part="klantenlijst",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.EXPORT,
    )
    from regie.core.bsn import mask_bsn

    return csv_response(
        "klanten.csv",
        ["bsn (gemaskeerd)", "voornamen", "achternaam", "gemeente", "status"],
        ((mask_bsn(r[1]), r[2], r[3], r[4], r[5]) for r in rows),
    )


def _client_or_404(request, uuid):
    client = get_visible_client(request.principal, uuid)
    if client is None:
        raise Http404
    return client


def open_dossier(
    request, uuid, *, part: str, url_name: str, allowed=None, activity="dossier-inzien"
):
    """The one way into a dossier page: scoped, access level checked, the read logged.

    Returns ``(client, access, context)``; raises 404 when the client is out of scope or the
    access level is not in ``allowed`` (default: every level that may open the dossier).
    """
    client = _client_or_404(request, uuid)
    access = dossier_access(request.principal, client)
    if access is None or (allowed is not None and access not in allowed):
        raise Http404
    log_access(request.principal, [(client.pk, client.bsn)], part=part, activity=activity)
    context = {
        "client": client,
        "access": access,
        "dossier_parts": dossier_parts.parts_for(client, access, url_name),
        "dossier_current": url_name,
        "can_change": access == Access.FULL,
    }
    return client, access, context


def dossier(request, uuid):
    client, access, context = open_dossier(
        request, uuid, part="overzicht", url_name="clients:dossier"
    )
    household = []
    if client.household_id:
        household = list(
            visible_clients(request.principal)
            .filter(household_id=client.household_id)
            .exclude(pk=client.pk)
            .order_by("date_of_birth")
        )
    open_deadlines = list(client.deadlines.filter(met_on__isnull=True).order_by("due_date")[:10])
    from . import duty

    context.update(
        {
            "duty": duty.summary(client),
            "show_full_bsn": access in (Access.FULL, Access.READ),
            "household": household,
            "open_deadlines": open_deadlines,
            "assignments": client.assignments.select_related("user", "assigned_by")[:20],
        }
    )
    return render(request, "clients/dossier.html", context)


def edit_contact(request, uuid):
    client = _client_or_404(request, uuid)
    if dossier_access(request.principal, client) != Access.FULL:
        raise Http404
    initial = {"phone": client.phone, "email": client.email, "version": client.version}
    form = ContactForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_contact(request.principal, client, version, **data)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De contactgegevens zijn opgeslagen."))
            return redirect("clients:dossier", uuid=client.uuid)
    log_access(
        request.principal,
        [(client.pk, client.bsn)],
        part="contactgegevens",
        activity="dossier-inzien",
    )
    return render_form(
        request,
        "clients/contact_form.html",
        {"client": client, "form": form},
        form,
        conflict=conflict,
    )


def edit_dates(request, uuid):
    client, access, context = open_dossier(
        request, uuid, part="datums", url_name="clients:dossier", allowed={Access.FULL}
    )
    initial = {name: getattr(client, name) for name in services.DATE_FIELDS}
    initial["version"] = client.version
    form = DatesForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_dates(request.principal, client, version, **data)
        except ConflictError as exc:
            conflict = exc
        except DjangoValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("De datums zijn opgeslagen. De termijnen zijn opnieuw berekend.")
            )
            return redirect("clients:dossier", uuid=client.uuid)
    context["form"] = form
    return render_form(request, "clients/dates_form.html", context, form, conflict=conflict)


def history(request, uuid):
    client, access, context = open_dossier(
        request,
        uuid,
        part="historie",
        url_name="clients:history",
        allowed={Access.FULL, Access.READ},
    )
    events = AuditEvent.objects.filter(person_id=client.pk).order_by("-at", "-id")
    kind = request.GET.get("soort", "")
    if kind:
        events = events.filter(object_type=kind)
    types = (
        AuditEvent.objects.filter(person_id=client.pk)
        .values_list("object_type", flat=True)
        .distinct()
        .order_by("object_type")
    )
    paging = paginate(request, events, per_page=30)
    for event in paging["page"].object_list:
        event.described = audit_text.describe(event)
    context.update({"kind": kind, "types": [(t, _type_label(t)) for t in types], **paging})
    return render(request, "clients/history.html", context)


def _type_label(object_type: str) -> str:
    return audit_text.type_noun(object_type).capitalize()


# --- registration, import, caseload, worklist -----------------------------------------------


def register(request):
    from django.core.exceptions import PermissionDenied, ValidationError

    from . import registration

    if not registration.may_register(request.principal):
        raise PermissionDenied
    from . import prefill

    scope = municipalities(request.principal)
    context = {"brp_available": prefill.available()}
    if request.method == "POST" and request.POST.get("action") == "brp":
        # "Ophalen uit de BRP": a fresh form with what the register says; nothing is saved.
        form, context["brp"] = prefill.prefill(
            request.principal, RegistrationForm, request.POST, municipalities=scope
        )
        context["form"] = form
        return render_form(
            request, "clients/register.html", context, errors=context["brp"].bad_input
        )
    form = RegistrationForm(request.POST or None, municipalities=scope)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            client = registration.register_client(
                request.principal, team=request.principal.organisation, **data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except registration.RegistrationReferred as referred:
            messages.info(request, str(referred))
            return redirect("clients:list")
        else:
            messages.success(request, _("%(name)s is ingeschreven.") % {"name": client.full_name})
            return redirect("clients:dossier", uuid=client.uuid)
    return render_form(request, "clients/register.html", {**context, "form": form}, form)


def import_start(request):
    from django.core.exceptions import PermissionDenied

    from . import registration
    from .models import ImportJob
    from .tasks import run_linkage_import

    if not registration.may_register(request.principal):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            created_by=request.user,
            assignment_id=request.principal.assignment_id,
            team=request.principal.organisation,
            filename=upload.name[:200],
            content=upload.read(),
        )
        run_linkage_import.enqueue(job.pk)
        return redirect("clients:import_status", uuid=job.uuid)
    return render_form(
        request, "clients/import.html", {"form": form, "columns": registration.COLUMNS}, form
    )


def import_template(request):
    from django.http import HttpResponse

    from . import registration

    response = HttpResponse(
        "\ufeff" + registration.template_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="koppelingslijst-voorbeeld.csv"'
    return response


def import_status(request, uuid):
    from regie.core import jobs

    from .models import ImportJob

    jobs.mark_stale()  # a job whose worker died shows as failed, with the reason
    job = ImportJob.objects.filter(uuid=uuid, created_by=request.user).first()
    if job is None:
        raise Http404
    finished = job.status in (
        ImportJob.Status.DONE,
        ImportJob.Status.REFUSED,
        ImportJob.Status.FAILED,
    )
    context = {"job": job, "finished": finished}
    if request.htmx:
        response = render(request, "clients/_import_progress.html", context)
        if finished:
            response.status_code = 286  # htmx: stop polling
        return response
    return render(request, "clients/import_status.html", context)


def caseload(request):
    from django.core.exceptions import PermissionDenied

    from regie.core.roles import Role

    from .selectors import caseload_overview

    if request.principal.role != Role.TEAM_LEADER:
        raise PermissionDenied
    overview = caseload_overview(request.principal)
    candidates = services.assignment_candidates(request.principal)
    if request.method == "POST":
        munis = municipalities(request.principal)
        municipality = munis.filter(uuid=request.POST.get("gemeente") or None).first()
        manager = (
            candidates["case_manager"].filter(pk=request.POST.get("klantregisseur") or 0).first()
        )
        if municipality is None or manager is None:
            messages.error(request, _("Kies een gemeente en een klantregisseur."))
        else:
            count = services.assign_area(request.principal, municipality, manager)
            messages.success(
                request,
                _("%(n)s klanten uit %(m)s zijn toegewezen aan %(who)s.")
                % {"n": count, "m": municipality.name, "who": manager},
            )
            return redirect("clients:caseload")
    return render(
        request,
        "clients/caseload.html",
        {
            "overview": overview,
            "municipality_choices": municipalities(request.principal),
            "managers": candidates["case_manager"],
        },
    )


def assign_client(request, uuid):
    from django.core.exceptions import PermissionDenied

    from regie.core.roles import Role

    if request.principal.role != Role.TEAM_LEADER:
        raise PermissionDenied
    client, access, context = open_dossier(
        request, uuid, part="toewijzing", url_name="clients:dossier", allowed={Access.FULL}
    )
    candidates = services.assignment_candidates(request.principal)
    initial = {
        "case_manager": client.case_manager,
        "social_guide": client.social_guide,
        "income_consultant": client.income_consultant,
        "version": client.version,
    }
    form = AssignForm(request.POST or None, initial=initial, candidates=candidates)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.assign(request.principal, client, version, **data)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De toewijzing is opgeslagen."))
            return redirect("clients:dossier", uuid=client.uuid)
    context["form"] = form
    return render_form(request, "clients/assign.html", context, form, conflict=conflict)


def worklist_view(request):
    from django.core.exceptions import PermissionDenied

    from regie.core.roles import Role

    from .selectors import worklist

    if request.principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        raise PermissionDenied
    team = request.GET.get("weergave") == "team" or request.principal.role == Role.TEAM_LEADER
    leader = request.principal.role == Role.TEAM_LEADER
    form = WorklistFilterForm(
        request.GET or None, municipalities=municipalities(request.principal), decisions=leader
    )
    municipality = form.cleaned_data.get("gemeente") if form.is_valid() else None
    if leader and form.is_valid() and form.cleaned_data.get("toon") == "besluiten":
        return _decision_worklist(request, form, municipality)
    buckets = worklist(request.principal, mine=not team, municipality=municipality)
    sections = []
    shown = []
    for key, title in (
        ("overdue", _("Te laat")),
        ("this_week", _("Deze week")),
        ("thirty_days", _("Binnen 30 dagen")),
    ):
        rows = list(buckets[key][:100])
        total = buckets[key].count() if len(rows) == 100 else len(rows)
        shown.extend((d.client.pk, d.client.bsn) for d in rows)
        sections.append({"key": key, "title": title, "rows": rows, "total": total})
    from .selectors import WORKLIST_SIGNALS

    signals = []
    own_id = request.principal.user.pk if request.principal.user else None
    for source in WORKLIST_SIGNALS:
        for signal in source(request.principal):
            if not team and signal["client"].case_manager_id != own_id:
                continue
            signals.append(signal)
            shown.append((signal["client"].pk, signal["client"].bsn))
    tasks, tasks_total = _worklist_tasks(request.principal, team=team, municipality=municipality)
    decisions = _decision_rows(request.principal, municipality) if leader else []
    shown.extend((i["row"].client_id, i["row"].log_key) for i in decisions)
    shown.extend((t.subject.id, t.subject.log_key) for t in tasks if t.subject is not None)
    log_access(
        request.principal,
        list(dict.fromkeys(shown)),
        part="werkvoorraad",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.LIST,
    )
    return render(
        request,
        "clients/worklist.html",
        {
            "sections": sections,
            "team": team,
            "form": form,
            "today": buckets["today"],
            "signals": signals,
            "tasks": tasks,
            "tasks_total": tasks_total,
            "decisions": decisions,
            "leader": leader,
            "back": request.get_full_path(),
        },
    )


def _decision_rows(principal, municipality=None) -> list[dict]:
    """The team leader's decision queue (core.hooks.decision_queue) as table rows."""
    from django.utils import timezone

    from regie.core.hooks import decision_queue

    today = timezone.localdate()
    rows = decision_queue(principal, municipality_id=municipality.pk if municipality else None)
    return [
        {"row": r, "days": r.days_waiting(today), "late": bool(r.deadline and r.deadline < today)}
        for r in rows
    ]


def _decision_worklist(request, form, municipality):
    """The worklist filtered on "besluiten te nemen": only what waits for the team leader's
    decision (PIPs offered, fines proposed, objections), the nearest last day first."""
    rows = _decision_rows(request.principal, municipality)
    log_access(
        request.principal,
        list(dict.fromkeys((i["row"].client_id, i["row"].log_key) for i in rows)),
        part="werkvoorraad",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.LIST,
    )
    return render(
        request,
        "clients/worklist.html",
        {"decisions_only": True, "decisions": rows, "team": True, "form": form},
    )


def _worklist_tasks(principal, *, team: bool, municipality=None):
    """Open work items (core.workitems) for the worklist's "Taken" section: the first 100, by
    due date, with their clients loaded in one query."""
    from regie.core.selectors import open_work_items, with_subjects

    qs = open_work_items(principal, mine=not team)
    if municipality is not None:
        in_municipality = visible_clients(principal).filter(municipality=municipality)
        qs = qs.filter(subject_type="client", subject_id__in=in_municipality.values("pk"))
    tasks = with_subjects(qs[:100])
    return tasks, (qs.count() if len(tasks) == 100 else len(tasks))
