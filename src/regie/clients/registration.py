"""Registering clients: by hand, or by importing COA's linkage list (TVS) as CSV.

Rules (VNG guidance; the Wet inburgering 2021 applies from 1 January 2022): register by BSN as
soon as the person is linked to the municipality;
the BSN passes the 11-test; one person, one registration. The start of the duty is its own fact
with its reason; a duty that started before 1 January 2022 falls under the Wet inburgering 2013
and is registered as a Wi2013 case, never refused; a person outside 16 up to the pension age is
warned and the case manager confirms (``clients.duty``). The CSV import is all-or-nothing: any
error in any row stores nothing and gives a row-level report in Dutch.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core import csvimport
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.core.csvimport import RowError
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind, Role

from . import duty, lifecycle
from .models import Client, DutyStartReason, Household, PermitType, Regime, TargetGroup

# The documented columns of the linkage list (docs/registration.md); order is free, names fixed.
COLUMNS = [
    ("bsn", True, _("BSN, 9 cijfers")),
    ("voornamen", True, _("Voornamen")),
    ("achternaam", True, _("Achternaam")),
    ("geboortedatum", True, _("Geboortedatum, dd-mm-jjjj")),
    ("gemeente_cbs", True, _("CBS-code van de gemeente, bijvoorbeeld GM0405")),
    ("doelgroep", True, _("asielstatushouder, gezinsmigrant of overige_migrant")),
    ("vergunning", True, _("asiel of regulier")),
    ("datum_vergunning", True, _("Datum vergunning, dd-mm-jjjj")),
    ("datum_koppeling", False, _("Datum koppeling, dd-mm-jjjj")),
    ("datum_huisvesting", False, _("Datum huisvesting, dd-mm-jjjj")),
    ("datum_brp", False, _("Datum inschrijving BRP, dd-mm-jjjj")),
    ("datum_kennisgeving_duo", False, _("Datum kennisgeving DUO, dd-mm-jjjj")),
    ("start_bijstand", False, _("Start bijstand, dd-mm-jjjj")),
    ("nationaliteit", False, _("Nationaliteit")),
    ("talen", False, _("Talen, gescheiden door een komma")),
    ("huishouden", False, _("Naam of nummer van het huishouden; leden delen dezelfde waarde")),
    ("plichtig", False, _("ja of nee (standaard ja)")),
    (
        "datum_start_plicht",
        False,
        _("Start inburgeringsplicht, dd-mm-jjjj (leeg: datum vergunning)"),
    ),
    (
        "reden_start_plicht",
        False,
        _(
            "vergunning, einde_leerplicht, einde_kwalificatieplicht of anders (standaard vergunning)"
        ),
    ),
    ("toelichting_start_plicht", False, _("Toelichting bij reden anders")),
    ("wet", False, _("wi2021 of wi2013 (leeg: volgt uit de start van de plicht)")),
    (
        "leeftijd_gecontroleerd",
        False,
        _("ja als u een leeftijd buiten 16 tot AOW-leeftijd hebt gecontroleerd (standaard nee)"),
    ),
]
COLUMN_NAMES = [c[0] for c in COLUMNS]
# Longest value per column, as the model stores it (a longer value is a row error, not a 500).
MAX_LENGTHS = {
    "voornamen": 200,
    "achternaam": 200,
    "nationaliteit": 100,
    "talen": 200,
    "huishouden": 200,
    "toelichting_start_plicht": 500,
}
CSV_COLUMNS = [
    csvimport.Column(name, required, help, MAX_LENGTHS.get(name, 0))
    for name, required, help in COLUMNS
]
# the CSV column a duty problem (``clients.duty.check_duty``) is reported on
CSV_FIELD = {
    "duty_start": "datum_start_plicht",
    "duty_start_note": "toelichting_start_plicht",
    "regime": "wet",
    "age_checked": "leeftijd_gecontroleerd",
}
MAX_ROWS = 20_000
PROGRESS_EVERY = 500


# The one answer when the BSN belongs to a client outside the registering user's scope: it must
# not tell whether the person is known elsewhere (no existence oracle); the holding team's team
# leader gets a work item for the handover instead (``work_items.HANDOVER_KIND``).
REFERRED_MESSAGE = _(
    "De inschrijving is in behandeling genomen. De teamleider neemt contact met u op."
)


class RegistrationReferred(Exception):
    """The registration was routed to a team leader; ``str(exc)`` is the neutral Dutch answer."""

    def __str__(self) -> str:
        return str(REFERRED_MESSAGE)


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    # rows routed to a team leader (a BSN outside the user's scope): (row, client pk)
    referred: list[tuple[int, int]] = field(default_factory=list)

    @property
    def notes(self) -> list[RowError]:
        """The neutral per-row answer for referred rows (shown on a finished import)."""
        return [RowError(row, "bsn", str(REFERRED_MESSAGE)) for row, _pk in self.referred]

    @property
    def ok(self) -> bool:
        return not self.errors


def may_register(principal) -> bool:
    return principal is not None and principal.role in (Role.CASE_MANAGER, Role.TEAM_LEADER)


def _in_scope(principal, client_ids) -> set[int]:
    """The ids among ``client_ids`` the principal may see (``visible_clients``)."""
    from .selectors import visible_clients

    if principal is None:
        return set()
    return set(visible_clients(principal).filter(pk__in=client_ids).values_list("pk", flat=True))


def existing_out_of_scope(principal, bsn: str) -> Client | None:
    """The client holding ``bsn`` when the principal may not see him (else None)."""
    existing = Client.objects.filter(bsn=bsn).only("pk", "team_id").first()
    if existing is None or existing.pk in _in_scope(principal, [existing.pk]):
        return None
    return existing


def check_new_client(
    bsn: str, permit_date: dt.date | None, *, exclude_pk=None, principal=None
) -> list[tuple[str, str]]:
    """Problems that refuse a registration, as (field, Dutch message).

    "Al ingeschreven" only for a client the principal may see; a client outside his scope is no
    problem here: :func:`register_client` routes it to a team leader with a neutral answer."""
    problems = []
    existing = Client.objects.filter(bsn=bsn).exclude(pk=exclude_pk).values_list("pk", flat=True)
    # (a duty that started before 1-1-2022 is no refusal: it is a Wi2013 case, ``clients.duty``)
    if not is_valid_bsn(bsn):
        problems.append(("bsn", _("Vul een geldig BSN in: 9 cijfers die de elfproef doorstaan.")))
    elif existing.exists() and (principal is None or _in_scope(principal, list(existing))):
        problems.append(
            ("bsn", _("Deze persoon is al ingeschreven. Zoek de klant op in de klantenlijst."))
        )
    return problems


def register_client(principal, *, team: Organisation, **fields) -> Client:
    """Register one client (form or API). Raises ValidationError with field messages, and
    :class:`RegistrationReferred` (after creating the handover work item) when the BSN belongs
    to a client outside the principal's scope."""
    if not may_register(principal) or team.pk != principal.organisation.pk:
        raise PermissionDenied
    fields["bsn"] = normalise_bsn(fields.get("bsn", ""))
    problems = check_new_client(fields["bsn"], fields.get("permit_date"), principal=principal)
    duty_problems, fields["regime"] = duty.check_duty(fields)
    problems += duty_problems
    fields["duty_start_reason"] = fields.get("duty_start_reason") or DutyStartReason.PERMIT
    if fields.get("municipality") and fields["municipality"].region_id != team.region_id:
        problems.append(("municipality", _("Kies een gemeente uit uw eigen regio.")))
    if problems:
        raise ValidationError({name: [message] for name, message in problems})
    elsewhere = is_valid_bsn(fields["bsn"]) and existing_out_of_scope(principal, fields["bsn"])
    if elsewhere:
        from . import work_items

        work_items.request_handover(principal, elsewhere)
        raise RegistrationReferred
    return _create_client(principal, team, fields)


@transaction.atomic
def _create_client(principal, team: Organisation, fields: dict) -> Client:
    household_name = fields.pop("household_name", "") or ""
    if household_name:
        fields["household"], _c = Household.objects.get_or_create(
            name=household_name, municipality=fields["municipality"]
        )
    client = Client(team=team, **fields)
    if principal.role == Role.CASE_MANAGER and principal.user:
        client.case_manager = principal.user
    client.status = lifecycle.initial_status(client.is_obliged)
    client.full_clean()
    client.save()  # a new client: post_save computes the deadlines (clients.deadlines)
    return client


def template_csv() -> str:
    return csvimport.write_template(
        CSV_COLUMNS,
        [
            [
                "999990019",
                "Amal",
                "Haddad",
                "14-03-1990",
                "GM0405",
                "asielstatushouder",
                "asiel",
                "02-09-2026",
                "16-09-2026",
                "01-11-2026",
                "03-11-2026",
                "",
                "03-11-2026",
                "Syrische",
                "Arabisch, Engels",
                "Haddad-1",
                "ja",
                "",
                "vergunning",
                "",
                "",
                "nee",
            ]
        ],
    )


def parse_linkage_csv(
    raw: bytes, *, team: Organisation, progress=None, principal=None
) -> tuple[list[dict], ImportReport]:
    """Validate every row; return the rows to create and the report. Stores nothing.

    A BSN of a client the principal may see is an error ("al ingeschreven"); one of a client
    outside his scope is not created but referred (``report.referred``) with the neutral answer.
    """
    report = ImportReport()
    try:
        text = csvimport.decode(raw)
    except csvimport.DecodeError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return [], report
    raw_rows, report.errors = csvimport.read_rows(text, CSV_COLUMNS)
    if report.errors:
        return [], report
    municipalities = {
        o.cbs_code: o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, region_id=team.region_id
        )
    }
    seen: dict[str, int] = {}
    rows = []
    too_many = csvimport.too_many_rows(raw_rows, MAX_ROWS)
    if too_many:
        report.errors.append(too_many)
        return [], report
    existing_pks = dict(
        Client.objects.filter(
            bsn__in=[normalise_bsn(r.get("bsn") or "") for r in raw_rows]
        ).values_list("bsn", "pk")
    )
    visible = _in_scope(principal, list(existing_pks.values())) if principal else None
    existing = {b for b, pk in existing_pks.items() if visible is None or pk in visible}
    elsewhere = {b: pk for b, pk in existing_pks.items() if b not in existing}
    for index, row in enumerate(raw_rows, start=csvimport.FIRST_DATA_ROW):
        csvimport.tick(progress, index - 1, len(raw_rows), PROGRESS_EVERY)

        def err(column, message, _index=index):
            report.errors.append(RowError(_index, column, message))

        bsn = normalise_bsn(row.get("bsn", ""))
        if not is_valid_bsn(bsn):
            err("bsn", _("Vul een geldig BSN in: 9 cijfers die de elfproef doorstaan."))
        elif bsn in existing:
            err("bsn", _("Deze persoon is al ingeschreven."))
        elif bsn in elsewhere:
            report.referred.append((index, elsewhere[bsn]))
        elif bsn in seen:
            err("bsn", _("Dit BSN staat ook in regel %(n)s.") % {"n": seen[bsn]})
        seen.setdefault(bsn, index)
        for name in ("voornamen", "achternaam"):
            if not row.get(name):
                err(name, _("Vul de %(name)s in.") % {"name": name})
        values = {}
        for column, attr in (
            ("geboortedatum", "date_of_birth"),
            ("datum_vergunning", "permit_date"),
            ("datum_koppeling", "linkage_date"),
            ("datum_huisvesting", "housing_date"),
            ("datum_brp", "brp_date"),
            ("datum_kennisgeving_duo", "duo_notice_date"),
            ("start_bijstand", "benefit_start"),
            ("datum_start_plicht", "duty_start"),
        ):
            value = row.get(column, "")
            if not value:
                if column in ("geboortedatum", "datum_vergunning"):
                    err(column, _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."))
                continue
            try:
                values[attr] = csvimport.parse_date(value)
            except ValueError:
                err(column, _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."))
        reason = (row.get("reden_start_plicht") or "").lower() or DutyStartReason.PERMIT
        if reason not in DutyStartReason.values:
            err(
                "reden_start_plicht",
                _("Kies vergunning, einde_leerplicht, einde_kwalificatieplicht of anders."),
            )
            reason = DutyStartReason.PERMIT
        regime = (row.get("wet") or "").lower()
        if regime and regime not in Regime.values:
            err("wet", _("Vul wi2021 of wi2013 in, of laat de kolom leeg."))
            regime = ""
        checked = (row.get("leeftijd_gecontroleerd") or "nee").lower()
        if checked not in ("ja", "nee"):
            err("leeftijd_gecontroleerd", _("Vul ja of nee in."))
        duty_fields = {
            **values,
            "duty_start_reason": reason,
            "duty_start_note": row.get("toelichting_start_plicht", ""),
            "regime": regime,
            "age_checked": checked == "ja",
            "is_obliged": (row.get("plichtig", "ja").lower() or "ja") != "nee",
        }
        duty_problems, regime = duty.check_duty(duty_fields)
        for name, message in duty_problems:
            err(CSV_FIELD.get(name, name), message)
        municipality = municipalities.get(row.get("gemeente_cbs", "").upper())
        if municipality is None:
            err(
                "gemeente_cbs",
                _("Vul de CBS-code in van een gemeente in uw regio, bijvoorbeeld GM0405."),
            )
        group = row.get("doelgroep", "").lower()
        if group not in TargetGroup.values:
            err("doelgroep", _("Kies asielstatushouder, gezinsmigrant of overige_migrant."))
        permit = row.get("vergunning", "").lower()
        if permit not in PermitType.values:
            err("vergunning", _("Kies asiel of regulier."))
        obliged = row.get("plichtig", "ja").lower() or "ja"
        if obliged not in ("ja", "nee"):
            err("plichtig", _("Vul ja of nee in."))
        if bsn in elsewhere:
            continue
        rows.append(
            {
                "bsn": bsn,
                "given_names": row.get("voornamen", ""),
                "surname": row.get("achternaam", ""),
                "municipality": municipality,
                "target_group": group,
                "permit_type": permit,
                "nationality": row.get("nationaliteit", ""),
                "languages": row.get("talen", ""),
                "household_name": row.get("huishouden", ""),
                "is_obliged": obliged != "nee",
                "duty_start_reason": reason,
                "duty_start_note": row.get("toelichting_start_plicht", ""),
                "regime": regime,
                "age_checked": checked == "ja",
                **values,
            }
        )
    return rows, report


def undo_import(client_ids, household_ids) -> None:
    """Remove what an import committed (clients with their deadlines, new households)."""
    client_ids = list(client_ids)
    for start in range(0, len(client_ids), 500):
        Client.objects.filter(pk__in=client_ids[start : start + 500]).delete()
    Household.objects.filter(pk__in=list(household_ids), members__isnull=True).delete()


def import_linkage_csv(
    principal, raw: bytes, *, team: Organisation, progress=None, record_applied=None
) -> ImportReport:
    """All-or-nothing import. Returns the report; ``report.created`` counts new clients."""
    if not may_register(principal) or team.pk != principal.organisation.pk:
        raise PermissionDenied
    rows, report = parse_linkage_csv(raw, team=team, progress=progress, principal=principal)
    if not report.ok:
        return report
    if report.referred:
        from . import work_items

        for pk in {pk for _row, pk in report.referred}:
            work_items.request_handover(principal, Client.objects.get(pk=pk))
    # Validated above, outside any transaction; now applied in short transactions (chunks), so
    # the site keeps answering during a large import. All-or-nothing still holds: a failure in
    # any chunk removes what the earlier chunks made (csvimport.apply_in_chunks).
    households: dict[tuple, Household] = {}
    made_clients: list[int] = []
    made_households: list[int] = []

    def apply_chunk(chunk):
        for row in chunk:
            row = dict(row)
            name = row.pop("household_name")
            if name:
                key = (name, row["municipality"].pk)
                if key not in households:
                    households[key], created = Household.objects.get_or_create(
                        name=name, municipality=row["municipality"]
                    )
                    if created:
                        made_households.append(households[key].pk)
                row["household"] = households[key]
            client = Client(team=team, **row)
            client.status = lifecycle.initial_status(client.is_obliged)
            if principal.role == Role.CASE_MANAGER and principal.user:
                client.case_manager = principal.user
            client.save()  # post_save computes the deadlines
            made_clients.append(client.pk)
        if record_applied:  # in the chunk's transaction: exact even if the worker dies next
            record_applied(list(made_clients), list(made_households))

    def compensate():
        undo_import(made_clients, made_households)
        made_clients.clear()

    csvimport.apply_in_chunks(rows, apply_chunk, compensate, progress=progress)
    report.created = len(made_clients)
    return report
