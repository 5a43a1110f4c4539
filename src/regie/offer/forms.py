"""Forms of the offer app: Dutch labels and error messages that say what to do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.forms import choice_field, date_field, text_field

from .models import CefrLevel, Group, MarkKind, Product, ProductKind, Route


def _int(label, message, min_value=0):
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        error_messages={
            "required": message,
            "invalid": _("Vul een heel getal in, bijvoorbeeld 12."),
            "min_value": _("Vul een getal van %(limit_value)s of meer in."),
        },
        widget=forms.TextInput(attrs={"size": "6"}),
    )


def _money(label, message, required=True):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("Bijvoorbeeld 1.234,56"),
        error_messages={
            "required": message,
            "invalid": _("Vul een bedrag in, bijvoorbeeld 1.234,56."),
            "min_value": _("Het bedrag kan niet negatief zijn."),
            "max_digits": _("Het bedrag is te groot."),
            "max_decimal_places": _("Gebruik hoogstens 2 cijfers achter de komma."),
        },
        widget=forms.TextInput(attrs={"size": "14"}),
    )


class _Period:
    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Het einde moet op of na het begin liggen."))
        return data


class MarkForm(forms.Form):
    kind = choice_field(
        _("Soort keurmerk"), MarkKind.choices, message=_("Kies de soort keurmerk."), radio=True
    )
    reference = text_field(_("Kenmerk"), required=False, max_length=100, size=20)
    valid_from = date_field(_("Geldig vanaf"), message=_("Vul de datum 'geldig vanaf' in."))
    valid_until = date_field(
        _("Geldig tot en met"), message=_("Vul de datum 'geldig tot en met' in.")
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error(
                "valid_until",
                _("De datum 'geldig tot en met' moet op of na 'geldig vanaf' liggen."),
            )
        return data


class ContractForm(_Period, forms.Form):
    name = text_field(
        _("Naam"), message=_("Vul de naam van het contract in."), max_length=200, size=40
    )
    reference = text_field(_("Kenmerk"), required=False, max_length=100, size=20)
    main_contractor = forms.ModelChoiceField(
        label=_("Hoofdaannemer"),
        queryset=None,
        to_field_name="uuid",
        error_messages={
            "required": _("Kies de hoofdaannemer."),
            "invalid_choice": _("Kies de hoofdaannemer."),
        },
    )
    subcontractors = forms.ModelMultipleChoiceField(
        label=_("Onderaannemers"),
        queryset=None,
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies onderaannemers uit de lijst.")},
    )
    period_start = date_field(_("Begin"), message=_("Vul het begin van de looptijd in."))
    period_end = date_field(_("Einde"), message=_("Vul het einde van de looptijd in."))
    budget = _money(_("Budget"), "", required=False)

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["main_contractor"].queryset = parties
        self.fields["subcontractors"].queryset = parties


class LotForm(forms.Form):
    route = choice_field(_("Leerroute"), Route.choices, message=_("Kies de leerroute."), radio=True)
    name = text_field(
        _("Naam perceel"), message=_("Vul de naam van het perceel in."), max_length=200, size=40
    )


class ProductForm(_Period, forms.Form):
    lot = forms.ModelChoiceField(
        label=_("Perceel"),
        queryset=None,
        error_messages={
            "required": _("Kies het perceel."),
            "invalid_choice": _("Kies het perceel."),
        },
    )
    provider = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=None,
        to_field_name="uuid",
        error_messages={
            "required": _("Kies de aanbieder."),
            "invalid_choice": _("Kies de aanbieder."),
        },
    )
    kind = choice_field(
        _("Soort product"), ProductKind.choices, message=_("Kies de soort product.")
    )
    name = text_field(
        _("Naam"), message=_("Vul de naam van het product in."), max_length=200, size=40
    )
    level = choice_field(_("Niveau"), [("", _("Geen niveau")), *CefrLevel.choices], required=False)
    price = _money(_("Prijs per deelnemer"), _("Vul de prijs per deelnemer in."))
    hours = _int(_("Uren"), _("Vul het aantal uren in."), min_value=1)
    hours_per_week = forms.DecimalField(
        label=_("Uren per week (intensiteit)"),
        max_digits=5,
        decimal_places=1,
        min_value=0,
        localize=True,
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "invalid": _("Vul het aantal uren per week in, bijvoorbeeld 12 of 7,5."),
            "min_value": _("Het aantal uren per week kan niet negatief zijn."),
        },
        widget=forms.TextInput(attrs={"size": "6"}),
    )
    location = text_field(_("Locatie"), message=_("Vul de locatie in."), max_length=200, size=40)
    daytime = forms.BooleanField(label=_("Overdag"), required=False, initial=True)
    evening_weekend = forms.BooleanField(label=_("Avond of weekend"), required=False)
    capacity = _int(_("Capaciteit (deelnemers)"), _("Vul de capaciteit in."), min_value=1)
    period_start = date_field(_("Begin"), message=_("Vul het begin van de periode in."))
    period_end = date_field(_("Einde"), message=_("Vul het einde van de periode in."))

    def __init__(self, *args, lots=None, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots
        self.fields["provider"].queryset = parties


class InvoiceForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Van"),
        queryset=None,
        to_field_name="uuid",
        error_messages={
            "required": _("Kies van wie de factuur is."),
            "invalid_choice": _("Kies van wie de factuur is."),
        },
    )
    number = text_field(
        _("Factuurnummer"), message=_("Vul het factuurnummer in."), max_length=60, size=20
    )
    invoice_date = date_field(_("Factuurdatum"), message=_("Vul de factuurdatum in."))
    amount = _money(_("Bedrag"), _("Vul het bedrag in."))
    note = text_field(_("Omschrijving"), required=False, max_length=300, size=40)

    def __init__(self, *args, parties=None, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = parties
        self.contract = contract

    def clean_invoice_date(self):
        value = self.cleaned_data["invoice_date"]
        from .services import invoice_date_problem

        problem = invoice_date_problem(self.contract, value)
        if problem:
            raise forms.ValidationError(problem)
        return value


class GroupForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=None,
        to_field_name="uuid",
        error_messages={
            "required": _("Kies het product."),
            "invalid_choice": _("Kies het product."),
        },
    )
    name = text_field(_("Naam"), message=_("Vul de naam van de groep in."), max_length=200, size=40)
    level = choice_field(_("Niveau"), [("", _("Geen niveau")), *CefrLevel.choices], required=False)
    location = text_field(_("Locatie"), message=_("Vul de locatie in."), max_length=200, size=40)
    start_date = date_field(_("Startdatum"), message=_("Vul de startdatum in."))
    min_size = _int(_("Minimale groepsgrootte"), _("Vul de minimale groepsgrootte in."))
    max_size = _int(_("Maximale groepsgrootte"), _("Vul de maximale groepsgrootte in."), 1)

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products

    def clean(self):
        data = super().clean()
        low, high = data.get("min_size"), data.get("max_size")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_size", _("De maximale groepsgrootte mag niet kleiner zijn dan de minimale.")
            )
        return data


class ReferForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.none(),
        to_field_name="uuid",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies het product waarvoor u de klant aanmeldt."),
            "invalid_choice": _("Kies het product waarvoor u de klant aanmeldt."),
        },
    )

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(pk__in=[p.pk for p in products])


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RefuseForm(VersionForm):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vul de reden in waarom u de aanmelding weigert.")},
    )


class PlaceForm(VersionForm):
    group = forms.ModelChoiceField(
        label=_("Groep"),
        queryset=Group.objects.none(),
        to_field_name="uuid",
        error_messages={"required": _("Kies de groep."), "invalid_choice": _("Kies de groep.")},
    )
    start_date = date_field(_("Startdatum"), message=_("Vul de startdatum in."))
    end_date = date_field(_("Einddatum"), required=False)
    level = choice_field(
        _("Niveau bij start"), [("", _("Onbekend")), *CefrLevel.choices], required=False
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class StartForm(VersionForm):
    started_on = date_field(_("Gestart op"), message=_("Vul de datum in waarop de klant startte."))


class FinishForm(VersionForm):
    ended_on = date_field(_("Afgerond op"), message=_("Vul de datum van afronden in."))
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
