"""Forms of the progress app: Dutch labels and error messages that say what to do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.clients.models import ClosureReason
from regie.core.forms import choice_field, date_field, text_field

from .models import (
    Assessment,
    Caution,
    DuoDecisionKind,
    DuoVariant,
    ExtensionGround,
    ReviewKind,
    ReviewOutcome,
    Violation,
)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleReviewForm(forms.Form):
    kind = choice_field(
        _("Soort afspraak"), ReviewKind.choices, message=_("Kies de soort afspraak."), radio=True
    )
    planned_on = date_field(
        _("Datum"), message=_("Vul de datum van de afspraak in."), not_past=True
    )


class RecordReviewForm(VersionForm):
    held_on = date_field(
        _("Gehouden op"),
        message=_("Vul de datum in waarop het gesprek is gehouden."),
        not_future=True,
    )
    component = forms.ChoiceField(label=_("Onderdeel van het PIP"), required=False)
    offer_start = date_field(_("Startdatum aanbod"), required=False)
    hours_attended = forms.DecimalField(
        label=_("Aanwezige uren"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=1,
        localize=True,
        error_messages={
            "invalid": _("Vul het aantal uren in als getal, bijvoorbeeld 120 of 12,5."),
            "min_value": _("Vul het aantal uren in als 0 of meer."),
        },
    )
    progress = text_field(_("Voortgang"), required=False, long=True)
    employer_input = text_field(
        _("Inbreng werkgever of vrijwilligersorganisatie"), required=False, long=True
    )
    client_view = text_field(_("Eigen kijk van de klant"), required=False, long=True)
    satisfaction = forms.TypedChoiceField(
        label=_("Tevredenheid van de klant (1 is slecht, 5 is heel goed)"),
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een tevredenheid van 1 tot en met 5.")},
    )
    outcome = choice_field(
        _("Uitkomst"),
        ReviewOutcome.choices,
        message=_("Kies de uitkomst van het gesprek."),
        required=False,
        radio=True,
    )

    def __init__(self, *args, components=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = [("", _("Geen onderdeel gekozen"))] + [
            (str(c[0]), c[1]) for c in components
        ]


class OpenEnforcementForm(forms.Form):
    violation = choice_field(
        _("Welke verplichting komt de klant niet na?"),
        Violation.choices,
        message=_("Kies welke verplichting de klant niet nakomt."),
        radio=True,
    )
    description = text_field(
        _("Wat is er gebeurd?"), message=_("Beschrijf wat er is gebeurd."), long=True
    )
    violation_on = date_field(
        _("Datum van de overtreding"),
        message=_("Vul de datum van de overtreding in."),
    )


class AssessForm(VersionForm):
    assessment = choice_field(
        _("Kan de klant niet, of wil hij niet?"),
        Assessment.choices,
        message=_("Kies of de klant niet kan of niet wil."),
        radio=True,
    )
    reason = text_field(
        _("Reden"), message=_("Leg de reden vast waarom de klant niet kan of niet wil."), long=True
    )


class WarningForm(VersionForm):
    warning_on = date_field(
        _("Waarschuwing gegeven op"), message=_("Vul de datum van de waarschuwing in.")
    )
    text = text_field(
        _("Inhoud van de waarschuwing"),
        message=_("Leg de inhoud van de waarschuwing vast."),
        long=True,
    )


class ReportForm(VersionForm):
    """The dated report of the violation (Awb 5:48 lid 2)."""

    report_date = date_field(
        _("Dagtekening van het rapport"), message=_("Vul de dagtekening van het rapport in.")
    )
    violation_on = date_field(
        _("Datum van de overtreding"), message=_("Vul de datum van de overtreding in.")
    )
    text = text_field(
        _("Rapport: de overtreding, het overtreden voorschrift en zo nodig plaats en tijdstip"),
        message=_("Beschrijf in het rapport de overtreding en het overtreden voorschrift."),
        long=True,
    )


class HearingForm(VersionForm):
    hearing_on = date_field(
        _("Zienswijze gegeven op"), message=_("Vul de datum van de zienswijze in.")
    )
    summary = text_field(
        _("Zienswijze van de klant"), message=_("Vat de zienswijze van de klant samen."), long=True
    )
    caution = choice_field(
        _("Is voor het verhoor gezegd dat de klant niet hoeft te antwoorden (cautie, Awb 5:10a)?"),
        Caution.choices,
        message=_("Geef aan of de cautie is gegeven voor het verhoor."),
        radio=True,
    )
    caution_on = date_field(
        _("Cautie gegeven op"),
        required=False,
        help_text=_("Alleen als de cautie is gegeven. Bijvoorbeeld 05-12-2026."),
    )

    def clean(self):
        data = super().clean()
        if data.get("caution") == Caution.GIVEN and not data.get("caution_on"):
            self.add_error("caution_on", _("Vul de datum in waarop de cautie is gegeven."))
        return data


class ProposeFineForm(VersionForm):
    amount = forms.DecimalField(
        label=_("Boetebedrag in euro"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Vul het boetebedrag in."),
            "invalid": _("Vul het bedrag in als getal, bijvoorbeeld 250 of 125,50."),
            "min_value": _("Vul een boetebedrag in van meer dan € 0."),
        },
    )
    lowering_reason = text_field(
        _("Reden voor een lager bedrag (Awb 5:46 lid 3)"), required=False, long=True
    )


class DecideFineForm(VersionForm):
    decision = choice_field(
        _("Besluit"),
        [("opleggen", _("Boete opleggen")), ("afwijzen", _("Boete niet opleggen"))],
        message=_("Kies of u de boete oplegt."),
        radio=True,
    )
    note = text_field(_("Toelichting"), required=False, long=True)


class MeasureForm(VersionForm):
    referral = text_field(
        _("Doorgezet naar (inkomensconsulent) en met welke informatie"),
        message=_("Leg vast aan wie en met welke informatie u de zaak doorzet."),
        long=True,
    )


class DuoDecisionForm(forms.Form):
    kind = choice_field(
        _("Soort besluit"),
        DuoDecisionKind.choices,
        message=_("Kies de soort besluit van DUO."),
        radio=True,
    )
    variant = choice_field(
        _("Vorm (bij vrijstelling of ontheffing)"),
        DuoVariant.choices,
        message=_("Kies de vorm van de vrijstelling of ontheffing."),
        required=False,
        radio=True,
    )
    decision_date = date_field(
        _("Datum besluit DUO"), message=_("Vul de datum van het besluit in.")
    )
    ground = forms.ChoiceField(
        label=_("Grond (bij verlenging)"),
        choices=[("", _("Kies een grond"))] + list(ExtensionGround.choices),
        required=False,
    )
    new_end_date = date_field(
        _("Nieuwe einddatum inburgeringstermijn (bij verlenging)"), required=False
    )
    valid_until = date_field(_("Geldig tot (bij tijdelijke vrijstelling)"), required=False)
    note = text_field(_("Toelichting"), required=False, long=True)


class CloseForm(VersionForm):
    """Closing: the reason, the closing date and only the fact the chosen reason needs (the
    other fields are shown with their reason, hidden by the page script while another reason is
    chosen, and ignored)."""

    reason = choice_field(
        _("Waarom sluit u het dossier?"),
        ClosureReason.choices,
        message=_("Kies de reden om het dossier te sluiten."),
        radio=True,
    )
    closed_on = date_field(_("Afgesloten op"), message=_("Vul de datum van afsluiten in."))
    died_on = date_field(_("Datum van overlijden"), required=False)
    naturalised_on = date_field(_("Datum naturalisatie"), required=False)
    left_on = date_field(_("Datum vertrek of einde verblijfsrecht"), required=False)
    pension_age_on = date_field(_("Datum AOW-leeftijd bereikt"), required=False)
    term_ended_on = date_field(
        _("Einde inburgeringstermijn"),
        required=False,
        help_text=_("Leeg laten: de einddatum uit het PIP of het laatste verlengingsbesluit."),
    )
    moved_on = date_field(_("Verhuisdatum"), required=False)
    new_municipality_name = forms.CharField(
        label=_("Nieuwe gemeente"), required=False, max_length=200
    )
    new_municipality_cbs = forms.RegexField(
        label=_("CBS-code nieuwe gemeente"),
        regex=r"^(GM\d{4})?$",
        required=False,
        max_length=6,
        help_text=_("Bijvoorbeeld GM0405"),
        error_messages={
            "invalid": _("Vul de CBS-code in als GM en vier cijfers, bijvoorbeeld GM0405.")
        },
    )
    note = text_field(_("Toelichting"), required=False, long=True)

    # per reason: the fields it asks for (and which of them are required)
    REASON_FIELDS = {
        ClosureReason.DIED: (("died_on", True),),
        ClosureReason.NATURALISED: (("naturalised_on", True),),
        ClosureReason.LEFT: (("left_on", False),),  # may be unknown (vertrokken onbekend waarheen)
        ClosureReason.STATE_PENSION_AGE: (("pension_age_on", True),),
        ClosureReason.TERM_ENDED: (("term_ended_on", False),),
        ClosureReason.MOVED: (
            ("moved_on", True),
            ("new_municipality_name", True),
            ("new_municipality_cbs", False),
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for reason, fields in self.REASON_FIELDS.items():
            for name, _required in fields:
                self.fields[name].widget.attrs["data-reason"] = reason

    def clean_new_municipality_cbs(self):
        return (self.cleaned_data.get("new_municipality_cbs") or "").upper()

    def clean(self):
        data = super().clean()
        reason = data.get("reason")
        wanted = dict(self.REASON_FIELDS.get(reason, ()))
        for fields in self.REASON_FIELDS.values():
            for name, _required in fields:
                if name in wanted:
                    if wanted[name] and not data.get(name) and name not in self.errors:
                        label = str(self.fields[name].label)
                        self.add_error(
                            name, _("Vul de %(what)s in.") % {"what": label[:1].lower() + label[1:]}
                        )
                elif name in data:  # not asked for this reason: ignored
                    data[name] = "" if name.startswith("new_") else None
        return data

    def service_values(self) -> dict:
        """What ``services.close_dossier`` takes: the reason's own date as ``event_date``."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        event = None
        for name in (
            "died_on",
            "naturalised_on",
            "left_on",
            "pension_age_on",
            "term_ended_on",
            "moved_on",
        ):
            value = data.pop(name, None)
            if value and name in dict(self.REASON_FIELDS.get(data.get("reason"), ())):
                event = value
        data["event_date"] = event
        return data


class ImportForm(forms.Form):
    package = forms.FileField(
        label=_("Overdrachtspakket"),
        help_text=_("zip, maximaal 20 MB"),
        error_messages={
            "required": _("Kies het overdrachtspakket (zip)."),
            "empty": _("Het bestand is leeg. Kies het overdrachtspakket (zip)."),
        },
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente waar de klant nu woont"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label=_("Uit het pakket halen"),
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["package"].widget.attrs["accept"] = ".zip,application/zip"


class MoveForm(VersionForm):
    """A move to another municipality of the region."""

    municipality = forms.ModelChoiceField(
        label=_("Nieuwe gemeente"),
        queryset=None,
        to_field_name="uuid",
        empty_label=_("Kies de gemeente"),
        error_messages={
            "required": _("Kies de nieuwe gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    moved_on = date_field(_("Verhuisdatum"), message=_("Vul de verhuisdatum in."))
    note = text_field(_("Toelichting"), required=False, long=True)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


# --- maatschappelijke begeleiding (issue 14) ------------------------------------------------------

HEALTH_HINT = _(
    "Hoogstens 2000 tekens. Schrijf hier niets over gezondheid, verslaving, trauma of justitie: "
    "dat zijn bijzondere persoonsgegevens. Die legt de klantregisseur vast in het dossier "
    "bijzondere persoonsgegevens van de intake, dat u niet kunt openen. Meld het hem met een "
    "bericht of in een gesprek."
)


class GuidanceNoteForm(forms.Form):
    on_date = date_field(_("Datum contact"), message=_("Vul de datum van het contact in."))
    text = text_field(
        _("Notitie"),
        message=_("Schrijf wat u met de klant hebt besproken of gedaan."),
        max_length=2000,
        long=True,
        help_text=HEALTH_HINT,
    )


class GuidanceAppointmentForm(forms.Form):
    on_date = date_field(_("Datum"), message=_("Vul de datum van de afspraak in."))
    at_time = forms.TimeField(
        label=_("Tijd"),
        help_text=_("Uren en minuten, bijvoorbeeld 14:30."),
        input_formats=["%H:%M", "%H.%M"],
        error_messages={
            "required": _("Vul de tijd van de afspraak in."),
            "invalid": _("Vul de tijd in als uren en minuten, bijvoorbeeld 14:30."),
        },
        widget=forms.TextInput(attrs={"size": "6", "inputmode": "numeric"}),
    )
    place = text_field(
        _("Plaats"),
        message=_("Vul in waar de afspraak is."),
        max_length=200,
        help_text=_("Hoogstens 200 tekens, bijvoorbeeld: bij de klant thuis."),
    )
    subject = text_field(
        _("Onderwerp"),
        message=_("Vul het onderwerp van de afspraak in."),
        max_length=200,
        help_text=_("Hoogstens 200 tekens, bijvoorbeeld: post doornemen."),
    )


class AskGuideForm(forms.Form):
    text = text_field(
        _("Wat vraagt u de begeleider?"),
        message=_("Schrijf wat de begeleider moet doen."),
        max_length=500,
        long=True,
        help_text=_("Hoogstens 500 tekens. Geen gegevens over gezondheid."),
    )
    due_date = date_field(
        _("Uiterste datum"),
        required=False,
        help_text=_("Bijvoorbeeld 28-11-2026. Leeg: over 10 dagen."),
    )
