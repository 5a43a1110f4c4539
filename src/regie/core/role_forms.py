"""Forms of the role-assignment screen (``core.views.roles``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .roles import Role

REASON_HELP = _("Waarom is dit nodig? Bijvoorbeeld: nieuwe medewerker team, vervanging, vertrek.")


def _reason_field():
    return forms.CharField(
        label=_("Toelichting"),
        max_length=500,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Vul een toelichting in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )


class _RoleFields(forms.Form):
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("Kies een rol")), *Role.choices],
        error_messages={
            "required": _("Kies een rol."),
            "invalid_choice": _("Kies een rol uit de lijst."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        empty_label=_("Kies een organisatie"),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class GrantForm(_RoleFields):
    user = forms.ModelChoiceField(
        label=_("Gebruiker"),
        queryset=None,
        empty_label=_("Kies een gebruiker"),
        error_messages={
            "required": _("Kies een gebruiker."),
            "invalid_choice": _("Kies een gebruiker uit de lijst."),
        },
    )
    reason = _reason_field()
    field_order = ["user", "role", "organisation", "reason"]

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.username})"


class ChangeForm(_RoleFields):
    reason = _reason_field()


class EndForm(forms.Form):
    reason = _reason_field()
