"""OpenAPI post-processing: the schema must not depend on the database it was generated on.

Django's integer fields get validators from the connection's integer range (SQLite: 64 bits,
PostgreSQL: 32 or 16 bits), which drf-spectacular turns into ``maximum`` and ``format: int64``.
Those limits are storage details, not API contract, so they are removed; the committed
``openapi.yaml`` is then the same on SQLite and PostgreSQL.
"""

BACKEND_LIMITS = {32767, 2147483647, 9223372036854775807}


def _clean(node):
    if isinstance(node, dict):
        if node.get("type") == "integer" and node.get("maximum") in BACKEND_LIMITS:
            node.pop("maximum")
            if node.get("format") == "int64":
                node.pop("format")
        for value in node.values():
            _clean(value)
    elif isinstance(node, list):
        for value in node:
            _clean(value)


def drop_backend_integer_limits(result, generator, request, public):
    _clean(result)
    return result
