"""API authentication: a token per organisation's system, or the web session of a staff user.

Both give the request a :class:`~regie.core.principal.Principal`, so the same scoping applies.
"""

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from regie.core import context
from regie.core.models import ApiClient
from regie.core.principal import Principal, principal_for_request


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(client: ApiClient) -> str:
    """Give the client a new key; only its hash is stored. Returns the key (show it once)."""
    key = secrets.token_urlsafe(32)
    client.key_prefix = key[:8]
    client.key_hash = hash_key(key)
    client.save()
    return key


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Geef het token zo mee: Authorization: Token <sleutel>.")
            )
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Het token bevat ongeldige tekens.")) from None
        client = (
            ApiClient.objects.select_related("organisation", "organisation__region")
            .filter(key_hash=hash_key(key), is_active=True)
            .first()
        )
        if client is None:
            raise exceptions.AuthenticationFailed(_("Dit token is onbekend of ingetrokken."))
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        principal = Principal.from_api_client(client)
        request._request.principal = principal
        ctx = context.current()
        ctx.principal, ctx.channel = principal, "api"
        return (None, principal)

    def authenticate_header(self, request):
        return self.keyword


class ScopedSessionAuthentication(authentication.SessionAuthentication):
    """The logged-in user's active role (used by the browsable documentation)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, _auth = result
        from django.conf import settings

        if settings.REGIE_REQUIRE_2FA and not user.is_verified():
            return None
        principal = principal_for_request(request._request)
        if principal is None:
            return None
        request._request.principal = principal
        ctx = context.current()
        ctx.principal, ctx.user, ctx.channel = principal, user, "api"
        return (user, principal)


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "regie.api.authentication.OrganisationTokenAuthentication"
    name = "organisationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token per organisatie: `Token <sleutel>`.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "regie.api.authentication.ScopedSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
