"""The dossier's sub-menu (one URL per part). Higher apps register their part here."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class DossierPart:
    order: int
    label: str
    url_name: str
    accesses: frozenset[str]  # which selectors.Access values may open it
    wi2021_only: bool = False  # hidden for a Wi2013 case (no intake, PIP or Wi2021 fines)


PARTS: list[DossierPart] = []


def register(order: int, label, url_name: str, accesses, *, wi2021_only: bool = False) -> None:
    part = DossierPart(order, label, url_name, frozenset(accesses), wi2021_only)
    if part not in PARTS:
        PARTS.append(part)


def parts_for(client, access, current_url_name: str) -> list[dict]:
    items = []
    for part in sorted(PARTS, key=lambda p: p.order):
        if str(access) not in part.accesses:
            continue
        if part.wi2021_only and getattr(client, "is_wi2013", False):
            continue
        items.append(
            {
                "label": part.label,
                "url": reverse(part.url_name, args=[client.uuid]),
                "current": part.url_name == current_url_name,
            }
        )
    return items
