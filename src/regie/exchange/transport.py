"""HTTP for every receiver: short timeouts, mutual TLS where configured (Digikoppeling REST
profile), and one classification of failures the delivery worker acts on (docs/exchange.md)."""

import datetime as dt
import email.utils

import requests

from django.conf import settings
from django.utils import timezone


class DeliveryError(Exception):
    """A delivery did not succeed. ``str(exc)`` is a Dutch reason for the functional administrator
    (never a BSN)."""


class TransientError(DeliveryError):
    """Try again later: a 5xx, 429, a timeout, a dropped connection. ``retry_after`` (seconds)
    when the receiver said when."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentError(DeliveryError):
    """Retrying will not help (400, 403, a body that breaks the receiver's schema): a person must
    look at it; the delivery goes to the dead letter."""


def tls_options() -> dict:
    """``requests`` options for mutual TLS from the settings (paths to PEM files)."""
    options: dict = {}
    if settings.REGIE_TLS_CERT:
        options["cert"] = (
            (settings.REGIE_TLS_CERT, settings.REGIE_TLS_KEY)
            if settings.REGIE_TLS_KEY
            else settings.REGIE_TLS_CERT
        )
    if settings.REGIE_TLS_CA:
        options["verify"] = settings.REGIE_TLS_CA
    return options


def new_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or netrc from the environment: configuration only
    for key, value in tls_options().items():
        setattr(session, key, value)
    session.headers["User-Agent"] = "Regie-Inburgering-aflevering/1.0"
    return session


def timeout() -> tuple[float, float]:
    seconds = float(settings.REGIE_DELIVERY_TIMEOUT)
    return (min(seconds, 5.0), seconds)  # (connect, read)


def retry_after(response) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date); None when absent."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - timezone.now()).total_seconds())


def send(session: requests.Session, method: str, url: str, **kwargs) -> requests.Response:
    """One request; returns a 2xx/4xx response, raises :class:`TransientError` for what may pass.

    4xx answers are returned: the caller decides (a 400 on a create may mean "already there")."""
    kwargs.setdefault("timeout", timeout())
    try:
        response = session.request(method, url, **kwargs)
    except requests.Timeout as exc:
        raise TransientError("Geen antwoord binnen de tijd (time-out).") from exc
    except requests.exceptions.SSLError as exc:
        raise TransientError("TLS-verbinding mislukt (certificaat of CA).") from exc
    except requests.ConnectionError as exc:
        raise TransientError("Verbinding verbroken of geweigerd.") from exc
    except requests.RequestException as exc:
        raise TransientError(f"Verzoek mislukt ({type(exc).__name__}).") from exc
    if response.status_code == 429 or response.status_code >= 500:
        raise TransientError(
            f"De ontvanger antwoordde {response.status_code}.", retry_after(response)
        )
    return response
