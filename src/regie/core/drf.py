"""The DRF plumbing every app's API uses: authentication, permission, pagination, errors, schema.

- Authentication: a token per organisation's system, or the web session of a staff user. Both give
  the request a :class:`~regie.core.principal.Principal`, so the same scoping applies.
- Errors: every API error is a 4xx JSON body with a Dutch message; a refused change
  (:class:`~regie.core.errors.ConflictError`, e.g. a stale version or a transition the case does
  not allow) is the one 409 mapping; unexpected errors become a 500 with only a reference (and are
  logged), never a stack trace.
- Schema: the OpenAPI document must not depend on the database it was generated on.

Apps import from here; ``regie.api`` only routes.
"""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import authentication, exceptions, pagination, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from regie.core import context
from regie.core.errors import ConflictError
from regie.core.locking import CONFLICT_MESSAGE
from regie.core.models import ApiClient
from regie.core.principal import Principal, principal_for_request

logger = logging.getLogger("regie.api")


# --- Who is calling -------------------------------------------------------------------------


def principal_of(request):
    """The principal (user role or API token) of a DRF or Django request."""
    return getattr(getattr(request, "_request", request), "principal", None)


class HasPrincipal(BasePermission):
    """Any authenticated organisation or user role; what it sees is decided by the scoping."""

    message = gettext_lazy("U bent niet ingelogd of uw token is niet geldig.")

    def has_permission(self, request, view):
        return getattr(request._request, "principal", None) is not None and request.auth is not None


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
    target_class = "regie.core.drf.OrganisationTokenAuthentication"
    name = "organisationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token per organisatie: `Token <sleutel>`.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "regie.core.drf.ScopedSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


# --- Every read logged ------------------------------------------------------------------------
# ``ScopedViewSet`` (regie.core.viewsets) is the one base of every API viewset; it is defined in
# its own module because this one is loaded by DRF's settings before ``rest_framework.views``
# exists, and offered here (PEP 562) so apps import all DRF plumbing from ``regie.core.drf``.


def __getattr__(name):
    if name == "ScopedViewSet":
        from regie.core.viewsets import ScopedViewSet

        return ScopedViewSet
    raise AttributeError(name)


# --- Lists ----------------------------------------------------------------------------------


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = gettext_lazy("Deze pagina bestaat niet.")

    def get_page_size(self, request):
        """``page_size`` from 1 to 200; anything else is a 400 (not silently the default)."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None or value == "":
            return self.page_size
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Kies een paginagrootte van 1 tot en met %(max)s.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


# --- Renamed fields and query parameters -----------------------------------------------------
# docs/glossary.md: API field names and query parameters are English and a query parameter has
# the name of the field it filters. The old Dutch names (field ``klant``; parameters ``klant``,
# ``soort``, ``kenmerk``, ``inschrijving``) stay for the 1.x versions, marked deprecated in the
# schema, and go in 2.0. When both names are given, the new one wins (query) or they must agree
# (body).

REMOVED_IN = "2.0"


def deprecated_text(new: str) -> str:
    return f"Verouderd: gebruik '{new}'. Vervalt in versie {REMOVED_IN}."


@extend_schema_field({"type": "string", "format": "uuid", "deprecated": True})
class DeprecatedUUIDField(serializers.UUIDField):
    """A uuid field under its old name: still answered and accepted, deprecated in the schema."""


def client_field():
    """``client`` (the client's uuid) for a response serializer of an object with a client."""
    return serializers.UUIDField(
        source="client.uuid", read_only=True, help_text="uuid van de klant"
    )


def klant_field():
    """The deprecated response alias ``klant`` of :func:`client_field`."""
    return DeprecatedUUIDField(
        source="client.uuid", read_only=True, help_text=deprecated_text("client")
    )


class ClientReference(serializers.Serializer):
    """A request about one client: ``client`` (uuid), or its deprecated alias ``klant``.

    Validated data has ``client`` only."""

    client = serializers.UUIDField(
        required=False, help_text="uuid van de klant (verplicht; of het verouderde 'klant')"
    )
    klant = DeprecatedUUIDField(required=False, help_text=deprecated_text("client"))

    def validate(self, attrs):
        attrs = super().validate(attrs)
        new, old = attrs.pop("client", None), attrs.pop("klant", None)
        if new is not None and old is not None and new != old:
            raise exceptions.ValidationError(
                {
                    "client": [
                        _(
                            "Geef de klant één keer op: 'client' en 'klant' hebben een andere waarde."
                        )
                    ]
                }
            )
        if new is None and old is None:
            raise exceptions.ValidationError(
                {"client": [_("Vul 'client' in: de uuid van de klant.")]}
            )
        attrs["client"] = new if new is not None else old
        return attrs


def renamed_parameters(name: str, old: str, kind, description: str, **kwargs):
    """The query parameter ``name`` and its deprecated alias ``old``, for ``extend_schema``."""
    return [
        OpenApiParameter(name, kind, description=description, **kwargs),
        OpenApiParameter(old, kind, description=deprecated_text(name), deprecated=True, **kwargs),
    ]


def client_parameters(description: str = "Alleen voor deze klant (uuid)."):
    return renamed_parameters("client", "klant", OpenApiTypes.UUID, description)


def query_value(request, name: str, old: str) -> tuple[str, str | None]:
    """The value of query parameter ``name``, else of its deprecated alias ``old``.

    Returns the name that was used (for the error message) and the value (None if neither)."""
    params = request.query_params
    if params.get(name):
        return name, params[name]
    if params.get(old):
        return old, params[old]
    return name, None


def client_filter(request, queryset):
    """Filter on ``?client=<uuid>`` (or the deprecated ``?klant=``); a malformed uuid is a 400."""
    used, value = query_value(request, "client", "klant")
    if not value:
        return queryset
    try:
        value = serializers.UUIDField().to_internal_value(value)
    except exceptions.ValidationError as exc:
        raise exceptions.ValidationError({used: [_("Vul een geldige uuid in.")]}) from exc
    return queryset.filter(client__uuid=value)


# --- Errors ---------------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    """409: the change clashes with the current state (the one mapping of ConflictError)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = CONFLICT_MESSAGE
    default_code = "conflict"


MESSAGES = {
    status.HTTP_401_UNAUTHORIZED: gettext_lazy("U bent niet ingelogd of uw token is niet geldig."),
    status.HTTP_403_FORBIDDEN: gettext_lazy("U hebt geen toegang tot dit gegeven."),
    status.HTTP_404_NOT_FOUND: gettext_lazy(
        "Dit gegeven bestaat niet of u hebt er geen toegang toe."
    ),
    status.HTTP_405_METHOD_NOT_ALLOWED: gettext_lazy("Deze handeling kan hier niet."),
    status.HTTP_406_NOT_ACCEPTABLE: gettext_lazy(
        "Dit antwoordformaat is niet beschikbaar; gebruik JSON."
    ),
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: gettext_lazy("Stuur de gegevens als JSON."),
    status.HTTP_429_TOO_MANY_REQUESTS: gettext_lazy(
        "Te veel verzoeken. Probeer het later opnieuw."
    ),
}


def exception_handler(exc, context):
    # imported here: this module is loaded by DRF's settings while rest_framework.views loads
    from rest_framework.views import exception_handler as drf_handler

    from .requestlimits import api_exception_for

    exc = api_exception_for(exc) or exc
    if isinstance(exc, ConflictError):
        exc = Conflict(str(exc))
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, DataError):
        # e.g. a number larger than the database column can hold: the client's input, not ours
        exc = exceptions.ValidationError(
            {
                "detail": [
                    _(
                        "Een waarde is te groot of heeft een vorm die niet kan. Controleer de invoer."
                    )
                ]
            }
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        request = context.get("request")
        reference = getattr(getattr(request, "_request", None), "request_id", "")
        logger.exception("API error, reference %s", reference)
        return Response(
            {
                "detail": _(
                    "Er ging iets mis bij ons. Uw gegevens zijn niet opgeslagen. Probeer het over een"
                    " paar minuten opnieuw."
                ),
                "reference": reference,
            },
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": _("De gegevens kloppen niet. Zie 'errors' per veld."),
            "errors": response.data,
        }
    elif response.status_code in MESSAGES:
        detail = getattr(exc, "detail", None)
        default = getattr(exc, "default_detail", None)
        custom = detail is not None and default is not None and str(detail) != str(default)
        if not custom:
            response.data = {"detail": str(MESSAGES[response.status_code])}
    return response


# --- Schema ---------------------------------------------------------------------------------
# Django's integer fields get validators from the connection's integer range (SQLite: 64 bits,
# PostgreSQL: 32 or 16 bits), which drf-spectacular turns into ``maximum`` and ``format: int64``.
# Those limits are storage details, not API contract, so they are removed; the committed
# ``openapi.yaml`` is then the same on SQLite and PostgreSQL.

BACKEND_LIMITS = {32767, 2147483647, 9223372036854775807}


def _clean(node):
    if isinstance(node, dict):
        if node.get("type") == "integer" and node.get("maximum") in BACKEND_LIMITS:
            node.pop("maximum")
            if node.get("format") == "int64":
                node.pop("format")
        for value in node.values():
            _clean(value)
    elif isinstance(node, list):
        for value in node:
            _clean(value)


def drop_backend_integer_limits(result, generator, request, public):
    _clean(result)
    return result


# A field that not every audience gets (clients.visibility) is optional in the response schema.
_OPTIONAL_IN_RESPONSE: dict[str, set[str]] = {}


def optional_in_response(component: str, fields) -> None:
    """Mark ``fields`` of the response component ``component`` as optional in the schema."""
    _OPTIONAL_IN_RESPONSE.setdefault(component, set()).update(fields)


# The 4xx answers every operation can give, documented once (a postprocessing hook) so the
# schema tells the truth: 400 bad input, 401/403 no access, 404 unknown or out of scope, 409 a
# stale version or a refused transition (writes), 413 a body too large, 414 a URL too long, 429
# too many requests. Each is the JSON body of ``exception_handler``: a Dutch ``detail``.
ERROR_RESPONSES = {
    "400": "De invoer klopt niet (zie 'errors' per veld).",
    "401": "Niet ingelogd of token ongeldig.",
    "403": "Geen toegang tot deze handeling.",
    "404": "Bestaat niet of u hebt er geen toegang toe.",
    "409": "Conflict: de gegevens zijn intussen gewijzigd of de stap kan nu niet.",
    "413": "Het verzoek is te groot.",
    "414": "De URL is te lang.",
    "429": "Te veel verzoeken; probeer het later opnieuw (zie Retry-After).",
}
WRITE_ONLY_ERRORS = {"409"}
ERROR_SCHEMA = {
    "type": "object",
    "description": "Een fout: 'detail' in het Nederlands; bij 400 ook 'errors' per veld.",
    "properties": {
        "detail": {"type": "string"},
        "errors": {},
        "reference": {"type": "string"},
    },
    "additionalProperties": True,
}


def document_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, fields in _OPTIONAL_IN_RESPONSE.items():
        schema = components.get(name)
        if schema and "required" in schema:
            schema["required"] = [f for f in schema["required"] if f not in fields]
    components["ApiError"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/ApiError"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                if code in WRITE_ONLY_ERRORS and method == "get":
                    continue
                if code in responses:
                    continue
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": reference}},
                }
    return result
