"""Error pages in plain Dutch, with a support reference; never a stack trace. Under /api/ the
answer is JSON (``{"detail": ...}``) like every other API answer, never an HTML page."""

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

FALLBACK_500 = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis</title>'
    "</head><body><main><h1>Er ging iets mis bij ons</h1><p>Uw gegevens zijn niet opgeslagen."
    " Probeer het over een paar minuten opnieuw.</p><p>Referentie: {reference}</p>"
    '<p><a href="/">Naar de startpagina</a></p></main></body></html>'
)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _api(status: int, detail: str, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)


def bad_request(request, exception=None):
    # too many bytes, fields or files: all "too much at once" (413), never Django's English 400
    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    status = 413 if too_big else 400
    if _is_api(request):
        if too_big:
            return _api(
                413,
                _(
                    "De aanvraag is te groot. Stuur minder gegevens tegelijk, bijvoorbeeld in delen."
                ),
            )
        return _api(400, _("Deze aanvraag kunnen wij niet verwerken. Controleer de aanvraag."))
    context = {"code": status}
    if too_big and request.method == "POST":
        context["back"] = _same_site_referer(request)
    return render(request, "core/error.html", context, status=status)


def _same_site_referer(request) -> str:
    """The page the form was sent from, when it is one of ours: the way back to it."""
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def forbidden(request, exception=None):
    if _is_api(request):
        return _api(403, _("U hebt geen toegang tot dit adres."))
    return render(request, "core/error.html", {"code": 403}, status=403)


def not_found(request, exception=None):
    if _is_api(request):
        return _api(404, _("Niet gevonden: dit adres bestaat niet in de API. Zie /api/v1/docs/."))
    return render(request, "core/error.html", {"code": 404}, status=404)


def server_error(request):
    reference = getattr(request, "request_id", "")
    if _is_api(request):
        return _api(
            500,
            _(
                "Er ging iets mis bij ons. Uw gegevens zijn niet opgeslagen. Probeer het over een"
                " paar minuten opnieuw."
            ),
            reference=reference,
        )
    try:
        return render(request, "core/error_500.html", {"reference": reference}, status=500)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        logger.exception("The 500 page failed to render, reference %s", reference)
        return HttpResponse(FALLBACK_500.format(reference=reference), status=500)
