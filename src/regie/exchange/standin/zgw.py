"""A ZGW stand-in (Open Zaak's Zaken, Besluiten and Documenten APIs, the parts the export uses).

A real HTTP(S) server on 127.0.0.1 that follows the OpenAPI files: it checks the JWT (HS256), the
required headers (``Content-Type``, ``Content-Crs`` on /zaken), validates every request body
against the request schema and every answer it gives against the response schema, and enforces
the server rules the schemas do not express (RSIN 11-proef, published types and their relations,
besluit ``datum`` not in the future, unique ``identificatie`` per organisation, unique ZIO/BIO
pairs, references that exist). It can fail on purpose: ``faults`` decides per request.

Faults: ``"500"`` (answer 500, nothing done), ``"503"`` (503 with ``Retry-After``, nothing done),
``"timeout"`` (do the work, answer too late), ``"drop"`` (do the work, close the connection without
an answer: the answer is lost), ``"duplicate"`` (do the work and send the answer twice).
"""

import contextlib
import datetime as dt
import json
import socket
import ssl
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt

from regie.exchange.zgw import schemas

DEMO_RSIN = "002220647"  # an invented RSIN that passes the 11-proef
RETRY_AFTER = 7

# path -> (component, request schema, response schema, list answer shape)
RESOURCES = {
    "/zaken/api/v1/zaken": ("zaken", "ZaakRequest", "Zaak", "paginated"),
    "/zaken/api/v1/rollen": ("zaken", "RolRequest", "Rol", "paginated"),
    "/zaken/api/v1/zaakinformatieobjecten": (
        "zaken",
        "ZaakInformatieObjectRequest",
        "ZaakInformatieObject",
        "list",
    ),
    "/besluiten/api/v1/besluiten": ("besluiten", "BesluitRequest", "Besluit", "paginated"),
    "/besluiten/api/v1/besluitinformatieobjecten": (
        "besluiten",
        "BesluitInformatieObjectRequest",
        "BesluitInformatieObject",
        "list",
    ),
    "/documenten/api/v1/enkelvoudiginformatieobjecten": (
        "documenten",
        "EnkelvoudigInformatieObjectCreateLockRequest",
        "EnkelvoudigInformatieObject",
        "paginated",
    ),
}
LIST_SCHEMAS = {
    "/zaken/api/v1/zaken": "PaginatedZaakList",
    "/zaken/api/v1/rollen": "PaginatedRolList",
    "/besluiten/api/v1/besluiten": "PaginatedBesluitList",
    "/documenten/api/v1/enkelvoudiginformatieobjecten": "PaginatedEnkelvoudigInformatieObjectList",
}


def rsin_valid(value: str) -> bool:
    """The 11-proef of an RSIN (as of a BSN): sum of digit × (9..2), last digit × -1, mod 11 = 0."""
    if len(value) != 9 or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1))) - int(value[8])
    return total % 11 == 0


class Invalid(Exception):
    def __init__(self, params: list[dict], status: int = 400, title: str = "Invalid input."):
        super().__init__(title)
        self.params, self.status, self.title = params, status, title


class ZgwStandIn:
    def __init__(
        self,
        *,
        client_id: str = "regie",
        secret: str = "stand-in-secret-of-at-least-32-bytes",
        rsin: str = DEMO_RSIN,
        faults=None,
        ssl_context: ssl.SSLContext | None = None,
        port: int = 0,
        slow_seconds: float = 1.5,
        today=None,
    ):
        self.client_id, self.secret, self.rsin = client_id, secret, rsin
        self.faults = faults or (lambda method, path: None)
        self.ssl_context = ssl_context
        self.slow_seconds = slow_seconds
        self.today = today or dt.date.today
        self.lock = threading.Lock()
        self.objects: dict[str, dict[str, dict]] = {path: {} for path in RESOURCES}
        self.log: list[tuple[str, str, int | str]] = []  # (method, path, status or fault)
        self.answer_errors: list[str] = []  # answers that broke the OpenAPI file (must stay empty)
        self.posts_applied = 0
        self.patches_applied = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(
                self._server.socket, server_side=True, do_handshake_on_connect=False
            )
        scheme = "https" if ssl_context else "http"
        self.url = f"{scheme}://127.0.0.1:{self._server.server_address[1]}"
        catalogue = f"{self.url}/catalogi/api/v1"
        self.zaaktype = f"{catalogue}/zaaktypen/{uuid.UUID(int=1)}"
        self.roltype = f"{catalogue}/roltypen/{uuid.UUID(int=2)}"
        self.besluittype_pip = f"{catalogue}/besluittypen/{uuid.UUID(int=3)}"
        self.besluittype_fine = f"{catalogue}/besluittypen/{uuid.UUID(int=4)}"
        self.informatieobjecttype = f"{catalogue}/informatieobjecttypen/{uuid.UUID(int=5)}"
        # Published types and their relations (mapping §1): the besluittypen and the
        # informatieobjecttype belong to the zaaktype.
        self.besluittypen = {self.besluittype_pip, self.besluittype_fine}
        self.thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> "ZgwStandIn":
        self.thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def settings(self) -> dict:
        """The REGIE_ZGW_* settings that point the export at this stand-in."""
        return {
            "REGIE_ZGW_URL": self.url,
            "REGIE_ZGW_CLIENT_ID": self.client_id,
            "REGIE_ZGW_SECRET": self.secret,
            "REGIE_ZGW_RSIN": self.rsin,
            "REGIE_ZGW_ZAAKTYPE": self.zaaktype,
            "REGIE_ZGW_ROLTYPE": self.roltype,
            "REGIE_ZGW_BESLUITTYPE_PIP": self.besluittype_pip,
            "REGIE_ZGW_BESLUITTYPE_BOETE": self.besluittype_fine,
            "REGIE_ZGW_INFORMATIEOBJECTTYPE": self.informatieobjecttype,
        }

    def items(self, resource: str) -> list[dict]:
        path = {
            "zaken": "/zaken/api/v1/zaken",
            "rollen": "/zaken/api/v1/rollen",
            "zio": "/zaken/api/v1/zaakinformatieobjecten",
            "besluiten": "/besluiten/api/v1/besluiten",
            "bio": "/besluiten/api/v1/besluitinformatieobjecten",
            "documenten": "/documenten/api/v1/enkelvoudiginformatieobjecten",
        }[resource]
        with self.lock:
            return list(self.objects[path].values())

    # --- the rules -----------------------------------------------------------------------------

    def _authorise(self, header: str) -> None:
        if not header.startswith("Bearer "):
            raise Invalid([], 403, "Authenticatiegegevens zijn niet opgegeven.")
        try:
            claims = jwt.decode(header[7:], self.secret, algorithms=["HS256"])
        except jwt.PyJWTError as exc:
            raise Invalid([], 403, "Ongeldige JWT.") from exc
        if claims.get("client_id") != self.client_id or claims.get("iss") != self.client_id:
            raise Invalid([], 403, "Onbekende client_id.")
        if abs(time.time() - int(claims.get("iat", 0))) > 3600:
            raise Invalid([], 403, "JWT verlopen.")

    def _rules(self, path: str, body: dict) -> None:
        store = self.objects
        problems: list[dict] = []

        def fail(name, code, reason):
            problems.append({"name": name, "code": code, "reason": reason})

        for field in ("bronorganisatie", "verantwoordelijkeOrganisatie"):
            if field in body and not rsin_valid(str(body[field])):
                fail(field, "invalid-rsin", "Ongeldig RSIN (11-proef).")

        def exists(ref_path: str, url) -> bool:
            return any(obj["url"] == url for obj in store[ref_path].values())

        def unique(field_org: str) -> None:
            ident = body.get("identificatie")
            if ident and any(
                o.get("identificatie") == ident and o.get(field_org) == body.get(field_org)
                for o in store[path].values()
            ):
                fail("identificatie", "identificatie-niet-uniek", "Identificatie is niet uniek.")

        if path == "/zaken/api/v1/zaken":
            if body.get("zaaktype") != self.zaaktype:
                fail("zaaktype", "does_not_exist", "Zaaktype onbekend of niet gepubliceerd.")
            unique("bronorganisatie")
        elif path == "/zaken/api/v1/rollen":
            if not exists("/zaken/api/v1/zaken", body.get("zaak")):
                fail("zaak", "does_not_exist", "Zaak bestaat niet.")
            if body.get("roltype") != self.roltype:
                fail("roltype", "does_not_exist", "Roltype onbekend.")
        elif path == "/besluiten/api/v1/besluiten":
            if body.get("besluittype") not in self.besluittypen:
                fail("besluittype", "does_not_exist", "Besluittype onbekend of niet gepubliceerd.")
            if body.get("zaak") and not exists("/zaken/api/v1/zaken", body.get("zaak")):
                fail("zaak", "does_not_exist", "Zaak bestaat niet.")
            if body.get("datum") and dt.date.fromisoformat(body["datum"]) > self.today():
                fail("datum", "datum-in-toekomst", "De datum ligt in de toekomst.")
            unique("verantwoordelijkeOrganisatie")
        elif path == "/documenten/api/v1/enkelvoudiginformatieobjecten":
            if body.get("informatieobjecttype") != self.informatieobjecttype:
                fail("informatieobjecttype", "does_not_exist", "Informatieobjecttype onbekend.")
            unique("bronorganisatie")
        elif path in (
            "/zaken/api/v1/zaakinformatieobjecten",
            "/besluiten/api/v1/besluitinformatieobjecten",
        ):
            owner = "zaak" if "zaak" in body else "besluit"
            owner_path = "/zaken/api/v1/zaken" if owner == "zaak" else "/besluiten/api/v1/besluiten"
            if not exists(owner_path, body.get(owner)):
                fail(owner, "does_not_exist", f"{owner} bestaat niet.")
            if not exists(
                "/documenten/api/v1/enkelvoudiginformatieobjecten", body.get("informatieobject")
            ):
                fail("informatieobject", "does_not_exist", "Informatieobject bestaat niet.")
            if any(
                o.get(owner) == body.get(owner)
                and o["informatieobject"] == body.get("informatieobject")
                for o in store[path].values()
            ):
                fail("nonFieldErrors", "unique", "Deze combinatie bestaat al.")
        if problems:
            raise Invalid(problems)

    def _complete(self, path: str, body: dict, url: str, ident: str) -> dict:
        """The object as the server answers it: the request plus the server's fields."""
        now = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
        obj = {**body, "url": url}
        if path == "/zaken/api/v1/zaken":
            obj.update(
                uuid=ident,
                identificatie=body.get("identificatie") or f"ZAAK-{ident[:8]}",
                registratiedatum=self.today().isoformat(),
                einddatum=None,
                betalingsindicatieWeergave="",
                deelzaken=[],
                eigenschappen=[],
                rollen=[],
                status=None,
                resultaat=None,
                zaakinformatieobjecten=[],
                zaakobjecten=[],
                laatstGemuteerd=now,
            )
        elif path == "/zaken/api/v1/rollen":
            obj.update(
                uuid=ident,
                registratiedatum=now,
                omschrijving="",
                omschrijvingGeneriek="belanghebbende",
                statussen=[],
            )
        elif path == "/zaken/api/v1/zaakinformatieobjecten":
            obj.update(
                uuid=ident, aardRelatieWeergave="Hoort bij, omgekeerd: kent", registratiedatum=now
            )
        elif path == "/besluiten/api/v1/besluiten":
            obj.update(vervalredenWeergave="")
        elif path == "/documenten/api/v1/enkelvoudiginformatieobjecten":
            obj.pop("inhoud", None)
            obj.update(
                inhoud=f"{url}/download?versie=1",
                beginRegistratie=now,
                bestandsdelen=[],
                locked=False,
                versie=1,
            )
        return obj

    # --- HTTP ----------------------------------------------------------------------------------

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet: the test reads ``standin.log``
                pass

            def _send(self, status: int, body, headers: dict | None = None, twice=False):
                data = json.dumps(body).encode() if body is not None else b""
                raw = f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
                head = {"Content-Type": "application/json", "Content-Length": str(len(data))}
                head["Connection"] = "close"
                head.update(headers or {})
                raw += "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n"
                payload = raw.encode() + data
                try:
                    self.wfile.write(payload * (2 if twice else 1))
                    self.wfile.flush()
                except OSError:
                    pass
                self.close_connection = True

            def _error(self, exc: Invalid):
                body = {
                    "type": "",
                    "code": "invalid" if exc.status == 400 else "permission_denied",
                    "title": exc.title,
                    "status": exc.status,
                    "detail": exc.title,
                    "instance": f"urn:uuid:{uuid.uuid4()}",
                }
                if exc.status == 400:
                    body["invalidParams"] = exc.params
                self._send(exc.status, body)

            def _route(self):
                parts = urlsplit(self.path)
                return parts.path.rstrip("/"), parse_qs(parts.query)

            def do_GET(self):  # noqa: N802
                path, query = self._route()
                fault = standin.faults("GET", path)
                standin.log.append(("GET", path, fault or "ok"))
                if fault in ("500", "503"):
                    return self._fail(fault)
                try:
                    standin._authorise(self.headers.get("Authorization", ""))
                except Invalid as exc:
                    return self._error(exc)
                if path not in RESOURCES:
                    return self._send(404, {"title": "Niet gevonden", "status": 404})
                with standin.lock:
                    rows = [
                        o
                        for o in standin.objects[path].values()
                        if all(
                            str(_get(o, k)) == v[0]
                            for k, v in query.items()
                            if k not in ("page", "pageSize")
                        )
                    ]
                component = RESOURCES[path][0]
                if RESOURCES[path][3] == "paginated":
                    body = {"count": len(rows), "next": None, "previous": None, "results": rows}
                    standin._check_answer(component, LIST_SCHEMAS[path], body)
                else:
                    body = rows
                    for row in rows:
                        standin._check_answer(component, RESOURCES[path][2], row)
                self._after(fault, 200, body)

            def do_POST(self):  # noqa: N802
                path, _query = self._route()
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                fault = standin.faults("POST", path)
                standin.log.append(("POST", path, fault or "ok"))
                if fault in ("500", "503"):
                    return self._fail(fault)
                try:
                    standin._authorise(self.headers.get("Authorization", ""))
                    if path not in RESOURCES:
                        return self._send(404, {"title": "Niet gevonden", "status": 404})
                    if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                        raise Invalid([], 415, "Content-Type moet application/json zijn.")
                    if (
                        path == "/zaken/api/v1/zaken"
                        and self.headers.get("Content-Crs") != "EPSG:4326"
                    ):
                        raise Invalid([], 412, "Content-Crs header ontbreekt.")
                    try:
                        body = json.loads(raw or b"null")
                    except ValueError as exc:
                        raise Invalid(
                            [{"name": "body", "code": "parse_error", "reason": "Geen JSON."}]
                        ) from exc
                    component, request_schema, response_schema, _shape = RESOURCES[path]
                    problems = schemas.errors(component, request_schema, body)
                    if problems:
                        raise Invalid(
                            [
                                {"name": p.split(":")[0], "code": "invalid", "reason": p}
                                for p in problems
                            ]
                        )
                    with standin.lock:
                        standin._rules(path, body)
                        ident = str(uuid.uuid4())
                        url = f"{standin.url}{path}/{ident}"
                        obj = standin._complete(path, body, url, ident)
                        standin.objects[path][ident] = obj
                        standin.posts_applied += 1
                except Invalid as exc:
                    return self._error(exc)
                standin._check_answer(component, response_schema, obj)
                self._after(fault, 201, obj, {"Location": obj["url"]})

            def do_PATCH(self):  # noqa: N802
                """PATCH of a besluit (the only object the export changes)."""
                path, _query = self._route()
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                collection, _, ident = path.rpartition("/")
                fault = standin.faults("PATCH", collection)
                standin.log.append(("PATCH", collection, fault or "ok"))
                if fault in ("500", "503"):
                    return self._fail(fault)
                try:
                    standin._authorise(self.headers.get("Authorization", ""))
                    if collection != "/besluiten/api/v1/besluiten":
                        return self._send(405, {"title": "Niet toegestaan", "status": 405})
                    if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                        raise Invalid([], 415, "Content-Type moet application/json zijn.")
                    try:
                        body = json.loads(raw or b"null")
                    except ValueError as exc:
                        raise Invalid(
                            [{"name": "body", "code": "parse_error", "reason": "Geen JSON."}]
                        ) from exc
                    problems = schemas.errors("besluiten", "PatchedBesluitRequest", body)
                    if problems:
                        raise Invalid(
                            [
                                {"name": p.split(":")[0], "code": "invalid", "reason": p}
                                for p in problems
                            ]
                        )
                    with standin.lock:
                        current = standin.objects[collection].get(ident)
                        if current is None:
                            return self._send(404, {"title": "Niet gevonden", "status": 404})
                        if (
                            body.get("vervaldatum")
                            and body["vervaldatum"] < current["ingangsdatum"]
                        ):
                            raise Invalid(
                                [
                                    {
                                        "name": "vervaldatum",
                                        "code": "invalid",
                                        "reason": "Vervaldatum voor ingangsdatum.",
                                    }
                                ]
                            )
                        current.update(body)
                        current["vervalredenWeergave"] = {
                            "ingetrokken_overheid": "Besluit ingetrokken door overheid",
                        }.get(current.get("vervalreden"), "")
                        obj = dict(current)
                        standin.patches_applied += 1
                except Invalid as exc:
                    return self._error(exc)
                standin._check_answer("besluiten", "Besluit", obj)
                self._after(fault, 200, obj)

            def _fail(self, fault):
                if fault == "503":
                    return self._send(
                        503,
                        {"title": "Tijdelijk niet beschikbaar", "status": 503},
                        {"Retry-After": str(RETRY_AFTER)},
                    )
                return self._send(500, {"title": "Interne fout", "status": 500})

            def _after(self, fault, status, body, headers=None):
                if fault == "drop":
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if fault == "timeout":
                    time.sleep(standin.slow_seconds)
                self._send(status, body, headers, twice=(fault == "duplicate"))

        return Handler

    def _check_answer(self, component: str, schema: str, body) -> None:
        problems = schemas.errors(component, schema, body)
        if problems:
            self.answer_errors.append(f"{schema}: {problems[:3]}")


def _get(obj: dict, key: str):
    value = obj
    for part in key.split("__"):
        value = value.get(part) if isinstance(value, dict) else None
    return value
