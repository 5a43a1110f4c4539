"""From a BRP ``Persoon`` (API Personen 2.x) to the terms of the registration form.

Nothing the BRP flags is dropped: ``geheimhoudingPersoonsgegevens`` becomes ``secret`` and every
``inOnderzoek`` becomes a Dutch note next to the form field it concerns. A date that is not
complete (only a year, year and month, unknown) fills no date field; its text is shown.
"""

import datetime as dt

from django.utils.translation import gettext as _

from regie.core.hooks import LookedUpPerson, Relative

# opschortingBijhouding.reden.code of the BRP (tabel 'Reden opschorting bijhouding').
SUSPENSION_DECEASED = "O"
SUSPENSION_EMIGRATED = "E"


def date_of(value) -> dt.date | None:
    """The date of a complete BRP date (``type: Datum``), else None."""
    if isinstance(value, dict) and value.get("type") == "Datum" and value.get("datum"):
        try:
            return dt.date.fromisoformat(value["datum"])
        except ValueError:
            return None
    return None


def date_text(value) -> str:
    if not isinstance(value, dict):
        return ""
    if value.get("type") == "DatumOnbekend":
        return _("onbekend")
    day = date_of(value)
    if day:
        return day.strftime("%d-%m-%Y")
    return str(value.get("langFormaat", ""))


def full_name(naam: dict | None) -> tuple[str, str]:
    """(given names, surname with its prefix)."""
    naam = naam or {}
    surname = " ".join(p for p in (naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "")) if p)
    return naam.get("voornamen", ""), surname


def _flagged(in_research) -> bool:
    return isinstance(in_research, dict) and any(v is True for v in in_research.values())


def _since(in_research: dict) -> str:
    for key, value in in_research.items():
        if key.startswith("datumIngangOnderzoek"):
            text = date_text(value)
            if text:
                return text
    return ""


def _note(in_research: dict) -> str:
    since = _since(in_research)
    if since:
        return _(
            "In onderzoek bij de gemeente sinds %(date)s: dit gegeven kan onjuist zijn. "
            "Controleer het bij de klant."
        ) % {"date": since}
    return _(
        "In onderzoek bij de gemeente: dit gegeven kan onjuist zijn. Controleer het bij de klant."
    )


def address_lines(verblijfplaats: dict | None) -> tuple[str, ...]:
    place = verblijfplaats or {}
    kind = place.get("type")
    adres = place.get("verblijfadres") or {}
    if kind == "Adres":
        number = "".join(
            str(p)
            for p in (adres.get("huisnummer", ""), adres.get("huisletter", ""))
            if p not in ("", None)
        )
        if adres.get("huisnummertoevoeging"):
            number = f"{number}-{adres['huisnummertoevoeging']}"
        street = adres.get("officieleStraatnaam") or adres.get("korteStraatnaam", "")
        postcode = adres.get("postcode", "")
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        return tuple(
            line
            for line in (
                f"{street} {number}".strip(),
                f"{postcode} {adres.get('woonplaats', '')}".strip(),
            )
            if line
        )
    if kind == "VerblijfplaatsBuitenland":
        lines = [adres.get(k, "") for k in ("regel1", "regel2", "regel3")]
        lines.append((adres.get("land") or {}).get("omschrijving", ""))
        return tuple(line for line in lines if line)
    if kind == "Locatie":
        return tuple(x for x in (adres.get("locatiebeschrijving", ""),) if x)
    if kind == "VerblijfplaatsOnbekend":
        return (_("Verblijfplaats onbekend"),)
    return ()


def address_key(verblijfplaats: dict | None) -> str:
    """What identifies where someone lives, to notice a move (BAG object, else the address)."""
    place = verblijfplaats or {}
    adres = place.get("verblijfadres") or {}
    if place.get("type") == "Adres":
        ident = place.get("adresseerbaarObjectIdentificatie")
        if ident:
            return f"bag:{ident}"
        parts = [
            adres.get(k, "")
            for k in ("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")
        ]
        return "adres:" + "|".join(str(p) for p in parts)
    if place.get("type"):
        return str(place["type"]) + ":" + "|".join(address_lines(place))
    return ""


def is_deceased(persoon: dict) -> bool:
    reason = ((persoon.get("opschortingBijhouding") or {}).get("reden") or {}).get("code")
    return bool((persoon.get("overlijden") or {}).get("datum")) or reason == SUSPENSION_DECEASED


def is_abroad(persoon: dict) -> bool:
    reason = ((persoon.get("opschortingBijhouding") or {}).get("reden") or {}).get("code")
    place = persoon.get("verblijfplaats") or {}
    return place.get("type") == "VerblijfplaatsBuitenland" or reason == SUSPENSION_EMIGRATED


def municipality_code(persoon: dict) -> str:
    return str((persoon.get("gemeenteVanInschrijving") or {}).get("code", ""))


def _relatives(persoon: dict) -> list[Relative]:
    out = []
    for key, relation in (("partners", "partner"), ("kinderen", "kind"), ("ouders", "ouder")):
        for item in persoon.get(key) or []:
            given, surname = full_name(item.get("naam"))
            notes = []
            ended = date_text((item.get("ontbindingHuwelijkPartnerschap") or {}).get("datum"))
            if ended:
                notes.append(_("huwelijk of partnerschap ontbonden op %(date)s") % {"date": ended})
            if _flagged(item.get("inOnderzoek")) or _flagged(
                (item.get("naam") or {}).get("inOnderzoek")
            ):
                notes.append(_("gegevens in onderzoek"))
            out.append(
                Relative(
                    relation=relation,
                    name=" ".join(p for p in (given, surname) if p) or _("naam onbekend"),
                    birth_date=date_text((item.get("geboorte") or {}).get("datum")),
                    note="; ".join(notes),
                )
            )
    return out


def to_looked_up(persoon: dict) -> LookedUpPerson:
    given, surname = full_name(persoon.get("naam"))
    birth = (persoon.get("geboorte") or {}).get("datum")
    born_on = date_of(birth)
    place = persoon.get("verblijfplaats") or {}
    research: dict[str, str] = {}
    naam_research = (persoon.get("naam") or {}).get("inOnderzoek") or {}
    if naam_research.get("voornamen"):
        research["given_names"] = _note(naam_research)
    if any(
        naam_research.get(k) for k in ("geslachtsnaam", "voorvoegsel", "adellijkeTitelPredicaat")
    ):
        research["surname"] = _note(naam_research)
    birth_research = (persoon.get("geboorte") or {}).get("inOnderzoek") or {}
    if birth_research.get("datum"):
        research["date_of_birth"] = _note(birth_research)
    place_research = [
        place.get("inOnderzoek"),
        (place.get("verblijfadres") or {}).get("inOnderzoek"),
    ]
    for item in place_research:
        if _flagged(item):
            research["address"] = _note(item)
            break
    person_research = persoon.get("inOnderzoek") or {}
    if person_research.get("gemeenteVanInschrijving") or person_research.get(
        "datumInschrijvingInGemeente"
    ):
        research["municipality"] = _note(
            {"datumIngangOnderzoek": person_research.get("datumIngangOnderzoekGemeente")}
        )
    if person_research.get("burgerservicenummer"):
        research["bsn"] = _note(
            {"datumIngangOnderzoek": person_research.get("datumIngangOnderzoekPersoon")}
        )
    if _flagged(person_research) and not research:
        research["person"] = _note(
            {"datumIngangOnderzoek": person_research.get("datumIngangOnderzoekPersoon")}
        )
    death_research = (persoon.get("overlijden") or {}).get("inOnderzoek")
    if _flagged(death_research):
        research["death"] = _note(death_research)

    notes = []
    settled = date_text((persoon.get("immigratie") or {}).get("datumVestigingInNederland"))
    if settled:
        notes.append(_("Gevestigd in Nederland op %(date)s.") % {"date": settled})
    deceased = is_deceased(persoon)
    if deceased:
        died = date_text((persoon.get("overlijden") or {}).get("datum"))
        notes.append(
            _("Volgens de BRP is deze persoon overleden (%(date)s).") % {"date": died}
            if died
            else _("Volgens de BRP is deze persoon overleden.")
        )
    abroad = is_abroad(persoon)
    if abroad:
        notes.append(
            _("Volgens de BRP woont deze persoon in het buitenland (vertrokken uit Nederland).")
        )
    return LookedUpPerson(
        given_names=given,
        surname=surname,
        date_of_birth=born_on,
        birth_date_text="" if born_on else date_text(birth),
        address_lines=address_lines(place),
        municipality_code=municipality_code(persoon),
        municipality_name=str(
            (persoon.get("gemeenteVanInschrijving") or {}).get("omschrijving", "")
        ),
        abroad=abroad,
        deceased=deceased,
        secret=bool(persoon.get("geheimhoudingPersoonsgegevens")),
        under_investigation=research,
        relatives=tuple(_relatives(persoon)),
        notes=tuple(notes),
    )
