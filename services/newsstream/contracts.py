"""The JSON Schemas in `schemas/` are the contract of every topic; this module loads and applies them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

RAW_ARTICLE = "raw-article"
ENRICHED_ARTICLE = "enriched-article"
DEADLETTER = "deadletter"
UNIQUE = "unique"
TRENDING = "trending"
ENTITY = "entity"
SCHEMAS = (RAW_ARTICLE, ENRICHED_ARTICLE, DEADLETTER, UNIQUE, TRENDING, ENTITY)


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("newsstream").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def validator(name: str) -> Draft202012Validator:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker(), registry=_registry())


@cache
def _registry() -> Registry:
    """Every schema by its `$id`, so that one can refer to another (the unique topic's to the enriched one's)."""
    resources_by_id = [(schema["$id"], Resource.from_contents(schema))
                       for schema in (load_schema(name) for name in SCHEMAS)]
    return Registry().with_resources(resources_by_id)


def first_violation(name: str, instance: Any) -> str | None:
    """A one-line description of the most relevant way `instance` breaks schema `name`, or None."""
    error = best_match(validator(name).iter_errors(instance))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "(record)"
    message = error.message
    if error.validator == "anyOf" and isinstance(error.validator_value, list):
        alternatives = [field for option in error.validator_value for field in option.get("required", [])]
        if alternatives:
            message = "needs at least one of the fields " + ", ".join(f"`{f}`" for f in alternatives)
    if len(message) > 300:
        message = message[:300] + "..."
    return f"{where}: {message}"
