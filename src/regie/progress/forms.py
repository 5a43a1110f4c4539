"""Forms of the progress app: Dutch labels and error messages that say what to do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.clients.forms import DATE_ERRORS, DATE_HELP
from regie.clients.models import ClosureReason

from .models import (
    Assessment,
    DuoDecisionKind,
    DuoVariant,
    ExtensionGround,
    ReviewKind,
    ReviewOutcome,
    Violation,
)


def _date(label, required=True, message=None):
    errors = dict(DATE_ERRORS)
    errors["required"] = message or _("Vul de datum in.")
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HELP,
        error_messages=errors,
        widget=forms.TextInput(attrs={"size": "12"}),
    )


def _text(label, required=True, message=None):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message or _("Vul dit in.")},
    )


def _radio(label, choices, message, required=True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleReviewForm(forms.Form):
    kind = _radio(_("Soort afspraak"), ReviewKind.choices, _("Kies de soort afspraak."))
    planned_on = _date(_("Datum"), message=_("Vul de datum van de afspraak in."))


class RecordReviewForm(VersionForm):
    held_on = _date(_("Gehouden op"), message=_("Vul de datum in waarop het gesprek is gehouden."))
    component = forms.ChoiceField(label=_("Onderdeel van het PIP"), required=False)
    offer_start = _date(_("Startdatum aanbod"), required=False)
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
    progress = _text(_("Voortgang"), required=False)
    employer_input = _text(_("Inbreng werkgever of vrijwilligersorganisatie"), required=False)
    client_view = _text(_("Eigen kijk van de klant"), required=False)
    satisfaction = forms.TypedChoiceField(
        label=_("Tevredenheid van de klant (1 is slecht, 5 is heel goed)"),
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een tevredenheid van 1 tot en met 5.")},
    )
    outcome = _radio(
        _("Uitkomst"), ReviewOutcome.choices, _("Kies de uitkomst van het gesprek."), required=False
    )

    def __init__(self, *args, components=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = [("", _("Geen onderdeel gekozen"))] + [
            (str(c[0]), c[1]) for c in components
        ]


class OpenEnforcementForm(forms.Form):
    violation = _radio(
        _("Welke verplichting komt de klant niet na?"),
        Violation.choices,
        _("Kies welke verplichting de klant niet nakomt."),
    )
    description = _text(_("Wat is er gebeurd?"), message=_("Beschrijf wat er is gebeurd."))


class AssessForm(VersionForm):
    assessment = _radio(
        _("Kan de klant niet, of wil hij niet?"),
        Assessment.choices,
        _("Kies of de klant niet kan of niet wil."),
    )
    reason = _text(_("Reden"), message=_("Leg de reden vast waarom de klant niet kan of niet wil."))


class WarningForm(VersionForm):
    warning_on = _date(
        _("Waarschuwing gegeven op"), message=_("Vul de datum van de waarschuwing in.")
    )
    text = _text(
        _("Inhoud van de waarschuwing"), message=_("Leg de inhoud van de waarschuwing vast.")
    )


class HearingForm(VersionForm):
    hearing_on = _date(_("Zienswijze gegeven op"), message=_("Vul de datum van de zienswijze in."))
    summary = _text(
        _("Zienswijze van de klant"), message=_("Vat de zienswijze van de klant samen.")
    )


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
    lowering_reason = _text(_("Reden voor een lager bedrag (Awb 5:46 lid 3)"), required=False)


class DecideFineForm(VersionForm):
    decision = _radio(
        _("Besluit"),
        [("opleggen", _("Boete opleggen")), ("afwijzen", _("Boete niet opleggen"))],
        _("Kies of u de boete oplegt."),
    )
    note = _text(_("Toelichting"), required=False)


class MeasureForm(VersionForm):
    referral = _text(
        _("Doorgezet naar (inkomensconsulent) en met welke informatie"),
        message=_("Leg vast aan wie en met welke informatie u de zaak doorzet."),
    )


class DuoDecisionForm(forms.Form):
    kind = _radio(_("Soort besluit"), DuoDecisionKind.choices, _("Kies de soort besluit van DUO."))
    variant = _radio(
        _("Vorm (bij vrijstelling of ontheffing)"),
        DuoVariant.choices,
        _("Kies de vorm van de vrijstelling of ontheffing."),
        required=False,
    )
    decision_date = _date(_("Datum besluit DUO"), message=_("Vul de datum van het besluit in."))
    ground = forms.ChoiceField(
        label=_("Grond (bij verlenging)"),
        choices=[("", _("Kies een grond"))] + list(ExtensionGround.choices),
        required=False,
    )
    new_end_date = _date(_("Nieuwe einddatum inburgeringstermijn (bij verlenging)"), required=False)
    valid_until = _date(_("Geldig tot (bij tijdelijke vrijstelling)"), required=False)
    note = _text(_("Toelichting"), required=False)


class CloseForm(VersionForm):
    reason = _radio(
        _("Waarom sluit u het dossier?"),
        ClosureReason.choices,
        _("Kies de reden om het dossier te sluiten."),
    )
    closed_on = _date(_("Afgesloten op"), message=_("Vul de datum van afsluiten in."))
    new_municipality_name = forms.CharField(
        label=_("Nieuwe gemeente (bij verhuizing)"), required=False, max_length=200
    )
    new_municipality_cbs = forms.RegexField(
        label=_("CBS-code nieuwe gemeente (bij verhuizing)"),
        regex=r"^(GM\d{4})?$",
        required=False,
        help_text=_("Bijvoorbeeld GM0405"),
        error_messages={
            "invalid": _("Vul de CBS-code in als GM en vier cijfers, bijvoorbeeld GM0405.")
        },
    )
    note = _text(_("Toelichting"), required=False)

    def clean_new_municipality_cbs(self):
        return (self.cleaned_data.get("new_municipality_cbs") or "").upper()


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
