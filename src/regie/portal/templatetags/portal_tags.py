from django import template
from django.conf import settings

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
