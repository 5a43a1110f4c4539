"""Dossier part Bezwaar (70), one objection with its steps, the letters, and the team's register.

Thin: scoping and the access log through ``open_dossier`` (reads with Access.FULL or READ, writes
with FULL); the decision on the objection and the penalty only by the team leader; rules in
``services``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients.models import Deadline
from regie.clients.selectors import Access
from regie.clients.views import open_dossier
from regie.core.audit import log_access
from regie.core.errors import ConflictError
from regie.core.models import AccessLogEntry
from regie.core.roles import Role
from regie.core.views.forms import render_form

from . import deadlines, forms, pdf, selectors, services
from .models import DecisionKind, Status

BOTH = {Access.FULL, Access.READ}


def _open(request, uuid, write=False):
    return open_dossier(
        request,
        uuid,
        part="bezwaar",
        url_name="objections:dossier",
        allowed={Access.FULL} if write else BOTH,
    )


def _fail(form, error):
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.messages[0])
    else:
        for message in error.messages:
            form.add_error(None, message)


def dossier(request, uuid):
    write = request.method == "POST"
    client, access, context = _open(request, uuid, write)
    form = forms.RegisterForm(
        request.POST or None,
        plan_versions=selectors.contestable_plan_versions(client),
        fines=selectors.contestable_fines(client),
    )
    conflict = None
    if write and form.is_valid():
        try:
            objection = services.register_objection(request.principal, client, **form.cleaned_data)
        except services.ObjectionError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(
                request, _("Het bezwaar is geregistreerd. De beslistermijn staat in de werklijst.")
            )
            return redirect("objections:detail", uuid=client.uuid, objection_uuid=objection.uuid)
    objections = list(selectors.objections_of(client).annotate(decision_due=_decision_due()))
    rows = [(o, selectors.decision_label(o)) for o in objections]
    context.update({"form": form, "rows": rows})
    return render_form(request, "objections/dossier.html", context, form, conflict=conflict)


# step -> (form class, service, team leader only)
STEPS = {
    "herstel": (forms.RepairForm, services.request_repair, False),
    "hersteld": (forms.RepairedForm, services.record_repair, False),
    "verdagen": (forms.PostponeForm, services.postpone, False),
    "uitstel": (forms.FurtherDelayForm, services.delay_further, False),
    "hoorzitting": (forms.PlanHearingForm, services.plan_hearing, False),
    "horen": (forms.HearingForm, services.record_hearing, False),
    "afzien": (forms.WaiveForm, services.waive_hearing, False),
    "beslissen": (forms.DecideForm, services.decide, True),
    "pip": (forms.LinkRevisionForm, services.link_revision, False),
    "ingebrekestelling": (forms.DefaultNoticeForm, services.record_default_notice, False),
    "dwangsom": (forms.PenaltyForm, services.fix_penalty, True),
    "beroep": (forms.AppealForm, services.file_appeal, False),
    "uitspraak": (forms.AppealOutcomeForm, services.record_appeal_outcome, False),
}


def _available_steps(objection, is_team_leader: bool) -> list[str]:
    steps = []
    if not objection.decided_on:
        if objection.repair_requested_on and not objection.repaired_on:
            steps.append("hersteld")
        elif not objection.repair_requested_on:
            steps.append("herstel")
        steps.append("verdagen" if not objection.postponement_weeks else "uitstel")
        if not objection.hearing_done:
            steps += ["hoorzitting", "horen", "afzien"]
        if is_team_leader:
            steps.append("beslissen")
        if not objection.default_notice_received_on:
            steps.append("ingebrekestelling")
    elif (
        objection.upheld
        and objection.decision_kind == DecisionKind.PIP
        and not objection.new_plan_version_id
    ):
        steps.append("pip")
    if objection.default_notice_received_on and not objection.penalty_fixed_on and is_team_leader:
        steps.append("dwangsom")
    if not objection.appeal_filed_on:
        steps.append("beroep")
    elif not objection.appeal_decided_on:
        steps.append("uitspraak")
    return steps


def _form_for(step, objection, data=None):
    form_class = STEPS[step][0]
    kwargs = {}
    if form_class is forms.LinkRevisionForm:
        kwargs["candidates"] = selectors.revision_candidates(objection)
    return form_class(data, initial={"version": objection.version}, prefix=step, **kwargs)


def detail(request, uuid, objection_uuid):
    write = request.method == "POST"
    client, access, context = _open(request, uuid, write)
    objection = get_object_or_404(selectors.objections_of(client), uuid=objection_uuid)
    is_team_leader = request.principal.role == Role.TEAM_LEADER
    steps = _available_steps(objection, is_team_leader) if access == Access.FULL else []
    bound_step = request.POST.get("step") if write else None
    if write and bound_step not in steps:
        raise Http404
    step_forms = {
        s: _form_for(s, objection, request.POST if s == bound_step else None) for s in steps
    }
    conflict = None
    if bound_step:
        form = step_forms[bound_step]
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                STEPS[bound_step][1](request.principal, objection, version, **data)
            except services.ObjectionError as exc:
                _fail(form, exc)
            except ConflictError as exc:
                conflict = exc
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("De stap is vastgelegd. De termijnen zijn bijgewerkt."))
                return redirect(
                    "objections:detail", uuid=client.uuid, objection_uuid=objection.uuid
                )
    context.update(
        {
            "objection": objection,
            "decision_label": selectors.decision_label(objection),
            "terms": selectors.terms_for(objection, timezone.localdate()),
            "step_forms": step_forms,
            "is_team_leader": is_team_leader,
            "form": step_forms.get(bound_step) if bound_step else None,
        }
    )
    bound = [step_forms[bound_step]] if bound_step else []
    return render_form(request, "objections/detail.html", context, *bound, conflict=conflict)


LETTERS = {
    "herstel": _("Verzoek om herstel van een verzuim"),
    "verdaging": _("Verdaging van de beslissing op uw bezwaar"),
    "uitstel": _("Verder uitstel van de beslissing op uw bezwaar"),
    "beslissing": _("Beslissing op uw bezwaar"),
}


def letter(request, uuid, objection_uuid, kind):
    """A letter where the Awb requires written notice (Awb art. 7:10 lid 5) or the decision."""
    client, access, context = _open(request, uuid)
    objection = get_object_or_404(selectors.objections_of(client), uuid=objection_uuid)
    available = {
        "herstel": objection.repair_requested_on,
        "verdaging": objection.postponed_on,
        "uitstel": objection.further_delay_on,
        "beslissing": objection.decided_on,
    }
    if kind not in LETTERS or not available[kind]:
        raise Http404
    log_access(
        request.principal,
        [(client.pk, client.bsn)],
        part="bezwaar",
        activity="dossier-inzien",
        action=AccessLogEntry.Action.EXPORT,
    )
    content = pdf.letter_pdf(
        objection,
        kind,
        LETTERS[kind],
        selectors.terms_for(objection, timezone.localdate()),
        selectors.decision_label(objection),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bezwaar-{objection.number}-{kind}.pdf"'
    )
    return response


def _decision_due():
    """The stored decision term of each objection (one subquery, no query per row)."""
    return Subquery(
        Deadline.objects.filter(
            client=OuterRef("client"), kind=deadlines.DECISION, sequence=OuterRef("number")
        ).values("due_date")[:1]
    )


def register(request):
    """The team's objection register: every objection of the clients in scope, open first."""
    principal = request.principal
    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        raise Http404
    qs = selectors.visible_objections(principal).annotate(decision_due=_decision_due())
    show = request.GET.get("toon", "open")
    if show == "open":
        qs = qs.filter(decided_on__isnull=True)
    objections = list(qs.order_by("decision_due", "received_on", "id")[:200])
    return render(
        request,
        "objections/register.html",
        {
            "objections": objections,
            "show": show,
            "today": timezone.localdate(),
            "Status": Status,
        },
    )
