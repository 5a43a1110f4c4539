from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "regie.portal"
    label = "portal"
    verbose_name = _("Portaal voor de inburgeraar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import work_items

        work_items.register()
