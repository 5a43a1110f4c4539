"""Forms for login, second factor, role switch, reference data and log search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry, AuditEvent, HousingTarget, Organisation


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    password = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Vul uw gebruikersnaam in.")
        self.fields["password"].error_messages["required"] = _("Vul uw wachtwoord in.")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=6,
        min_length=6,
        help_text=_("6 cijfers, bijvoorbeeld 123456"),
        error_messages={
            "required": _("Vul de code van 6 cijfers in."),
            "min_length": _("Vul de code van 6 cijfers in."),
            "max_length": _("Vul de code van 6 cijfers in."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
        )


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "inhabitants", "inhabitants_note"]
        error_messages = {
            "name": {"required": _("Vul de naam in.")},
            "inhabitants": {"invalid": _("Vul het aantal inwoners in als een heel getal.")},
        }


class HousingTargetForm(forms.ModelForm):
    class Meta:
        model = HousingTarget
        fields = ["period_start", "period_end", "target", "source"]
        help_texts = {
            "period_start": _("Bijvoorbeeld 1-1-2027"),
            "period_end": _("Bijvoorbeeld 31-12-2027"),
        }
        error_messages = {
            "period_start": {
                "required": _("Vul het begin van de periode in."),
                "invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."),
            },
            "period_end": {
                "required": _("Vul het einde van de periode in."),
                "invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."),
            },
            "target": {
                "required": _("Vul de taakstelling in."),
                "invalid": _("Vul de taakstelling in als een heel getal."),
            },
        }

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.instance.municipality = municipality
        for name in ("period_start", "period_end"):
            self.fields[name].widget = forms.TextInput(attrs={"size": "12"})

    def clean(self):
        data = super().clean()
        start = data.get("period_start")
        if start and self.instance.municipality_id:
            clash = HousingTarget.objects.filter(
                municipality_id=self.instance.municipality_id, period_start=start
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "period_start",
                    _(
                        "Er is al een taakstelling die op deze datum begint. Wijzig die of kies een andere datum."
                    ),
                )
        return data


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Betrokkene"), required=False, help_text=_("Naam of BSN van de klant")
    )
    actor = forms.CharField(label=_("Gebruiker"), required=False)
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, help_text=_("Bijvoorbeeld 1-11-2026")
    )
    date_to = forms.DateField(label=_("Tot en met"), required=False)
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle"))] + list(AccessLogEntry.Action.choices),
    )


class ChangeLogFilterForm(forms.Form):
    object_type = forms.CharField(label=_("Soort gegeven"), required=False)
    actor = forms.CharField(label=_("Gebruiker"), required=False)
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, help_text=_("Bijvoorbeeld 1-11-2026")
    )
    date_to = forms.DateField(label=_("Tot en met"), required=False)
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle"))] + list(AuditEvent.Action.choices),
    )
