"""The main menu per role: built from the same rules as the views, at most ~7 items.

Apps higher up register their menu items here (a service hook), so ``core`` imports nothing above it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class MenuItem:
    order: int
    label: str
    url_name: str
    roles: frozenset[str]
    staff_only: bool = False


_ITEMS: list[MenuItem] = []


def register(order: int, label, url_name: str, roles, staff_only: bool = False) -> None:
    item = MenuItem(order, label, url_name, frozenset(roles), staff_only)
    if item not in _ITEMS:
        _ITEMS.append(item)


def main_menu(request, principal) -> list[dict]:
    if principal is None:
        return []
    path = request.path
    # A DRF page without authentication classes (the API docs) has request.user None: the
    # logged-in user is on the Django request underneath.
    user = getattr(getattr(request, "_request", request), "user", None)
    items = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if principal.role not in item.roles:
            continue
        if item.staff_only and not getattr(user, "is_staff", False):
            continue
        items.append({"label": item.label, "url": reverse(item.url_name), "current": False})
    # one item is current: the one whose URL is the longest prefix of this page
    matches = [
        i for i in items if (path == i["url"] if i["url"] == "/" else path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["current"] = True
    return items


register(0, _("Start"), "core:home", set(Role.values))
register(40, _("Organisaties"), "core:organisations", set(Role.values) - {Role.PROVIDER_STAFF})
register(
    85,
    _("Regelset"),
    "core:rule_sets",
    {Role.FUNCTIONAL_ADMIN, Role.TEAM_LEADER, Role.POLICY_OFFICER},
)
register(16, _("Taken"), "core:work_items", {Role.TEAM_LEADER})
register(80, _("Inzagelog"), "core:access_log", {Role.PRIVACY_OFFICER})
register(81, _("Wijzigingen"), "core:change_log", {Role.PRIVACY_OFFICER})
register(83, _("Vernietigen"), "core:destruction", {Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER})
register(89, _("Rollen"), "core:roles", {Role.FUNCTIONAL_ADMIN})
register(90, _("Beheer"), "admin:index", {Role.FUNCTIONAL_ADMIN}, staff_only=True)
