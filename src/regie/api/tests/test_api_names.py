"""API names in the schema (docs/glossary.md): English field and query names; the old Dutch names
are still there for the 1.x versions and marked deprecated (removed in 2.0)."""

import pytest

from drf_spectacular.generators import SchemaGenerator

OLD_QUERY_NAMES = {
    "klant": "client",
    "soort": "kind",
    "kenmerk": "record_id",
    "inschrijving": "enrolment",
}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_klant_field_is_deprecated_beside_client(schema):
    with_klant = {
        name: component["properties"]
        for name, component in schema["components"]["schemas"].items()
        if "klant" in component.get("properties", {})
    }
    # the six answers and the six request bodies that had ``klant``
    assert len(with_klant) == 12, sorted(with_klant)
    for name, properties in with_klant.items():
        assert properties["klant"]["deprecated"] is True, name
        assert "gebruik 'client'" in properties["klant"]["description"], name
        assert properties["client"]["format"] == "uuid", name
        assert not properties["client"].get("deprecated"), name
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("Request") and "klant" in component["properties"]:
            # exactly one of the two is needed, so neither is required in the schema
            assert "klant" not in component.get("required", []), name
        elif name in with_klant:
            assert {"client", "klant"} <= set(component["required"]), name


def test_every_old_query_parameter_is_deprecated_beside_its_new_name(schema):
    seen = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
            for old, new in OLD_QUERY_NAMES.items():
                if old not in params:
                    continue
                seen.add(old)
                where = f"{method} {path} {old}"
                assert params[old]["deprecated"] is True, where
                assert f"gebruik '{new}'" in params[old]["description"], where
                assert new in params and not params[new].get("deprecated"), where
                assert params[new]["schema"] == params[old]["schema"], where
    assert seen == set(OLD_QUERY_NAMES)
