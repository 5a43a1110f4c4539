"""Who pays for an enrolment: the one place that decides it (a later finance app reuses it).

The funding is derived, not stored: from the client's target group and the product's kind.

* ``spuk``: the specific grant for inburgeringsvoorzieningen (SPUK Wi2021): leerroutes, PVT,
  MAP, maatschappelijke begeleiding, interpreters (guidance: Divosa, Wet inburgering in vraag
  en antwoord, "Kosten voorzieningen (via SPUK)"). For an asylum holder every product the
  municipality buys is a voorziening. For a family or other migrant only the PVT and MAP the municipality offers him
  (UNCONFIRMED: not checked against the text of the Wet or the Regeling inburgering 2021, which
  could not be read; shown with the *Niet bevestigd* badge).
* ``own``: a family or other migrant arranges and pays his own language and KNM course (a DUO
  loan is possible): never on the SPUK, never on a course waiting list, and the municipality does
  not refer him to a course (offer.services.refer refuses it). An enrolment recorded anyway (older
  data) is shown as paid by the newcomer, not as municipal spend.
* ``gemeentefonds``: anything else the municipality pays for a family or other migrant (e.g.
  participation bought in the Z-route, whose 800 participation hours are required of asylum
  holders only, UNCONFIRMED): the municipality's general means, not the SPUK.
  Also the voluntary offer for a Wet inburgering 2013 client (``offer.services.refer_voluntary``):
  the SPUK Wi2021 is for Wi2021 voorzieningen; how a municipality pays the voluntary offer is
  UNCONFIRMED (badge).

DUO counts a family or other migrant once, in his first year, for the SPUK; an asylum holder three
consecutive years from housing (guidance: DUO's page on the SPUK calculation). That count is the
grant's basis, not a per-enrolment budget: this tag only says on which budget line the spend
belongs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import TargetGroup

from .models import ProductKind


class Funding(models.TextChoices):
    SPUK = "spuk", _("SPUK inburgeringsvoorzieningen")
    OWN = "own", _("Betaalt de inburgeraar zelf (lening DUO mogelijk)")
    GEMEENTEFONDS = "gemeentefonds", _("Gemeentefonds (algemene middelen)")


# The language/KNM course: what a family or other migrant arranges and pays himself.
COURSE_KINDS = frozenset(
    {ProductKind.LANGUAGE, ProductKind.LITERACY, ProductKind.BRIDGING, ProductKind.KNM}
)
# What the municipality offers every obliged person and may put on the SPUK for all of them.
OFFERED_TO_ALL_KINDS = frozenset({ProductKind.PVT, ProductKind.MAP})


def pays_own_course(target_group: str, *, wi2013: bool = False) -> bool:
    """Family and other migrants under the Wi2021 arrange and pay their own language and KNM
    course (a Wi2013 client's voluntary offer is another matter)."""
    return not wi2013 and target_group != TargetGroup.ASYLUM


def funding_for(target_group: str, product_kind: str, *, wi2013: bool = False) -> str:
    """The budget line of spend for a client of ``target_group`` on a product of ``product_kind``
    (``wi2013``: a Wet inburgering 2013 client in the voluntary offer)."""
    if wi2013:
        return Funding.GEMEENTEFONDS
    if target_group == TargetGroup.ASYLUM:
        return Funding.SPUK
    if product_kind in OFFERED_TO_ALL_KINDS:
        return Funding.SPUK
    if product_kind in COURSE_KINDS:
        return Funding.OWN
    return Funding.GEMEENTEFONDS


def funding_unconfirmed(target_group: str, product_kind: str, *, wi2013: bool = False) -> bool:
    """The SPUK tag on a family or other migrant's PVT or MAP is not confirmed from the Wet or
    the Regeling inburgering 2021, nor is the funding of a Wi2013 client's voluntary offer
    (badge)."""
    if wi2013:
        return True
    return target_group != TargetGroup.ASYLUM and product_kind in OFFERED_TO_ALL_KINDS


def enrolment_funding(enrolment) -> str:
    client = enrolment.client
    return funding_for(client.target_group, enrolment.product.kind, wi2013=client.is_wi2013)


def funding_label(value: str) -> str:
    return str(Funding(value).label)
