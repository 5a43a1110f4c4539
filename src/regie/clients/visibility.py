"""The rights table for a client's own fields: which audience sees which field (docs/roles.md).

One table, used by every API answer about a client (``clients.api`` builds one serializer per
audience from it; ``offer.api`` takes the provider's fields from it) and by the permission-matrix
test, which compares every API answer for every role and token with it. An audience is the role of
the principal: a user's active role or an organisation's API token (a token has the role of its
organisation's system; it sees the same fields as a person in that role).

Architecture §2: a provider gets name, route and schedule only (plus the masked BSN to match his
own records); a begeleider the contact data; an inkomensconsulent what ontzorgen and participation
need (no contact data, no date of birth). Only the case manager and the team leader see the whole
record; whether the BSN is shown in full depends on their dossier access (clients.selectors).
"""

from regie.core.roles import Role

# Every field a client answer can have, in answer order.
CLIENT_FIELDS = (
    "uuid",
    "bsn",
    "given_names",
    "surname",
    "municipality",
    "status",
    "date_of_birth",
    "phone",
    "email",
    "regime",
    "duty_start",
    "duty_start_reason",
    "access",
    "version",
)
# The fields a list row may have (a list never shows more than these).
LIST_FIELDS = frozenset({"uuid", "bsn", "given_names", "surname", "municipality", "status"})

_FULL = frozenset(CLIENT_FIELDS)
_NAME = frozenset({"uuid", "bsn", "given_names", "surname", "access"})

VISIBLE_CLIENT_FIELDS: dict[str, frozenset[str]] = {
    Role.CASE_MANAGER: _FULL,
    Role.TEAM_LEADER: _FULL,
    Role.SOCIAL_GUIDE: _NAME | {"municipality", "status", "phone", "email"},
    Role.INCOME_CONSULTANT: _NAME | {"municipality", "status"},
    Role.PROVIDER_STAFF: _NAME,
}
# Roles not in the table see no client at all (visible_clients gives them nothing).
NONE: frozenset[str] = frozenset()

# Whether the BSN may be shown in full is decided per dossier (Access.FULL or READ); every other
# audience sees it masked.
FULL_BSN_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEADER})


def client_fields(role: str | None, *, detail: bool) -> list[str]:
    """The fields of a client answer for this audience, in answer order."""
    allowed = VISIBLE_CLIENT_FIELDS.get(role or "", NONE)
    if not detail:
        allowed = allowed & LIST_FIELDS
    return [name for name in CLIENT_FIELDS if name in allowed]


# Which audiences an API resource may show persons to (the API path under /api/v1/). Anything
# else answers them an empty list or 404. A new resource about persons must be added here; the
# walk in src/regie/tests/test_api_fields_and_logging.py fails until it is.
_CASEWORK = frozenset({Role.CASE_MANAGER, Role.TEAM_LEADER})
API_RESOURCE_AUDIENCES: dict[str, frozenset[str]] = {
    "klanten": frozenset(VISIBLE_CLIENT_FIELDS),
    "werkvoorraad": _CASEWORK,
    "intakes": _CASEWORK,
    "pip": _CASEWORK,
    "pip-versies": _CASEWORK,
    "pip-onderdelen": _CASEWORK,
    "voortgangsgesprekken": _CASEWORK,
    "handhavingszaken": _CASEWORK,
    "duo-besluiten": _CASEWORK,
    "verklaringen-te-laat-aanbod": _CASEWORK,
    "afsluitingen": _CASEWORK,
    "overdrachten": _CASEWORK,
    "inschrijvingen": _CASEWORK | {Role.PROVIDER_STAFF},
    "meldingen": frozenset({Role.PROVIDER_STAFF}),
}
