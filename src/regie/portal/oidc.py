"""DigiD login through the municipality's OpenID Connect broker (relying party side).

Authorisation-code flow: :func:`authorization_url` sends the browser to the broker with a state
and a nonce; :func:`exchange_code` trades the code for tokens at the token endpoint and
:func:`verify_id_token` checks the ID token's RS256 signature against the broker's JWKS, its
issuer, audience, expiry and nonce. The token carries the BSN and the DigiD assurance level; the
portal requires Substantieel or higher (``REGIE_PORTAL_MIN_LEVEL``): the portal shows a dossier
with personal data, for which DigiD Basis is not enough.
"""

import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import jwt
import requests

from django.conf import settings

TIMEOUT = 10

# DigiD's assurance levels as SAML authentication context classes (what the broker passes on as
# the ``acr`` claim), in rising order.
ACR_LEVELS = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": ("basis", 10),
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": ("midden", 20),
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": ("substantieel", 25),
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": ("hoog", 30),
}
LEVEL_RANK = {name: rank for name, rank in ACR_LEVELS.values()}
ACR_OF_LEVEL = {name: acr for acr, (name, _rank) in ACR_LEVELS.items()}


class LoginError(Exception):
    """The login failed; ``code`` picks the message shown (never a technical detail)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code


@dataclass(frozen=True)
class Identity:
    bsn: str
    level: str


_discovery: dict[str, dict] = {}
_jwks_clients: dict[str, jwt.PyJWKClient] = {}


def issuer() -> str:
    return settings.REGIE_PORTAL_OIDC_ISSUER.rstrip("/")


def enabled() -> bool:
    return bool(settings.REGIE_PORTAL_OIDC_ISSUER and settings.REGIE_PORTAL_OIDC_CLIENT_ID)


def discovery() -> dict:
    iss = issuer()
    if iss not in _discovery:
        try:
            response = requests.get(f"{iss}/.well-known/openid-configuration", timeout=TIMEOUT)
            response.raise_for_status()
            config = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise LoginError("unavailable", str(exc)) from exc
        # OpenID Connect Discovery 1.0 §4.3: the issuer in the document must be the one asked.
        if str(config.get("issuer", "")).rstrip("/") != iss:
            raise LoginError("unavailable", "issuer in discovery differs from configuration")
        _discovery[iss] = config
    return _discovery[iss]


def new_state() -> dict:
    return {"state": secrets.token_urlsafe(24), "nonce": secrets.token_urlsafe(24)}


def authorization_url(state: dict, redirect_uri: str) -> str:
    params = {
        "response_type": "code",
        "client_id": settings.REGIE_PORTAL_OIDC_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": settings.REGIE_PORTAL_OIDC_SCOPE,
        "state": state["state"],
        "nonce": state["nonce"],
        "acr_values": ACR_OF_LEVEL[settings.REGIE_PORTAL_MIN_LEVEL],
    }
    return f"{discovery()['authorization_endpoint']}?{urlencode(params)}"


def exchange_code(code: str, redirect_uri: str) -> str:
    """The ID token for an authorisation code (client_secret_basic)."""
    try:
        response = requests.post(
            discovery()["token_endpoint"],
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
            auth=(settings.REGIE_PORTAL_OIDC_CLIENT_ID, settings.REGIE_PORTAL_OIDC_CLIENT_SECRET),
            timeout=TIMEOUT,
        )
    except requests.RequestException as exc:
        raise LoginError("unavailable", str(exc)) from exc
    if response.status_code != 200:
        raise LoginError("refused", f"token endpoint answered {response.status_code}")
    try:
        return response.json()["id_token"]
    except (ValueError, KeyError) as exc:
        raise LoginError("refused", "no id_token") from exc


def verify_id_token(token: str, nonce: str) -> Identity:
    config = discovery()
    jwks_uri = config["jwks_uri"]
    if jwks_uri not in _jwks_clients:
        _jwks_clients[jwks_uri] = jwt.PyJWKClient(jwks_uri, timeout=TIMEOUT)
    try:
        key = _jwks_clients[jwks_uri].get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            audience=settings.REGIE_PORTAL_OIDC_CLIENT_ID,
            issuer=config["issuer"],
            options={"require": ["exp", "iat", "iss", "aud", "nonce"]},
            leeway=30,
        )
    except jwt.PyJWTError as exc:
        raise LoginError("invalid", str(exc)) from exc
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise LoginError("invalid", "nonce")
    bsn = str(claims.get(settings.REGIE_PORTAL_OIDC_BSN_CLAIM, "")).strip()
    level = ACR_LEVELS.get(str(claims.get(settings.REGIE_PORTAL_OIDC_LEVEL_CLAIM, "")))
    if not bsn:
        raise LoginError("invalid", "no BSN")
    if level is None or level[1] < LEVEL_RANK[settings.REGIE_PORTAL_MIN_LEVEL]:
        raise LoginError("level")
    return Identity(bsn=bsn, level=level[0])
