"""Start page per role, health check, organisations and housing targets, static pages."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import hooks
from ..errors import ConflictError
from ..forms import HousingTargetForm, OrganisationForm
from ..locking import save_with_version
from ..models import WorkerHeartbeat
from ..roles import OrganisationKind
from ..selectors import (
    can_edit_reference_data,
    visible_housing_targets,
    visible_organisations,
)
from .forms import render_form


def home(request):
    principal = request.principal
    cards = []
    for provider in hooks.home_cards:
        card = provider(request, principal)
        if card:
            cards.append(card)
    cards.sort(key=lambda c: c.get("order", 50))
    return render(request, "core/home.html", {"cards": cards})


@never_cache
def health(request):
    """200 whenever the database answers; the body also says how the worker is doing."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    worker = {"state": "not_seen"}
    try:
        beat = WorkerHeartbeat.objects.order_by("-last_seen").first()
    except Exception:  # noqa: BLE001 - before the first migration
        beat = None
    if beat is not None:
        age = (timezone.now() - beat.last_seen).total_seconds()
        worker = {
            "state": "running" if age <= settings.REGIE_WORKER_STALE_SECONDS else "stale",
            "last_seen": beat.last_seen.isoformat(),
            "seconds_ago": round(age, 1),
        }
    return JsonResponse({"status": "ok", "database": "ok", "worker": worker})


def organisations(request):
    principal = request.principal
    orgs = list(visible_organisations(principal).order_by("kind", "name"))
    groups = []
    for kind, label in OrganisationKind.choices:
        members = [o for o in orgs if o.kind == kind]
        if members:
            groups.append({"kind": kind, "label": label, "organisations": members})
    targets = visible_housing_targets(principal).order_by("municipality__name", "-period_start")
    return render(
        request,
        "core/organisations.html",
        {"groups": groups, "targets": targets, "can_edit": can_edit_reference_data(principal)},
    )


def _get_org(request, uuid):
    try:
        return visible_organisations(request.principal).get(uuid=uuid)
    except Exception:  # noqa: BLE001 - invalid or invisible id: same answer
        raise Http404 from None


def organisation_detail(request, uuid):
    org = _get_org(request, uuid)
    targets = visible_housing_targets(request.principal).filter(municipality=org)
    return render(
        request,
        "core/organisation_detail.html",
        {"org": org, "targets": targets, "can_edit": can_edit_reference_data(request.principal)},
    )


def organisation_edit(request, uuid):
    if not can_edit_reference_data(request.principal):
        raise PermissionDenied
    org = _get_org(request, uuid)
    form = OrganisationForm(request.POST or None, instance=org)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:  # optimistic locking: a stale copy of the form is refused with a 409
            save_with_version(
                form.instance, form.cleaned_data["version"], fields=form.FIELDS, audit=True
            )
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(
                request, _("De gegevens van %(org)s zijn opgeslagen.") % {"org": form.instance}
            )
            return redirect("core:organisation", uuid=org.uuid)
    return render_form(
        request,
        "core/organisation_edit.html",
        {"org": org, "form": form},
        form,
        conflict=conflict,
    )


def housing_target_add(request, uuid):
    if not can_edit_reference_data(request.principal):
        raise PermissionDenied
    org = _get_org(request, uuid)
    if org.kind != OrganisationKind.MUNICIPALITY:
        raise Http404
    form = HousingTargetForm(request.POST or None, municipality=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De taakstelling is opgeslagen."))
        return redirect("core:organisation", uuid=org.uuid)
    return render_form(request, "core/housing_target_form.html", {"org": org, "form": form}, form)


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy_statement(request):
    return render(request, "core/privacy_statement.html")
