"""What every page needs: the active role, the main menu for that role, the demo banner."""

from django.conf import settings

from regie import __version__

from .menu import main_menu


def shell(request):
    principal = getattr(request, "principal", None)
    user = getattr(request, "user", None)
    has_more_roles = False
    if user is not None and user.is_authenticated:
        has_more_roles = user.role_assignments.filter(is_active=True).count() > 1
    return {
        "principal": principal,
        "main_menu": main_menu(request, principal),
        "has_more_roles": has_more_roles,
        "regie_demo": settings.REGIE_DEMO,
        "regie_require_2fa": settings.REGIE_REQUIRE_2FA,
        "regie_version": __version__,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
    }
