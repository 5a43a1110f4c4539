"""The work-item queue (team leader: every item of his team) and finishing an item."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .. import workitems
from ..audit import log_access
from ..errors import ConflictError
from ..models import AccessLogEntry, WorkItemState
from ..paging import keyset
from ..roles import Role
from ..selectors import get_visible_work_item, visible_work_items, with_subjects
from ..workitem_forms import WorkItemCompleteForm, WorkItemFilterForm
from .forms import render_form


def _require_queue_role(request):
    principal = request.principal
    roles = {Role.TEAM_LEADER, Role.CASE_MANAGER} | {k.role for k in workitems.kinds().values()}
    if principal is None or principal.user is None or principal.role not in roles:
        raise PermissionDenied
    return principal


def log_subjects_shown(principal, rows, part: str) -> None:
    """One access-log row per person shown in a list of work items."""
    shown = [
        (row.subject.id, row.subject.log_key)
        for row in rows
        if row.subject is not None and row.subject_type == "client"
    ]
    log_access(
        principal,
        list(dict.fromkeys(shown)),
        part=part,
        activity="dossier-inzien",
        action=AccessLogEntry.Action.LIST,
    )


def work_items(request):
    principal = _require_queue_role(request)
    kinds = sorted(
        ((code, str(k.label)) for code, k in workitems.kinds().items()), key=lambda c: c[1]
    )
    form = WorkItemFilterForm(request.GET or None, kinds=kinds)
    state = WorkItemState.OPEN
    qs = visible_work_items(principal)
    if form.is_valid():
        state = form.cleaned_data["status"] or WorkItemState.OPEN
        if form.cleaned_data["soort"]:
            qs = qs.filter(kind=form.cleaned_data["soort"])
    qs = qs.filter(state=state)
    page = keyset(request, qs, order=("due_date", "id"), per_page=25)
    rows = with_subjects(page["rows"])
    log_subjects_shown(principal, rows, "taken")
    context = {
        "form": form,
        "rows": rows,
        "state": state,
        "state_label": WorkItemState(state).label,
        "total": qs.count(),
        "today": timezone.localdate(),
        **page,
    }
    return render_form(request, "core/work_items.html", context, form)


def _back(request):
    target = request.POST.get("terug") or request.GET.get("terug") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def work_item_complete(request, uuid):
    """Afronden: the person who did the work closes the item, with an optional note."""
    principal = request.principal
    if principal is None or principal.user is None:
        raise PermissionDenied
    item = get_visible_work_item(principal, uuid)
    if item is None:
        raise Http404
    (row,) = with_subjects([item])
    form = WorkItemCompleteForm(request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            workitems.complete(principal, item, form.cleaned_data["note"])
        except PermissionDenied:
            raise Http404 from None
        except ConflictError as exc:
            conflict = str(exc)
        else:
            messages.success(request, _("De taak is afgerond."))
            return redirect(_back(request) or "core:work_items")
    log_subjects_shown(principal, [row], "taken")
    context = {"item": row, "form": form, "back": _back(request)}
    return render_form(request, "core/work_item_complete.html", context, form, conflict=conflict)
