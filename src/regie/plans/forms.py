from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.forms import TEXT_MAX_LENGTH, choice_field, date_field, text_field
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

from .models import (
    COUNTED_KINDS,
    ComponentKind,
    MilestoneKind,
    ParticipationType,
    Reason,
    ReporterKind,
    Route,
    TargetLevel,
)

HOURS_ERRORS = {
    "invalid": _("Vul het aantal uren in als een heel getal, bijvoorbeeld 40."),
    "min_value": _("Het aantal uren kan niet negatief zijn."),
}


def _hours(label, required=False):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        error_messages=HOURS_ERRORS,
        widget=forms.TextInput(attrs={"size": "6"}),
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DraftForm(VersionForm):
    route = choice_field(_("Leerroute"), Route.choices, message=_("Kies de leerroute."), radio=True)
    target_level = choice_field(
        _("Taalniveau (B1-route en onderwijsroute)"),
        TargetLevel.choices,
        required=False,
        radio=True,
        help_text=_("Ten minste B1; B2 kan ook. Niets gekozen: B1. Niet invullen bij de Z-route."),
    )
    scaled_to_a2 = forms.BooleanField(
        label=_("Afschalen naar A2 (alleen in de B1-route)"), required=False
    )
    scale_down_infeasible_reason = text_field(
        _("Waarom B1 niet haalbaar is binnen de inburgeringstermijn"),
        required=False,
        long=True,
        help_text=_("Alleen bij afschalen. Bijvoorbeeld: de voortgang van de taalschool."),
    )
    scale_down_school = forms.ModelChoiceField(
        label=_("Taalschool van de lesuren (met Blik op Werk Keurmerk Inburgeren)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een taalschool"),
        to_field_name="uuid",
    )
    scale_down_lesson_hours = _hours(_("Gevolgde lesuren volgens de taalschool"))
    scale_down_in_person_hours = _hours(_("Waarvan fysiek, op locatie"))
    scale_down_effort = text_field(
        _("Inspanning van de klant"),
        required=False,
        long=True,
        help_text=_("Wat blijkt uit de aanwezigheid en het huiswerk volgens de taalschool."),
    )
    scale_down_effort_sufficient = forms.BooleanField(
        label=_("De klant heeft voldoende inspanning geleverd"), required=False
    )
    reason_note = text_field(_("Toelichting"), required=False, long=True)
    review_count = forms.IntegerField(
        label=_("Aantal voortgangsgesprekken"),
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Vul het aantal voortgangsgesprekken in als een heel getal."),
            "min_value": _("Het aantal voortgangsgesprekken kan niet negatief zijn."),
            "max_value": _("Vul een aantal voortgangsgesprekken tot en met 100 in."),
        },
        widget=forms.TextInput(attrs={"size": "4"}),
    )
    review_agreements = text_field(
        _("Afspraken over voortgangsgesprekken"),
        required=False,
        long=True,
        help_text=_("Bijvoorbeeld: elke drie maanden een gesprek met de klantregisseur."),
    )
    notes = forms.CharField(
        label=_("Overige afspraken"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organisation.objects.filter(kind=OrganisationKind.PROVIDER, is_active=True)
        self.fields["scale_down_school"].queryset = (
            qs.filter(region=region) if region else qs.none()
        )


class ComponentForm(VersionForm):
    kind = choice_field(
        _("Onderdeel"),
        [("", _("Kies een onderdeel")), *ComponentKind.choices],
        message=_("Kies het onderdeel."),
    )
    participation_type = choice_field(
        _("Soort participatie (alleen bij participatie)"),
        ParticipationType.choices,
        required=False,
        radio=True,
    )
    linked_to_werksaam = forms.BooleanField(
        label=_("Gekoppeld aan WerkSaam (alleen bij participatie)"), required=False
    )
    hours_planned = _hours(_("Geplande uren"))
    provider = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Geen aanbieder"),
        to_field_name="uuid",
    )
    description = text_field(_("Afspraken bij dit onderdeel"), required=False, long=True)

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organisation.objects.filter(kind=OrganisationKind.PROVIDER, is_active=True)
        self.fields["provider"].queryset = qs.filter(region=region) if region else qs.none()

    def clean(self):
        data = super().clean()
        if data.get("kind") == ComponentKind.PARTICIPATION and not data.get("participation_type"):
            self.add_error(
                "participation_type", _("Kies bij participatie: werk, vrijwilligerswerk of studie.")
            )
        return data


class ReviseForm(forms.Form):
    reason = choice_field(
        _("Waarom stelt u het PIP bij?"),
        [c for c in Reason.choices if c[0] != Reason.INITIAL],
        message=_("Kies de reden van de bijstelling."),
        radio=True,
    )
    reason_note = text_field(_("Toelichting"), required=False, long=True)


class DecideForm(VersionForm):
    decision_date = date_field(_("Dagtekening"), message=_("Vul de dagtekening in."))
    made_known_on = date_field(
        _("Bekendgemaakt op"),
        message=_("Vul de datum van bekendmaking in."),
        help_text=_(
            "De verzenddatum: de dag waarop het besluit naar de klant gaat of hem wordt "
            "uitgereikt. Deze datum staat in de brief; de bezwaartermijn begint de dag erna. "
            "Bijvoorbeeld 28-11-2026"
        ),
    )


class ProgressForm(VersionForm):
    offer_start = date_field(_("Aanbod gestart op"), required=False)
    hours_attended = _hours(_("Gevolgde uren"), required=True)
    hours_attended.help_text = _(
        "Een totaal zonder melder. Voor het afronden van PVT, MAP en Z-route tellen alleen uren "
        "die een aanbieder meldde of die u vastlegt bij 'Gevolgde uren vastleggen'."
    )
    progress_note = text_field(_("Voortgang"), required=False, long=True)
    completed_on = date_field(_("Afgerond op"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_attended"].error_messages["required"] = _(
            "Vul het aantal gevolgde uren in. Nog geen uren: vul 0 in."
        )


class ActivityForm(forms.Form):
    kind = choice_field(
        _("Onderdeel"),
        [("", _("Kies een onderdeel")), *[(k.value, k.label) for k in COUNTED_KINDS]],
        message=_("Kies het onderdeel waarvoor de uren gelden."),
    )
    date = date_field(
        _("Datum (of laatste dag van de periode)"),
        message=_("Vul de datum in."),
    )
    hours = forms.DecimalField(
        label=_("Gevolgde uren"),
        min_value=Decimal("0.1"),
        max_value=2000,
        decimal_places=1,
        localize=True,
        error_messages={
            "required": _("Vul het aantal gevolgde uren in."),
            "invalid": _("Vul het aantal uren in als een getal, bijvoorbeeld 4 of 2,5."),
            "min_value": _("Vul het aantal gevolgde uren in, meer dan 0."),
            "max_value": _("Vul hoogstens 2000 uur per keer in. Splits een lange periode."),
            "max_decimal_places": _("Gebruik hoogstens één cijfer achter de komma."),
        },
        widget=forms.TextInput(attrs={"size": "6", "inputmode": "decimal"}),
    )
    description = text_field(
        _("Activiteit"),
        message=_("Beschrijf de activiteit."),
        max_length=300,
        help_text=_(
            "Bijvoorbeeld: workshop vrijheid en gelijkwaardigheid, of stage bij de kringloop."
        ),
    )
    reported_by_kind = choice_field(
        _("Wie meldde de uren?"),
        ReporterKind.choices,
        message=_("Kies wie de uren meldde."),
        radio=True,
    )
    reported_by_name = text_field(
        _("Naam van die organisatie"),
        message=_("Vul de naam in van de organisatie die de uren meldde."),
        max_length=200,
        help_text=_(
            "Leg alleen uren vast die niet al via de meldingen van een aanbieder binnenkomen."
        ),
    )


class MilestoneForm(forms.Form):
    kind = choice_field(
        _("Wat legt u vast?"),
        MilestoneKind.choices,
        message=_("Kies wat u vastlegt."),
        radio=True,
    )
    held_on = date_field(_("Datum"), message=_("Vul de datum in."))
    conducted_by = text_field(
        _("Gevoerd of begeleid door"),
        message=_("Vul in wie het gesprek voerde of de ondertekening begeleidde."),
        max_length=200,
        help_text=_("Naam en functie, bijvoorbeeld: J. de Vries, klantregisseur gemeente Hoorn."),
    )
    note = text_field(_("Verslag"), required=False, long=True)
