"""Request context (request id, actor, active role) and the login/second-factor gate."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import context
from .principal import principal_for_request

PUBLIC_PREFIXES = (
    "/inloggen/",
    "/health/",
    "/static/",
    "/i18n/",
    "/api/",
    "/oidc/",
    "/mijn/",  # the newcomer's portal: its own DigiD login and session (regie.portal.session)
    "/toegankelijkheid/",
    "/privacyverklaring/",
    "/favicon.ico",
)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.principal = principal_for_request(request)
        ctx = context.ActorContext(
            user=request.user if request.user.is_authenticated else None,
            principal=request.principal,
            channel="api" if request.path.startswith("/api/") else "ui",
        )
        request.request_id = ctx.request_id
        token = context.set_current(ctx)
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response.headers.setdefault("X-Request-ID", ctx.request_id)
        return response


def second_factor_required(request) -> bool:
    return bool(settings.REGIE_REQUIRE_2FA) and not request.user.is_verified()


class LoginRequiredMiddleware:
    """Every page needs a logged-in user with a role (and the second factor where required)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(PUBLIC_PREFIXES):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect(f"{reverse('core:login')}?next={request.get_full_path()}")
        if second_factor_required(request) and not path.startswith("/tweede-factor/"):
            return redirect("core:otp")
        if path.startswith("/beheer/"):
            return self.get_response(request)  # the admin checks is_staff itself
        if (
            request.principal is None
            and not path.startswith(("/uitloggen/", "/tweede-factor/"))
            and path != reverse("core:no_role")
        ):
            return redirect("core:no_role")
        return self.get_response(request)


class LanguageMiddleware:
    """Dutch by default; English only when the user chose it with the language switch (cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which would show an
    English browser an English interface the user never asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        # Staff screens come in Dutch and English; the newcomer's portal in all its languages.
        portal = request.path.startswith("/mijn/")
        supported = set(settings.PORTAL_LANGUAGES if portal else settings.STAFF_LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",  # no inline script, no eval: every script is a file in /static/
        # inline style attributes: the SVG charts colour with CSS variables (core/charts.py)
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every answer, and ``Cache-Control: no-store`` on every dynamic
    answer (pages and API may hold personal data; static files are served before this by
    WhiteNoise and stay cacheable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import add_never_cache_headers

        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
        return response
