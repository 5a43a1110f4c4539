"""The BRP for the registration form: one person by BSN, with the access-log row and its purpose.

Registered as ``core.hooks.register_person_lookup`` in ``ExchangeConfig.ready()``; the clients
app calls ``hooks.lookup_person`` and never imports this module. Every query writes one
access-log row (processing activity ``brp-raadplegen``) before the BRP is asked, also when the
BRP then fails: the BSN left the application. The row names the client when the BSN is already
registered, else the person type ``brp-persoon`` with id 0 and the pseudonym of the BSN.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from regie.clients.models import Client
from regie.clients.registration import may_register
from regie.core.audit import log_access
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.core.hooks import LookedUpPerson
from regie.core.models import ProcessingActivity

from .client import REGISTRATION_FIELDS, BrpClient, BrpConfig, BrpUnavailable
from .mapping import to_looked_up

ACTIVITY = "brp-raadplegen"
PERSON_TYPE_UNREGISTERED = "brp-persoon"
PART = "brp"


def ensure_activity() -> None:
    """The processing activity in the register (AVG art. 30), created on first use."""
    ProcessingActivity.objects.get_or_create(
        key=ACTIVITY,
        defaults={
            "name": "BRP raadplegen",
            "purpose": (
                "Persoonsgegevens van een inburgeringsplichtige uit de BRP overnemen bij de "
                "inschrijving en verhuizing, emigratie en overlijden van actieve klanten signaleren."
            ),
            "legal_basis": "Wet BRP art. 1.7 en 3.3; Wet inburgering 2021, art. 14-16; AVG art. 6 lid 1 sub e",
            "retention": "5 jaar na afsluiten dossier",
        },
    )


def available() -> bool:
    return BrpConfig.from_settings().configured


def lookup_person(principal, bsn: str, *, purpose: str) -> LookedUpPerson | None:
    """What the BRP says about ``bsn`` for the registration form (None: the BRP does not know
    the BSN). Raises :class:`BrpUnavailable` with a Dutch sentence when it cannot be asked."""
    if not may_register(principal):
        raise PermissionDenied
    bsn = normalise_bsn(bsn or "")
    if not is_valid_bsn(bsn):
        raise BrpUnavailable(_("Vul eerst een geldig BSN in: 9 cijfers die de elfproef doorstaan."))
    brp = BrpClient()
    if not brp.config.configured:
        raise BrpUnavailable(_("Er is geen koppeling met de BRP ingesteld."))
    ensure_activity()
    client_id = Client.objects.filter(bsn=bsn).values_list("pk", flat=True).first()
    log_access(
        principal,
        [(client_id or 0, bsn)],
        part=PART,
        activity=ACTIVITY,
        purpose=purpose,
        person_type="client" if client_id else PERSON_TYPE_UNREGISTERED,
    )
    persoon = brp.person(bsn, REGISTRATION_FIELDS)
    return to_looked_up(persoon) if persoon else None
