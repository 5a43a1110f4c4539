"""Objections (bezwaar) against the college's decisions, the hearing, the decision on the
objection, the penalty for a late decision and the appeal (Algemene wet bestuursrecht)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectionsConfig(AppConfig):
    name = "regie.objections"
    label = "objections"
    verbose_name = _("Bezwaar")

    def ready(self) -> None:
        from regie.clients import dossier
        from regie.clients.selectors import Access
        from regie.core import hooks, menu
        from regie.core.roles import Role

        from . import deadlines as objection_deadlines
        from . import decision_queue, jobs, work_items

        dossier.register(70, _("Bezwaar"), "objections:dossier", {Access.FULL, Access.READ})
        objection_deadlines.register()
        work_items.register()
        decision_queue.register()
        hooks.register_daily_job("objections.daily", jobs.daily)
        menu.register(
            17, _("Bezwaren"), "objections:register", {Role.TEAM_LEADER, Role.CASE_MANAGER}
        )
