from django import template
from django.conf import settings
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Each language named in itself, so a newcomer finds his own.
NATIVE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "ti": "ትግርኛ",
    "uk": "Українська",
}


@register.simple_tag
def portal_languages():
    codes = [code for code, _name in settings.LANGUAGES]
    return [
        (code, NATIVE_NAMES.get(code, code)) for code in settings.PORTAL_LANGUAGES if code in codes
    ]


# The parts of the plan in plain words (the staff labels are the legal names).
COMPONENT_NAMES = {
    "language": _("Nederlandse taal"),
    "knm": _("Kennis van de Nederlandse maatschappij (KNM)"),
    "pvt": _("Participatieverklaring (PVT)"),
    "map": _("Werk en meedoen (MAP)"),
    "participation": _("Meedoen in de buurt of op het werk"),
    "ontzorgen": _("Hulp met geld (ontzorgen)"),
    "social_guidance": _("Begeleiding bij de start"),
    "volunteer_mentor": _("Een maatje (vrijwilliger)"),
}


@register.filter
def component_name(kind: str) -> str:
    return COMPONENT_NAMES.get(kind, "")
