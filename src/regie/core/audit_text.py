"""The change history in words: one Dutch sentence per event, for the dossier's Historie and the
privacy officer's Wijzigingen (issue 14, item 4).

"Fatima Jansen (Klantregisseur) wijzigde de status van de inschrijving van *geaccepteerd* naar
*geplaatst*." Field names are the model's verbose names, values the choice labels and Dutch
dates; never a model label, an internal ``#id`` or a Python dict.

``values=False`` (the privacy officer) names the changed fields, never their values nor the
record's name: that is the rule of docs/security.md ("Privacy officer's change history").
"""

import datetime as dt
import decimal
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import AuditEvent

# Bookkeeping fields: not a change a reader needs to see.
HIDDEN_FIELDS = {
    "id",
    "uuid",
    "version",
    "client",
    "plan",
    "intake",
    "created_at",
    "updated_at",
    "copied_from",
    "plan_version",
    "content_hash",
    "received_at",
}

# Dutch nouns that take "het" (matched on the end of a compound: "voortgangsgesprek").
_HET_ENDINGS = (
    "account",
    "adres",
    "advies",
    "bericht",
    "besluit",
    "bestand",
    "bezwaar",
    "budget",
    "certificaat",
    "contactmoment",
    "contract",
    "diploma",
    "document",
    "dossier",
    "examen",
    "gegeven",
    "gesprek",
    "huishouden",
    "lid",
    "moment",
    "nummer",
    "onderdeel",
    "onderzoek",
    "overzicht",
    "plan",
    "product",
    "profiel",
    "rapport",
    "resultaat",
    "signaal",
    "team",
    "thema",
    "traject",
    "verschil",
    "verslag",
    "verzoek",
    "voorstel",
)
_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# Events that are not a model change, named by their action code (core.audit.record_event).
_ACTION_VERBS = {
    "delivery.requeued": "zette een bericht aan een ketenpartner opnieuw klaar voor verzending",
    "zgw.export": "werkte de zaak in het zaaksysteem bij",
}


def _dutch_date(match) -> str:
    year, month, day = match.groups()
    return f"{day}-{month}-{year}"


def with_article(noun: str) -> str:
    """ "de inschrijving", "het plan" (a lower-case noun; compounds by their last part)."""
    noun = str(noun).strip()
    word = noun.lower().split()[-1] if noun else ""
    article = _("het") if word.endswith(_HET_ENDINGS) else _("de")
    return f"{article} {noun}"


_PREPOSITIONS = {"op", "door", "van", "naar", "tot", "bij", "aan", "in", "om", "met"}


def field_with_article(label: str) -> str:
    """ "de status"; a label that is no plain noun ("beslist op", "verdaging (weken)") quoted."""
    label = str(label).strip()
    words = label.lower().split()
    if not words or "(" in label or words[-1] in _PREPOSITIONS or words[-1].endswith("?"):
        return f"‘{label[:1].lower() + label[1:]}’"
    return with_article(label[:1].lower() + label[1:] if not label[1:2].isupper() else label)


def model_for(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_noun(object_type: str) -> str:
    """The record type as a lower-case Dutch noun ("inschrijving"); "gegeven" when unknown."""
    model = model_for(object_type)
    return str(model._meta.verbose_name) if model is not None else _("gegeven")


def actor_name(event) -> str:
    """ "Fatima Jansen (Klantregisseur)", or the system that acted."""
    label = (event.actor_label or "").strip()
    if not label or label == "systeem":
        return _("Het systeem")
    if label == "opdrachtregel":
        return _("Een beheerder via de opdrachtregel")
    parts = [p.strip() for p in label.split("·")]
    return f"{parts[0]} ({parts[1]})" if len(parts) > 1 else parts[0]


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the event
        return None


def value_in_words(model, name: str, value, fld=None) -> str:
    """A stored value as a reader says it: choice label, ja/nee, Dutch date, Dutch number."""
    fld = fld if fld is not None else _field(model, name)
    if value in (None, "", [], {}):
        return "–"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    code_label = getattr(model, "history_label", None)
    if code_label is not None:
        named = code_label(name, value)
        if named is not None:
            return str(named)
    if fld is not None and getattr(fld, "choices", None):
        return str(dict(fld.flatchoices).get(value, value))
    if isinstance(value, str):
        if isinstance(fld, models.DateTimeField) or _ISO_DATETIME.match(value):
            moment = parse_datetime(value)
            if moment is not None:
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        if isinstance(fld, models.DateField) or _ISO_DATE.match(value):
            try:
                day = parse_date(value)
            except ValueError:
                day = None
            if day is not None:
                return formats.date_format(day, "SHORT_DATE_FORMAT")
        if isinstance(fld, models.DecimalField):
            try:
                return formats.number_format(decimal.Decimal(value), use_l10n=True)
            except (decimal.InvalidOperation, ValueError):
                return value
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, float | decimal.Decimal):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def _shown_names(event, model) -> list[str]:
    names = []
    for part in (event.before, event.after):
        if isinstance(part, dict):
            names.extend(n for n in part if n not in names)
    shown = []
    # a model may name more bookkeeping fields (a task's source reference, say)
    hidden = set(getattr(model, "history_hidden", ()))
    for name in names:
        if name in HIDDEN_FIELDS or name in hidden or name.endswith("_id"):
            continue
        fld = _field(model, name)
        if fld is not None and fld.is_relation:
            continue
        shown.append(name)
    return shown


def field_label(model, name: str) -> str:
    fld = _field(model, name)
    return str(fld.verbose_name) if fld is not None else name.replace("_", " ")


def readable_changes(event) -> list[tuple[str, str, str]]:
    """(field label, before, after) in words; structured technical data is left out."""
    model = model_for(event.object_type)
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    plain = str | int | float | bool | None
    rows = []
    for name in _shown_names(event, model):
        old, new = before.get(name), after.get(name)
        if not isinstance(old, plain) or not isinstance(new, plain):
            continue  # structured technical data (e.g. a task's details): not shown as a change
        fld = _field(model, name)
        rows.append(
            (
                field_label(model, name),
                value_in_words(model, name, old, fld),
                value_in_words(model, name, new, fld),
            )
        )
    return sorted(rows)


@dataclass
class Described:
    sentence: SafeString
    details: list[SafeString] = field(default_factory=list)
    name: str = ""  # the record's own name ("Compiti B1 – Amal Haddad"), only with values


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " " + _("en") + " " + words[-1]


def describe(event, *, values: bool = True) -> Described:
    """The event as a sentence (and, for several changes, one line per field).

    ``values=False``: field names only and the record's internal number, not its name."""
    who = actor_name(event)
    noun = type_noun(event.object_type)
    obj = with_article(noun)
    model = model_for(event.object_type)
    action = event.action
    number = (
        format_html(" " + _("(intern nummer {number})"), number=event.object_id)
        if not values and event.object_id
        else ""
    )
    if action == AuditEvent.Action.LOGIN:
        return Described(format_html(_("{who} logde in."), who=who))
    if action == AuditEvent.Action.LOGOUT:
        return Described(format_html(_("{who} logde uit."), who=who))
    if action == AuditEvent.Action.LOGIN_FAILED:
        return Described(format_html("{}", _("Een poging om in te loggen mislukte.")))
    if action == AuditEvent.Action.ROLE_SWITCH:
        return Described(
            format_html(_("{who} wisselde van rol: {role}."), who=who, role=event.object_repr)
        )
    described = _describe_change(event, who, noun, obj, model, number, values)
    if described is not None:
        if values:
            described.name = _ISO_IN_TEXT.sub(_dutch_date, event.object_repr or "")
        return described
    verb = _ACTION_VERBS.get(action)
    if verb:
        return Described(format_html("{who} {verb}.", who=who, verb=verb))
    # another act (AuditEvent.Action.ACTION): its description is the record's name
    what = event.object_repr or obj
    return Described(format_html(_("{who}: {what}{number}."), who=who, what=what, number=number))


def _describe_change(event, who, noun, obj, model, number, values) -> Described | None:
    action = event.action
    if action == AuditEvent.Action.CREATE:
        details = []
        if values:
            details = [
                format_html("{}: <em>{}</em>", label[:1].upper() + label[1:], new)
                for label, _old, new in readable_changes(event)
                if new != "–"
            ]
        return Described(
            format_html(
                _("{who} maakte een {noun} aan{number}."), who=who, noun=noun, number=number
            ),
            details,
        )
    if action == AuditEvent.Action.DELETE:
        return Described(
            format_html(
                _("{who} verwijderde {object}{number}."), who=who, object=obj, number=number
            )
        )
    if action == AuditEvent.Action.UPDATE:
        if not values:
            labels = [field_with_article(field_label(model, n)) for n in _shown_names(event, model)]
            if not labels:
                return Described(
                    format_html(
                        _("{who} wijzigde {object}{number}."), who=who, object=obj, number=number
                    )
                )
            return Described(
                format_html(
                    _("{who} wijzigde {fields} van {object}{number}."),
                    who=who,
                    fields=_join_words(labels),
                    object=obj,
                    number=number,
                )
            )
        changes = readable_changes(event)
        if len(changes) == 1:
            label, old, new = changes[0]
            return Described(_change_sentence(who, label, old, new, obj))
        if not changes:
            return Described(format_html(_("{who} wijzigde {object}."), who=who, object=obj))
        return Described(
            format_html(_("{who} wijzigde {object}:"), who=who, object=obj),
            [
                format_html(
                    _("{field} van <em>{old}</em> naar <em>{new}</em>"),
                    field=label[:1].upper() + label[1:],
                    old=old,
                    new=new,
                )
                for label, old, new in changes
            ],
        )
    return None


def _change_sentence(who, label, old, new, obj) -> SafeString:
    field_ = field_with_article(label)
    if old == "–":
        text = _("{who} zette {field} van {object} op <em>{new}</em>.")
    elif new == "–":
        text = _("{who} maakte {field} van {object} leeg (was <em>{old}</em>).")
    else:
        text = _("{who} wijzigde {field} van {object} van <em>{old}</em> naar <em>{new}</em>.")
    return format_html(text, who=who, field=field_, object=obj, old=old, new=new)


def details_html(described: Described) -> SafeString:
    return format_html_join("", "<li>{}</li>", ((d,) for d in described.details))
