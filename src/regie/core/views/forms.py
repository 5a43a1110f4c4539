"""The one answer of a form page: 200 for a fresh form, 400 with errors, 409 on a conflict.

Usage in a view::

    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.change(request.principal, obj, form.cleaned_data["version"], ...)
        except ConflictError as exc:  # a stale version, a transition the state does not allow
            conflict = exc
        else:
            return redirect(...)
    return render_form(request, "app/page.html", context, form, conflict=conflict)

The page shows the conflict in its error summary (``{% error_summary form conflict=conflict %}``);
``has_errors`` in the context puts "Fout:" before the page title.
"""

from django.http import HttpResponse
from django.shortcuts import render


def form_status(*forms, errors=False, conflict=None) -> int:
    """409 when a change conflicted, 400 when a bound form (or the view) has errors, else 200."""
    if conflict:
        return 409
    if errors or any(f is not None and f.is_bound and f.errors for f in forms):
        return 400
    return 200


def render_form(
    request, template: str, context: dict, *forms, errors=False, conflict=None
) -> HttpResponse:
    """Render a form page with the status of :func:`form_status`.

    ``forms``: the page's forms (None is skipped); ``errors``: errors the view found besides the
    forms' own (a service's refusal kept in a list); ``conflict``: the ``ConflictError`` (or its
    Dutch sentence) a service raised. Adds ``conflict`` (the sentence) and ``has_errors``.
    """
    status = form_status(*forms, errors=errors, conflict=conflict)
    context = {
        **context,
        "conflict": str(conflict) if conflict else None,
        "has_errors": bool(context.get("has_errors")) or status != 200,
    }
    return render(request, template, context, status=status)
