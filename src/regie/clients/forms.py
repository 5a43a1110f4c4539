from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.forms import date_field, memorable_date_field, yes_no_field
from regie.core.models import Organisation


class ClientFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of BSN"), required=False, max_length=200)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
        to_field_name="uuid",
    )
    mijn = forms.BooleanField(label=_("Alleen mijn klanten"), required=False)

    toon = forms.ChoiceField(
        label=_("Tonen"),
        required=False,
        choices=[("", _("Alles")), ("besluiten", _("Alleen besluiten te nemen"))],
    )

    def __init__(self, *args, municipalities=None, decisions=False, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["gemeente"].queryset = municipalities
        if not decisions:  # only the team leader decides (docs/roles.md)
            del self.fields["toon"]


class ContactForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"dir": "ltr", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"dir": "ltr", "autocomplete": "off"})


class DatesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    permit_date = date_field(_("Datum vergunning"), required=False, not_future=True)
    duty_start = date_field(
        _("Start inburgeringsplicht (leeg: de datum van de vergunning)"), required=False
    )
    duty_start_reason = forms.ChoiceField(label=_("Reden van de start"), choices=[], required=False)
    duty_start_note = forms.CharField(
        label=_("Toelichting bij de start"), max_length=500, required=False
    )
    linkage_date = date_field(_("Datum koppeling"), required=False)
    housing_date = date_field(_("Datum huisvesting"), required=False)
    brp_date = date_field(_("Datum inschrijving BRP"), required=False)
    duo_notice_date = date_field(_("Datum kennisgeving DUO"), required=False)
    benefit_start = date_field(_("Start bijstand"), required=False)
    third_party_info_awaited = yes_no_field(
        _("Wachten wij op informatie van derden voor het PIP?"),
        required=False,
        empty_value=False,
    )
    third_party_info_received = date_field(_("Informatie van derden ontvangen op"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import DutyStartReason

        super().__init__(*args, **kwargs)
        self.fields["duty_start_reason"].choices = DutyStartReason.choices

    def clean(self):
        data = super().clean()
        permit = data.get("permit_date")
        for name in ("linkage_date", "housing_date", "brp_date", "duo_notice_date"):
            value = data.get(name)
            if permit and value and value < permit:
                self.add_error(
                    name, _("Deze datum kan niet voor de datum van de vergunning liggen.")
                )
        return data


class RegistrationForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        help_text=_("9 cijfers"),
        error_messages={"required": _("Vul het BSN in.")},
    )
    given_names = forms.CharField(
        label=_("Voornamen"), max_length=200, error_messages={"required": _("Vul de voornamen in.")}
    )
    surname = forms.CharField(
        label=_("Achternaam"),
        max_length=200,
        error_messages={"required": _("Vul de achternaam in.")},
    )
    date_of_birth = memorable_date_field(
        _("Geboortedatum"), message=_("Vul de geboortedatum in."), not_future=True
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisation.objects.none(),
        to_field_name="uuid",
        error_messages={"required": _("Kies de gemeente waaraan de klant gekoppeld is.")},
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de doelgroep.")},
    )
    permit_type = forms.ChoiceField(
        label=_("Soort vergunning"),
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort vergunning.")},
    )
    is_obliged = yes_no_field(
        _("Is deze persoon inburgeringsplichtig?"),
        initial=True,
        message=_("Kies of deze persoon inburgeringsplichtig is."),
    )
    nationality = forms.CharField(label=_("Nationaliteit"), max_length=100, required=False)
    languages = forms.CharField(
        label=_("Talen"), max_length=200, required=False, help_text=_("Gescheiden door een komma")
    )
    household_name = forms.CharField(
        label=_("Huishouden"),
        max_length=200,
        required=False,
        help_text=_(
            "Naam van het gezin, bijvoorbeeld 'Haddad'. Leden van één gezin krijgen dezelfde naam."
        ),
    )
    permit_date = date_field(
        _("Datum vergunning"),
        message=_("Vul de datum van de vergunning in."),
        not_future=True,
    )
    duty_start = date_field(
        _("Start inburgeringsplicht (leeg: de datum van de vergunning)"), required=False
    )
    duty_start_reason = forms.ChoiceField(
        label=_("Reden van de start"),
        choices=[],
        widget=forms.RadioSelect,
        initial="vergunning",
        required=False,
    )
    duty_start_note = forms.CharField(
        label=_("Toelichting bij de start"),
        max_length=500,
        required=False,
        help_text=_("Verplicht bij een andere reden."),
    )
    regime = forms.ChoiceField(
        label=_("Wet"),
        choices=[],
        widget=forms.RadioSelect,
        initial="wi2021",
        required=False,
        help_text=_(
            "Begon de plicht voor 1-1-2022, dan geldt de Wet inburgering 2013: geen PIP, wel "
            "begeleiding en het vrijwillige aanbod."
        ),
    )
    age_checked = forms.BooleanField(
        label=_(
            "Ik heb gecontroleerd dat deze persoon inburgeringsplichtig is, ook al valt de leeftijd "
            "buiten 16 jaar tot de AOW-leeftijd"
        ),
        required=False,
    )
    linkage_date = date_field(_("Datum koppeling"), required=False)
    housing_date = date_field(_("Datum huisvesting"), required=False)
    brp_date = date_field(_("Datum inschrijving BRP"), required=False)
    duo_notice_date = date_field(_("Datum kennisgeving DUO"), required=False)
    benefit_start = date_field(_("Start bijstand"), required=False)

    def __init__(self, *args, municipalities=None, **kwargs):
        from .models import DutyStartReason, PermitType, Regime, TargetGroup

        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        self.fields["target_group"].choices = TargetGroup.choices
        self.fields["permit_type"].choices = PermitType.choices
        self.fields["duty_start_reason"].choices = DutyStartReason.choices
        self.fields["regime"].choices = Regime.choices
        self.fields["bsn"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "size": "11", "dir": "ltr"}
        )

    def clean_bsn(self):
        from regie.core.bsn import is_valid_bsn, normalise_bsn

        value = normalise_bsn(self.cleaned_data["bsn"])
        if not is_valid_bsn(value):
            raise forms.ValidationError(
                _("Vul een geldig BSN in: 9 cijfers die de elfproef doorstaan.")
            )
        return value


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Koppelingslijst (CSV)"),
        help_text=_(
            "CSV in UTF-8, gescheiden door ; of , — maximaal 5 MB. Gebruik het voorbeeldbestand."
        ),
        error_messages={"required": _("Kies het CSV-bestand met de koppelingslijst.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand moet kleiner zijn dan 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Kies een CSV-bestand (.csv)."))
        return upload


class AssignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    case_manager = forms.ModelChoiceField(
        label=_("Klantregisseur"), queryset=None, required=False, empty_label=_("Niemand")
    )
    social_guide = forms.ModelChoiceField(
        label=_("Maatschappelijk begeleider"),
        queryset=None,
        required=False,
        empty_label=_("Niemand"),
    )
    income_consultant = forms.ModelChoiceField(
        label=_("Inkomensconsulent"), queryset=None, required=False, empty_label=_("Niemand")
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, qs in (candidates or {}).items():
            self.fields[name].queryset = qs


class WorklistFilterForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
        to_field_name="uuid",
    )

    toon = forms.ChoiceField(
        label=_("Tonen"),
        required=False,
        choices=[("", _("Alles")), ("besluiten", _("Alleen besluiten te nemen"))],
    )

    def __init__(self, *args, municipalities=None, decisions=False, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["gemeente"].queryset = municipalities
        if not decisions:  # only the team leader decides (docs/roles.md)
            del self.fields["toon"]
