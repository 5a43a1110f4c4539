"""Every write of the portal. The newcomer writes only about himself; staff answer messages
(case manager with full dossier access) and keep the differences register (policy officer,
own municipality)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from regie.clients.closing import NO_POST_MESSAGE, stops_post
from regie.clients.selectors import Access, dossier_access
from regie.core.errors import ConflictError
from regie.core.locking import save_with_version
from regie.core.roles import Role

from . import work_items
from .models import Difference, Feedback, Message, MomentKind, Request, Topic
from .selectors import moment


class PortalError(Exception):
    """A request the portal refuses, with a message for the user."""


def _notify(user) -> None:
    """An e-mail notice without personal data: only that there is something to read."""
    if user is not None and user.email:
        with translation.override("nl"):  # staff read Dutch, whatever the portal's language
            subject = _("Regie Inburgering: nieuw bericht")
            body = _("Er staat een nieuw bericht voor u klaar. Log in om het te lezen.")
        send_mail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            fail_silently=True,
        )


@transaction.atomic
def send_message(client, body: str) -> Message:
    body = (body or "").strip()
    if not body:
        raise PortalError(_("Schrijf eerst uw bericht."))
    message = Message.objects.create(
        client=client, direction=Message.Direction.FROM_CLIENT, body=body
    )
    work_items.message_received(message)
    transaction.on_commit(lambda: _notify(client.case_manager))
    return message


@transaction.atomic
def answer_message(principal, client, body: str) -> Message:
    if principal is None or dossier_access(principal, client) != Access.FULL:
        raise PermissionError
    if stops_post(client):
        raise PortalError(str(NO_POST_MESSAGE))
    body = (body or "").strip()
    if not body:
        raise PortalError(_("Schrijf eerst uw antwoord."))
    message = Message.objects.create(
        client=client, direction=Message.Direction.TO_CLIENT, body=body, sent_by=principal.user
    )
    work_items.answered(client, principal.user)
    if client.email:
        transaction.on_commit(
            lambda: send_mail(
                _("Regie Inburgering: nieuw bericht"),
                _(
                    "Er staat een nieuw bericht voor u klaar in Mijn inburgering. Log in om het te lezen."
                ),
                settings.DEFAULT_FROM_EMAIL,
                [client.email],
                fail_silently=True,
            )
        )
    return message


@transaction.atomic
def make_request(
    client, *, kind: str, appointment_ref: str, language="", mode="", note=""
) -> Request:
    target = moment(client, appointment_ref)
    if target is None:
        raise PortalError(_("Kies een afspraak uit de lijst."))
    if kind == Request.Kind.INTERPRETER and (
        not language.strip() or mode not in Request.Mode.values
    ):
        raise PortalError(_("Kies een taal en hoe de tolk helpt."))
    if kind not in Request.Kind.values:
        raise PortalError(_("Kies wat u wilt vragen."))
    with translation.override("nl"):  # the staff side reads Dutch, whatever the portal language
        label = f"{MomentKind(target.kind).label} {target.date:%d-%m-%Y}"
    obj = Request.objects.create(
        client=client,
        kind=kind,
        appointment=label,
        appointment_date=target.date,
        language=language.strip()[:100],
        mode=mode if kind == Request.Kind.INTERPRETER else "",
        note=(note or "").strip()[:2000],
    )
    work_items.request_made(obj)
    return obj


def give_feedback(client, *, moment_ref: str, score, text="") -> Feedback:
    target = moment(client, moment_ref)
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if target is None:
        raise PortalError(_("Dit gesprek kennen we niet."))
    if not 1 <= score <= 5:
        raise PortalError(_("Kies een gezichtje van 1 tot 5."))
    provider_id = None
    if target.kind == "course_start":
        from .selectors import my_plan

        comp = next(
            (c for c in my_plan(client).components if f"course:{c.uuid}" == target.ref), None
        )
        provider_id = comp.provider_id if comp else None
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                client=client,
                moment_kind=target.kind,
                moment_ref=target.ref,
                moment_date=target.date,
                municipality=client.municipality,
                provider_id=provider_id,
                score=score,
                text=(text or "").strip()[:2000],
            )
    except IntegrityError as exc:
        raise ConflictError(_("U gaf uw mening over dit gesprek al.")) from exc


def may_keep_register(principal) -> bool:
    return principal is not None and principal.role == Role.POLICY_OFFICER


@transaction.atomic
def save_difference(
    principal, *, topic: str, description: str, reason: str, instance=None, expected_version=None
) -> Difference:
    if not may_keep_register(principal):
        raise PermissionError
    if instance is not None and instance.municipality_id != principal.organisation.pk:
        raise PermissionError
    description, reason = (description or "").strip(), (reason or "").strip()
    if not description or not reason:
        raise PortalError(_("Vul in wat anders is en waarom."))
    if instance is not None:
        instance.description, instance.reason, instance.updated_by = (
            description,
            reason,
            principal.user,
        )
        save_with_version(
            instance,
            instance.version if expected_version is None else expected_version,
            fields=["description", "reason", "updated_by"],
            audit=True,
        )
        return instance
    if topic not in Topic.values:
        raise PortalError(_("Kies een onderwerp."))
    if Difference.objects.filter(municipality=principal.organisation, topic=topic).exists():
        raise PortalError(_("Dit onderwerp staat al in het overzicht. Pas het daar aan."))
    return Difference.objects.create(
        municipality=principal.organisation,
        topic=topic,
        description=description,
        reason=reason,
        updated_by=principal.user,
    )
