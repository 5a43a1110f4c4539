from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "regie.plans"
    label = "plans"
    verbose_name = _("PIP")

    def ready(self) -> None:
        from regie.clients import dossier
        from regie.clients.selectors import Access

        from . import deadlines, decision_queue, retention, work_items

        dossier.register(
            30, _("Plan"), "plans:overview", {Access.FULL, Access.READ}, wi2021_only=True
        )
        work_items.register()
        decision_queue.register()
        deadlines.register()
        retention.register()
