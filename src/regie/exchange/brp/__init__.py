"""The BRP (Haal Centraal BRP API Personen 2.x): the prefill of the registration form and the
daily check of active clients. docs/brp.md."""


def register() -> None:
    """Called from ``ExchangeConfig.ready()``."""
    from regie.core import hooks

    from . import checks, services, work_items

    work_items.register()
    hooks.register_person_lookup(services.lookup_person, available=services.available)
    hooks.register_daily_job("exchange.brp_check", checks.daily_job)
