from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "regie.clients"
    label = "clients"
    verbose_name = _("Klanten")

    def ready(self) -> None:
        from regie.core import hooks, menu
        from regie.core.roles import Role

        from . import dossier, home, reminders, retention, selectors, work_items
        from .selectors import Access

        hooks.person_search.append(selectors.person_ids_matching)
        from django.db.models.signals import post_save

        from . import residence
        from .models import Client

        post_save.connect(residence.on_client_saved, sender=Client, dispatch_uid="residence")
        from .deadlines import recompute_running, running_due_dates

        hooks.register_deadline_snapshot(running_due_dates)
        hooks.register_reference_data_listener(recompute_running)
        work_items.register()
        retention.register()
        every = {a.value for a in Access}
        dossier.register(10, _("Overzicht"), "clients:dossier", every)
        dossier.register(90, _("Historie"), "clients:history", {Access.FULL, Access.READ})
        hooks.register_home_card(home.caseload_card)
        hooks.register_home_card(home.municipality_card)
        hooks.register_daily_job("clients.reminders", reminders.send_reminders)
        from regie.core import jobs

        from .models import ImportJob

        jobs.register(
            jobs.JobKind(
                model=ImportJob,
                state_field="status",
                queued=ImportJob.Status.QUEUED,
                running=ImportJob.Status.RUNNING,
                failed=ImportJob.Status.FAILED,
                content_field="content",
                empty=b"",
                failure=lambda reason: {
                    "errors": [{"row": 0, "column": "", "message": reason}],
                    "applied": {},
                },
                undo=_undo_import,
            )
        )
        menu.register(
            5, _("Werkvoorraad"), "clients:worklist", {Role.CASE_MANAGER, Role.TEAM_LEADER}
        )
        menu.register(15, _("Caseload"), "clients:caseload", {Role.TEAM_LEADER})
        menu.register(
            10,
            _("Klanten"),
            "clients:list",
            {
                Role.CASE_MANAGER,
                Role.TEAM_LEADER,
                Role.SOCIAL_GUIDE,
                Role.INCOME_CONSULTANT,
                Role.PROVIDER_STAFF,
            },
        )


def _undo_import(job) -> None:
    """A linkage import whose worker died: remove the clients its applied chunks made."""
    from .registration import undo_import

    applied = job.applied or {}
    undo_import(applied.get("clients", []), applied.get("households", []))
