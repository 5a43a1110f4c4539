"""Start-page cards from core, per role: what needs this person's attention."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import retention
from .roles import Role
from .selectors import open_work_items, visible_access_log, visible_housing_targets


def _links(key, title, links, text=None, order=30):
    return {
        "template": "core/_home_links.html",
        "key": key,
        "title": title,
        "links": links,
        "text": text,
        "order": order,
    }


def role_card(request, principal):
    if principal is None:
        return None
    role = principal.role
    if role == Role.FUNCTIONAL_ADMIN:
        return _links(
            "beheer",
            _("Beheer"),
            [
                {"label": _("Organisaties en taakstelling"), "url": reverse("core:organisations")},
                {"label": _("Gebruikers en rollen"), "url": reverse("admin:core_user_changelist")},
                {"label": _("API-koppelingen"), "url": reverse("admin:core_apiclient_changelist")},
                retention.home_link(principal),
            ],
        )
    if role == Role.PRIVACY_OFFICER:
        count = visible_access_log(principal).count()
        return _links(
            "privacy",
            _("Toezicht"),
            [
                {
                    "label": _("Inzagelog doorzoeken"),
                    "url": reverse("core:access_log"),
                    "note": _("%(n)s regels") % {"n": count},
                },
                {"label": _("Wijzigingen doorzoeken"), "url": reverse("core:change_log")},
                retention.home_link(principal),
            ],
        )
    if role == Role.POLICY_OFFICER:
        target = (
            visible_housing_targets(principal)
            .filter(municipality_id=principal.organisation.pk)
            .order_by("-period_start")
            .first()
        )
        text = (
            _("Taakstelling %(start)s – %(end)s: %(n)s personen.")
            % {
                "start": target.period_start.strftime("%d-%m-%Y"),
                "end": target.period_end.strftime("%d-%m-%Y"),
                "n": target.target,
            }
            if target
            else _("Er is nog geen taakstelling vastgelegd.")
        )
        return _links(
            "gemeente",
            principal.organisation.name,
            [
                {"label": _("Organisaties en taakstelling"), "url": reverse("core:organisations")},
            ],
            text=text,
            order=5,
        )
    if role == Role.CONTRACT_MANAGER:
        return _links(
            "contract",
            _("Inkoop en aanbod"),
            [
                {"label": _("Contracten, percelen en facturen"), "url": reverse("offer:contracts")},
                {"label": _("Aanbieders"), "url": reverse("offer:providers")},
                {"label": _("Groepen en wachtlijst"), "url": reverse("offer:groups")},
                {"label": _("Kwaliteit per aanbieder"), "url": reverse("reporting:quality")},
            ],
            text=_("De contracten met de aanbieders in uw regio en wat zij leveren."),
        )
    if role == Role.PROVIDER_STAFF:
        return _links(
            "aanbieder",
            principal.organisation.name,
            [
                {"label": _("Klanten bij uw organisatie"), "url": reverse("clients:list")},
                {"label": _("API-documentatie voor uw systeem"), "url": "/api/v1/docs/"},
            ],
            text=_("U ziet alleen klanten die bij uw organisatie zijn ingeschreven."),
        )
    return None


def work_items_card(request, principal):
    """Open work items (ADR 8) for the team leader: his team's queue; for others only when
    something waits for them."""
    if principal is None or principal.user is None:
        return None
    from django.utils import timezone

    open_items = open_work_items(principal)
    total = open_items.count()
    if not total and principal.role != Role.TEAM_LEADER:
        return None
    late = open_items.filter(due_date__lt=timezone.localdate()).count() if total else 0
    text = (
        _("%(n)s open, waarvan %(late)s te laat.") % {"n": total, "late": late}
        if total
        else _("Er staan geen open taken.")
    )
    links = [{"label": _("Naar de taken"), "url": reverse("core:work_items")}]
    return _links("taken", _("Taken"), links, text=text, order=12)


def decree_days_card(request, principal):
    """For the functioneel beheerder: a year without recorded decree days (Atw art. 3 lid 3) is a
    gap to fill, never a silent "no extra days"; unconfirmed decree days need checking."""
    if principal is None or principal.role != Role.FUNCTIONAL_ADMIN:
        return None
    from django.utils import timezone

    from .termcalendar import unconfirmed_decree_days, years_without_decree

    missing = years_without_decree(timezone.localdate())
    unconfirmed = unconfirmed_decree_days()
    if not missing and not unconfirmed:
        return None
    parts = []
    if missing:
        parts.append(
            _(
                "Geen gelijkgestelde dagen (Algemene termijnenwet art. 3 lid 3) vastgelegd voor "
                "%(years)s: zoek het besluit gelijkstelling en leg de dagen vast."
            )
            % {"years": ", ".join(str(y) for y in missing)}
        )
    if unconfirmed:
        parts.append(
            _("%(n)s gelijkgestelde dagen zijn niet bevestigd in de tekst van het besluit.")
            % {"n": len(unconfirmed)}
        )
    url = reverse("core:rule_sets") + "#gelijkgestelde-dagen"
    links = [{"label": _("Naar de regelset en de gelijkgestelde dagen"), "url": url}]
    return _links("gelijkgestelde-dagen", _("Termijnkalender"), links, " ".join(parts), order=8)


HOME_DECISIONS = 5


def decision_queue_card(request, principal):
    """For the team leader: what waits for his decision (PIPs offered, fines proposed,
    objections), the nearest last day first, with days waiting. No client names on the start
    page (the worklist's filter shows them, logged); the links open the decision itself."""
    if principal is None or principal.role != Role.TEAM_LEADER:
        return None
    from django.utils import timezone

    from .hooks import decision_queue

    today = timezone.localdate()
    rows = decision_queue(principal)
    return {
        "template": "core/_home_decisions.html",
        "order": 11,
        "title": _("Besluiten te nemen"),
        "rows": [
            {
                "row": r,
                "days": r.days_waiting(today),
                "late": bool(r.deadline and r.deadline < today),
            }
            for r in rows[:HOME_DECISIONS]
        ],
        "total": len(rows),
        "late": sum(1 for r in rows if r.deadline and r.deadline < today),
        "url": reverse("clients:worklist") + "?toon=besluiten",
    }
