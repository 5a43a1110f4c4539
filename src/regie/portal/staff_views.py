"""Staff screens of the portal: answer a newcomer's messages (in the dossier's context) and the
register of differences between municipalities."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from regie.clients.selectors import Access, dossier_access, get_visible_client
from regie.core.audit import log_access
from regie.core.errors import ConflictError
from regie.core.roles import Role

from . import selectors, services
from .models import Difference, Topic


def messages(request, uuid):
    principal = request.principal
    client = get_visible_client(principal, uuid)
    if client is None:
        raise Http404
    access = dossier_access(principal, client)
    if access not in (Access.FULL, Access.READ):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        if access != Access.FULL:
            raise PermissionDenied
        try:
            services.answer_message(principal, client, request.POST.get("body", ""))
        except services.PortalError as exc:
            error = str(exc)
        else:
            return redirect(reverse("portal_staff:messages", args=[client.uuid]))
    log_access(
        principal, [(client.pk, client.bsn)], part="portaalberichten", activity="dossier-inzien"
    )
    return render(
        request,
        "portal/staff_messages.html",
        {
            "client": client,
            "messages_list": selectors.messages_of(client),
            "requests": selectors.requests_of(client),
            "may_answer": access == Access.FULL,
            "error": error,
        },
        status=400 if error else 200,
    )


SIDE_BY_SIDE_ROLES = {
    Role.POLICY_OFFICER,
    Role.CASE_MANAGER,
    Role.TEAM_LEADER,
    Role.SOCIAL_GUIDE,
    Role.CONTRACT_MANAGER,
}


def differences(request):
    principal = request.principal
    if principal is None or principal.role not in SIDE_BY_SIDE_ROLES:
        raise PermissionDenied
    data = selectors.differences_side_by_side(principal.organisation.region_id)
    rows = [
        {
            "topic": label,
            "cells": [data["table"].get(value, {}).get(m.pk) for m in data["municipalities"]],
        }
        for value, label in Topic.choices
    ]
    return render(
        request,
        "portal/staff_differences.html",
        {
            "municipalities": data["municipalities"],
            "rows": rows,
            "may_edit": services.may_keep_register(principal),
        },
    )


def difference_edit(request, pk=None):
    principal = request.principal
    if not services.may_keep_register(principal):
        raise PermissionDenied
    instance = None
    if pk is not None:
        instance = Difference.objects.filter(pk=pk, municipality=principal.organisation).first()
        if instance is None:
            raise Http404
    error = None
    values = {
        "topic": instance.topic if instance else "",
        "description": instance.description if instance else "",
        "reason": instance.reason if instance else "",
        "version": instance.version if instance else 1,
    }
    if request.method == "POST":
        values.update(
            {k: request.POST.get(k, "") for k in ("topic", "description", "reason", "version")}
        )
        try:
            expected = int(values["version"] or 0)
        except ValueError:
            expected = 0
        try:
            services.save_difference(
                principal,
                topic=values["topic"],
                description=values["description"],
                reason=values["reason"],
                instance=instance,
                expected_version=expected,
            )
        except (services.PortalError, ConflictError) as exc:
            error = str(exc)
        else:
            return redirect("portal_staff:differences")
    return render(
        request,
        "portal/staff_difference_form.html",
        {"instance": instance, "values": values, "topics": Topic.choices, "error": error},
        status=400 if error else 200,
    )
