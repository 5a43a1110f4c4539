from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Figures built from other apps' data (read through their selectors): the provider quality
    figures and their signals now; municipality dashboards and council reports later."""

    name = "regie.reporting"
    label = "reporting"
    verbose_name = _("Rapportages")

    def ready(self) -> None:
        from regie.clients.selectors import WORKLIST_SIGNALS
        from regie.core import hooks, menu
        from regie.core.roles import Role

        from . import quality

        menu.register(
            50, _("Kwaliteit"), "reporting:quality", {Role.CONTRACT_MANAGER, Role.PROVIDER_STAFF}
        )
        hooks.register_home_card(quality.low_attendance_card)
        hooks.register_home_card(quality.provider_signal_card)
        hooks.register_home_card(quality.provider_reporting_card)
        if quality.worklist_signals not in WORKLIST_SIGNALS:
            WORKLIST_SIGNALS.append(quality.worklist_signals)
