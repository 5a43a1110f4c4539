"""The role-assignment screen of the functional administrator (docs/roles.md, "Rollen toewijzen").

Thin views over ``core.role_requests``: that module enforces who may request and approve.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import role_requests as rr
from ..errors import ConflictError
from ..models import RoleRequest
from ..role_forms import ChangeForm, EndForm, GrantForm
from ..roles import Role
from .forms import render_form


def _admin_only(request) -> None:
    principal = request.principal
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        raise PermissionDenied


def role_overview(request, refused: str | None = None, status: int = 200):
    _admin_only(request)
    principal = request.principal
    pending = rr.requests_for(principal).filter(status=RoleRequest.Status.PENDING)
    recent = rr.requests_for(principal).exclude(status=RoleRequest.Status.PENDING)[:20]
    return render(
        request,
        "core/roles.html",
        {
            "pending": pending,
            "recent": recent,
            "assignments": rr.assignments_for(principal),
            "me": request.user.pk,
            "refused": refused,
            "has_errors": bool(refused),
        },
        status=status,
    )


def _submit(request, form, template, context, **kwargs):
    """Run the request service; a refusal becomes a form error (400), a conflict a 409."""
    conflict = None
    errors = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = rr.request_change(
                request.principal,
                reason=data["reason"],
                role=data.get("role"),
                organisation=data.get("organisation"),
                **kwargs,
                **({"user": data["user"]} if "user" in data else {}),
            )
        except rr.RoleRequestRefused as exc:
            form.add_error(None, str(exc))
            errors = True
            context["forbidden"] = True
        except ValidationError as exc:
            form.add_error("organisation", exc.messages[0])
        except ConflictError as exc:
            conflict = exc
        else:
            if req.status == RoleRequest.Status.PENDING:
                messages.success(
                    request,
                    _(
                        "De aanvraag is opgeslagen. Een andere functioneel beheerder moet hem"
                        " goedkeuren voordat de rol werkt."
                    ),
                )
            else:
                messages.success(request, _("De wijziging is doorgevoerd."))
            return redirect("core:roles")
    response = render_form(
        request, template, {**context, "form": form}, form, errors=errors, conflict=conflict
    )
    if context.get("forbidden"):
        response.status_code = 403
    return response


def role_grant(request):
    _admin_only(request)
    form = GrantForm(
        request.POST or None,
        users=rr.users_for(request.principal).exclude(pk=request.user.pk),
        organisations=rr.organisations_for(request.principal),
    )
    return _submit(
        request,
        form,
        "core/role_form.html",
        {"title": _("Rol toekennen")},
        action=RoleRequest.Action.GRANT,
    )


def _assignment(request, pk):
    try:
        return rr.assignments_for(request.principal).get(pk=pk)
    except (ValueError, rr.RoleAssignment.DoesNotExist) as exc:
        raise Http404 from exc


def role_change(request, pk):
    _admin_only(request)
    assignment = _assignment(request, pk)
    form = ChangeForm(
        request.POST or None,
        initial={"role": assignment.role, "organisation": assignment.organisation},
        organisations=rr.organisations_for(request.principal),
    )
    return _submit(
        request,
        form,
        "core/role_form.html",
        {"title": _("Rol wijzigen"), "assignment": assignment},
        action=RoleRequest.Action.CHANGE,
        user=assignment.user,
        assignment=assignment,
    )


def role_end(request, pk):
    _admin_only(request)
    assignment = _assignment(request, pk)
    form = EndForm(request.POST or None)
    return _submit(
        request,
        form,
        "core/role_form.html",
        {"title": _("Rol beëindigen"), "assignment": assignment, "ending": True},
        action=RoleRequest.Action.END,
        user=assignment.user,
        assignment=assignment,
    )


@require_POST
def role_decide(request, uuid, decision):
    _admin_only(request)
    if decision not in ("goedkeuren", "afwijzen"):
        raise Http404
    req = get_object_or_404(rr.requests_for(request.principal), uuid=uuid)
    try:
        if decision == "goedkeuren":
            rr.approve(request.principal, req)
            messages.success(request, _("De aanvraag is goedgekeurd en doorgevoerd."))
        else:
            rr.reject(request.principal, req)
            messages.success(request, _("De aanvraag is afgewezen."))
    except rr.RoleRequestRefused as exc:
        return role_overview(request, refused=str(exc), status=403)
    except ConflictError as exc:
        return role_overview(request, refused=str(exc), status=409)
    return redirect("core:roles")
