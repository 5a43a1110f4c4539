"""Login with password plus TOTP second factor, lock-out, logout, role switch, keep-alive."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..audit import record_event
from ..forms import LoginForm, TokenForm
from ..models import AuditEvent
from ..principal import SESSION_KEY
from ..throttling import login_blocked_for, record_login_failure
from .forms import render_form


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


def lockout_response(request, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    form = LoginForm()
    return render(
        request,
        "core/login.html",
        {
            "form": form,
            "locked_message": _(
                "U hebt te vaak een verkeerd wachtwoord ingevuld. Uw account is %(minutes)s minuten"
                " geblokkeerd. Probeer het daarna opnieuw of neem contact op met functioneel beheer."
            )
            % {"minutes": minutes},
        },
        status=429,
    )


def address_blocked_response(request, seconds: int):
    """Too many failed logins from this address (any username): wait, whoever you are."""
    minutes = max(1, -(-seconds // 60))
    response = render(
        request,
        "core/login.html",
        {
            "form": LoginForm(),
            "locked_title": _("Inloggen tijdelijk geblokkeerd"),
            "locked_message": _(
                "Vanaf dit netwerkadres is te vaak mislukt ingelogd. Probeer het over %(minutes)s"
                " minuten opnieuw of neem contact op met functioneel beheer."
            )
            % {"minutes": minutes},
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def login_view(request):
    if request.user.is_authenticated and not request.GET.get("opnieuw"):
        return redirect(_safe_next(request))
    error = None
    form = LoginForm(request.POST or None)
    if request.method == "POST" and (blocked := login_blocked_for(request)):
        return address_blocked_response(request, blocked)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            record_login_failure(request)
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
            error = _(
                "De gebruikersnaam of het wachtwoord klopt niet. Controleer beide en probeer het opnieuw."
            )
        else:
            login(request, user)
            if settings.REGIE_REQUIRE_2FA:
                return redirect(f"/tweede-factor/?next={_safe_next(request)}")
            return redirect(_safe_next(request))
    return render_form(
        request,
        "core/login.html",
        {
            "form": form,
            "login_error": error,
            "next": _safe_next(request),
            "oidc_enabled": settings.OIDC_ENABLED,
        },
        form,
        errors=bool(error),
    )


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def otp_view(request):
    """Second factor. A user without a confirmed device first links his authenticator app."""
    user = request.user
    if user.is_verified():
        return redirect(_safe_next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setup = device is None
    if setup:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or (
            TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if setup:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record_event(
                AuditEvent.Action.ACTION,
                object_type="core.User",
                object_id=user.pk,
                object_repr=_("Tweede factor gecontroleerd"),
            )
            return redirect(_safe_next(request))
        form.add_error("token", _("De code klopt niet. Vul de code in die uw app nu toont."))
    context = {"form": form, "setup": setup, "next": _safe_next(request)}
    if setup:
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr_svg"] = _qr_svg(device.config_url)
    return render_form(request, "core/otp.html", context, form, errors=request.method == "POST")


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:login")


def role_switch(request):
    assignments = list(request.user.active_assignments())
    if request.method == "POST":
        chosen = request.POST.get("assignment")
        for assignment in assignments:
            if str(assignment.pk) == chosen:
                request.session[SESSION_KEY] = assignment.pk
                record_event(
                    AuditEvent.Action.ROLE_SWITCH,
                    object_type="core.RoleAssignment",
                    object_id=assignment.pk,
                    object_repr=assignment,
                )
                messages.success(request, _("U werkt nu als %(role)s.") % {"role": str(assignment)})
                return redirect("core:home")
        messages.error(request, _("Kies een van uw rollen."))
    current = request.principal.assignment_id if request.principal else None
    return render(
        request, "core/role_switch.html", {"assignments": assignments, "current": current}
    )


def no_role(request):
    return render(request, "core/no_role.html", status=403)


@require_POST
def keep_alive(request):
    """Extends the session (SESSION_SAVE_EVERY_REQUEST does the rest)."""
    request.session.modified = True
    return HttpResponse(status=204)
