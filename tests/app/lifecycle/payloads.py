"""Real webhook payloads from ../shared/fixtures (read at run time) and their JSON Schemas."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.conftest import shared_path


def payload(event: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shared_path("fixtures", "webhooks", event, name).read_bytes())
    return data


def validate(event: str, action: str, body: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `body` has the shape GitHub documents for the event."""
    root = shared_path("fixtures", "webhooks-schemas")
    common = [json.loads(p.read_text()) for p in sorted((root / "common").glob("*.schema.json"))]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s, default_specification=DRAFT7)) for s in common
    )
    schema = json.loads((root / event / f"{action}.schema.json").read_text())
    jsonschema.Draft7Validator(schema, registry=registry).validate(body)


def derived_from_edited(action: str, **repository: Any) -> dict[str, Any]:
    """A `repository.<action>` payload GitHub ships no example of, made from the real `edited` one as
    the fixtures README says (the App's installation added, as every App delivery carries one)."""
    body = payload("repository", "edited.payload.json")
    body.pop("changes")
    body["action"] = action
    body["repository"].update(repository)
    body["installation"] = payload("repository", "renamed.payload.json")["installation"]
    validate("repository", action, body)
    return body
