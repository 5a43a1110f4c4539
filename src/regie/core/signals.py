"""Login, logout and failed logins go into the change history (without passwords)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent


@receiver(user_logged_in, dispatch_uid="regie-login")
def on_login(sender, request, user, **kwargs):
    from .audit import record_event

    record_event(
        AuditEvent.Action.LOGIN,
        object_type="core.User",
        object_id=user.pk,
        object_repr=user,
        actor=user,
        actor_label=str(user),
    )


@receiver(user_logged_out, dispatch_uid="regie-logout")
def on_logout(sender, request, user, **kwargs):
    from .audit import record_event

    if user is not None:
        record_event(
            AuditEvent.Action.LOGOUT,
            object_type="core.User",
            object_id=user.pk,
            object_repr=user,
            actor=user,
            actor_label=str(user),
        )


@receiver(user_login_failed, dispatch_uid="regie-login-failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    from .audit import record_event

    username = str(credentials.get("username", ""))[:150]
    record_event(
        AuditEvent.Action.LOGIN_FAILED,
        object_type="core.User",
        object_repr=username,
        actor_label=username,
    )
