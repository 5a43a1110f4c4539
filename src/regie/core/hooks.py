"""Service hooks through which higher apps plug into core without core importing them."""

from collections.abc import Callable

# Callables (principal, query: str) -> list of person ids, used by the access-log search.
person_search: list[Callable] = []

# Callables (request, principal) -> dict | None: a card on the start page
# ({"template": ..., "order": int, ...context}).
home_cards: list[Callable] = []


# Jobs the worker runs once a day: name -> callable(today: date). Each must be idempotent (a
# restart of the worker may run it again the same day).
daily_jobs: dict[str, Callable] = {}


def register_daily_job(name: str, func: Callable) -> Callable:
    daily_jobs[name] = func
    return func


def register_home_card(func: Callable) -> Callable:
    if func not in home_cards:
        home_cards.append(func)
    return func
