"""One form per life domain (3-6 fields each), the LBT form and the special-category forms.

A domain form validates the JSON stored in ``DomainRecord.data``. Every field is optional while
the record is a draft ("Opslaan en later verder"); the fields in ``required_when_done`` must be
filled before the domain can be marked done ("Is dit onderdeel klaar?" Ja).
"""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.forms import (
    TEXT_MAX_LENGTH,
    choice_field,
    date_field,
    limited_formfield,
    text_field,
)

from .models import Domain, LbtDispensation, LbtOutcome, SpecialCategoryRecord


class _FirstOptionId:
    """The first option takes the field's own id, so error links land on it."""

    def id_for_label(self, id_, index=None):
        if index is None or str(index) == "0":
            return id_
        return f"{id_}_{index}"


class Radios(_FirstOptionId, forms.RadioSelect):
    pass


class Checkboxes(_FirstOptionId, forms.CheckboxSelectMultiple):
    pass


YES, NO = "ja", "nee"
YES_NO = [(YES, _("Ja")), (NO, _("Nee"))]


class YesNoField(forms.ChoiceField):
    """Ja/Nee radios, stored as a boolean."""


def _yes_no(label, help_text=""):
    return YesNoField(
        label=label, choices=YES_NO, widget=Radios, required=False, help_text=help_text
    )


def _number(label, low, high, message):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "6"}),
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class DomainForm(forms.Form):
    """Base: the fields of one domain. ``required_when_done`` maps a field to its message.

    Those fields are required when the domain is marked done, optional in a draft.
    """

    domain: str = ""
    required_when_done: dict = {}

    def __init__(self, *args, done: bool = False, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        kwargs["initial"] = {k: _to_form_value(v) for k, v in initial.items()}
        super().__init__(*args, **kwargs)
        self.done = done
        # Required to mark a domain done (and shown as required); optional in a draft.
        for name, message in self.required_when_done.items():
            field = self.fields[name]
            field.required = done or not self.is_bound
            field.error_messages["required"] = message

    def stored_data(self) -> dict:
        """The cleaned data as JSON: yes/no as booleans, empty answers left out."""
        result = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if isinstance(self.fields[name], YesNoField):
                value = value == YES
            result[name] = value
        return result


def _to_form_value(value):
    if value is True:
        return YES
    if value is False:
        return NO
    return value


def api_to_form_data(data: dict) -> dict:
    """JSON from the API (booleans, lists) to the form's POST shape."""
    return {k: _to_form_value(v) for k, v in (data or {}).items()}


class BackgroundForm(DomainForm):
    domain = Domain.BACKGROUND
    country_of_origin = text_field(_("Land van herkomst"), required=False, max_length=1000)
    arrival_year = _number(
        _("Jaar van aankomst in Nederland"),
        1940,
        2100,
        _("Vul het jaar van aankomst in met vier cijfers, bijvoorbeeld 2024."),
    )
    earlier_countries = text_field(
        _("Eerder verblijf in andere landen"), required=False, max_length=1000, long=True
    )
    required_when_done = {
        "country_of_origin": _("Vul het land van herkomst in."),
        "arrival_year": _("Vul het jaar van aankomst in."),
    }

    def clean_arrival_year(self):
        year = self.cleaned_data.get("arrival_year")
        if year and year > dt.date.today().year:
            raise forms.ValidationError(_("Het jaar van aankomst kan niet in de toekomst liggen."))
        return year


EDUCATION_LEVELS = [
    ("geen", _("Geen onderwijs")),
    ("basis", _("Basisonderwijs")),
    ("voortgezet", _("Voortgezet onderwijs")),
    ("beroeps", _("Middelbaar beroepsonderwijs")),
    ("hoger", _("Hoger beroepsonderwijs")),
    ("universiteit", _("Universiteit")),
]


class EducationForm(DomainForm):
    domain = Domain.EDUCATION
    highest_level = choice_field(
        _("Hoogste opleidingsniveau"), EDUCATION_LEVELS, required=False, widget=Radios
    )
    years_of_schooling = _number(
        _("Aantal jaren onderwijs"), 0, 40, _("Vul het aantal jaren in als een getal van 0 tot 40.")
    )
    diplomas = text_field(
        _("Diploma's"),
        required=False,
        max_length=1000,
        help_text=_("Naam, land en jaar per diploma."),
        long=True,
    )
    idw_requested = _yes_no(_("Is diplomawaardering (IDW) aangevraagd?"))
    required_when_done = {
        "highest_level": _("Kies het hoogste opleidingsniveau."),
        "years_of_schooling": _("Vul het aantal jaren onderwijs in."),
    }


class WorkForm(DomainForm):
    domain = Domain.WORK
    last_occupation = text_field(_("Laatste beroep"), required=False, max_length=1000)
    years_of_experience = _number(
        _("Jaren werkervaring"), 0, 60, _("Vul het aantal jaren in als een getal van 0 tot 60.")
    )
    sector = text_field(_("Sector"), required=False, max_length=1000)
    wishes = text_field(_("Werkwensen"), required=False, max_length=1000, long=True)
    required_when_done = {"wishes": _("Vul de werkwensen in. Geen wensen? Schrijf dat op.")}


DUTCH_LEVELS = [
    ("geen", _("Nog geen Nederlands")),
    ("A1", "A1"),
    ("A2", "A2"),
    ("B1", "B1"),
    ("B2", _("B2 of hoger")),
]


class LanguageForm(DomainForm):
    domain = Domain.LANGUAGE
    languages_spoken = text_field(
        _("Talen die de klant spreekt"),
        required=False,
        max_length=1000,
        help_text=_("Bijvoorbeeld Arabisch, Engels"),
    )
    literate_own_script = _yes_no(_("Kan de klant lezen en schrijven in het eigen schrift?"))
    literate_latin_script = _yes_no(_("Kan de klant lezen en schrijven in het Latijnse schrift?"))
    dutch_level = choice_field(
        _("Geschat niveau Nederlands"), DUTCH_LEVELS, required=False, widget=Radios
    )
    required_when_done = {
        "languages_spoken": _("Vul de talen in die de klant spreekt."),
        "literate_own_script": _("Kies of de klant kan lezen en schrijven in het eigen schrift."),
        "literate_latin_script": _(
            "Kies of de klant kan lezen en schrijven in het Latijnse schrift."
        ),
        "dutch_level": _("Kies het geschatte niveau Nederlands."),
    }


class HealthForm(DomainForm):
    domain = Domain.HEALTH
    affects_plan = _yes_no(
        _("Zijn er gezondheidszaken die invloed hebben op het plan?"),
        help_text=_(
            "Schrijf hier geen details. Details horen bij de bijzondere gegevens, die alleen de "
            "eigen klantregisseur en de teamleider zien."
        ),
    )
    required_when_done = {
        "affects_plan": _("Kies of er gezondheidszaken zijn die invloed hebben op het plan.")
    }


class FamilyForm(DomainForm):
    domain = Domain.FAMILY
    children = _number(
        _("Aantal kinderen"), 0, 20, _("Vul het aantal kinderen in als een getal van 0 tot 20.")
    )
    childcare_needed = _yes_no(_("Is kinderopvang nodig om mee te doen?"))
    vve_informed = _yes_no(
        _("Is de klant verteld over voorschoolse educatie (VVE)?"),
        help_text=_("Voor ouders van jonge kinderen."),
    )
    network = text_field(_("Netwerk in Nederland"), required=False, max_length=1000, long=True)
    required_when_done = {
        "children": _("Vul het aantal kinderen in. Geen kinderen? Vul 0 in."),
        "childcare_needed": _("Kies of kinderopvang nodig is."),
    }


INCOME_SOURCES = [
    ("bijstand", _("Bijstand")),
    ("werk", _("Werk")),
    ("partner", _("Inkomen van de partner")),
    ("geen", _("Geen inkomen")),
    ("anders", _("Anders")),
]


class FinancesForm(DomainForm):
    domain = Domain.FINANCES
    income_source = choice_field(
        _("Bron van inkomen"), INCOME_SOURCES, required=False, widget=Radios
    )
    has_debts = _yes_no(_("Heeft de klant schulden?"))
    benefit_start_known = _yes_no(_("Is de startdatum van de bijstand bekend?"))
    required_when_done = {
        "income_source": _("Kies de bron van inkomen."),
        "has_debts": _("Kies of de klant schulden heeft."),
    }


HOUSING_TYPES = [
    ("zelfstandig", _("Zelfstandige woning")),
    ("onzelfstandig", _("Kamer of gedeelde woning")),
    ("azc", _("Azc")),
    ("tijdelijk", _("Tijdelijke opvang")),
    ("anders", _("Anders")),
]


class HousingForm(DomainForm):
    domain = Domain.HOUSING
    housed = _yes_no(_("Woont de klant in de gemeente?"))
    housing_type = choice_field(_("Soort woning"), HOUSING_TYPES, required=False, widget=Radios)
    required_when_done = {
        "housed": _("Kies of de klant in de gemeente woont."),
        "housing_type": _("Kies de soort woning."),
    }


# GGM (Gemeentelijk Gegevensmodel) *Hoofddoel* Doel enumeration.
GOALS = [
    ("betaald_werken", _("Betaald werken")),
    ("ondernemen", _("Ondernemen")),
    ("opleiding", _("Opleiding met studiefinanciering")),
    ("werken_naar_vermogen", _("Betaald werken naar vermogen")),
    ("werkfit", _("Werkfit")),
    ("maatschappelijk_fit", _("Maatschappelijk fit")),
]


class MotivationForm(DomainForm):
    domain = Domain.MOTIVATION
    goals = forms.MultipleChoiceField(
        label=_("Doelen"),
        choices=GOALS,
        widget=Checkboxes,
        required=False,
        help_text=_("Kies een of meer doelen."),
    )
    interests = text_field(_("Interesses"), required=False, max_length=1000, long=True)
    required_when_done = {"goals": _("Kies ten minste één doel.")}


DIGITAL_SKILLS = [
    ("geen", _("Geen")),
    ("basis", _("Basis: bellen, berichten, internet")),
    ("goed", _("Goed: formulieren en e-mail zelf")),
]


class SelfRelianceForm(DomainForm):
    domain = Domain.SELF_RELIANCE
    digital_skills = choice_field(
        _("Digitale vaardigheden"), DIGITAL_SKILLS, required=False, widget=Radios
    )
    has_digid = _yes_no(_("Heeft de klant een DigiD?"))
    has_bank_account = _yes_no(_("Heeft de klant een bankrekening?"))
    required_when_done = {
        "digital_skills": _("Kies de digitale vaardigheden."),
        "has_digid": _("Kies of de klant een DigiD heeft."),
    }


DOMAIN_FORMS: dict[str, type[DomainForm]] = {
    form.domain: form
    for form in (
        BackgroundForm,
        EducationForm,
        WorkForm,
        LanguageForm,
        HealthForm,
        FamilyForm,
        FinancesForm,
        HousingForm,
        MotivationForm,
        SelfRelianceForm,
    )
}

SAVE_DRAFT, SAVE = "later", "opslaan"


class DomainMetaForm(forms.Form):
    """The version and the "Is dit onderdeel klaar?" question, shown with every domain form."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    klaar = forms.ChoiceField(
        label=_("Is dit onderdeel klaar?"),
        choices=YES_NO,
        widget=Radios,
        required=False,
    )
    actie = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klaar"].required = not self.is_bound  # asked, unless saving a draft

    def clean(self):
        data = super().clean()
        if data.get("actie") != SAVE_DRAFT and not data.get("klaar"):
            self.add_error(
                "klaar",
                _("Kies of dit onderdeel klaar is. Nog niet klaar? Kies Nee."),
            )
        return data

    @property
    def done(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("actie") != SAVE_DRAFT and data.get("klaar") == YES


class LearnabilityTestForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    taken_on = date_field(_("Datum van de toets"), required=False)
    assessor = forms.CharField(
        label=_("Afgenomen door"),
        required=False,
        max_length=200,
        help_text=_("De onafhankelijke partij die de toets afnam."),
    )
    outcome = forms.ChoiceField(
        label=_("Advies"),
        choices=LbtOutcome.choices,
        widget=Radios,
        required=False,
    )
    score = forms.CharField(label=_("Score"), required=False, max_length=100)
    notes = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dispensation = forms.ChoiceField(
        label=_("Ontheffing van de leerbaarheidstoets"),
        choices=LbtDispensation.choices,
        widget=Radios,
        required=False,
        help_text=_(
            "Besluit van de gemeente bij een visuele beperking, of een auditieve beperking "
            "waardoor de klant de toets niet kan maken (Wet inburgering 2021 art. 14 lid 6-7)."
        ),
    )
    dispensation_decided_on = date_field(_("Datum besluit ontheffing"), required=False)

    def clean_taken_on(self):
        day = self.cleaned_data.get("taken_on")
        if day and day > dt.date.today():
            raise forms.ValidationError(_("De datum van de toets kan niet in de toekomst liggen."))
        return day


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Waarom opent u deze gegevens?"),
        max_length=300,
        help_text=_("Bijvoorbeeld: voorbereiden PIP-gesprek. Dit doel komt in het inzagelogboek."),
        error_messages={
            "required": _("Vul in waarom u deze gegevens opent."),
            "max_length": _("Houd het doel korter dan 300 tekens."),
        },
    )

    def clean_purpose(self):
        value = " ".join(self.cleaned_data["purpose"].split())
        if len(value) < 5:
            raise forms.ValidationError(
                _("Beschrijf het doel in een paar woorden, bijvoorbeeld: voorbereiden PIP-gesprek.")
            )
        return value


class SpecialCategoryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    purpose = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SpecialCategoryRecord
        fields = ["physical_health", "mental_health", "trauma_signals", "addiction", "justice"]
        labels = {
            "physical_health": _("Lichamelijke gezondheid"),
            "mental_health": _("Psychische gezondheid"),
            "trauma_signals": _("Signalen van trauma"),
            "addiction": _("Verslaving"),
            "justice": _("Justitie"),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        formfield_callback = limited_formfield
