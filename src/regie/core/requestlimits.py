"""Request bodies the API refuses in plain Dutch instead of failing with a 500.

* A body over Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB), or with more fields or files
  than Django's ``DATA_UPLOAD_MAX_NUMBER_FIELDS``/``_FILES``, is a 413 with a Dutch message
  (``PayloadTooLarge``; the HTML side gets the app's own error page, core.views.errors).
* One endpoint takes more: provider reports accept the documented maximum of 10,000 reports in
  one body (``PROVIDER_REPORTS_MAX_BYTES``, through :class:`LargeBodyMixin`); only that view
  reads up to that many bytes, every other request keeps Django's limit.
* JSON nested so deeply that Python's parser gives up (``RecursionError``), or JSON that is not
  JSON, is a 400 with a Dutch message (:class:`SafeJSONParser`).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

# 10,000 reports of up to ~2 KB each (every field filled, pretty-printed): 20 MB.
PROVIDER_REPORTS_MAX_BYTES = 20 * 1024 * 1024


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _(
        "De aanvraag is te groot. Stuur minder gegevens tegelijk, bijvoorbeeld in delen."
    )
    default_code = "payload_too_large"


def api_exception_for(exc):
    """The DRF exception for a Django exception the API must answer with a 4xx, or None."""
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return PayloadTooLarge()
    return None


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with a Dutch 400 for JSON that is not JSON or is nested too deeply."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
            return json.loads(text)
        except RecursionError:
            raise exceptions.ParseError(
                _("De JSON is te diep genest. Stuur een eenvoudiger structuur.")
            ) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(
                _("De inhoud is geen geldige JSON (%(fout)s). Controleer de aanvraag.")
                % {"fout": getattr(exc, "msg", "") or type(exc).__name__}
            ) from None


class LargeBodyMixin:
    """For an API view that accepts a body larger than Django's default limit: the body is
    read here, up to ``max_body_bytes``, before DRF parses it; more is a 413."""

    max_body_bytes = PROVIDER_REPORTS_MAX_BYTES

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authenticated first: strangers read nothing
        django_request = request._request
        if request.method in ("POST", "PUT", "PATCH") and not hasattr(django_request, "_body"):
            try:
                length = int(django_request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > self.max_body_bytes:
                raise PayloadTooLarge()
            body = django_request.read(self.max_body_bytes + 1)
            if len(body) > self.max_body_bytes:
                raise PayloadTooLarge()
            django_request._body = body  # Django's HttpRequest.body returns this from now on
            from io import BytesIO

            django_request._stream = BytesIO(body)
