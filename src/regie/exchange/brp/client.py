"""A client of the BRP API Personen 2.x (Haal Centraal BRP bevragen, RvIG).

One operation: ``POST {REGIE_BRP_URL}/personen`` with ``type: RaadpleegMetBurgerservicenummer``,
at most :data:`MAX_BSNS` BSNs per request and only the ``fields`` the caller needs (the API
refuses the automatically delivered fields such as ``inOnderzoek`` in ``fields``; they come
anyway). The endpoint, the API key and the client certificate (mutual TLS, a PKIoverheid
certificate by path) are configuration (``REGIE_BRP_*``, docs/brp.md). Short timeouts; every
failure becomes a :class:`BrpUnavailable` with a Dutch sentence for the user, so the
registration form still works by hand. The BSN is in the request body, never in the URL.
"""

import http.client
import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from regie.core.hooks import PersonLookupUnavailable

MAX_BSNS = 20  # the API's maxItems for burgerservicenummer
QUERY_TYPE = "RaadpleegMetBurgerservicenummer"
CONTENT_TYPE = "application/json; charset=utf-8"

# What the registration form shows: name, birth date, address, municipality of residence,
# partners, children, parents, immigration; death and the residence abroad to warn.
REGISTRATION_FIELDS = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "verblijfplaats",
    "gemeenteVanInschrijving",
    "overlijden.datum",
    "immigratie.datumVestigingInNederland",
    "partners.naam.voornamen",
    "partners.naam.voorvoegsel",
    "partners.naam.geslachtsnaam",
    "partners.geboorte.datum",
    "partners.ontbindingHuwelijkPartnerschap.datum",
    "kinderen.naam.voornamen",
    "kinderen.naam.voorvoegsel",
    "kinderen.naam.geslachtsnaam",
    "kinderen.geboorte.datum",
    "ouders.naam.voornamen",
    "ouders.naam.voorvoegsel",
    "ouders.naam.geslachtsnaam",
    "ouders.geboorte.datum",
)

# What the daily check compares: where someone lives, and whether he died.
CHECK_FIELDS = (
    "burgerservicenummer",
    "verblijfplaats",
    "gemeenteVanInschrijving",
    "overlijden.datum",
)


class BrpUnavailable(PersonLookupUnavailable):
    """The BRP could not be asked or gave no usable answer; the message is Dutch."""


@dataclass(frozen=True)
class BrpConfig:
    url: str = ""
    api_key: str = ""
    cert_file: str = ""
    key_file: str = ""
    ca_file: str = ""
    timeout: float = 5.0

    @classmethod
    def from_settings(cls) -> "BrpConfig":
        return cls(
            url=getattr(settings, "REGIE_BRP_URL", ""),
            api_key=getattr(settings, "REGIE_BRP_API_KEY", ""),
            cert_file=getattr(settings, "REGIE_BRP_CERT_FILE", "")
            or getattr(settings, "REGIE_TLS_CERT", ""),
            key_file=getattr(settings, "REGIE_BRP_KEY_FILE", "")
            or getattr(settings, "REGIE_TLS_KEY", ""),
            ca_file=getattr(settings, "REGIE_BRP_CA_FILE", "")
            or getattr(settings, "REGIE_TLS_CA", ""),
            timeout=float(getattr(settings, "REGIE_BRP_TIMEOUT", 5)),
        )

    @property
    def configured(self) -> bool:
        return bool(self.url)


def batches(bsns: Iterable[str], size: int = MAX_BSNS) -> Iterator[list[str]]:
    """The BSNs in requests of at most ``size`` (the API's maximum is 20)."""
    batch: list[str] = []
    for bsn in bsns:
        batch.append(bsn)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class BrpClient:
    def __init__(self, config: BrpConfig | None = None):
        self.config = config or BrpConfig.from_settings()

    def _ssl_context(self) -> ssl.SSLContext | None:
        if not self.config.url.startswith("https:"):
            return None
        context = ssl.create_default_context(cafile=self.config.ca_file or None)
        if self.config.cert_file:
            context.load_cert_chain(self.config.cert_file, self.config.key_file or None)
        return context

    def persons(self, bsns: Iterable[str], fields: Iterable[str]) -> list[dict]:
        """Every person the BRP knows of ``bsns`` (unknown BSNs are simply absent), asked in
        batches of at most 20."""
        found: list[dict] = []
        unique = list(dict.fromkeys(bsns))
        for batch in batches(unique):
            body = {"type": QUERY_TYPE, "burgerservicenummer": batch, "fields": list(fields)}
            answer = self._post(body)
            personen = answer.get("personen", [])
            if answer.get("type") != QUERY_TYPE or not isinstance(personen, list):
                raise BrpUnavailable(
                    _("De BRP gaf een onverwacht antwoord. Vul de gegevens zelf in.")
                )
            found.extend(p for p in personen if isinstance(p, dict))
        return found

    def person(self, bsn: str, fields: Iterable[str]) -> dict | None:
        for person in self.persons([bsn], fields):
            if person.get("burgerservicenummer") == bsn:
                return person
        return None

    def _post(self, body: dict) -> dict:
        if not self.config.configured:
            raise BrpUnavailable(_("Er is geen koppeling met de BRP ingesteld."))
        headers = {"Content-Type": CONTENT_TYPE, "Accept": "application/json"}
        if self.config.api_key:
            headers["X-API-KEY"] = self.config.api_key
        request = urllib.request.Request(
            self.config.url.rstrip("/") + "/personen",
            data=json.dumps(body).encode(),
            headers=headers,
            method="POST",
        )
        try:
            context = self._ssl_context()
            with urllib.request.urlopen(  # noqa: S310 - the URL is configuration
                request, timeout=self.config.timeout, context=context
            ) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise BrpUnavailable(self._http_message(exc.code)) from exc
        except TimeoutError as exc:
            raise BrpUnavailable(
                _(
                    "De BRP antwoordt niet op tijd. Probeer het later opnieuw of vul de gegevens zelf in."
                )
            ) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise BrpUnavailable(
                    _(
                        "De BRP antwoordt niet op tijd. Probeer het later opnieuw of vul de gegevens zelf in."
                    )
                ) from exc
            raise BrpUnavailable(
                _(
                    "De BRP is niet bereikbaar. Probeer het later opnieuw of vul de gegevens zelf in."
                )
            ) from exc
        except (ConnectionError, OSError, ssl.SSLError, http.client.HTTPException) as exc:
            raise BrpUnavailable(
                _(
                    "De BRP is niet bereikbaar. Probeer het later opnieuw of vul de gegevens zelf in."
                )
            ) from exc
        try:
            answer = json.loads(raw)
        except ValueError as exc:
            raise BrpUnavailable(
                _("De BRP gaf een onverwacht antwoord. Vul de gegevens zelf in.")
            ) from exc
        if not isinstance(answer, dict):
            raise BrpUnavailable(_("De BRP gaf een onverwacht antwoord. Vul de gegevens zelf in."))
        return answer

    @staticmethod
    def _http_message(status: int) -> str:
        if status in (401, 403):
            return _(
                "De BRP weigert de vraag: deze toepassing is niet (meer) geautoriseerd. "
                "Meld dit aan de functioneel beheerder en vul de gegevens zelf in."
            )
        if status == 429:
            return _("De BRP krijgt nu te veel vragen. Probeer het over een minuut opnieuw.")
        if 400 <= status < 500:
            return _("De BRP begreep de vraag niet. Meld dit aan de functioneel beheerder.")
        return _("De BRP heeft een storing. Probeer het later opnieuw of vul de gegevens zelf in.")
