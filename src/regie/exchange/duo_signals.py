"""Signal lists and rosters exported from DUO's Portaal Inburgering, read through the one CSV
pipeline (``core.csvimport``); an Excel file (.xlsx) is first turned into the same rows.

Each source (one team's export) keeps a column mapping: our column -> the header in its file.
Reading gives a preview (:func:`parse`); storing (:func:`store`) is all-or-nothing and
idempotent: the same file twice changes nothing, and a row already stored from an earlier file
is not stored again.

Only two kinds of portal signal are confirmed (a new obliged person linked to the municipality,
and a correction); exam results, exemptions, extensions and pre-announcements of a term
overrun are UNCONFIRMED: handled only when ``REGIE_DUO_UNCONFIRMED_SIGNALS`` lists them, badged
"Niet bevestigd", and recorded on the case only after a person confirms them.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core import csvimport, workitems
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.core.csvimport import Column, RowError
from regie.core.errors import ConflictError
from regie.core.models import Organisation, WorkItem, WorkItemState
from regie.core.roles import OrganisationKind, Role

from .models import ListPurpose, Signal, SignalImport, SignalKind, SignalSource, SignalState

MAX_ROWS = 5_000
CONFIRMED_KINDS = (SignalKind.NEW_OBLIGED, SignalKind.CORRECTION)
UNCONFIRMED_KINDS = (
    SignalKind.EXAM_RESULT,
    SignalKind.EXEMPTION,
    SignalKind.EXTENSION,
    SignalKind.PRE_ANNOUNCEMENT,
)

SIGNAL_COLUMNS = [
    Column("bsn", True, _("BSN, 9 cijfers")),
    Column("soort", True, _("Soort signaal")),
    Column("datum", False, _("Datum van het signaal, dd-mm-jjjj")),
    Column("voornamen", False, _("Voornamen")),
    Column("achternaam", False, _("Achternaam")),
    Column("geboortedatum", False, _("Geboortedatum, dd-mm-jjjj")),
    Column("gemeente_cbs", False, _("CBS-code van de gemeente")),
    Column("nieuwe_einddatum", False, _("Nieuwe einddatum termijn (verlenging), dd-mm-jjjj")),
    Column("toelichting", False, _("Toelichting van DUO")),
]
ROSTER_COLUMNS = [
    Column("bsn", True, _("BSN, 9 cijfers")),
    Column("voornamen", False, _("Voornamen")),
    Column("achternaam", False, _("Achternaam")),
    Column("datum_pip", False, _("Dagtekening PIP volgens DUO, dd-mm-jjjj")),
    Column("leerroute", False, _("Leerroute volgens DUO")),
]
COLUMNS = {ListPurpose.SIGNALS: SIGNAL_COLUMNS, ListPurpose.ROSTER: ROSTER_COLUMNS}

# The words of the portal's export -> our kind (a source may add its own in kind_mapping).
KIND_WORDS = {
    "nieuwe inburgeringsplichtige": SignalKind.NEW_OBLIGED,
    "nieuw": SignalKind.NEW_OBLIGED,
    "koppeling": SignalKind.NEW_OBLIGED,
    "correctie": SignalKind.CORRECTION,
    "examenresultaat": SignalKind.EXAM_RESULT,
    "examen": SignalKind.EXAM_RESULT,
    "vrijstelling": SignalKind.EXEMPTION,
    "ontheffing": SignalKind.EXEMPTION,
    "verlenging": SignalKind.EXTENSION,
    "vooraankondiging": SignalKind.PRE_ANNOUNCEMENT,
    "vooraankondiging termijnoverschrijding": SignalKind.PRE_ANNOUNCEMENT,
}

ROUTE_WORDS = {
    "b1": "b1",
    "b1-route": "b1",
    "b1 route": "b1",
    "onderwijs": "onderwijs",
    "onderwijsroute": "onderwijs",
    "z": "z",
    "z-route": "z",
    "zelfredzaamheidsroute": "z",
}


def enabled_unconfirmed() -> set[str]:
    """The UNCONFIRMED kinds this installation handles (default: all, each badged)."""
    configured = getattr(settings, "REGIE_DUO_UNCONFIRMED_SIGNALS", None)
    return set(UNCONFIRMED_KINDS if configured is None else configured)


def is_unconfirmed(kind: str) -> bool:
    return kind not in CONFIRMED_KINDS


def may_import(principal) -> bool:
    return principal is not None and principal.role in (Role.CASE_MANAGER, Role.TEAM_LEADER)


def source_for(principal, name: str = "Portaal Inburgering") -> SignalSource:
    source, _c = SignalSource.objects.get_or_create(organisation=principal.organisation, name=name)
    return source


# --- reading ----------------------------------------------------------------------------------


@dataclass
class ParsedRow:
    line: int
    kind: str
    bsn: str
    signal_date: object
    data: dict
    row_key: str
    client_id: int | None = None
    known: bool = False  # stored before from another file

    @property
    def kind_label(self) -> str:
        return str(dict(SignalKind.choices).get(self.kind, ""))

    @property
    def unconfirmed(self) -> bool:
        return is_unconfirmed(self.kind)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.data.get("voornamen"), self.data.get("achternaam")) if p)


@dataclass
class Preview:
    purpose: str
    file_hash: str
    file_name: str
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    already: SignalImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if not r.known]

    def counts(self) -> list[tuple[str, int, bool]]:
        out = {}
        for r in self.new_rows:
            out.setdefault(r.kind, 0)
            out[r.kind] += 1
        labels = dict(SignalKind.choices)
        return [(str(labels.get(k, k)), n, is_unconfirmed(k)) for k, n in out.items()]


def _xlsx_to_text(raw: bytes) -> str:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same Dutch message
        raise csvimport.DecodeError from None
    sheet = book.worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in sheet.iter_rows(values_only=True):
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif hasattr(value, "strftime"):
                cells.append(value.strftime("%d-%m-%Y"))
            elif isinstance(value, float) and value.is_integer():
                cells.append(str(int(value)))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return out.getvalue()


def _apply_mapping(text: str, mapping: dict) -> str:
    """Rename the source's headers to ours (case-insensitive); the data rows stay as they are."""
    if not mapping or not text.strip():
        return text
    theirs_to_ours = {str(v).strip().lower(): k for k, v in mapping.items() if v}
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    delimiter = csvimport.sniff_delimiter(text)
    header = next(csv.reader([lines[0]], delimiter=delimiter))
    renamed = [theirs_to_ours.get(h.strip().lower(), h.strip().lower()) for h in header]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerow(renamed)
    return out.getvalue() + "".join(lines[1:])


def _row_key(purpose: str, kind: str, bsn: str, data: dict) -> str:
    body = json.dumps([purpose, kind, bsn, data], sort_keys=True, default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def parse(principal, source: SignalSource, raw: bytes, *, purpose: str, file_name: str = ""):
    """Read the file into a preview; nothing is stored."""
    file_hash = hashlib.sha256(raw).hexdigest()
    preview = Preview(purpose, file_hash, file_name[:200])
    preview.already = SignalImport.objects.filter(
        source=source, purpose=purpose, file_hash=file_hash
    ).first()
    try:
        is_excel = file_name.lower().endswith(".xlsx")
        text = _xlsx_to_text(raw) if is_excel else csvimport.decode(raw)
    except csvimport.DecodeError as exc:
        preview.errors = [RowError(0, "", str(exc))]
        return preview
    text = _apply_mapping(text, source.mapping or {})
    raw_rows, errors = csvimport.read_rows(text, COLUMNS[purpose])
    if errors:
        preview.errors = errors
        return preview
    too_many = csvimport.too_many_rows(raw_rows, MAX_ROWS)
    if too_many:
        preview.errors = [too_many]
        return preview
    report = csvimport.RowErrors()
    words = {**KIND_WORDS, **{k.lower(): v for k, v in (source.kind_mapping or {}).items()}}
    bsns = [normalise_bsn(r.get("bsn", "")) for r in raw_rows]
    clients = dict(Client.objects.filter(bsn__in=bsns).values_list("bsn", "pk"))
    seen_keys = set()
    for line, row in enumerate(raw_rows, start=csvimport.FIRST_DATA_ROW):
        err = report.for_row(line)
        bsn = normalise_bsn(row.get("bsn", ""))
        if not is_valid_bsn(bsn):
            err("bsn", gettext("Vul een geldig BSN in: 9 cijfers die de elfproef doorstaan."))
            continue
        data = {}
        for key in ("voornamen", "achternaam", "gemeente_cbs", "toelichting"):
            if row.get(key):
                data[key] = row[key]
        for key in ("geboortedatum", "nieuwe_einddatum", "datum_pip"):
            if row.get(key):
                try:
                    data[key] = csvimport.parse_date(row[key]).isoformat()
                except ValueError:
                    err(key, gettext("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 28-11-2026."))
        signal_date = None
        if row.get("datum"):
            try:
                signal_date = csvimport.parse_date(row["datum"])
            except ValueError:
                err("datum", gettext("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 28-11-2026."))
        if purpose == ListPurpose.ROSTER:
            kind = ""
            if row.get("leerroute"):
                route = ROUTE_WORDS.get(row["leerroute"].strip().lower())
                if route is None:
                    err(
                        "leerroute",
                        gettext("Kies als leerroute B1-route, onderwijsroute of Z-route."),
                    )
                data["leerroute"] = route or ""
        else:
            kind = words.get(row.get("soort", "").strip().lower())
            if kind is None:
                err(
                    "soort",
                    gettext("Dit soort signaal kennen wij niet: '%(v)s'.")
                    % {"v": row.get("soort", "")},
                )
                continue
            if kind == SignalKind.NEW_OBLIGED and not (
                data.get("voornamen") and data.get("achternaam")
            ):
                err("achternaam", gettext("Vul voornamen en achternaam van de nieuwe persoon in."))
            if kind != SignalKind.NEW_OBLIGED and bsn not in clients:
                err("bsn", gettext("Deze persoon is hier niet ingeschreven. Controleer het BSN."))
            if kind == SignalKind.EXTENSION and not data.get("nieuwe_einddatum"):
                err("nieuwe_einddatum", gettext("Vul bij een verlenging de nieuwe einddatum in."))
        key = _row_key(purpose, kind, bsn, {**data, "datum": str(signal_date or "")})
        if key in seen_keys:
            continue
        seen_keys.add(key)
        preview.rows.append(
            ParsedRow(line, kind, bsn, signal_date, data, key, client_id=clients.get(bsn))
        )
    preview.errors = report.errors
    if preview.ok and purpose == ListPurpose.SIGNALS:
        known = set(
            Signal.objects.filter(
                list_import__source=source, row_key__in=[r.row_key for r in preview.rows]
            ).values_list("row_key", flat=True)
        )
        for r in preview.rows:
            r.known = r.row_key in known
    return preview


# --- storing ----------------------------------------------------------------------------------


def store(principal, source: SignalSource, preview: Preview, *, municipality=None):
    """Store the previewed file: all rows or none. Returns ``(SignalImport, created)``; the
    same file again returns the earlier import and ``False``."""
    if not may_import(principal) or source.organisation_id != principal.organisation.pk:
        raise PermissionDenied
    if preview.errors:
        return None, False
    if preview.already is not None:
        return preview.already, False

    def save():
        done = SignalImport.objects.select_for_update().filter(
            source=source, purpose=preview.purpose, file_hash=preview.file_hash
        )
        if done.exists():
            return done.first(), False
        list_import = SignalImport.objects.create(
            source=source,
            purpose=preview.purpose,
            municipality=municipality,
            file_hash=preview.file_hash,
            file_name=preview.file_name,
            row_count=len(preview.rows),
            new_count=len(preview.new_rows),
            imported_by=principal.user,
        )
        rows = preview.rows if preview.purpose == ListPurpose.ROSTER else preview.new_rows
        for r in rows:
            signal = Signal.objects.create(
                list_import=list_import,
                row_key=r.row_key,
                kind=r.kind or SignalKind.NEW_OBLIGED,
                bsn=r.bsn,
                client_id=r.client_id,
                signal_date=r.signal_date,
                data=r.data,
            )
            if preview.purpose == ListPurpose.SIGNALS:
                _work_for(signal, source, principal)
        return list_import, True

    return csvimport.store_all_or_nothing(preview.errors, save)


def _signal_url(item, subject):
    signal = item.details.get("signal")
    return reverse("exchange:duo_signal", args=[signal]) if signal else None


def _describe(item):
    text = str(dict(SignalKind.choices).get(item.details.get("kind"), ""))
    if item.details.get("unconfirmed"):
        text += " · " + gettext("Niet bevestigd")
    return text


SIGNAL_WORK = {
    "exchange.duo.register": _("Inschrijven: nieuwe inburgeringsplichtige volgens DUO"),
    "exchange.duo.correction": _("Correctie van DUO verwerken"),
    "exchange.duo.check": _("Signaal van DUO controleren"),
}


def register_kinds() -> None:
    for code, label in SIGNAL_WORK.items():
        workitems.register_kind(
            code,
            label,
            role=Role.CASE_MANAGER,
            due_days=10,
            url=_signal_url,
            link_text=_("Naar het signaal"),
            completed_by_act=True,
            describe=_describe,
        )


def _work_for(signal: Signal, source: SignalSource, principal) -> None:
    details = {
        "signal": str(signal.uuid),
        "kind": signal.kind,
        "unconfirmed": is_unconfirmed(signal.kind),
    }
    if signal.kind == SignalKind.NEW_OBLIGED:
        if signal.client_id:
            signal.state = SignalState.CONFIRMED
            signal.save(update_fields=["state"])
            return
        workitems.create(
            "exchange.duo.register",
            organisation=source.organisation,
            source=f"Signal:{signal.pk}",
            summary=gettext("Nieuwe inburgeringsplichtige"),
            details=details,
            by=principal.user,
        )
        return
    if signal.kind != SignalKind.CORRECTION and signal.kind not in enabled_unconfirmed():
        return
    client = Client.objects.select_related("team", "case_manager").get(pk=signal.client_id)
    workitems.create(
        "exchange.duo.correction" if signal.kind == SignalKind.CORRECTION else "exchange.duo.check",
        organisation=client.team,
        source=f"Signal:{signal.pk}",
        subject=("client", client.pk),
        summary=str(dict(SignalKind.choices)[signal.kind]),
        assignee=client.case_manager,
        details=details,
        by=principal.user,
    )


def finish_work(source: str, user, note: str) -> None:
    """The act was done (registered, recorded): its open work items are done."""
    for item in WorkItem.objects.select_for_update().filter(
        source=source, state=WorkItemState.OPEN
    ):
        item.state = WorkItemState.DONE
        item.finished_at = timezone.now()
        item.finished_by = user
        item.outcome_note = note
        item.save(update_fields=["state", "finished_at", "finished_by", "outcome_note"])


class SignalClosed(ConflictError):
    default_message = _("Dit signaal is al afgehandeld.")


@transaction.atomic
def handle(principal, signal: Signal, *, accept: bool, client=None) -> Signal:
    """A person confirms a signal (it is recorded on the case) or sets it aside. An extension
    is recorded as a DUO decision, which moves the term-end deadline (Wi2021 art. 12)."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.state != SignalState.NEW:
        raise SignalClosed
    if accept and signal.kind == SignalKind.EXTENSION and client is not None:
        import datetime as dt

        from regie.progress import services as progress_services
        from regie.progress.models import DuoDecisionKind, ExtensionGround

        progress_services.record_duo_decision(
            principal,
            client,
            kind=DuoDecisionKind.EXTENSION,
            decision_date=signal.signal_date or timezone.localdate(),
            ground=ExtensionGround.OTHER,
            new_end_date=dt.date.fromisoformat(signal.data["nieuwe_einddatum"]),
            note=gettext("Overgenomen uit een signaal van DUO."),
        )
    signal.state = SignalState.CONFIRMED if accept else SignalState.REJECTED
    signal.handled_at = timezone.now()
    signal.handled_by = principal.user
    if client is not None:
        signal.client_id = client.pk
    signal.save(update_fields=["state", "handled_at", "handled_by", "client_id"])
    finish_work(
        f"Signal:{signal.pk}",
        principal.user,
        gettext("Verwerkt.") if accept else gettext("Niet overgenomen."),
    )
    return signal


def municipality_for(signal: Signal, principal):
    code = signal.data.get("gemeente_cbs")
    qs = Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY, region_id=principal.organisation.region_id
    )
    return qs.filter(cbs_code=code).first() if code else None


def worklist_signals(principal) -> list[dict]:
    """Open DUO corrections as worklist signals: the case is marked until someone handles it
    (clients.selectors hook)."""
    from regie.clients.selectors import visible_clients

    open_ids = Signal.objects.filter(
        kind=SignalKind.CORRECTION, state=SignalState.NEW, client_id__isnull=False
    ).values("client_id")
    clients = visible_clients(principal).filter(pk__in=open_ids)[:50]
    return [
        {"client": client, "text": gettext("DUO heeft een correctie gestuurd; verwerk die.")}
        for client in clients
    ]
