"""Validate requests to and answers of the BRP against the RvIG OpenAPI file (OAS 3.1).

OAS 3.1 schemas are JSON Schema 2020-12 plus ``discriminator``: the BRP file puts it on abstract
bases (``AbstractDatum``, ``AbstractVerblijfplaats``, ``PersonenQueryResponse``) whose subtypes
``allOf`` the base. Plain jsonschema ignores it, so a ``VerblijfplaatsBuitenland`` would never be
checked as one; here the keyword validates the object against the schema its ``type`` names too
(with a guard, since that schema ``allOf``s the base again).
"""

import threading
from functools import cache

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from regie.exchange.brp.standin import SPEC

URN = "urn:brp-personen"

_active = threading.local()


def _discriminator(validator, value, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    prop = value["propertyName"]
    mapping = value.get("mapping", {})
    name = instance.get(prop)
    if name not in mapping:
        yield ValidationError(f"{prop} {name!r} is not one of {sorted(mapping)}")
        return
    key = (id(instance), mapping[name])
    stack = _active.__dict__.setdefault("stack", set())
    if key in stack:
        return
    stack.add(key)
    try:
        yield from validator.descend(instance, {"$ref": mapping[name]})
    finally:
        stack.discard(key)


OasValidator = validators.extend(Draft202012Validator, {"discriminator": _discriminator})


@cache
def document() -> dict:
    with SPEC.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(document(), default_specification=DRAFT202012)
    return Registry().with_resource(URN, resource)


def errors(instance, schema_name: str) -> list[str]:
    validator = OasValidator(
        {"$ref": f"{URN}#/components/schemas/{schema_name}"},
        registry=_registry(),
        format_checker=FormatChecker(),
    )
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def response_errors(status: int, content_type: str, body) -> list[str]:
    """Problems of one answer by the responses the spec defines for ``POST /personen``."""
    operation = document()["paths"]["/personen"]["post"]["responses"]
    spec = operation.get(str(status)) or operation["default"]
    if "$ref" in spec:
        spec = document()["components"]["responses"][spec["$ref"].rsplit("/", 1)[1]]
    media = spec["content"]
    if content_type not in media:
        return [f"content type {content_type!r} not in {sorted(media)}"]
    ref = media[content_type]["schema"]["$ref"]
    return errors(body, ref.rsplit("/", 1)[1])


def request_errors(body) -> list[str]:
    return errors(body, "RaadpleegMetBurgerservicenummer")
