"""Granting, changing and ending role assignments: the app's own procedure (docs/roles.md).

Rules, enforced here (and the first two also by database constraints):

* nobody makes a request for himself, and nobody approves a request about himself;
* the approver is another functional administrator of the same region than the requester;
* granting or changing to a role in ``FOUR_EYES_ROLES`` (every role that sees dossiers, plus the
  roles that approve) waits for that approval; other roles, and ending a role, take effect at once;
* every request, decision and resulting assignment is written to the change history
  (``RoleRequest`` and ``RoleAssignment`` are tracked models, ``core.audit``).

Reads for the screen are the ``*_for`` selectors at the end, scoped to the administrator's region.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ConflictError
from .models import Organisation, RoleAssignment, RoleRequest, User
from .roles import FOUR_EYES_ROLES, ROLE_ORGANISATION_KINDS, Role


class RoleRequestRefused(PermissionDenied):
    """A request or decision the procedure does not allow. ``str(exc)`` is a Dutch sentence."""


def _require_admin(principal) -> None:
    if principal is None or principal.user is None or principal.role != Role.FUNCTIONAL_ADMIN:
        raise RoleRequestRefused(_("Alleen een functioneel beheerder beheert rollen."))


def needs_approval(action: str, role: str, old_role: str | None = None) -> bool:
    if action == RoleRequest.Action.END:
        return False  # taking rights away never waits
    return role in FOUR_EYES_ROLES or (old_role is not None and old_role in FOUR_EYES_ROLES)


def _check_target(principal, user: User, organisation: Organisation, role: str) -> None:
    if user.pk == principal.user.pk:
        raise RoleRequestRefused(
            _("U kunt geen rol voor uzelf aanvragen, wijzigen of beëindigen. Vraag een collega.")
        )
    if organisation.region_id != principal.region_id:
        raise RoleRequestRefused(_("Deze organisatie hoort niet bij uw regio."))
    if organisation.kind not in ROLE_ORGANISATION_KINDS.get(role, set()):
        raise ValidationError(_("Deze rol hoort niet bij dit soort organisatie."))


@transaction.atomic
def request_change(
    principal,
    *,
    action: str,
    user: User,
    reason: str,
    role: str | None = None,
    organisation: Organisation | None = None,
    assignment: RoleAssignment | None = None,
) -> RoleRequest:
    """Make a request; apply it at once when it needs no second person's approval."""
    _require_admin(principal)
    old_role = None
    if action in (RoleRequest.Action.CHANGE, RoleRequest.Action.END):
        if assignment is None or assignment.user_id != user.pk or not assignment.is_active:
            raise ConflictError(_("Deze roltoewijzing bestaat niet (meer)."))
        old_role = assignment.role
        if action == RoleRequest.Action.END:
            role, organisation = assignment.role, assignment.organisation
            # an end may be asked for any assignment of the region
            if assignment.organisation.region_id != principal.region_id:
                raise RoleRequestRefused(_("Deze organisatie hoort niet bij uw regio."))
    _check_target(principal, user, organisation, role)
    if action == RoleRequest.Action.GRANT and (
        RoleAssignment.objects.filter(
            user=user, role=role, organisation=organisation, is_active=True
        ).exists()
    ):
        raise ConflictError(_("Deze gebruiker heeft deze rol bij deze organisatie al."))
    if RoleRequest.objects.filter(
        user=user, role=role, organisation=organisation, status=RoleRequest.Status.PENDING
    ).exists():
        raise ConflictError(_("Er wacht al een aanvraag voor deze rol bij deze organisatie."))
    req = RoleRequest.objects.create(
        action=action,
        user=user,
        role=role,
        organisation=organisation,
        assignment=assignment,
        reason=reason,
        needs_approval=needs_approval(action, role, old_role),
        requested_by=principal.user,
    )
    if not req.needs_approval:
        _apply(req)
    return req


@transaction.atomic
def approve(principal, req: RoleRequest) -> RoleRequest:
    """The second person's approval: another administrator of the same region."""
    _require_admin(principal)
    req = RoleRequest.objects.select_for_update().select_related("organisation").get(pk=req.pk)
    if req.status != RoleRequest.Status.PENDING:
        raise ConflictError(_("Over deze aanvraag is al beslist."))
    _check_decider(principal, req)
    req.decided_by = principal.user
    req.decided_at = timezone.now()
    _apply(req)
    return req


@transaction.atomic
def reject(principal, req: RoleRequest) -> RoleRequest:
    _require_admin(principal)
    req = RoleRequest.objects.select_for_update().get(pk=req.pk)
    if req.status != RoleRequest.Status.PENDING:
        raise ConflictError(_("Over deze aanvraag is al beslist."))
    _check_decider(principal, req)
    req.decided_by = principal.user
    req.decided_at = timezone.now()
    req.status = RoleRequest.Status.REJECTED
    req.save(update_fields=["decided_by", "decided_at", "status"])
    return req


def _check_decider(principal, req: RoleRequest) -> None:
    if req.requested_by_id == principal.user.pk:
        raise RoleRequestRefused(
            _("U kunt uw eigen aanvraag niet goedkeuren of afwijzen. Een collega moet dat doen.")
        )
    if req.user_id == principal.user.pk:
        raise RoleRequestRefused(_("U kunt niet beslissen over een aanvraag voor uzelf."))
    if req.organisation.region_id != principal.region_id:
        raise RoleRequestRefused(_("Deze aanvraag hoort niet bij uw regio."))


def _apply(req: RoleRequest) -> None:
    if req.action == RoleRequest.Action.END:
        assignment = req.assignment
        assignment.is_active = False
        assignment.save(update_fields=["is_active"])
    elif req.action == RoleRequest.Action.CHANGE:
        assignment = req.assignment
        if (
            RoleAssignment.objects.filter(
                user=req.user, role=req.role, organisation=req.organisation
            )
            .exclude(pk=assignment.pk)
            .exists()
        ):
            raise ConflictError(_("Deze gebruiker heeft deze rol bij deze organisatie al."))
        assignment.role = req.role
        assignment.organisation = req.organisation
        assignment.is_active = True
        assignment.save(update_fields=["role", "organisation", "is_active"])
    else:
        assignment, created = RoleAssignment.objects.get_or_create(
            user=req.user,
            role=req.role,
            organisation=req.organisation,
            defaults={"is_active": True},
        )
        if not created and not assignment.is_active:
            assignment.is_active = True
            assignment.save(update_fields=["is_active"])
    req.assignment = assignment
    req.status = RoleRequest.Status.APPLIED
    req.save()


# --- reads for the screen ----------------------------------------------------------------------


def organisations_for(principal) -> QuerySet[Organisation]:
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        return Organisation.objects.none()
    return Organisation.objects.filter(region_id=principal.region_id, is_active=True)


def users_for(principal) -> QuerySet[User]:
    """Users with a role in the administrator's region, and accounts that have no role yet."""
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        return User.objects.none()
    return (
        User.objects.filter(
            Q(role_assignments__organisation__region_id=principal.region_id)
            | Q(role_assignments__isnull=True)
        )
        .filter(is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def assignments_for(principal) -> QuerySet[RoleAssignment]:
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(organisation__region_id=principal.region_id, is_active=True)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "role")
    )


def requests_for(principal) -> QuerySet[RoleRequest]:
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        return RoleRequest.objects.none()
    return RoleRequest.objects.filter(organisation__region_id=principal.region_id).select_related(
        "user", "organisation", "requested_by", "decided_by"
    )
