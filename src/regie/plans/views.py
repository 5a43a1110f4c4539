"""Dossier part "Plan": thin views over services and selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients.selectors import Access, dossier_access, get_visible_client
from regie.clients.views import open_dossier
from regie.core import hooks
from regie.core.audit import log_access
from regie.core.errors import ConflictError
from regie.core.locking import VersionConflict
from regie.core.models import AccessLogEntry
from regie.core.ruleset import rules_on
from regie.core.views.forms import render_form

from . import completion, pdf, selectors, services, validation
from .forms import (
    ActivityForm,
    ComponentForm,
    DecideForm,
    DraftForm,
    MilestoneForm,
    ProgressForm,
    ReviseForm,
    VersionForm,
)
from .models import Component, ComponentKind, MilestoneKind, PlanVersion, VersionStatus

READ = {Access.FULL, Access.READ}
FULL = {Access.FULL}


def _open(request, uuid, part, allowed=READ):
    client, access, context = open_dossier(
        request, uuid, part=part, url_name="plans:overview", allowed=allowed
    )
    return client, access, context


def _version(client, number) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.select_related("plan", "client", "drafted_by", "decided_by"),
        client=client,
        number=number,
    )


def overview(request, uuid):
    client, access, context = _open(request, uuid, "plan")
    plan = selectors.plan_of(client)
    versions = list(plan.versions.select_related("drafted_by", "decided_by")) if plan else []
    current = selectors.current_version(plan)
    context.update(
        {
            "plan": plan,
            "versions": versions,
            "current": current,
            "components": list(current.components.select_related("provider")) if current else [],
            "open_version": selectors.open_version(plan),
            "can_decide_open": False,
            # until someone confirms it was entered in DUO's portal (exchange, via a core hook)
            "duo_todo": hooks.portal_todo(client.pk, ("pip.decided", "pip.revised"))
            if current
            else None,
            **_completion_context(client, current),
        }
    )
    open_v = context["open_version"]
    if open_v is not None:
        context["can_decide_open"] = services.can_decide(request.principal, open_v)
    return render(request, "plans/overview.html", context)


def _completion_context(client, current) -> dict:
    """Attended hours per rule, the recorded activities and the signing/eindgesprekken."""
    if current is None:
        return {"requirements": [], "activities": [], "milestones": []}
    milestones = selectors.milestones_of(client)
    return {
        "requirements": completion.requirements(current, timezone.localdate()),
        "activities": selectors.activities_of(client),
        "milestones": [milestones[k] for k in MilestoneKind.values if k in milestones],
    }


def new_version(request, uuid):
    """First PIP (draft) or a revision (bijstellen) with its reason."""
    client, access, context = _open(request, uuid, "plan", FULL)
    plan = selectors.plan_of(client)
    current = selectors.current_version(plan)
    if selectors.open_version(plan) is not None:
        messages.info(request, _("Er is al een concept. Werk dat concept eerst af."))
        return redirect("plans:overview", uuid=client.uuid)
    form = ReviseForm(request.POST or None) if current else None
    errors = []
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if current is None:
                version = services.draft_initial(request.principal, client)
            else:
                version = services.revise(request.principal, client, **form.cleaned_data)
        except services.PlanError as exc:
            errors = exc.messages
        else:
            messages.success(
                request, _("Het concept is aangemaakt. Vul de leerroute en onderdelen in.")
            )
            return redirect("plans:edit", uuid=client.uuid, number=version.number)
    context.update(
        {
            "form": form,
            "current": current,
            "errors": errors,
            "prefill": selectors.prefill_available(),
        }
    )
    return render_form(request, "plans/new.html", context, form, errors=bool(errors))


def version_detail(request, uuid, number):
    client, access, context = _open(request, uuid, "plan")
    version = _version(client, number)
    context.update(_version_context(request, version))
    return render(request, "plans/version.html", context)


def _version_context(request, version):
    on = version.decision_date or timezone.localdate()
    return {
        "version": version,
        "plan": version.plan,
        "components": list(version.components.select_related("provider")),
        "unconfirmed": validation.unconfirmed_rules(version, on),
        "can_decide": services.can_decide(request.principal, version),
        # the objection section of the letter names the college's address (Awb art. 3:45)
        "letter_municipality": version.decided_on_behalf_of or version.client.municipality,
    }


def edit_draft(request, uuid, number):
    client, access, context = _open(request, uuid, "plan", FULL)
    version = _version(client, number)
    if version.status != VersionStatus.DRAFT:
        return redirect("plans:version", uuid=client.uuid, number=number)
    initial = {f: getattr(version, f) for f in services.DRAFT_FIELDS}
    initial["scale_down_school"] = (
        version.scale_down_school.uuid if version.scale_down_school_id else None
    )
    initial["version"] = version.version
    form = DraftForm(request.POST or None, initial=initial, region=client.municipality.region)
    conflict = None
    errors = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            services.update_draft(request.principal, version, expected, **data)
        except ConflictError as exc:
            conflict = exc
        except services.PlanError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            if "check" in request.POST:
                return redirect("plans:check", uuid=client.uuid, number=number)
            return redirect("plans:edit", uuid=client.uuid, number=number)
    context.update(
        {
            "version": version,
            "form": form,
            "conflict": conflict,
            "errors": errors,
            "components": list(version.components.select_related("provider")),
        }
    )
    return render_form(
        request, "plans/edit.html", context, form, errors=bool(errors), conflict=conflict
    )


def edit_component(request, uuid, number, component=None):
    client, access, context = _open(request, uuid, "plan", FULL)
    version = _version(client, number)
    if version.status != VersionStatus.DRAFT:
        return redirect("plans:version", uuid=client.uuid, number=number)
    comp = None
    initial = {"version": version.version}
    if component is not None:
        comp = get_object_or_404(Component, uuid=component, plan_version=version)
        initial.update({f: getattr(comp, f) for f in services.COMPONENT_FIELDS})
        initial["provider"] = comp.provider.uuid if comp.provider_id else None
    form = ComponentForm(request.POST or None, initial=initial, region=client.municipality.region)
    conflict = None
    errors = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            services.save_component(request.principal, version, expected, comp, **data)
        except ConflictError as exc:
            conflict = exc
        except services.PlanError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Het onderdeel is opgeslagen."))
            return redirect("plans:edit", uuid=client.uuid, number=number)
    context.update(
        {
            "version": version,
            "component": comp,
            "form": form,
            "conflict": conflict,
            "errors": errors,
        }
    )
    return render_form(
        request, "plans/component_form.html", context, form, errors=bool(errors), conflict=conflict
    )


def delete_component(request, uuid, number, component):
    client, access, context = _open(request, uuid, "plan", FULL)
    version = _version(client, number)
    comp = get_object_or_404(Component, uuid=component, plan_version=version)
    if request.method != "POST":
        return redirect("plans:edit", uuid=client.uuid, number=number)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise VersionConflict
        services.delete_component(request.principal, version, form.cleaned_data["version"], comp)
    except ConflictError as exc:
        messages.error(request, str(exc))
    except services.PlanError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het onderdeel is verwijderd."))
    return redirect("plans:edit", uuid=client.uuid, number=number)


def check(request, uuid, number):
    """Check answers, then "PIP ter besluitvorming aanbieden"."""
    client, access, context = _open(request, uuid, "plan", FULL)
    version = _version(client, number)
    if version.status != VersionStatus.DRAFT:
        return redirect("plans:version", uuid=client.uuid, number=number)
    form = VersionForm(request.POST or None, initial={"version": version.version})
    errors = []
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.submit(request.principal, version, form.cleaned_data["version"])
        except ConflictError as exc:
            conflict = exc
        except services.PlanError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Het PIP ligt ter besluitvorming bij de teamleider."))
            return redirect("plans:version", uuid=client.uuid, number=number)
    context.update(_version_context(request, version))
    context.update(
        {
            "form": form,
            "errors": errors,
            "conflict": conflict,
            "problems": [] if errors else validation.problems(version, timezone.localdate()),
        }
    )
    return render_form(request, "plans/check.html", context, errors=bool(errors), conflict=conflict)


def reopen(request, uuid, number):
    client, access, context = _open(request, uuid, "plan", FULL)
    version = _version(client, number)
    if request.method == "POST":
        form = VersionForm(request.POST)
        try:
            if not form.is_valid():
                raise VersionConflict
            services.reopen(request.principal, version, form.cleaned_data["version"])
        except ConflictError as exc:
            messages.error(request, str(exc))
        except services.PlanError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Het PIP is teruggezet naar concept."))
            return redirect("plans:edit", uuid=client.uuid, number=number)
    return redirect("plans:version", uuid=client.uuid, number=number)


def decide(request, uuid, number):
    """The team leader's "PIP vaststellen" with a confirmation naming the consequences."""
    client, access, context = _open(request, uuid, "plan", FULL)
    version = _version(client, number)
    if not services.can_decide(request.principal, version):
        raise Http404
    if version.status != VersionStatus.SUBMITTED:
        return redirect("plans:version", uuid=client.uuid, number=number)
    today = timezone.localdate()
    form = DecideForm(
        request.POST or None,
        initial={"version": version.version, "decision_date": today, "made_known_on": today},
    )
    errors = []
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            services.decide(request.principal, version, expected, **data)
        except ConflictError as exc:
            conflict = exc
        except services.PlanError as exc:
            errors = exc.messages
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Het PIP is vastgesteld."))
            return redirect("plans:version", uuid=client.uuid, number=number)
    plan = version.plan
    first = plan.first_decision_date is None
    term_preview = services.term_for(today) if first else (plan.term_start, plan.term_end)
    context.update(_version_context(request, version))
    context.update(
        {
            "form": form,
            "errors": errors,
            "conflict": conflict,
            "first": first,
            "objection_weeks": rules_on(today).value("objection_term_weeks"),
            "term_preview": term_preview,
            "problems": [] if errors else validation.problems(version, today),
        }
    )
    return render_form(
        request, "plans/decide.html", context, form, errors=bool(errors), conflict=conflict
    )


def progress(request, uuid, component):
    client, access, context = _open(request, uuid, "plan", FULL)
    comp = get_object_or_404(
        Component.objects.select_related("plan_version"), uuid=component, client=client
    )
    if comp.plan_version.status != VersionStatus.DECIDED:
        raise Http404
    initial = {f: getattr(comp, f) for f in services.PROGRESS_FIELDS}
    initial["version"] = comp.version
    form = ProgressForm(request.POST or None, initial=initial)
    if comp.kind == ComponentKind.MAP:
        form.fields["completed_on"].help_text = _(
            "Op of na het eindgesprek MAP. Leg eerst de gevolgde uren en het eindgesprek vast."
        )
    elif comp.kind == ComponentKind.PVT:
        form.fields["completed_on"].help_text = _(
            "Op of na de ondertekening. Leg eerst de gevolgde uren en de ondertekening vast."
        )
    errors = []
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        if comp.completed_on and data.get("completed_on") == comp.completed_on:
            data.pop("completed_on")
        try:
            services.record_progress(request.principal, comp, expected, **data)
        except ConflictError as exc:
            conflict = exc
        except services.PlanError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("De voortgang is opgeslagen."))
            return redirect("plans:overview", uuid=client.uuid)
    context.update({"component": comp, "form": form, "errors": errors, "conflict": conflict})
    return render_form(
        request, "plans/progress_form.html", context, form, errors=bool(errors), conflict=conflict
    )


def _record(request, uuid, form_class, template, save, success):
    """A staff form on the plan page that records one fact through ``save(principal, client,
    **data)``; refused rules come back as Dutch messages above the form, nothing is lost."""
    client, access, context = _open(request, uuid, "plan", FULL)
    form = form_class(request.POST or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            save(request.principal, client, **form.cleaned_data)
        except services.PlanError as exc:
            errors = exc.messages
        else:
            messages.success(request, success)
            return redirect("plans:overview", uuid=client.uuid)
    context.update(
        {
            "form": form,
            "errors": errors,
            **_completion_context(client, selectors.current_version(selectors.plan_of(client))),
        }
    )
    return render_form(request, template, context, form, errors=bool(errors))


def record_activity(request, uuid):
    """Gevolgde uren vastleggen, with the organisation that reported them."""
    return _record(
        request,
        uuid,
        ActivityForm,
        "plans/activity_form.html",
        services.record_activity,
        _("De gevolgde uren zijn vastgelegd."),
    )


def record_milestone(request, uuid):
    """Ondertekening van de participatieverklaring of een eindgesprek vastleggen."""
    return _record(
        request,
        uuid,
        MilestoneForm,
        "plans/milestone_form.html",
        services.record_milestone,
        _("Het is vastgelegd."),
    )


def version_pdf(request, uuid, number):
    """The beschikking of a decided version, generated from the stored version; logged as print."""
    client = get_visible_client(request.principal, uuid)
    if client is None or dossier_access(request.principal, client) not in READ:
        raise Http404
    version = _version(client, number)
    if not version.is_decided:
        raise Http404
    log_access(
        request.principal,
        [(client.pk, client.bsn)],
        part="plan-beschikking",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.PRINT,
    )
    content = pdf.render_decision_pdf(version, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="pip-versie-{version.number}-{version.decision_date:%Y%m%d}.pdf"'
    )
    return response
