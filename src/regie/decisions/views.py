"""Thin views: the list with import, the result page, exports, and weight and points entry."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regie.core.errors import ConflictError
from regie.core.views.forms import render_form

from . import mca, pdf, services
from .forms import ImportForm, PointsForm, WeightsForm
from .mca.textformat import format_moved_weight
from .selectors import (
    get_visible_study,
    may_edit_points,
    may_edit_weights,
    may_manage_studies,
    may_use_studies,
    own_stakeholder,
    visible_studies,
)


def _principal(request):
    if not may_use_studies(request.principal):
        raise PermissionDenied
    return request.principal


def _study_or_404(request, uuid):
    study = get_visible_study(_principal(request), uuid)
    if study is None:
        raise Http404
    return study


def study_list(request):
    principal = _principal(request)
    can_import = may_manage_studies(principal)
    form = None
    if can_import:
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            study = services.create_study(principal, form.study.to_dict())
            messages.success(request, _("De studie is opgeslagen."))
            return redirect("decisions:detail", study.uuid)
    elif request.method == "POST":
        raise PermissionDenied
    return render_form(
        request, "decisions/list.html", {"studies": visible_studies(principal), "form": form}, form
    )


def report_context(study, result) -> dict:
    """Everything the result page and the PDF show, in the study's order."""
    alternatives = result["alternatives"]
    names = {a["key"]: a["name"] for a in alternatives}
    criterion_names = {c["key"]: c["name"] for c in result["criteria"]}
    keys = [a["key"] for a in alternatives]
    rows = [
        {
            "name": c["name"],
            "count": c["criteria_count"],
            "mean_weight": c["mean_weight"],
            "scores": [c["scores"][k] for k in keys],
        }
        for c in result["clusters"]
    ]
    total = {
        "mean_weight": result["total"]["mean_weight"],
        "scores": [result["total"]["scores"][k] for k in keys],
    }
    robustness = result["robustness"]
    change = robustness["smallest_point_change"]
    if change:
        change = {
            **change,
            "alternative_name": names[change["alternative"]],
            "criterion_name": criterion_names[change["criterion"]],
            "new_ranking_names": [names[k] for k in change["new_ranking"]],
        }
    acceptability = [
        {"name": names[k], "shares": [share * 100 for share in robustness["rank_acceptability"][k]]}
        for k in keys
    ]
    reversal = robustness.get("top_two_reversal")
    if reversal:
        reversal = {
            **reversal,
            "from_name": names[reversal["from"]],
            "to_name": names[reversal["to"]],
            "moved_text": format_moved_weight(reversal["moved_pp"]),  # as in the verdict
        }
    group = result["group"]
    aggregations = [
        {
            "label": entry["label"],
            "winners": ", ".join(names[k] for k in entry["winners"]),
            "winner_changed": entry["winner_changed"],
            "scores": [entry["scores"][k] for k in keys],
        }
        for entry in group["aggregations"].values()
    ]
    spread = sorted(group["weight_spread"], key=lambda e: e["consensus"])
    return {
        "study": study,
        "result": result,
        "alternatives": alternatives,
        "rows": rows,
        "total": total,
        "ranks": list(range(1, len(keys) + 1)),
        "scores_svg": mark_safe(mca.scores_chart_svg(result)),  # noqa: S308 - the engine escapes
        "acceptability_svg": mark_safe(mca.acceptability_chart_svg(result)),  # noqa: S308
        "tornado_svg": mark_safe(mca.tornado_chart_svg(result)),  # noqa: S308
        "change": change,
        "acceptability": acceptability,
        "intervals": sorted(  # the same order as the tornado chart: most sensitive first
            robustness["weight_intervals"],
            key=lambda e: (e["margin"] is None, e["margin"] if e["margin"] is not None else 0),
        ),
        "reversal": reversal,
        "gap": robustness["gap"],
        "smaa": robustness["smaa"],
        "statements": group["statements"],
        "discuss_first": [criterion_names[k] for k in group["discuss_first"]],
        "spread": spread,
        "aggregations": aggregations,
        "winner_depends_on_aggregation": group["winner_depends_on_aggregation"],
        "verdict": result["verdict"],
        "stakeholders": result["stakeholders"],
    }


def study_detail(request, uuid):
    study = _study_or_404(request, uuid)
    principal = request.principal
    context = report_context(study, services.result(study))
    context.update(
        own_stakeholder=own_stakeholder(principal, study),
        can_edit_points=may_edit_points(principal),
    )
    return render(request, "decisions/detail.html", context)


def study_export(request, uuid):
    study = _study_or_404(request, uuid)
    response = HttpResponse(services.export_json(study), content_type="application/json")
    name = slugify(study.title)[:60] or "studie"
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


def study_pdf(request, uuid):
    study = _study_or_404(request, uuid)
    context = report_context(study, services.result(study))
    content = pdf.render_pdf(request, "decisions/report_pdf.html", context)
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(study.title)[:60] or "studie"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def edit_weights(request, uuid, stakeholder):
    study = _study_or_404(request, uuid)
    if stakeholder not in study.data.get("stakeholders", []):
        raise Http404
    if not may_edit_weights(request.principal, study, stakeholder):
        raise PermissionDenied
    form = WeightsForm(request.POST or None, study=study, stakeholder=stakeholder)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_weights(
                request.principal, study, stakeholder, form.weights(), form.cleaned_data["version"]
            )
        except ConflictError as exc:
            conflict = exc
        except mca.StudyError as error:
            form.add_error(None, services.error_lines(error))
        else:
            messages.success(
                request, _("De gewichten van %(name)s zijn opgeslagen.") % {"name": stakeholder}
            )
            return redirect("decisions:detail", study.uuid)
    return render_form(
        request,
        "decisions/weights.html",
        {"study": study, "stakeholder": stakeholder, "form": form},
        form,
        conflict=conflict,
    )


def edit_points(request, uuid):
    study = _study_or_404(request, uuid)
    if not may_edit_points(request.principal):
        raise PermissionDenied
    form = PointsForm(request.POST or None, study=study)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_points(
                request.principal, study, form.points(), form.cleaned_data["version"]
            )
        except ConflictError as exc:
            conflict = exc
        except mca.StudyError as error:
            form.add_error(None, services.error_lines(error))
        else:
            messages.success(request, _("De punten zijn opgeslagen."))
            return redirect("decisions:detail", study.uuid)
    return render_form(
        request, "decisions/points.html", {"study": study, "form": form}, form, conflict=conflict
    )


KEY_LABELS = {
    "taakstelling": _("naar taakstelling"),
    "inhabitants": _("naar inwonertal"),
    "fixed_plus_variable": _("vast deel gelijk, de rest naar taakstelling"),
}


def cost_model(request):
    """The scenario cost and capacity model: demo inputs or an uploaded file, funding from rules."""
    from decimal import Decimal, InvalidOperation

    from . import costcharts, costmodel, costs

    _principal(request)
    errors = []
    key = request.GET.get("verdeling", "taakstelling")
    if key not in KEY_LABELS:
        key = "taakstelling"
    try:
        fixed_pct = Decimal(request.GET.get("vast_deel", "20"))
        if not 0 <= fixed_pct <= 100:
            raise InvalidOperation
    except InvalidOperation:
        errors.append(
            ("id_vast_deel", _("Vul het vaste deel in als een percentage van 0 tot 100."))
        )
        fixed_pct = Decimal("20")
    text = None
    if request.method == "POST" and request.FILES.get("invoer"):
        upload = request.FILES["invoer"]
        if upload.size > 1_000_000:
            errors.append(("id_invoer", _("Het bestand moet kleiner zijn dan 1 MB.")))
        else:
            text = upload.read().decode("utf-8", errors="replace")
    try:
        inputs = costs.load(text)
    except costmodel.CostModelError as error:
        errors.extend(("id_invoer", f"{place}: {message}") for place, message in error.errors)
        inputs = costs.load()
    outcome = costs.run(inputs, key=key, fixed_share=fixed_pct / 100)
    comparison = outcome["comparison"]
    results = list(comparison["results"].values())
    chosen = request.GET.get("scenario") or results[-1].scenario_key
    focus = comparison["results"].get(chosen, results[-1])
    measurement_json = json.dumps(
        {"netto_kosten": costmodel.as_measurement(comparison)},
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    if request.GET.get("formaat") == "criterium":
        # the block for a study file, as a download rather than code on the page (issue 14)
        response = HttpResponse(measurement_json, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="netto-kosten-criterium.json"'
        return response
    per_municipality: dict[str, dict] = {}
    for year in focus.years:
        for share in year.municipalities:
            row = per_municipality.setdefault(
                share.name, {"name": share.name, "clients": 0, "funding": 0, "net": 0, "total": 0}
            )
            row["clients"] += share.new_clients
            row["funding"] += share.own_funding
            row["net"] += share.net_cost
            row["total"] += share.contribution
    context = {
        "outcome": outcome,
        "municipality_rows": list(per_municipality.values()),
        "results": results,
        "focus": focus,
        "key": key,
        "key_labels": KEY_LABELS,
        "fixed_pct": fixed_pct,
        "errors": errors,
        "has_errors": bool(errors),
        "cost_svg": mark_safe(costcharts.cost_chart_svg(results)),  # noqa: S308 - escaped by costcharts
        "municipality_svg": mark_safe(costcharts.municipality_chart_svg(focus)),  # noqa: S308
        "key_label": KEY_LABELS[key],
        "assumptions": sorted(inputs.assumptions.items()),
        "comparison_rows": [
            {
                "name": r.scenario_name,
                "total": comparison["total_cost"][r.scenario_key],
                "one_off": comparison["one_off_cost"][r.scenario_key],
                "funding": comparison["funding"][r.scenario_key],
                "net": comparison["net_cost"][r.scenario_key],
                "fte": comparison["fte_case_manager"][r.scenario_key],
                "months": comparison["implementation_months"][r.scenario_key],
            }
            for r in results
        ],
    }
    return render_form(request, "decisions/costs.html", context, errors=bool(errors))
