"""Fill the registration form from the person register (the BRP) by BSN.

The register is asked through ``core.hooks.lookup_person``; the exchange app registers the BRP
there (clients never imports it). The BSN travels in the POST body only. What the register
says is put in the form for the case manager to check, never saved by itself: the client is
registered only when the form is sent. Flags of the register are never dropped:
``geheimhouding persoonsgegevens`` becomes a warning at the top (the data may not go to third
parties: no letters to others, no sharing with providers, without checking), and each field
under investigation gets the register's note next to it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import hooks
from regie.core.bsn import is_valid_bsn, normalise_bsn

# Stored in the access log (data, not a text of the user interface).
PURPOSE = "Inschrijving inburgeringsplichtige: persoonsgegevens uit de BRP (Wet BRP art. 1.7)"

RELATION_LABELS = {
    "partner": gettext_lazy("Partner"),
    "kind": gettext_lazy("Kind"),
    "ouder": gettext_lazy("Ouder"),
}


@dataclass
class Prefill:
    """What the page shows about the lookup (``person`` None: nothing found or an error)."""

    person: hooks.LookedUpPerson | None = None
    error: str = ""
    bad_input: bool = False
    not_found: bool = False
    municipality_name: str = ""
    outside_region: bool = False
    address_note: str = ""
    other_notes: list[str] = field(default_factory=list)
    relatives: list[tuple[str, hooks.Relative]] = field(default_factory=list)


def _join(*texts) -> str:
    return " ".join(str(t).strip() for t in texts if t)


def available() -> bool:
    return hooks.person_lookup_available()


def _typed_values(form, data) -> dict:
    """The values the user typed so far, as the initial values of a fresh form."""
    initial = {}
    for name, fld in form.fields.items():
        if name == "is_obliged":
            initial[name] = name in data
        elif not fld.widget.value_omitted_from_data(data, {}, name):
            # through the widget: a date of birth arrives as three boxes (Dag, Maand, Jaar)
            initial[name] = fld.widget.value_from_datadict(data, {}, name)
        else:
            initial[name] = fld.initial
    return initial


def prefill(principal, form_class, data, *, municipalities) -> tuple[object, Prefill]:
    """A fresh registration form with what the register says, and what to show beside it."""
    probe = form_class(municipalities=municipalities)
    initial = _typed_values(probe, data)
    result = Prefill()
    bsn = normalise_bsn(data.get("bsn", ""))
    if not is_valid_bsn(bsn):
        result.error = _("Vul eerst een geldig BSN in: 9 cijfers die de elfproef doorstaan.")
        result.bad_input = True
        return form_class(initial=initial, municipalities=municipalities), result
    try:
        person = hooks.lookup_person(principal, bsn, purpose=PURPOSE)
    except hooks.PersonLookupUnavailable as exc:
        result.error = str(exc)
        return form_class(initial=initial, municipalities=municipalities), result
    if person is None:
        result.not_found = True
        return form_class(initial=initial, municipalities=municipalities), result
    result.person = person
    initial.update({"bsn": bsn, "given_names": person.given_names, "surname": person.surname})
    # What the register answers replaces what was there (also an earlier lookup's answer).
    initial["date_of_birth"] = (
        person.date_of_birth.strftime("%d-%m-%Y") if person.date_of_birth else ""
    )
    initial["municipality"] = None
    if person.municipality_code:
        match = municipalities.filter(cbs_code=f"GM{person.municipality_code}").first()
        if match is not None:
            initial["municipality"] = str(match.uuid)
            result.municipality_name = match.name
        else:
            result.outside_region = not person.abroad
            result.municipality_name = person.municipality_name
    form = form_class(initial=initial, municipalities=municipalities)
    for name, note in person.under_investigation.items():
        if name in form.fields:
            form.fields[name].help_text = _join(
                form.fields[name].help_text, _("Let op: %(note)s") % {"note": note}
            )
        elif name == "address":
            result.address_note = note
        else:
            result.other_notes.append(note)
    if person.birth_date_text and not person.date_of_birth:
        partial = _(
            "De BRP kent de geboortedatum niet volledig (%(date)s). Vul de datum in zoals op het "
            "verblijfsdocument."
        ) % {"date": person.birth_date_text}
        form.fields["date_of_birth"].help_text = _join(
            form.fields["date_of_birth"].help_text, partial
        )

    result.relatives = [(str(RELATION_LABELS[r.relation]), r) for r in person.relatives]
    return form, result
