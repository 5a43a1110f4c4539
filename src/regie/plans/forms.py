from django import forms
from django.utils.translation import gettext_lazy as _

from regie.clients.forms import DATE_ERRORS, DATE_HELP
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

from .models import ComponentKind, ParticipationType, Reason, Route

HOURS_ERRORS = {
    "invalid": _("Vul het aantal uren in als een heel getal, bijvoorbeeld 40."),
    "min_value": _("Het aantal uren kan niet negatief zijn."),
}


def _date(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HELP,
        error_messages={**DATE_ERRORS, "required": _("Vul de %(label)s in.") % {"label": label}},
        widget=forms.TextInput(attrs={"size": "12"}),
    )


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
    route = forms.ChoiceField(
        label=_("Leerroute"),
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de leerroute."),
            "invalid_choice": _("Kies de leerroute."),
        },
    )
    scaled_to_a2 = forms.BooleanField(
        label=_("Afschalen naar A2 (alleen in de B1-route)"), required=False
    )
    reason_note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
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
    review_agreements = forms.CharField(
        label=_("Afspraken over voortgangsgesprekken"),
        required=False,
        help_text=_("Bijvoorbeeld: elke drie maanden een gesprek met de klantregisseur."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Overige afspraken"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ComponentForm(VersionForm):
    kind = forms.ChoiceField(
        label=_("Onderdeel"),
        choices=[("", _("Kies een onderdeel")), *ComponentKind.choices],
        error_messages={
            "required": _("Kies het onderdeel."),
            "invalid_choice": _("Kies het onderdeel."),
        },
    )
    participation_type = forms.ChoiceField(
        label=_("Soort participatie (alleen bij participatie)"),
        choices=ParticipationType.choices,
        required=False,
        widget=forms.RadioSelect,
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
    description = forms.CharField(
        label=_("Afspraken bij dit onderdeel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

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
    reason = forms.ChoiceField(
        label=_("Waarom stelt u het PIP bij?"),
        choices=[c for c in Reason.choices if c[0] != Reason.INITIAL],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de reden van de bijstelling."),
            "invalid_choice": _("Kies de reden van de bijstelling."),
        },
    )
    reason_note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecideForm(VersionForm):
    decision_date = _date(_("dagtekening"))
    made_known_on = _date(_("datum van bekendmaking"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].label = _("Dagtekening")
        self.fields["made_known_on"].label = _("Bekendgemaakt op")
        self.fields["made_known_on"].help_text = _(
            "De dag waarop de klant het besluit krijgt. Bijvoorbeeld 28-11-2026"
        )


class ProgressForm(VersionForm):
    offer_start = _date(_("Aanbod gestart op"), required=False)
    hours_attended = _hours(_("Gevolgde uren"), required=True)
    progress_note = forms.CharField(
        label=_("Voortgang"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    completed_on = _date(_("Afgerond op"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_attended"].error_messages["required"] = _(
            "Vul het aantal gevolgde uren in. Nog geen uren: vul 0 in."
        )
