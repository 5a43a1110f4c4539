from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "regie.portal"
    label = "portal"
    verbose_name = _("Portaal voor de inburgeraar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regie.clients import dossier
        from regie.clients.selectors import Access
        from regie.core import menu
        from regie.core.roles import Role

        from . import work_items

        work_items.register()
        dossier.register(
            70, _("Portaalberichten"), "portal_staff:messages", {Access.FULL, Access.READ}
        )
        menu.register(
            88,
            _("Verschillen gemeenten"),
            "portal_staff:differences",
            {Role.POLICY_OFFICER, Role.CASE_MANAGER, Role.TEAM_LEADER},
        )
