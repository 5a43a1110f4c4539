from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferConfig(AppConfig):
    name = "regie.offer"
    label = "offer"
    verbose_name = _("Aanbod en kwaliteit")

    def ready(self) -> None:
        from regie.clients import dossier
        from regie.clients.selectors import SCOPE_EXTENSIONS, Access
        from regie.core import hooks, menu
        from regie.core.roles import Role

        from . import retention, selectors, views

        retention.register()

        # Providers see exactly the clients enrolled with them (a subquery: the list stays
        # distinct), with Access.ENROLMENT.
        SCOPE_EXTENSIONS[Role.PROVIDER_STAFF] = selectors.provider_client_scope
        dossier.register(
            35, _("Aanbod"), "offer:dossier", {Access.FULL, Access.READ, Access.ENROLMENT}
        )
        menu.register(20, _("Contracten"), "offer:contracts", {Role.CONTRACT_MANAGER})
        menu.register(
            21, _("Aanbieders"), "offer:providers", {Role.CONTRACT_MANAGER, Role.FUNCTIONAL_ADMIN}
        )
        menu.register(
            22, _("Groepen"), "offer:groups", {Role.CONTRACT_MANAGER, Role.PROVIDER_STAFF}
        )
        menu.register(12, _("Inschrijvingen"), "offer:enrolments", {Role.PROVIDER_STAFF})
        hooks.register_home_card(views.mark_warning_card)

        from . import provider_reports

        provider_reports.register_hooks()
        from regie.core import jobs

        from .models import ReportUpload

        jobs.register(
            jobs.JobKind(
                model=ReportUpload,
                state_field="state",
                queued=ReportUpload.State.QUEUED,
                running=ReportUpload.State.RUNNING,
                failed=ReportUpload.State.FAILED,
                content_field="content",
                empty="",
                failure=lambda reason: {
                    "outcome": {
                        "created": 0,
                        "updated": 0,
                        "unchanged": 0,
                        "errors": [{"row": 0, "column": "", "message": reason}],
                        "error_count": 1,
                    }
                },
            )
        )
