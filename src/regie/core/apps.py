from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "regie.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from . import audit, home, hooks, retention, signals  # noqa: F401

        audit.connect_registered_models()
        hooks.register_daily_job("core.retention", retention.list_due)
        from . import jobs

        hooks.register_daily_job("core.jobs", jobs.daily)  # dead jobs, old uploaded files
        hooks.register_frequent_job("core.jobs", jobs.frequent)  # dead jobs, every heartbeat
        hooks.register_home_card(home.role_card)
        hooks.register_home_card(home.work_items_card)
        hooks.register_home_card(home.decree_days_card)
        hooks.register_home_card(home.decision_queue_card)
