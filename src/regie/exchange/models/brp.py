"""What the daily BRP check last saw of an active client (exchange/brp/checks.py, docs/brp.md).

The baseline to notice a move: the municipality of residence and the address key (the BAG
object, else postcode and house number). No name, no BSN, no address text: only what the
comparison needs. A change becomes a work item; the dossier itself is never changed here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["BrpSnapshot"]


class BrpSnapshot(models.Model):
    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="+", verbose_name=_("klant")
    )
    municipality_code = models.CharField(_("gemeente van inschrijving (code)"), max_length=4)
    address_key = models.CharField(_("adressleutel"), max_length=120, blank=True)
    abroad = models.BooleanField(_("in het buitenland"), default=False)
    deceased = models.BooleanField(_("overleden"), default=False)
    secret = models.BooleanField(_("geheimhouding persoonsgegevens"), default=False)
    under_investigation = models.BooleanField(_("gegevens in onderzoek"), default=False)
    checked_on = models.DateField(_("gecontroleerd op"))

    class Meta:
        verbose_name = _("BRP-stand")
        verbose_name_plural = _("BRP-standen")

    def __str__(self) -> str:
        return f"BRP {self.client_id} {self.checked_on:%d-%m-%Y}"
