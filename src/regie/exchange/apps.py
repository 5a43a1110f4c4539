from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The chain: delivery of outbound messages (the delivery worker), the ZGW export, the BRP
    (Haal Centraal) and DUO's portal. Above the case apps: it reads them through their selectors
    and they reach it through hooks and signals only (docs/exchange.md)."""

    name = "regie.exchange"
    label = "exchange"
    verbose_name = _("Keten")

    def ready(self) -> None:
        from regie.core import hooks, menu
        from regie.core.roles import Role

        from . import delivery, receivers
        from .zgw import triggers  # noqa: F401 - connects the outbox signal

        receivers.register_receivers()
        hooks.register_frequent_job("exchange.deliver", lambda now: delivery.deliver_due(now))
        menu.register(90, _("Afleveringen"), "exchange:deliveries", {Role.FUNCTIONAL_ADMIN})
        from regie.clients import dossier
        from regie.clients.selectors import Access

        from . import duo

        duo.register()
        dossier.register(65, _("DUO-berichten"), "exchange:duo_dossier", {Access.FULL, Access.READ})
        from . import brp

        brp.register()
