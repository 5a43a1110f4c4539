"""Work items of the daily BRP check: a move out of the region (warm handover), a move within
the region, emigration, death. Each asks the case manager to act; none changes a decision or the
dossier by itself. Registered in ``ExchangeConfig.ready()``.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.core import workitems
from regie.core.roles import Role

MOVED_OUT = "exchange.brp_moved_out"
MOVED_WITHIN = "exchange.brp_moved_within"
EMIGRATED = "exchange.brp_emigrated"
DECEASED = "exchange.brp_deceased"

# Working agreements of the team, not legal terms.
DUE_DAYS = {MOVED_OUT: 10, MOVED_WITHIN: 10, EMIGRATED: 10, DECEASED: 5}


def _url(item, subject):
    if subject is None or subject.obj is None:
        return None
    return reverse("clients:dossier", kwargs={"uuid": subject.obj.uuid})


def _describe(item):
    d = item.details or {}
    values = {"municipality": d.get("municipality", ""), "date": d.get("date", "")}
    if item.kind == MOVED_OUT:
        return (
            gettext(
                "Volgens de BRP verhuisd naar %(municipality)s (buiten de regio) per %(date)s. "
                "Regel een warme overdracht; besluiten veranderen niet vanzelf."
            )
            % values
        )
    if item.kind == MOVED_WITHIN:
        return (
            gettext(
                "Volgens de BRP verhuisd binnen de regio, naar %(municipality)s per %(date)s. "
                "Controleer gemeente en afspraken in het dossier."
            )
            % values
        )
    if item.kind == EMIGRATED:
        return (
            gettext(
                "Volgens de BRP vertrokken naar het buitenland per %(date)s. "
                "Beoordeel of de inburgeringsplicht eindigt; besluiten veranderen niet vanzelf."
            )
            % values
        )
    if item.kind == DECEASED:
        return (
            gettext(
                "Volgens de BRP overleden op %(date)s. Sluit het dossier zorgvuldig af; stuur geen "
                "brieven meer."
            )
            % values
        )
    return item.summary


def register() -> None:
    for code, label in (
        (MOVED_OUT, _("Verhuisd buiten de regio: warme overdracht")),
        (MOVED_WITHIN, _("Verhuisd binnen de regio")),
        (EMIGRATED, _("Vertrokken naar het buitenland")),
        (DECEASED, _("Overleden volgens de BRP")),
    ):
        workitems.register_kind(
            code,
            label,
            role=Role.CASE_MANAGER,
            due_days=DUE_DAYS[code],
            url=_url,
            link_text=_("Naar het dossier"),
            describe=_describe,
        )
