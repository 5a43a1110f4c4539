from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Organisation


class ClientFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of BSN"), required=False)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
        to_field_name="uuid",
    )
    mijn = forms.BooleanField(label=_("Alleen mijn klanten"), required=False)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["gemeente"].queryset = municipalities


class ContactForm(forms.Form):
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


DATE_HELP = _("Bijvoorbeeld 28-11-2026")
DATE_ERRORS = {"invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.")}


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        help_text=DATE_HELP,
        error_messages=DATE_ERRORS,
        widget=forms.TextInput(attrs={"size": "12"}),
    )


class DatesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    permit_date = _date_field(_("Datum vergunning (start inburgeringsplicht)"))
    linkage_date = _date_field(_("Datum koppeling"))
    housing_date = _date_field(_("Datum huisvesting"))
    brp_date = _date_field(_("Datum inschrijving BRP"))
    duo_notice_date = _date_field(_("Datum kennisgeving DUO"))
    benefit_start = _date_field(_("Start bijstand"))
    third_party_info_awaited = forms.BooleanField(
        label=_("Wij wachten op informatie van derden voor het PIP"), required=False
    )
    third_party_info_received = _date_field(_("Informatie van derden ontvangen op"))

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
