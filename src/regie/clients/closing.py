"""The closing reasons and what each one does: the one table (docs/casework.md "Dossier sluiten").

Per reason: whether the open deadlines are *met* or *cancelled* (vervallen) on the closing date
and the reason in words; the note put on the open work items; what goes to DUO (the outbox
message, if any, and whether that is confirmed); whether the newcomer still gets messages and
letters; and which fact the closing form asks for (the date of death, of naturalisation, ...).

Sources read: Wet inburgering 2021 art. 5 (ontheffing by the Minister, i.e. DUO), art. 11 (the term
and that it does not restart), art. 1 (the college is that of the municipality of residence);
Schulinck "Termijnen" (the duty ends when met or on an ontheffing) and "Het aanpassen van het PIP"
(after a move the new municipality adopts a new PIP and keeps the route). The statutory list of
what a municipality reports to DUO is not published (sources: docs/rules.md): every
"no message" below, except the ontheffing (DUO's own decision), is UNCONFIRMED.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ClosureReason

R = ClosureReason

MET, CANCELLED = "met", "cancelled"


@dataclass(frozen=True)
class ClosingEffect:
    reason: str
    deadlines: str  # MET or CANCELLED
    deadline_note: str  # Dutch, stored on each deadline the closing ends
    duo: str  # Dutch: what happens with DUO
    duo_message: str | None  # outbox message type written at closing, if any
    duo_unconfirmed: bool  # no published rule: *Niet bevestigd* badge
    stops_post: bool  # no portal messages and no letters to the newcomer any more
    event_field: str | None  # the form field with the reason's own date, if any
    event_label: str | None  # Dutch label of that date
    basis: str  # the rule, for the code reader
    event_required: bool = True  # the reason's own date must be given

    @property
    def label(self) -> str:
        return ClosureReason(self.reason).label


EFFECTS: dict[str, ClosingEffect] = {
    e.reason: e
    for e in (
        ClosingEffect(
            R.MET,
            MET,
            _("Voldaan: de inburgeringsplicht is voldaan."),
            _(
                "Geen bericht bij het sluiten. De afronding van PVT, MAP en Z-route is gemeld "
                "toen die werd vastgelegd; de examens kent DUO zelf."
            ),
            None,
            True,
            False,
            None,
            None,
            "The duty is met when the route is completed (B1: exams; onderwijsroute: the "
            "taalschakeltraject; Z-route: completed) with PVT and MAP (Schulinck 'Termijnen'). "
            "The route of the last decided PIP is recorded on the closure.",
        ),
        ClosingEffect(
            R.EXEMPTED,
            CANCELLED,
            _("Vervallen: DUO heeft vrijstelling of ontheffing verleend."),
            _("Geen bericht: het besluit is van DUO zelf."),
            None,
            False,
            False,
            None,
            None,
            "Wi2021 art. 5: the Minister (DUO) grants the ontheffing; the municipality records "
            "the decision (a recorded full vrijstelling or ontheffing is required).",
        ),
        ClosingEffect(
            R.TERM_ENDED,
            CANCELLED,
            _("Vervallen: de inburgeringstermijn is verstreken; DUO handhaaft verder."),
            _(
                "Geen bericht: DUO kent het einde van de termijn uit het gemelde PIP en "
                "handhaaft zelf."
            ),
            None,
            True,
            False,
            "term_ended_on",
            _("Einde inburgeringstermijn"),
            "Wi2021 art. 11 lid 1: the duty is to be met within three years; after that DUO "
            "enforces (sources: docs/rules.md). The term end must have passed.",
        ),
        ClosingEffect(
            R.MOVED,
            CANCELLED,
            _("Vervallen: verhuisd naar een gemeente buiten de regio; die gemeente neemt over."),
            _(
                "Geen bericht: de nieuwe gemeente stelt een nieuw PIP vast en meldt dat aan "
                "DUO. Download het overdrachtspakket voor de warme overdracht."
            ),
            None,
            True,
            False,
            "moved_on",
            _("Verhuisdatum"),
            "Wi2021 art. 1: the college of the municipality of residence is responsible; the "
            "new municipality adopts a new PIP and keeps the route (Schulinck). Warm handover "
            "with the handover package (progress.handover).",
        ),
        ClosingEffect(
            R.LEFT,
            CANCELLED,
            _("Vervallen: vertrokken naar het buitenland of verblijfsrecht beëindigd."),
            _(
                "Geen bericht: DUO hoort het vertrek of het einde van het verblijfsrecht via BRP en IND."
            ),
            None,
            True,
            False,
            "left_on",
            _("Datum vertrek of einde verblijfsrecht"),
            "The duty presupposes lawful residence in the Netherlands (sources: docs/rules.md, Wet art. "
            "3, UNCONFIRMED against the article text). The date may be unknown (BRP: vertrokken "
            "onbekend waarheen), so it is optional.",
            event_required=False,
        ),
        ClosingEffect(
            R.NATURALISED,
            CANCELLED,
            _("Vervallen: genaturaliseerd tot Nederlander; de inburgeringsplicht geldt niet meer."),
            _("Geen bericht: DUO hoort de naturalisatie via de BRP."),
            None,
            True,
            False,
            "naturalised_on",
            _("Datum naturalisatie"),
            "The duty rests on a foreign national (vreemdeling, sources: docs/rules.md); a Dutch "
            "national is not obliged (UNCONFIRMED against the article text).",
        ),
        ClosingEffect(
            R.STATE_PENSION_AGE,
            CANCELLED,
            _("Vervallen: de AOW-leeftijd is bereikt; de inburgeringsplicht eindigt."),
            _("Geen bericht: DUO kent de geboortedatum."),
            None,
            True,
            False,
            "pension_age_on",
            _("Datum AOW-leeftijd bereikt"),
            "The duty ends at the state-pension age (sources: docs/rules.md, [S] Schulinck; UNCONFIRMED "
            "against the article text).",
        ),
        ClosingEffect(
            R.DIED,
            CANCELLED,
            _("Vervallen: de klant is overleden."),
            _("Geen bericht: DUO hoort het overlijden via de BRP."),
            None,
            True,
            True,
            "died_on",
            _("Datum van overlijden"),
            "Nothing is due from a deceased person. No portal messages and no letters are sent "
            "to the client any more.",
        ),
    )
}

# The form fields with a reason's own date, in the order of the form.
EVENT_FIELDS = tuple(e.event_field for e in EFFECTS.values() if e.event_field)


def effect(reason: str) -> ClosingEffect | None:
    return EFFECTS.get(reason)


# Staff see this where a message or letter to a deceased client is refused.
NO_POST_MESSAGE = _(
    "Deze klant is overleden. Er gaan geen berichten of brieven meer naar de klant."
)


def stops_post(client) -> bool:
    """No messages or letters to this client any more (a deceased client)."""
    e = EFFECTS.get(getattr(client, "closure_reason", "") or "")
    return bool(e and e.stops_post and client.status == "closed")
