"""Abuse limits: failed logins per IP address, and API requests per token and per session.

* Per account, django-axes locks a username for ``LOGIN_LOCKOUT_MINUTES`` after
  ``LOGIN_FAILURE_LIMIT`` failures (short on purpose: anyone can type a wrong password for
  someone else).
* Per IP address, :func:`login_blocked_for` refuses every login attempt for the rest of a window
  of ``LOGIN_IP_WINDOW_MINUTES`` once ``LOGIN_IP_FAILURE_LIMIT`` logins failed from that address
  (one address trying many usernames). The limit is higher than the per-account one, so a shared
  office proxy does not block its colleagues after one person's typos.
* The API allows ``API_RATE_TOKEN`` requests per token and ``API_RATE_SESSION`` per logged-in
  session (:class:`ApiRateThrottle`); beyond that it answers 429 with ``Retry-After`` and a Dutch
  message.

Counters live in Django's cache (``CACHES``): shared by every worker with the database cache,
per process with the local-memory cache.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.throttling import SimpleRateThrottle


def _client_ip(request) -> str:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "onbekend"


def _login_key(request) -> str:
    return f"regie:login-failures:{_client_ip(request)}"


def login_blocked_for(request) -> int:
    """Seconds this address must still wait before it may try again (0: not blocked)."""
    state = cache.get(_login_key(request))
    if not state or state["count"] < settings.REGIE_LOGIN_IP_FAILURE_LIMIT:
        return 0
    return max(1, int(state["until"] - time.time()))


def record_login_failure(request) -> None:
    window = settings.REGIE_LOGIN_IP_WINDOW_SECONDS
    key = _login_key(request)
    now = time.time()
    state = cache.get(key)
    if not state or state["until"] <= now:
        state = {"count": 0, "until": now + window}
    state["count"] += 1
    cache.set(key, state, timeout=max(1, int(state["until"] - now)))


class ApiRateThrottle(SimpleRateThrottle):
    """One budget per API token and one per logged-in session; rates from the settings."""

    scope = "api"

    def __init__(self):
        pass  # the rate depends on the request (token or session): see allow_request

    def get_cache_key(self, request, view):
        principal = request.auth
        if principal is None:
            return None  # not authenticated: the permission check answers first
        if getattr(principal, "api_client", None) is not None:
            return f"regie:api-rate:token:{principal.api_client.pk}"
        session_key = getattr(getattr(request._request, "session", None), "session_key", None)
        return f"regie:api-rate:session:{session_key or principal.user.pk}"

    def allow_request(self, request, view):
        principal = request.auth
        if principal is None:
            return True
        is_token = getattr(principal, "api_client", None) is not None
        self.rate = settings.REGIE_API_RATE_TOKEN if is_token else settings.REGIE_API_RATE_SESSION
        self.num_requests, self.duration = self.parse_rate(self.rate)
        if super().allow_request(request, view):
            return True
        exc = exceptions.Throttled(
            detail=_(
                "U hebt te veel verzoeken gedaan. Wacht %(seconds)s seconden en probeer het dan"
                " opnieuw."
            )
            % {"seconds": int(self.wait() or 1)}
        )
        exc.wait = max(1, round(self.wait() or 1))
        raise exc
