"""Service hooks through which higher apps plug into core without core importing them."""

from collections.abc import Callable

# Callables (principal, query: str) -> list of person ids, used by the access-log search.
person_search: list[Callable] = []

# Callables (request, principal) -> dict | None: a card on the start page
# ({"template": ..., "order": int, ...context}).
home_cards: list[Callable] = []


def register_home_card(func: Callable) -> Callable:
    if func not in home_cards:
        home_cards.append(func)
    return func
