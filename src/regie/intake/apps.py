"""Brede intake per life domain, the learnability test, the special-category record."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "regie.intake"
    label = "intake"
    verbose_name = _("Brede intake")

    def ready(self) -> None:
        from regie.clients import dossier
        from regie.clients.selectors import Access

        from . import deadlines, retention

        dossier.register(
            20, _("Intake"), "intake:overview", {Access.FULL, Access.READ}, wi2021_only=True
        )
        deadlines.register()
        retention.register()
