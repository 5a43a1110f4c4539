"""DUO pages (docs/duo.md): the data to enter in the portal, the dossier part, the signal
import with preview, a signal, the reconciliation and its printable report, the outbox screen."""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.clients.forms import RegistrationForm
from regie.clients.models import Client
from regie.clients.selectors import Access
from regie.clients.views import open_dossier
from regie.core.errors import ConflictError
from regie.core.models import OutboxMessage
from regie.core.roles import Role
from regie.core.selectors import municipalities
from regie.core.views.forms import render_form

from . import duo, duo_reconcile, duo_signals
from .models import (
    EntryState,
    ListPurpose,
    PortalEntry,
    Reconciliation,
    Signal,
    SignalImport,
    SignalKind,
    SignalState,
)

SESSION_KEY = "exchange.duo.preview"
MAX_UPLOAD = 2 * 1024 * 1024


def _dossier(request, client, write=False):
    allowed = {Access.FULL} if write else {Access.FULL, Access.READ}
    return open_dossier(
        request, client.uuid, part="duo", url_name="exchange:duo_dossier", allowed=allowed
    )


class ConfirmForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Kenmerk van DUO"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("Het kenmerk dat het portaal na het invoeren toont, als dat er is."),
    )


def entry(request, uuid):
    portal_entry = get_object_or_404(PortalEntry, uuid=uuid)
    client = Client.objects.filter(pk=portal_entry.person_id).first()
    if client is None:
        raise Http404
    write = request.method == "POST"
    client, access, context = _dossier(request, client, write)
    message = get_object_or_404(OutboxMessage, pk=portal_entry.outbox_message_id)
    form = ConfirmForm(request.POST or None)
    conflict = None
    if write and form.is_valid():
        try:
            duo.confirm(request.principal, portal_entry, reference=form.cleaned_data["reference"])
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("Vastgelegd: ingevoerd in het Portaal Inburgering."))
            return redirect("exchange:duo_dossier", uuid=client.uuid)
    context.update(
        {
            "entry": portal_entry,
            "message": message,
            "type_label": duo.type_label(portal_entry.message_type),
            "fields": duo.fields_to_enter(portal_entry, message, client),
            "form": form,
            "may_confirm": access == Access.FULL and portal_entry.state == EntryState.WAITING,
        }
    )
    return render_form(request, "exchange/duo_entry.html", context, form, conflict=conflict)


def dossier(request, uuid):
    client = get_object_or_404(Client, uuid=uuid)
    client, access, context = _dossier(request, client)
    entries = list(
        PortalEntry.objects.filter(person_id=client.pk)
        .select_related("confirmed_by", "superseded_by")
        .order_by("-created_at", "-id")
    )
    for e in entries:
        e.type_label = duo.type_label(e.message_type)
    signals = list(Signal.objects.filter(client_id=client.pk).select_related("handled_by"))
    context.update({"entries": entries, "signals": signals})
    return render(request, "exchange/duo_dossier.html", context)


# --- signal import ----------------------------------------------------------------------------


class ImportForm(forms.Form):
    purpose = forms.ChoiceField(
        label=gettext_lazy("Soort lijst"),
        choices=ListPurpose.choices,
        widget=forms.RadioSelect,
        initial=ListPurpose.SIGNALS,
    )
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente (bij een overzicht)"),
        queryset=None,
        to_field_name="uuid",
        required=False,
    )
    file = forms.FileField(
        label=gettext_lazy("Bestand uit het Portaal Inburgering"),
        help_text=gettext_lazy("CSV (UTF-8) of Excel (.xlsx)"),
        error_messages={"required": gettext_lazy("Kies het bestand dat u wilt inlezen.")},
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        data = super().clean()
        if data.get("purpose") == ListPurpose.ROSTER and not data.get("municipality"):
            self.add_error("municipality", _("Kies de gemeente van dit overzicht."))
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            self.add_error("file", _("Het bestand is groter dan 2 MB. Splits het."))
        return data


def _require_import(request):
    if not duo_signals.may_import(request.principal):
        raise PermissionDenied


def import_view(request):
    _require_import(request)
    principal = request.principal
    source = duo_signals.source_for(principal)
    munis = municipalities(principal).filter(region_id=principal.organisation.region_id)
    if request.method == "POST" and request.POST.get("step") == "store":
        stash = request.session.pop(SESSION_KEY, None)
        if not stash:
            messages.error(
                request, _("Lees het bestand opnieuw in; de voorbeeldweergave is verlopen.")
            )
            return redirect("exchange:duo_import")
        raw = base64.b64decode(stash["raw"])
        municipality = munis.filter(pk=stash.get("municipality")).first()
        preview = duo_signals.parse(
            principal, source, raw, purpose=stash["purpose"], file_name=stash["name"]
        )
        list_import, created = duo_signals.store(
            principal, source, preview, municipality=municipality
        )
        if list_import is None:
            return render_form(
                request,
                "exchange/duo_import.html",
                {"form": ImportForm(municipalities=munis), "preview": preview},
                errors=True,
            )
        if created:
            messages.success(
                request,
                _("Ingelezen: %(n)s nieuwe regels.") % {"n": list_import.new_count},
            )
        else:
            messages.info(
                request,
                _("Dit bestand is al eerder ingelezen. Er is niets veranderd."),
            )
        return redirect("exchange:duo_import")
    form = ImportForm(request.POST or None, request.FILES or None, municipalities=munis)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read()
        purpose = form.cleaned_data["purpose"]
        municipality = form.cleaned_data.get("municipality")
        preview = duo_signals.parse(principal, source, raw, purpose=purpose, file_name=upload.name)
        if preview.ok and preview.already is None:
            request.session[SESSION_KEY] = {
                "raw": base64.b64encode(raw).decode(),
                "name": upload.name,
                "purpose": purpose,
                "municipality": municipality.pk if municipality else None,
            }
    imports = SignalImport.objects.filter(source=source).select_related(
        "imported_by", "municipality"
    )[:20]
    return render_form(
        request,
        "exchange/duo_import.html",
        {"form": form, "preview": preview, "imports": imports, "source": source},
        form,
        errors=bool(preview and not preview.ok),
    )


# --- one signal -------------------------------------------------------------------------------


def signal_view(request, uuid):
    signal = get_object_or_404(Signal.objects.select_related("list_import__source"), uuid=uuid)
    principal = request.principal
    if signal.kind == SignalKind.NEW_OBLIGED and not signal.client_id:
        return _register_from_signal(request, signal)
    client = Client.objects.filter(pk=signal.client_id).first()
    if client is None:
        raise Http404
    write = request.method == "POST"
    client, access, context = _dossier(request, client, write)
    conflict = None
    if write:
        try:
            duo_signals.handle(
                principal, signal, accept=request.POST.get("accept") == "1", client=client
            )
        except ConflictError as exc:
            conflict = exc
        except Exception as exc:  # a refusal of the progress service (e.g. an earlier end date)
            from regie.progress.services import ProgressError

            if not isinstance(exc, ProgressError):
                raise
            conflict = exc
        else:
            messages.success(request, _("Het signaal is afgehandeld."))
            return redirect("exchange:duo_dossier", uuid=client.uuid)
    context.update(
        {
            "signal": signal,
            "new_end": _iso(signal.data.get("nieuwe_einddatum")),
            "unconfirmed": duo_signals.is_unconfirmed(signal.kind),
            "may_handle": access == Access.FULL and signal.state == SignalState.NEW,
        }
    )
    return render_form(request, "exchange/duo_signal.html", context, conflict=conflict)


def _iso(value):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _register_from_signal(request, signal):
    from django.core.exceptions import ValidationError

    from regie.clients import registration
    from regie.core.csvimport import parse_date

    principal = request.principal
    if (
        not registration.may_register(principal)
        or signal.list_import.source.organisation_id != principal.organisation.pk
    ):
        raise Http404
    munis = municipalities(principal)
    initial = {
        "bsn": signal.bsn,
        "given_names": signal.data.get("voornamen", ""),
        "surname": signal.data.get("achternaam", ""),
        "is_obliged": True,
        "duo_notice_date": signal.signal_date,
    }
    if signal.data.get("geboortedatum"):
        initial["date_of_birth"] = parse_date(signal.data["geboortedatum"])
    municipality = duo_signals.municipality_for(signal, principal)
    if municipality is not None:
        initial["municipality"] = municipality.uuid
    form = RegistrationForm(request.POST or None, initial=initial, municipalities=munis)
    if request.method == "POST" and form.is_valid():
        try:
            client = registration.register_client(
                principal, team=principal.organisation, **dict(form.cleaned_data)
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            duo_signals.handle(principal, signal, accept=True, client=client)
            messages.success(request, _("%(name)s is ingeschreven.") % {"name": client.full_name})
            return redirect("clients:dossier", uuid=client.uuid)
    return render_form(request, "clients/register.html", {"form": form}, form)


# --- reconciliation ---------------------------------------------------------------------------


def reconcile(request):
    if not duo_reconcile.may_reconcile(request.principal):
        raise PermissionDenied
    principal = request.principal
    munis = municipalities(principal).filter(region_id=principal.organisation.region_id)
    error = None
    if request.method == "POST":
        municipality = munis.filter(uuid=request.POST.get("municipality") or None).first()
        if municipality is None:
            error = _("Kies een gemeente.")
        else:
            rec = duo_reconcile.run(principal, municipality)
            if rec is None:
                error = _(
                    "Er is nog geen overzicht van DUO ingelezen voor deze gemeente. Lees eerst het "
                    "overzicht inburgeringsplichtigen in."
                )
            else:
                return redirect("exchange:duo_report", uuid=rec.uuid)
    runs = Reconciliation.objects.filter(team=principal.organisation).select_related(
        "municipality"
    )[:20]
    return render_form(
        request,
        "exchange/duo_reconcile.html",
        {"municipalities": munis, "runs": runs, "error": error},
        errors=bool(error),
    )


def report(request, uuid):
    principal = request.principal
    rec = get_object_or_404(
        Reconciliation.objects.select_related("municipality", "roster", "run_by"), uuid=uuid
    )
    if principal is None or principal.organisation.pk != rec.team_id:
        raise Http404
    if principal.role not in (Role.TEAM_LEADER, Role.CASE_MANAGER):
        raise Http404
    rows = duo_reconcile.report_rows(rec)
    from regie.core.audit import log_access

    seen = [(r["client"].pk, r["client"].bsn) for r in rows if r["client"] is not None]
    if seen:
        log_access(principal, seen, part="duo-vergelijking", activity="dossier-inzien")
    return render(request, "exchange/duo_report.html", {"rec": rec, "rows": rows})


# --- the outbox screen (functional administrator) ---------------------------------------------


def outbox(request):
    principal = request.principal
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        raise PermissionDenied
    states = dict(EntryState.choices)
    counts = PortalEntry.objects.values("state").annotate(n=Count("id")).order_by("state")
    by_kind = (
        PortalEntry.objects.values("message_type", "state")
        .annotate(n=Count("id"))
        .order_by("message_type", "state")
    )
    oldest = PortalEntry.objects.filter(state=EntryState.WAITING).aggregate(m=Min("created_at"))
    withdrawn = PortalEntry.objects.filter(state=EntryState.WITHDRAWN).order_by("-withdrawn_at")[
        :50
    ]
    return render(
        request,
        "exchange/duo_outbox.html",
        {
            "counts": [{"label": states.get(c["state"]), "n": c["n"]} for c in counts],
            "by_kind": [
                {
                    "kind": duo.type_label(c["message_type"]),
                    "state": states.get(c["state"]),
                    "n": c["n"],
                }
                for c in by_kind
            ],
            "oldest": oldest["m"],
            "withdrawn": [
                {
                    "ref": str(w.uuid)[:8],
                    "kind": duo.type_label(w.message_type),
                    "created": w.created_at,
                    "at": w.withdrawn_at,
                    "reason": w.withdrawn_reason,
                }
                for w in withdrawn
            ],
            "unassigned": OutboxMessage.objects.filter(recipient="DUO")
            .exclude(pk__in=PortalEntry.objects.values("outbox_message_id"))
            .count(),
        },
    )
