"""A stand-in for the BRP API Personen: a real HTTP server on 127.0.0.1 for tests and the demo.

It answers ``POST …/personen`` with ``type: RaadpleegMetBurgerservicenummer`` from invented
persons in the test range 9999xxxxx (``fixtures/brp_persons.json``), the way the real API does:
at most 20 BSNs, ``fields`` required and applied to the answer (the automatically delivered
``inOnderzoek``, ``geheimhoudingPersoonsgegevens`` and ``opschortingBijhouding`` come anyway and
are refused in ``fields``), unknown BSNs absent from ``personen``, errors as
``application/problem+json`` (RFC 7807). Other query types answer 400: the application only
consults by BSN. It can fail on purpose (:meth:`BrpStandIn.fail`): 500, 503, a timeout, a
dropped connection. Tests validate each of its answers against the OpenAPI file.

Run it for the demo: ``regie exchange_standin brp --port 8081``.
"""

import copy
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURE = Path(__file__).with_name("fixtures") / "brp_persons.json"
# The RvIG OpenAPI file, unchanged (openapi/SOURCE.md); the tests validate against it.
SPEC = Path(__file__).with_name("openapi") / "brp-personen-openapi.yaml"
BASE_PATH = "/haalcentraal/api/brp"

# Delivered without being asked; asking for them is a 400 (the API's rule).
AUTOMATIC = {
    "inOnderzoek",
    "geheimhoudingPersoonsgegevens",
    "opschortingBijhouding",
    "rni",
    "verificatie",
}
PERSON_FIELDS = {
    "aNummer", "burgerservicenummer", "datumEersteInschrijvingGBA", "geslacht",
    "uitsluitingKiesrecht", "europeesKiesrecht", "leeftijd", "naam", "nationaliteiten",
    "geboorte", "overlijden", "verblijfplaats", "immigratie", "gemeenteVanInschrijving",
    "datumInschrijvingInGemeente", "adressering", "indicatieCurateleRegister",
    "indicatieGezagMinderjarige", "gezag", "verblijfstitel", "kinderen", "ouders", "partners",
}  # fmt: skip
FIELD = re.compile(r"^[a-zA-Z0-9\._]{1,200}$")
BSN = re.compile(r"^[0-9]{9}$")
QUERY_TYPES = {
    "ZoekMetGeslachtsnaamEnGeboortedatum",
    "ZoekMetNaamEnGemeenteVanInschrijving",
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetPostcodeEnHuisnummer",
    "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving",
    "ZoekMetNummeraanduidingIdentificatie",
    "ZoekMetAdresseerbaarObjectIdentificatie",
}
PROBLEM_TYPES = {
    400: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
    401: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2",
    415: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.16",
    500: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1",
    503: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4",
}


def load_persons(path: Path = FIXTURE) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {p["burgerservicenummer"]: p for p in data["personen"]}


def _field_tree(fields: list[str]) -> dict:
    tree: dict = {}
    for path in fields:
        node = tree
        for part in path.split("."):
            node = node.setdefault(part, {})
    return tree


def _apply(value, tree: dict):
    """The part of ``value`` that ``tree`` asks for, plus what the API always delivers."""
    if not tree:
        return copy.deepcopy(value)
    if isinstance(value, list):
        return [_apply(item, tree) for item in value]
    if not isinstance(value, dict):
        return copy.deepcopy(value)
    out = {}
    for key, item in value.items():
        if key in tree:
            out[key] = _apply(item, tree[key])
        elif key in AUTOMATIC:
            out[key] = copy.deepcopy(item)
    if out and "type" in value and "type" not in out:
        out["type"] = value["type"]  # a discriminated object keeps its type
    return {k: v for k, v in out.items() if v != {}}


class BrpStandIn:
    """``with BrpStandIn() as brp: … brp.url …``; ``brp.requests`` holds every request body."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        api_key: str = "",
        persons=None,
        ssl_context=None,
    ):
        self.persons = persons if persons is not None else load_persons()
        self.api_key = api_key
        self.requests: list[dict] = []
        self.responses: list[tuple[int, str, object]] = []  # (status, content type, body)
        self._failures: list[str] = []
        self.slow_seconds = 3.0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, port), self._handler())
        self.server.daemon_threads = True
        self.tls = ssl_context is not None
        if ssl_context is not None:  # mutual TLS when the context requires a client certificate
            self.server.socket = ssl_context.wrap_socket(self.server.socket, server_side=True)
        self._thread: threading.Thread | None = None

    # --- control ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{'https' if self.tls else 'http'}://{host}:{port}{BASE_PATH}"

    def fail(self, *modes: str) -> None:
        """The next requests fail, one mode each: "500", "503", "timeout" or "drop"."""
        with self._lock:
            self._failures.extend(modes)

    def _next_failure(self) -> str | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def start(self) -> "BrpStandIn":
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- the API ---------------------------------------------------------------------------

    def answer(self, body) -> tuple[int, dict]:
        """(status, JSON body) for one request body, by the rules of the API."""
        if not isinstance(body, dict) or body.get("type") not in QUERY_TYPES:
            return 400, self._problem(
                400,
                "Ten minste één parameter moet worden opgegeven.",
                "paramsRequired",
                [("type", "required", "Parameter is verplicht.")],
            )
        if body["type"] != "RaadpleegMetBurgerservicenummer":
            return 400, self._problem(
                400,
                "Zoekvraag wordt niet ondersteund.",
                "unsupported",
                [("type", "value", "Alleen raadplegen met burgerservicenummer.")],
            )
        invalid = []
        bsns = body.get("burgerservicenummer")
        if not isinstance(bsns, list) or not bsns:
            invalid.append(("burgerservicenummer", "required", "Parameter is verplicht."))
        elif len(bsns) > 20:
            invalid.append(("burgerservicenummer", "maxItems", "Array bevat meer dan 20 items."))
        elif not all(isinstance(b, str) and BSN.match(b) for b in bsns):
            invalid.append(("burgerservicenummer", "pattern", "Waarde voldoet niet aan patroon."))
        fields = body.get("fields")
        if not isinstance(fields, list) or not fields:
            invalid.append(("fields", "required", "Parameter is verplicht."))
        elif len(fields) > 130:
            invalid.append(("fields", "maxItems", "Array bevat meer dan 130 items."))
        else:
            for path in fields:
                parts = path.split(".") if isinstance(path, str) and FIELD.match(path) else []
                if not parts or parts[0] not in PERSON_FIELDS or AUTOMATIC.intersection(parts):
                    invalid.append(
                        ("fields", "fields", "Parameter bevat een niet bestaande veldnaam.")
                    )
                    break
        extra = set(body) - {"type", "burgerservicenummer", "fields", "gemeenteVanInschrijving"}
        if extra:
            invalid.append((sorted(extra)[0][:30], "unknownParam", "Parameter is niet verwacht."))
        if invalid:
            return 400, self._problem(
                400, "Een of meerdere parameters zijn niet correct.", "paramsValidation", invalid
            )
        tree = _field_tree(fields)
        found = []
        for bsn in dict.fromkeys(bsns):
            person = self.persons.get(bsn)
            if person is None:
                continue
            filtered = _apply(person, tree)
            if not person.get("geheimhoudingPersoonsgegevens"):
                filtered.pop("geheimhoudingPersoonsgegevens", None)
            found.append(filtered)
        return 200, {"type": "RaadpleegMetBurgerservicenummer", "personen": found}

    @staticmethod
    def _problem(status: int, title: str, code: str, invalid=None) -> dict:
        problem = {
            "type": PROBLEM_TYPES.get(status, PROBLEM_TYPES[500]),
            "title": title,
            "status": status,
            "instance": "http://127.0.0.1" + BASE_PATH + "/personen",
            "code": code,
        }
        if invalid:
            problem["invalidParams"] = [
                {
                    "type": "https://www.vng.nl/realisatie/api/validaties/" + c,
                    "name": n,
                    "code": c,
                    "reason": r,
                }
                for n, c, r in invalid
            ]
        return problem

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # no access log with BSNs on the console
                pass

            def _send(self, status: int, body: dict) -> None:
                content_type = (
                    "application/json; charset=utf-8"
                    if status == 200
                    else "application/problem+json"
                )
                raw = json.dumps(body, ensure_ascii=False).encode()
                standin.responses.append((status, content_type, body))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):  # noqa: N802
                self._send(
                    405, standin._problem(405, "Methode niet toegestaan.", "methodNotAllowed")
                )

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if not self.path.rstrip("/").endswith("/personen"):
                    self._send(404, standin._problem(404, "Niet gevonden.", "notFound"))
                    return
                failure = standin._next_failure()
                if failure == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if failure == "timeout":
                    time.sleep(standin.slow_seconds)
                if standin.api_key and self.headers.get("X-API-KEY") != standin.api_key:
                    self._send(
                        401,
                        standin._problem(401, "Niet correct geauthenticeerd.", "authentication"),
                    )
                    return
                if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                    self._send(415, standin._problem(415, "Unsupported Media Type", "unsupported"))
                    return
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = None
                standin.requests.append(body)
                if failure == "500":
                    self._send(500, standin._problem(500, "Interne server fout.", "serverError"))
                    return
                if failure == "503":
                    self._send(
                        503,
                        standin._problem(
                            503, "Bronservice BRP is tijdelijk niet beschikbaar.", "notAvailable"
                        ),
                    )
                    return
                status, answer = standin.answer(body)
                self._send(status, answer)

        return Handler
