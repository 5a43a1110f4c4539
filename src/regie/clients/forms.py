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
