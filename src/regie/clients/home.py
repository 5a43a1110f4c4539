"""Start-page cards contributed by the clients app."""

from django.utils.translation import gettext_lazy as _

from .selectors import caseload_summary, municipality_figures


def caseload_card(request, principal):
    summary = caseload_summary(principal)
    if summary is None:
        return None
    if principal.role in ("casemanager", "teamleider"):
        from .models import Reminder
        from .selectors import worklist

        buckets = worklist(principal, mine=principal.role == "casemanager")
        summary["overdue"] = buckets["overdue"].count()
        summary["this_week"] = buckets["this_week"].count()
        summary["reminders"] = list(
            Reminder.objects.filter(user=principal.user, deadline__met_on__isnull=True)
            .select_related("deadline__client")
            .order_by("due_date")[:5]
        )
    return {
        "template": "clients/_home_caseload.html",
        "order": 10,
        "summary": summary,
        "title": _("Klanten"),
    }


def municipality_card(request, principal):
    figures = municipality_figures(principal)
    if figures is None:
        return None
    return {
        "template": "clients/_home_municipality.html",
        "order": 10,
        "figures": figures,
        "title": _("Inburgeraars in uw gemeente"),
    }
