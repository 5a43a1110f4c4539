"""Start-page cards contributed by the clients app."""

from django.utils.translation import gettext_lazy as _

from .selectors import caseload_summary, municipality_figures


def caseload_card(request, principal):
    summary = caseload_summary(principal)
    if summary is None:
        return None
    return {
        "template": "clients/_home_caseload.html",
        "order": 10,
        "summary": summary,
        "title": _("Klanten"),
    }


def municipality_card(request, principal):
    figures = municipality_figures(principal)
    if figures is None:
        return None
    return {
        "template": "clients/_home_municipality.html",
        "order": 10,
        "figures": figures,
        "title": _("Inburgeraars in uw gemeente"),
    }
