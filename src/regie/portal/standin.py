"""A stand-in OpenID Connect provider on 127.0.0.1 for tests and the demo (no real DigiD).

It speaks the parts of OpenID Connect Core 1.0 and Discovery 1.0 the portal uses: discovery,
``/authorize`` (a page to pick a demo person and a DigiD level, clearly marked as a demo),
``/token`` (authorisation code for an RS256-signed ID token with ``bsn`` and ``acr``) and
``/jwks``. The RSA key is made when the server starts.
"""

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from .oidc import ACR_OF_LEVEL

LEVELS = [
    ("substantieel", "Substantieel"),
    ("hoog", "Hoog"),
    ("midden", "Midden"),
    ("basis", "Basis"),
]


class StandinProvider:
    def __init__(self, persons, *, client_id="regie-portaal", client_secret="demo-geheim", port=0):
        self.persons = list(persons)  # dicts with "bsn" and "name"
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(8)
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.thread = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "StandinProvider":
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- protocol ------------------------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "acr_values_supported": list(ACR_OF_LEVEL.values()),
            "claims_supported": ["sub", "bsn", "acr", "nonce"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": hashlib.sha256(grant["bsn"].encode()).hexdigest()[:32],
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "bsn": grant["bsn"],
            "acr": ACR_OF_LEVEL[grant["level"]],
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def authorize_page(self, params: dict) -> str:
        hidden = "".join(
            f'<input type="hidden" name="{k}" value="{html.escape(params.get(k, ""))}">'
            for k in ("client_id", "redirect_uri", "state", "nonce")
        )
        people = "".join(
            f'<li><label><input type="radio" name="bsn" value="{html.escape(p["bsn"])}"'
            f"{' checked' if i == 0 else ''}> {html.escape(p['name'])}</label></li>"
            for i, p in enumerate(self.persons)
        )
        levels = "".join(f'<option value="{v}">{label}</option>' for v, label in LEVELS)
        return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DEMO – nagebootste DigiD-inlog</title>
<style>body{{font-family:system-ui,sans-serif;margin:1rem;max-width:40rem}}
.demo{{background:#fff3cd;border:3px solid #8a6d00;padding:.75rem}}
label,button,select,input[type=text]{{min-height:44px;font-size:1rem}}
li{{list-style:none;margin:.5rem 0}} ul{{padding:0}}
button{{background:#154273;color:#fff;border:0;padding:.5rem 1rem}}</style></head>
<body><main><p class="demo" role="note"><strong>DEMO.</strong> Dit is geen echte DigiD. Deze
pagina bootst de inlog van de gemeente na. Alle personen zijn verzonnen.</p>
<h1>Kies een demopersoon</h1>
<form method="post" action="/authorize">{hidden}
<fieldset><legend>Persoon</legend><ul>{people}</ul>
<p><label for="other">Of typ een BSN</label><br><input type="text" id="other" name="other_bsn"
inputmode="numeric" autocomplete="off"></p></fieldset>
<p><label for="level">DigiD-niveau</label><br><select id="level" name="level">{levels}</select></p>
<button type="submit">Inloggen (demo)</button></form></main></body></html>"""

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output (and BSNs) out of the console
                pass

            def _send(self, status, body, content_type="application/json", headers=None):
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _json(self, status, obj):
                self._send(status, json.dumps(obj))

            def _form(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                return {k: v[0] for k, v in parse_qs(raw).items()}

            def do_GET(self):
                url = urlparse(self.path)
                if url.path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if url.path == "/jwks":
                    return self._json(200, provider.jwks())
                if url.path == "/authorize":
                    params = {k: v[0] for k, v in parse_qs(url.query).items()}
                    if params.get("client_id") != provider.client_id:
                        return self._send(400, "unknown client", "text/plain")
                    page = provider.authorize_page(params)
                    return self._send(200, page, "text/html; charset=utf-8")
                return self._send(404, "not found", "text/plain")

            def do_POST(self):
                url = urlparse(self.path)
                form = self._form()
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(24)
                    level = form.get("level", "substantieel")
                    provider.codes[code] = {
                        "bsn": (form.get("other_bsn") or form.get("bsn", "")).strip(),
                        "level": level if level in ACR_OF_LEVEL else "basis",
                        "nonce": form.get("nonce", ""),
                        "redirect_uri": form.get("redirect_uri", ""),
                        "client_id": form.get("client_id", ""),
                    }
                    query = urlencode({"code": code, "state": form.get("state", "")})
                    return self._send(
                        302, "", "text/plain", {"Location": f"{form['redirect_uri']}?{query}"}
                    )
                if url.path == "/token":
                    client_id, secret = form.get("client_id"), form.get("client_secret")
                    auth = self.headers.get("Authorization", "")
                    if auth.startswith("Basic "):
                        decoded = base64.b64decode(auth[6:]).decode()
                        client_id, _sep, secret = decoded.partition(":")
                    if client_id != provider.client_id or secret != provider.client_secret:
                        return self._json(401, {"error": "invalid_client"})
                    grant = provider.codes.pop(form.get("code", ""), None)
                    if (
                        grant is None
                        or form.get("grant_type") != "authorization_code"
                        or grant["redirect_uri"] != form.get("redirect_uri")
                    ):
                        return self._json(400, {"error": "invalid_grant"})
                    return self._json(
                        200,
                        {
                            "access_token": secrets.token_urlsafe(24),
                            "token_type": "Bearer",
                            "expires_in": 300,
                            "id_token": provider.id_token(grant),
                        },
                    )
                return self._send(404, "not found", "text/plain")

        return Handler
