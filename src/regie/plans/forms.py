from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.forms import choice_field, date_field, text_field
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

from .models import ComponentKind, ParticipationType, Reason, Route

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
    scaled_to_a2 = forms.BooleanField(
        label=_("Afschalen naar A2 (alleen in de B1-route)"), required=False
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
        label=_("Overige afspraken"), required=False, widget=forms.Textarea(attrs={"rows": 4})
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
        help_text=_("De dag waarop de klant het besluit krijgt. Bijvoorbeeld 28-11-2026"),
    )


class ProgressForm(VersionForm):
    offer_start = date_field(_("Aanbod gestart op"), required=False)
    hours_attended = _hours(_("Gevolgde uren"), required=True)
    progress_note = text_field(_("Voortgang"), required=False, long=True)
    completed_on = date_field(_("Afgerond op"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_attended"].error_messages["required"] = _(
            "Vul het aantal gevolgde uren in. Nog geen uren: vul 0 in."
        )
