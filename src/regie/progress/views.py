"""Dossier parts Voortgang (40), Handhaving (50) and DUO en afsluiten (60); the handover import.

Thin: scoping and the access log through ``open_dossier``, rules in ``services``. Reads with
Access.FULL or READ; writes only with FULL; the fine decision only by the team leader.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from regie.clients.residence import history as residence_history
from regie.clients.selectors import Access
from regie.clients.views import open_dossier
from regie.core.audit import log_access
from regie.core.errors import ConflictError
from regie.core.models import AccessLogEntry
from regie.core.roles import Role
from regie.core.views.forms import render_form

from . import handover, pdf, services
from .forms import (
    AssessForm,
    CloseForm,
    DecideFineForm,
    DuoDecisionForm,
    HearingForm,
    ImportForm,
    MeasureForm,
    MoveForm,
    OpenEnforcementForm,
    ProposeFineForm,
    RecordReviewForm,
    ReportForm,
    ScheduleReviewForm,
    WarningForm,
)
from .models import EnforcementStatus, Review, Violation
from .selectors import (
    current_term_end,
    fine_procedure_of,
    late_offer_check,
    late_offer_statements_of,
    plan_facts,
    review_schedule,
)

BOTH = {Access.FULL, Access.READ}


def _open(request, uuid, part, url_name, write=False):
    return open_dossier(
        request, uuid, part=part, url_name=url_name, allowed={Access.FULL} if write else BOTH
    )


def _fail(form, error):
    """Put a service's refusal on the form so the summary shows it; input is kept."""
    for message in error.messages:
        form.add_error(None, message)


# --- Voortgang ------------------------------------------------------------------------------


def reviews(request, uuid):
    write = request.method == "POST"
    client, access, context = _open(request, uuid, "voortgang", "progress:reviews", write)
    form = ScheduleReviewForm(request.POST or None, initial={"kind": "voortgangsgesprek"})
    conflict = None
    if write and form.is_valid():
        try:
            services.schedule_review(request.principal, client, **form.cleaned_data)
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De afspraak is gepland."))
            return redirect("progress:reviews", uuid=client.uuid)
    facts = plan_facts(client)
    schedule, rules = (None, None)
    if facts.decided:
        held = list(
            client.reviews.filter(held_on__isnull=False, kind="voortgangsgesprek").values_list(
                "held_on", flat=True
            )
        )
        schedule, rules = review_schedule(facts.pip_date, held)
    context.update(
        {
            "form": form,
            "reviews": client.reviews.all(),
            "facts": facts,
            "schedule": schedule,
            "review_count": rules.value("review_min_count") if rules else None,
            "window_months": rules.value("review_window_months") if rules else None,
            "review_unconfirmed": bool(rules)
            and (
                rules.unconfirmed("review_min_count") or rules.unconfirmed("review_window_months")
            ),
            "deadlines": client.deadlines.filter(kind__in=["review", "contact_year_one"]),
        }
    )
    context["report_summary"] = _provider_summary(client)
    return render_form(request, "progress/reviews.html", context, form, conflict=conflict)


def review_record(request, uuid, review_uuid):
    client, access, context = _open(request, uuid, "voortgang", "progress:reviews", write=True)
    review = get_object_or_404(Review, client=client, uuid=review_uuid)
    facts = plan_facts(client)
    initial = {
        "version": review.version,
        "held_on": review.held_on,
        "component": str(review.component_uuid or ""),
        "offer_start": review.offer_start or facts.offer_start,
        "hours_attended": review.hours_attended
        if review.hours_attended is not None
        else _reported_hours(facts, review),
        "progress": review.progress,
        "employer_input": review.employer_input,
        "client_view": review.client_view,
        "satisfaction": review.satisfaction,
        "outcome": review.outcome,
    }
    form = RecordReviewForm(request.POST or None, initial=initial, components=facts.components)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["component_uuid"] = data.pop("component") or None
        try:
            services.record_review(request.principal, review, version, **data)
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("Het gesprek is vastgelegd. De termijnen zijn bijgewerkt."))
            return redirect("progress:reviews", uuid=client.uuid)
    context.update({"form": form, "review": review})
    context["report_summary"] = _provider_summary(client)
    return render_form(request, "progress/review_form.html", context, form, conflict=conflict)


# --- Handhaving -----------------------------------------------------------------------------


def enforcement(request, uuid):
    write = request.method == "POST"
    client, access, context = _open(request, uuid, "handhaving", "progress:enforcement", write)
    form = OpenEnforcementForm(request.POST or None)
    conflict = None
    if write and form.is_valid():
        try:
            case = services.open_enforcement(request.principal, client, **form.cleaned_data)
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De handhavingszaak is geopend."))
            return redirect("progress:enforcement_case", uuid=client.uuid, case_uuid=case.uuid)
    context.update({"form": form, "cases": client.enforcement_cases.all()})
    return render_form(request, "progress/enforcement.html", context, form, conflict=conflict)


STEP_FORMS = {
    "beoordelen": (AssessForm, services.assess),
    "waarschuwen": (WarningForm, services.give_warning),
    "rapport": (ReportForm, services.record_report),
    "zienswijze": (HearingForm, services.record_hearing),
    "maatregel": (MeasureForm, services.refer_measure),
}


def _can_report(case) -> bool:
    return (
        case.is_fine_path and case.report_date is None and case.status in services.REPORT_STATUSES
    )


def _next_step(case, procedure=None, wanted: str = "", posting=False) -> str | None:
    """The step whose form the case page shows; ``wanted="rapport"`` asks for the (optional)
    report out of turn (Awb 5:48). A posted report form always reaches the service, so a stale
    copy gets the 409 of the version check rather than another step's form."""
    if wanted == "rapport" and case.is_fine_path and (posting or _can_report(case)):
        return "rapport"
    if case.status == EnforcementStatus.OPEN:
        return "beoordelen"
    if case.status == EnforcementStatus.ASSESSED:
        return "maatregel" if case.violation == Violation.PARTICIPATION else "waarschuwen"
    if case.status == EnforcementStatus.WARNED:
        # Awb 5:53 lid 2 and 5:50 lid 1 onder a: where 5:53 applies the report comes first
        if procedure is not None and procedure.heavy and case.report_date is None:
            return "rapport"
        return "zienswijze"
    return None


def _case(client, case_uuid):
    return get_object_or_404(client.enforcement_cases, uuid=case_uuid)


def enforcement_case(request, uuid, case_uuid):
    write = request.method == "POST"
    client, access, context = _open(request, uuid, "handhaving", "progress:enforcement", write)
    case = _case(client, case_uuid)
    procedure = fine_procedure_of(case, services._today())
    wanted = request.GET.get("stap", "")
    step = _next_step(case, procedure, wanted, posting=write)
    form = None
    conflict = None
    if step:
        form_class, action = STEP_FORMS[step]
        form = form_class(request.POST or None, initial={"version": case.version})
        if write and form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                action(request.principal, case, version, **data)
            except services.ProgressError as exc:
                _fail(form, exc)
            except ConflictError as exc:
                conflict = exc
            else:
                messages.success(request, _("De stap is vastgelegd."))
                return redirect("progress:enforcement_case", uuid=client.uuid, case_uuid=case.uuid)
    elif write:
        raise Http404
    context.update(
        {
            "case": case,
            "step": step,
            "form": form,
            "procedure": procedure,
            "can_report": _can_report(case) and step != "rapport",
            "is_team_leader": request.principal.role == Role.TEAM_LEADER,
        }
    )
    return render_form(request, "progress/enforcement_case.html", context, form, conflict=conflict)


def _fine_context(case, client):
    limit, fixed, rules, key = services.fine_bounds(case, services._today())
    return {
        "procedure": fine_procedure_of(case, services._today()),
        "limit": limit,
        "fixed": fixed,
        "rule_key": key,
        "rule_source": rules.source(key) if key else "",
        "rule_unconfirmed": rules.unconfirmed(key) if key else False,
        "asylum_note": client.is_asylum_holder,
    }


def propose_fine(request, uuid, case_uuid):
    """Confirmation page 'Boete voorstellen': names the consequences."""
    client, access, context = _open(request, uuid, "handhaving", "progress:enforcement", write=True)
    case = _case(client, case_uuid)
    if case.violation == Violation.PARTICIPATION or case.status != EnforcementStatus.HEARD:
        raise Http404
    limit, fixed, _rules, _key = services.fine_bounds(case, services._today())
    form = ProposeFineForm(
        request.POST or None, initial={"version": case.version, "amount": limit if fixed else None}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.propose_fine(request.principal, case, version, **data)
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De boete is voorgesteld. De teamleider besluit erover."))
            return redirect("progress:enforcement_case", uuid=client.uuid, case_uuid=case.uuid)
    context.update({"case": case, "form": form})
    context.update(_fine_context(case, client))
    return render_form(request, "progress/propose_fine.html", context, form, conflict=conflict)


def decide_fine(request, uuid, case_uuid):
    """The team leader's fine decision (four eyes)."""
    if request.principal is None or request.principal.role != Role.TEAM_LEADER:
        raise Http404
    client, access, context = _open(request, uuid, "handhaving", "progress:enforcement", write=True)
    case = _case(client, case_uuid)
    if case.status != EnforcementStatus.PROPOSED:
        raise Http404
    form = DecideFineForm(request.POST or None, initial={"version": case.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_fine(
                request.principal,
                case,
                form.cleaned_data["version"],
                impose=form.cleaned_data["decision"] == "opleggen",
                note=form.cleaned_data["note"],
            )
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Het besluit over de boete is vastgelegd."))
            return redirect("progress:enforcement_case", uuid=client.uuid, case_uuid=case.uuid)
    context.update({"case": case, "form": form})
    context.update(_fine_context(case, client))
    return render_form(request, "progress/decide_fine.html", context, form, conflict=conflict)


def _download(request, client, part, content: bytes, filename: str, content_type: str):
    log_access(
        request.principal,
        [(client.pk, client.bsn)],
        part=part,
        activity="dossier-inzien",
        action=AccessLogEntry.Action.EXPORT,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _client_only(request, uuid, allowed):
    from .selectors import client_for

    client = client_for(request.principal, uuid, allowed)
    if client is None:
        raise Http404
    return client


def fine_pdf(request, uuid, case_uuid):
    client = _client_only(request, uuid, BOTH)
    case = _case(client, case_uuid)
    if case.fine_amount is None:
        raise Http404
    return _download(
        request,
        client,
        "handhaving",
        pdf.fine_decision_pdf(case),
        "boetebesluit.pdf",
        "application/pdf",
    )


# --- DUO en afsluiten -----------------------------------------------------------------------


def duo(request, uuid):
    write = request.method == "POST"
    client, access, context = _open(request, uuid, "duo-en-afsluiten", "progress:duo", write)
    form = DuoDecisionForm(request.POST or None)
    conflict = None
    if write and form.is_valid():
        try:
            services.record_duo_decision(request.principal, client, **form.cleaned_data)
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("Het besluit van DUO is vastgelegd."))
            return redirect("progress:duo", uuid=client.uuid)
    facts = plan_facts(client)
    check = late_offer_check(client, services._today(), facts)
    context.update(
        {
            "form": form,
            "decisions": client.duo_decisions.all(),
            "statements": late_offer_statements_of(client),
            "closures": client.closures.all(),
            "facts": facts,
            "check": check,
            "term_end": current_term_end(client, facts),
            "imports": client.handover_imports.all(),
            "residences": residence_history(client),
        }
    )
    return render_form(request, "progress/duo.html", context, form, conflict=conflict)


def late_offer(request, uuid):
    """Confirmation page for the late-offer statement (a legal act)."""
    client, access, context = _open(request, uuid, "duo-en-afsluiten", "progress:duo", write=True)
    facts = plan_facts(client)
    check = late_offer_check(client, services._today(), facts)
    error = None
    conflict = None
    if request.method == "POST":
        try:
            services.issue_late_offer_statement(request.principal, client)
        except services.ProgressError as exc:
            error = exc.messages[0]
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(request, _("De verklaring te laat aanbod is opgesteld."))
            return redirect("progress:duo", uuid=client.uuid)
    context.update({"facts": facts, "check": check, "error": error})
    return render_form(
        request, "progress/late_offer.html", context, errors=bool(error), conflict=conflict
    )


def late_offer_pdf(request, uuid, statement_uuid):
    client = _client_only(request, uuid, BOTH)
    statement = get_object_or_404(client.late_offer_statements, uuid=statement_uuid)
    return _download(
        request,
        client,
        "duo-en-afsluiten",
        pdf.late_offer_pdf(statement),
        "verklaring-te-laat-aanbod.pdf",
        "application/pdf",
    )


def close(request, uuid):
    """Confirmation page 'Dossier sluiten'."""
    client, access, context = _open(request, uuid, "duo-en-afsluiten", "progress:duo", write=True)
    if client.status == "closed":
        raise Http404
    form = CloseForm(request.POST or None, initial={"version": client.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            services.close_dossier(request.principal, client, version, **form.service_values())
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(
                request, _("Het dossier is gesloten. Open termijnen tellen niet meer.")
            )
            return redirect("progress:duo", uuid=client.uuid)
    from regie.clients.closing import EFFECTS

    context.update(
        {
            "form": form,
            "open_deadlines": client.deadlines.filter(met_on__isnull=True),
            "effects": list(EFFECTS.values()),
            "term_end": current_term_end(client),
        }
    )
    return render_form(request, "progress/close.html", context, form, conflict=conflict)


def move(request, uuid):
    """Page 'Verhuizing binnen de regio': the case stays with the team."""
    from regie.core.models import Organisation
    from regie.core.roles import OrganisationKind

    client, access, context = _open(request, uuid, "duo-en-afsluiten", "progress:duo", write=True)
    if client.status == "closed":
        raise Http404
    municipalities = (
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, region_id=client.municipality.region_id
        )
        .exclude(pk=client.municipality_id)
        .order_by("name")
    )
    form = MoveForm(
        request.POST or None, initial={"version": client.version}, municipalities=municipalities
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            _period, draft = services.move_within_region(request.principal, client, version, **data)
        except services.ProgressError as exc:
            _fail(form, exc)
        except ConflictError as exc:
            conflict = exc
        else:
            messages.success(
                request,
                _(
                    "De verhuizing is vastgelegd. Het dossier blijft bij het team. Stel het PIP "
                    "bij voor het college van de nieuwe gemeente."
                )
                if draft
                else _("De verhuizing is vastgelegd. Het dossier blijft bij het team."),
            )
            return redirect("progress:duo", uuid=client.uuid)
    context.update({"form": form})
    return render_form(request, "progress/move.html", context, form, conflict=conflict)


def handover_export(request, uuid):
    client = _client_only(request, uuid, {Access.FULL})
    return _download(
        request,
        client,
        "overdracht",
        handover.export_package(client),
        "overdracht.zip",
        "application/zip",
    )


def handover_import(request):
    """Upload page for the receiving team (team leader or case manager)."""
    try:
        team = handover.receiving_team_of(request.principal)
    except PermissionDenied:
        raise Http404 from None
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        municipalities=handover.municipality_choices(team),
    )
    report = []
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["package"].read()
        try:
            client = handover.import_package(
                raw,
                team=team,
                municipality=form.cleaned_data.get("municipality"),
                user=request.principal.user,
            )
        except handover.HandoverReferred as referred:
            # another team holds this person: a neutral answer and a work item for its leader
            from regie.clients.registration import REFERRED_MESSAGE
            from regie.clients.work_items import request_handover

            request_handover(request.principal, referred.client)
            messages.info(request, str(REFERRED_MESSAGE))
            return redirect("progress:handover_import")
        except handover.HandoverError as exc:
            report = exc.errors
            form.add_error(
                "package",
                _(
                    "Het pakket is niet ingelezen. Los de problemen hieronder op en probeer het "
                    "opnieuw."
                ),
            )
        else:
            messages.success(request, _("De overdracht is ingelezen. Het dossier is aangemaakt."))
            return redirect("clients:dossier", uuid=client.uuid)
    return render_form(
        request,
        "progress/handover_import.html",
        {"form": form, "report": report, "team": team},
        form,
    )


def _provider_summary(client):
    """What providers reported (the offer app, same level: its selectors only)."""
    from regie.offer.selectors import client_report_summary

    return client_report_summary(client)


def _reported_hours(facts, review):
    """Hours attended as the providers reported them on the PIP component (prefill)."""
    for uuid, _label, _start, hours, _progress in facts.components:
        if review.component_uuid and str(uuid) == str(review.component_uuid):
            return hours
    return facts.components[0][3] if facts.components else None
