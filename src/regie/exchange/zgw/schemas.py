"""Validation against the ZGW OpenAPI files (OAS 3.0) with ``jsonschema``.

OAS 3.0 schemas are JSON Schema with three differences that matter here: ``nullable`` (turned into
``anyOf [.., null]``), the ``discriminator`` of a ``oneOf`` (turned into ``if``/``then`` on the
discriminating property, as the spec means it) and the keyword ``example`` (ignored by jsonschema).
"""

from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

FOLDER = Path(__file__).parent / "openapi"
COMPONENTS = ("zaken", "besluiten", "documenten")


class SchemaError(ValueError):
    """A body does not follow the OpenAPI file; ``errors`` lists the problems."""

    def __init__(self, name: str, errors: list[str]):
        self.errors = errors
        super().__init__(f"{name}: " + "; ".join(errors[:5]))


def _convert(node):
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _convert(value) for key, value in node.items()}
    discriminator = node.pop("discriminator", None)
    if discriminator and "oneOf" in node and discriminator.get("mapping"):
        prop = discriminator["propertyName"]
        node.pop("oneOf")
        node["required"] = sorted({*node.get("required", []), prop})
        node["properties"] = {
            **node.get("properties", {}),
            prop: {"enum": list(discriminator["mapping"])},
        }
        node["allOf"] = [
            {
                "if": {"properties": {prop: {"const": value}}, "required": [prop]},
                "then": {"$ref": ref},
            }
            for value, ref in discriminator["mapping"].items()
        ]
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@cache
def document(component: str) -> dict:
    with (FOLDER / f"{component}.yaml").open(encoding="utf-8") as fh:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader


@cache
def _registry() -> Registry:
    resources = [
        (f"urn:zgw:{name}", Resource.from_contents(_convert(document(name)), DRAFT7))
        for name in COMPONENTS
    ]
    return Registry().with_resources(resources)


@cache
def _validator(component: str, name: str) -> Draft7Validator:
    return Draft7Validator(
        {"$ref": f"urn:zgw:{component}#/components/schemas/{name}"},
        registry=_registry(),
        format_checker=FormatChecker(),
    )


def errors(component: str, name: str, body) -> list[str]:
    found = []
    for error in _validator(component, name).iter_errors(body):
        where = "/".join(str(part) for part in error.absolute_path) or "(body)"
        found.append(f"{where}: {error.message[:200]}")
    return sorted(found)


def validate(component: str, name: str, body) -> None:
    """Raise :class:`SchemaError` unless ``body`` follows ``#/components/schemas/<name>``."""
    problems = errors(component, name, body)
    if problems:
        raise SchemaError(name, problems)
