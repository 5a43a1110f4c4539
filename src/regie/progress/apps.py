"""Progress reviews, enforcement, DUO decisions, late-offer statements, closing and handover."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "regie.progress"
    label = "progress"
    verbose_name = _("Voortgang")

    def ready(self) -> None:
        from regie.clients import dossier
        from regie.clients.selectors import Access

        from . import deadlines as progress_deadlines
        from . import decision_queue, guidance, work_items

        both = {Access.FULL, Access.READ}
        dossier.register(40, _("Voortgang"), "progress:reviews", both)
        guide = {Access.CONTACT, Access.FULL, Access.READ}
        dossier.register(45, _("Begeleiding"), "progress:guidance", guide)
        dossier.register(50, _("Handhaving"), "progress:enforcement", both, wi2021_only=True)
        dossier.register(60, _("DUO en afsluiten"), "progress:duo", both)
        progress_deadlines.register()
        work_items.register()
        decision_queue.register()
        guidance.register()
