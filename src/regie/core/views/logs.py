"""The privacy officer's access log and change history: search, page, export as CSV."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst

from .. import audit_text, hooks, search
from ..audit import pseudonym
from ..bsn import is_valid_bsn, normalise_bsn
from ..csvexport import csv_response  # noqa: F401 - the one export helper, used here and by others
from ..forms import AccessLogFilterForm, ChangeLogFilterForm
from ..paging import paginate
from ..roles import Role
from ..selectors import visible_access_log, visible_change_log


def _require_privacy_officer(request):
    if request.principal is None or request.principal.role != Role.PRIVACY_OFFICER:
        raise PermissionDenied


def _date_range(qs, form):
    tz = timezone.get_current_timezone()
    if form.cleaned_data.get("date_from"):
        start = dt.datetime.combine(form.cleaned_data["date_from"], dt.time.min, tzinfo=tz)
        qs = qs.filter(at__gte=start)
    if form.cleaned_data.get("date_to"):
        end = dt.datetime.combine(form.cleaned_data["date_to"], dt.time.max, tzinfo=tz)
        qs = qs.filter(at__lte=end)
    return qs


def _filtered_access_log(request):
    principal = request.principal
    data = request.GET.copy()
    data["person"] = search.recall(request)
    form = AccessLogFilterForm(data)
    qs = visible_access_log(principal)
    if form.is_valid():
        person = form.cleaned_data.get("person", "").strip()
        if person:
            ids: set[int] = set()
            for finder in hooks.person_search:
                ids.update(finder(principal, person))
            found = Q(person_id__in=ids)
            bsn = normalise_bsn(person)
            if is_valid_bsn(bsn):
                # a register query (BRP) about someone not yet a client: id 0, the BSN's pseudonym
                found |= Q(person_id=0, subject_pseudonym=pseudonym(bsn))
            qs = qs.filter(found)
        actor = form.cleaned_data.get("actor", "").strip()
        if actor:
            qs = qs.filter(actor_label__icontains=actor)
        if form.cleaned_data.get("action"):
            qs = qs.filter(action=form.cleaned_data["action"])
        qs = _date_range(qs, form)
    return form, qs


def access_log(request):
    _require_privacy_officer(request)
    if request.method == "POST":
        return search.redirect_with_search(
            request, "person", keep=("actor", "date_from", "date_to", "action")
        )
    form, qs = _filtered_access_log(request)
    if request.GET.get("formaat") == "csv":
        rows = (
            (
                timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M:%S"),
                e.actor_label,
                e.get_role_display(),
                e.organisation.name,
                e.person_id,
                e.subject_pseudonym,
                e.part,
                e.get_action_display(),
                e.purpose,
                e.activity.name,
                e.channel,
                e.trace_id,
            )
            for e in qs.iterator(chunk_size=2000)
        )
        header = [
            "tijdstip",
            "door",
            "rol",
            "organisatie",
            "betrokkene_id",
            "pseudoniem",
            "onderdeel",
            "handeling",
            "doel",
            "verwerkingsactiviteit",
            "kanaal",
            "trace_id",
        ]
        return csv_response("inzagelog.csv", header, rows)
    context = {"form": form, **paginate(request, qs, per_page=50)}
    return render(request, "core/access_log.html", context)


def changed_fields(event) -> list[str]:
    """The names of the fields an event touched (their labels where the model is known), never
    the values: the privacy officer sees that a value changed, not the dossier's contents."""
    from django.apps import apps

    names = []
    for part in (event.before, event.after):
        if isinstance(part, dict):
            names.extend(name for name in part if name not in names)
    try:
        model = apps.get_model(event.object_type)
    except (LookupError, ValueError):
        model = None
    labels = []
    for name in names:
        try:
            labels.append(
                str(capfirst(model._meta.get_field(name).verbose_name)) if model else name
            )
        except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
            labels.append(name)
    return labels


def _type_label(object_type: str) -> str:
    from django.apps import apps

    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def change_log(request):
    _require_privacy_officer(request)
    form = ChangeLogFilterForm(request.GET or None)
    qs = visible_change_log(request.principal)
    if form.is_valid():
        if form.cleaned_data.get("object_type"):
            qs = qs.filter(object_type__icontains=form.cleaned_data["object_type"])
        if form.cleaned_data.get("actor"):
            qs = qs.filter(actor_label__icontains=form.cleaned_data["actor"])
        if form.cleaned_data.get("action"):
            qs = qs.filter(action=form.cleaned_data["action"])
        qs = _date_range(qs, form)
    if request.GET.get("formaat") == "csv":
        rows = (
            (
                timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M:%S"),
                e.actor_label,
                e.get_action_display(),
                e.object_type,
                e.object_id,
                ", ".join(changed_fields(e)),
                e.request_id,
            )
            for e in qs.iterator(chunk_size=2000)
        )
        header = ["tijdstip", "door", "handeling", "soort", "id", "gewijzigde velden", "verzoek"]
        return csv_response("wijzigingen.csv", header, rows)
    context = {"form": form, **paginate(request, qs, per_page=50)}
    context["rows"] = [
        {"event": e, "described": audit_text.describe(e, values=False)}
        for e in context["page"].object_list
    ]
    return render(request, "core/change_log.html", context)
