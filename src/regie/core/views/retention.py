"""Destruction after the retention period: the lists due and the destruction log, approved by
a functional administrator and a privacy officer together (``core.retention``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import retention
from ..errors import ConflictError
from ..models import DestructionBatch
from ..roles import Role
from .forms import render_form


def _require_approver(request):
    if not retention.may_approve(request.principal):
        raise PermissionDenied


def _page(request, conflict=None):
    principal = request.principal
    batches = list(
        retention.visible_batches(principal).select_related(
            "admin_approved_by", "privacy_approved_by"
        )
    )
    is_admin = principal.role == Role.FUNCTIONAL_ADMIN
    mine = "admin_approved_by_id" if is_admin else "privacy_approved_by_id"
    rows = [
        {
            "batch": b,
            "label": retention.type_label(b.record_type),
            "can_approve": b.status == DestructionBatch.Status.LISTED and not getattr(b, mine),
        }
        for b in batches
    ]
    context = {
        "due": [r for r in rows if r["batch"].status == DestructionBatch.Status.LISTED],
        "log": [r for r in rows if r["batch"].status == DestructionBatch.Status.DESTROYED],
        "is_admin": is_admin,
    }
    return render_form(request, "core/destruction.html", context, conflict=conflict)


def destruction(request):
    _require_approver(request)
    return _page(request)


def destruction_approve(request, uuid):
    _require_approver(request)
    if request.method != "POST":
        return redirect("core:destruction")
    batch = retention.visible_batches(request.principal).filter(uuid=uuid).first()
    if batch is None:
        raise Http404
    try:
        batch = retention.approve(request.principal, batch)
    except ConflictError as exc:
        return _page(request, conflict=exc)
    if batch.status == DestructionBatch.Status.DESTROYED:
        messages.success(
            request,
            _("Beide akkoorden zijn gegeven: %(n)s vernietigd.") % {"n": batch.destroyed_count},
        )
    else:
        messages.success(request, _("Uw akkoord is vastgelegd. Het tweede akkoord volgt."))
    return redirect("core:destruction")
