from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "regie.decisions"
    label = "decisions"
    verbose_name = _("Scenariokeuze")

    def ready(self) -> None:
        from regie.core import menu
        from regie.core.roles import Role

        menu.register(
            50,
            _("Scenariokeuze"),
            "decisions:list",
            roles={
                Role.POLICY_OFFICER,
                Role.MCA_MEMBER,
                Role.FUNCTIONAL_ADMIN,
                Role.TEAM_LEADER,
                Role.CONTRACT_MANAGER,
            },
        )
