"""Every API error is a 4xx JSON body with a Dutch message; unexpected errors become a 500 with
only a reference (and are logged), never a stack trace."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

logger = logging.getLogger("regie.api")

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
