"""Intake pages in the dossier: task list, one page per life domain, LBT, special-category data.

Thin: every page goes through ``clients.views.open_dossier`` (scoped, access checked, logged);
every change goes through ``services``. READ access (team case managers) sees the intake without
forms; the special-category record opens only with FULL access and after a stated purpose.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.clients.selectors import Access
from regie.clients.views import open_dossier
from regie.core.errors import ConflictError
from regie.core.views.forms import render_form

from . import selectors, services
from .deadlines import INTAKE_START
from .forms import (
    DOMAIN_FORMS,
    DomainMetaForm,
    LearnabilityTestForm,
    PurposeForm,
    SpecialCategoryForm,
)
from .models import SPECIAL_FIELDS, Domain

READABLE = {Access.FULL, Access.READ}
FULL = {Access.FULL}
URL = "intake:overview"


def _open(request, uuid, part, allowed=READABLE):
    return open_dossier(request, uuid, part=part, url_name=URL, allowed=allowed)


def _overview_context(client, context):
    intake = selectors.get_intake(client)
    records = selectors.domain_records(intake) if intake else []
    done, total = selectors.progress(intake) if intake else (0, len(Domain.values))
    context.update(
        {
            "intake": intake,
            "records": records,
            "done_count": done,
            "total_count": total,
            "lbt": selectors.get_learnability_test(client),
            "deadline": client.deadlines.filter(kind=INTAKE_START).first(),
            "may_open_special": context["access"] == Access.FULL,
        }
    )
    return context


def overview(request, uuid):
    client, access, context = _open(request, uuid, "intake")
    return render(request, "intake/overview.html", _overview_context(client, context))


@require_POST
def start(request, uuid):
    client, access, context = _open(request, uuid, "intake", FULL)
    try:
        services.start_intake(request.principal, client)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De intake is gestart."))
    return redirect(URL, uuid=client.uuid)


@require_POST
def complete(request, uuid):
    client, access, context = _open(request, uuid, "intake", FULL)
    try:
        services.complete_intake(request.principal, client)
    except ValidationError as exc:
        intake = selectors.get_intake(client)
        anchors = {}
        if intake is not None:
            anchors = {
                r.get_domain_display(): f"onderdeel-{r.domain}"
                for r in selectors.open_domains(intake)
            }
        items = []
        for message in exc.messages:
            anchor = next((a for name, a in anchors.items() if name in message), None)
            if anchor is None and intake is not None and "leerbaarheidstoets" in message:
                anchor = "leerbaarheidstoets"
            items.append({"message": message, "anchor": anchor})
        context = _overview_context(client, context)
        context["complete_errors"] = items
        return render(request, "intake/overview.html", context, status=400)
    messages.success(request, _("De intake is afgerond."))
    return redirect(URL, uuid=client.uuid)


def _domain_summary(form):
    """(label, text) rows of a domain form's initial data, for read-only display."""
    rows = []
    for name, field in form.fields.items():
        value = form.initial.get(name)
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, list):
            text = ", ".join(str(choices.get(v, v)) for v in value)
        elif value in (None, ""):
            text = ""
        else:
            text = str(choices.get(value, value))
        rows.append((field.label, text))
    return rows


def domain(request, uuid, domain):
    if domain not in DOMAIN_FORMS:
        raise Http404
    allowed = FULL if request.method == "POST" else READABLE
    client, access, context = _open(request, uuid, f"intake-{domain}", allowed)
    intake = selectors.get_intake(client)
    if intake is None:
        return redirect(URL, uuid=client.uuid)
    record = selectors.get_domain_record(intake, domain)
    form_class = DOMAIN_FORMS[domain]
    editable = access == Access.FULL and not intake.is_completed
    conflict = None
    if request.method == "POST" and editable:
        meta = DomainMetaForm(request.POST)
        meta_valid = meta.is_valid()
        form = form_class(request.POST, done=meta_valid and meta.done)
        form_valid = form.is_valid()
        if meta_valid and form_valid:
            try:
                services.save_domain(
                    request.principal,
                    client,
                    domain,
                    meta.cleaned_data["version"],
                    form.stored_data(),
                    done=meta.done,
                )
            except ConflictError as exc:
                conflict = exc
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Onderdeel {name} is opgeslagen.").format(name=record.get_domain_display()),
                )
                return redirect(URL, uuid=client.uuid)
    elif request.method == "POST":
        raise Http404
    else:
        form = form_class(initial=record.data)
        klaar = {"done": "ja", "in_progress": "nee"}.get(record.status, "")
        meta = DomainMetaForm(initial={"version": record.version, "klaar": klaar})
    context.update(
        {
            "intake": intake,
            "record": record,
            "form": form,
            "meta": meta,
            "editable": editable,
            "summary": _domain_summary(form_class(initial=record.data)),
        }
    )
    return render_form(request, "intake/domain.html", context, form, meta, conflict=conflict)


def learnability_test(request, uuid):
    allowed = FULL if request.method == "POST" else READABLE
    client, access, context = _open(request, uuid, "leerbaarheidstoets", allowed)
    intake = selectors.get_intake(client)
    if intake is None:
        return redirect(URL, uuid=client.uuid)
    lbt = selectors.get_learnability_test(client)
    editable = access == Access.FULL and not intake.is_completed
    conflict = None
    if request.method == "POST":
        if not editable:
            raise Http404
        form = LearnabilityTestForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.save_learnability_test(request.principal, client, version, **data)
            except ConflictError as exc:
                conflict = exc
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("De leerbaarheidstoets is opgeslagen."))
                return redirect(URL, uuid=client.uuid)
    else:
        initial = {"version": lbt.version if lbt else 0}
        if lbt:
            initial.update({name: getattr(lbt, name) for name in services.LBT_FIELDS})
        form = LearnabilityTestForm(initial=initial)
    context.update({"lbt": lbt, "form": form, "editable": editable})
    return render_form(request, "intake/lbt.html", context, form, conflict=conflict)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def special_record(request, uuid):
    """Step 1 asks the purpose; step 2 (POST with the purpose) logs the opening and shows it."""
    client, access, context = _open(request, uuid, "intake", FULL)
    purpose_form = PurposeForm(request.POST or None)
    if request.method == "POST" and purpose_form.is_valid():
        purpose = purpose_form.cleaned_data["purpose"]
        record = services.open_special_record(request.principal, client, purpose)
        initial = {name: getattr(record, name) for name in SPECIAL_FIELDS}
        initial.update({"version": record.version, "purpose": purpose})
        context.update(
            {
                "form": SpecialCategoryForm(initial=initial),
                "purpose": purpose,
                "record": record,
                "has_errors": False,
            }
        )
        return render(request, "intake/special_record.html", context)
    context["purpose_form"] = purpose_form
    return render_form(request, "intake/special_purpose.html", context, purpose_form)


@require_POST
def special_record_save(request, uuid):
    client, access, context = _open(request, uuid, "intake", FULL)
    form = SpecialCategoryForm(request.POST)
    purpose = " ".join(request.POST.get("purpose", "").split())
    if not purpose:
        messages.error(request, _("Vul eerst in waarom u deze gegevens opent."))
        return redirect(reverse("intake:special", args=[client.uuid]))
    conflict = None
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data.pop("purpose", None)
        try:
            services.save_special_record(request.principal, client, version, purpose, **data)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De bijzondere gegevens zijn opgeslagen."))
            return redirect(URL, uuid=client.uuid)
    context.update({"form": form, "purpose": purpose})
    return render_form(request, "intake/special_record.html", context, form, conflict=conflict)
