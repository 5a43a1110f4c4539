"""A ZGW client (Zaken 1.5, Besluiten 1.1, Documenten 1.4 as in Open Zaak 1.30): JWT-Claims
authorisation (HS256), every request body validated against the OpenAPI files before it is sent,
and the failure classification of the delivery worker."""

import time
from dataclasses import dataclass

import jwt

from django.conf import settings

from ..transport import PermanentError, TransientError, new_session, send
from . import schemas

COMPONENT_PATHS = {
    "zaken": "zaken/api/v1",
    "besluiten": "besluiten/api/v1",
    "documenten": "documenten/api/v1",
}


@dataclass(frozen=True)
class ZgwConfig:
    url: str
    client_id: str
    secret: str
    rsin: str
    zaaktype: str
    roltype: str
    besluittype_pip: str
    besluittype_fine: str
    informatieobjecttype: str
    user_id: str = "regie-aflevering"
    user_representation: str = "Regie Inburgering (automatische aflevering)"

    @classmethod
    def from_settings(cls) -> "ZgwConfig":
        return cls(
            url=settings.REGIE_ZGW_URL,
            client_id=settings.REGIE_ZGW_CLIENT_ID,
            secret=settings.REGIE_ZGW_SECRET,
            rsin=settings.REGIE_ZGW_RSIN,
            zaaktype=settings.REGIE_ZGW_ZAAKTYPE,
            roltype=settings.REGIE_ZGW_ROLTYPE,
            besluittype_pip=settings.REGIE_ZGW_BESLUITTYPE_PIP,
            besluittype_fine=settings.REGIE_ZGW_BESLUITTYPE_BOETE,
            informatieobjecttype=settings.REGIE_ZGW_INFORMATIEOBJECTTYPE,
        )

    def endpoint(self, component: str, resource: str) -> str:
        return f"{self.url.rstrip('/')}/{COMPONENT_PATHS[component]}/{resource}"


def enabled() -> bool:
    return bool(settings.REGIE_ZGW_URL)


class ZgwClient:
    def __init__(self, config: ZgwConfig, session=None):
        self.config = config
        self.session = session or new_session()

    def token(self) -> str:
        """A fresh JWT per call: Open Zaak rejects tokens about an hour after ``iat``."""
        claims = {
            "iss": self.config.client_id,
            "iat": int(time.time()),
            "client_id": self.config.client_id,
            "user_id": self.config.user_id,
            "user_representation": self.config.user_representation,
        }
        return jwt.encode(claims, self.config.secret, algorithm="HS256")

    def _headers(self, write: bool, component: str, resource: str) -> dict:
        headers = {"Authorization": f"Bearer {self.token()}", "Accept": "application/json"}
        if write:
            headers["Content-Type"] = "application/json"
            if component == "zaken" and resource == "zaken":
                headers["Content-Crs"] = "EPSG:4326"
        else:
            headers["Accept-Crs"] = "EPSG:4326"
        return headers

    def find(self, component: str, resource: str, params: dict) -> list[dict]:
        """GET a list with filters; the results (paginated or a plain list)."""
        response = send(
            self.session,
            "GET",
            self.config.endpoint(component, resource),
            params=params,
            headers=self._headers(False, component, resource),
        )
        if response.status_code != 200:
            raise _refused(response, resource)
        body = _json(response)
        return body.get("results", []) if isinstance(body, dict) else list(body)

    def create(self, component: str, resource: str, schema: str, body: dict) -> dict:
        """POST one object. The body is validated first: a body that breaks the OpenAPI file is
        our fault and goes to the dead letter, not to Open Zaak."""
        try:
            schemas.validate(component, schema, body)
        except schemas.SchemaError as exc:
            raise PermanentError(f"Bericht voldoet niet aan {schema}: {exc}") from exc
        response = send(
            self.session,
            "POST",
            self.config.endpoint(component, resource),
            json=body,
            headers=self._headers(True, component, resource),
        )
        if response.status_code == 201:
            return _json(response)
        raise _refused(response, resource)

    def update(self, component: str, url: str, schema: str, body: dict, reason: str = "") -> dict:
        """PATCH an object we made (a URL from the ledger). Repeating it is harmless."""
        try:
            schemas.validate(component, schema, body)
        except schemas.SchemaError as exc:
            raise PermanentError(f"Bericht voldoet niet aan {schema}: {exc}") from exc
        resource = url.rstrip("/").split("/")[-2]
        headers = self._headers(True, component, resource)
        if reason:
            headers["X-Audit-Toelichting"] = reason
        response = send(self.session, "PATCH", url, json=body, headers=headers)
        if response.status_code == 200:
            return _json(response)
        raise _refused(response, resource)


class Rejected(PermanentError):
    """The server refused (4xx); ``invalid_params`` as ZGW reports them."""

    def __init__(self, reason: str, status: int, invalid_params: list):
        super().__init__(reason)
        self.status = status
        self.invalid_params = invalid_params

    @property
    def not_unique(self) -> bool:
        return any(
            p.get("code") in {"unique", "identificatie-niet-uniek"} for p in self.invalid_params
        )


def _json(response):
    try:
        return response.json()
    except ValueError as exc:
        raise TransientError("Onleesbaar antwoord (geen JSON).") from exc


def _refused(response, resource: str) -> Exception:
    try:
        body = response.json()
    except ValueError:
        body = {}
    params = body.get("invalidParams") or [] if isinstance(body, dict) else []
    detail = "; ".join(f"{p.get('name')}: {p.get('reason')}" for p in params[:5]) or (
        body.get("detail", "") if isinstance(body, dict) else ""
    )
    reason = f"{resource}: de ontvanger weigerde ({response.status_code}). {detail}".strip()
    return Rejected(reason[:1000], response.status_code, params)
