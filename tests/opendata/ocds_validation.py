"""Offline validation of OCDS output against ../shared/ocds (no schema is ever fetched).

Every schema file there is registered under its `id` in a `referencing` registry; the PPP release
schema is also merged with our extension's release-schema.json patch, so extension fields are checked
too. Closed codelists are checked against the CSVs: every codelist-bound value must be a listed code.
"""

import copy
import csv
import json
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

EXTENSION_DIR = Path(settings.BASE_DIR) / "agreements" / "opendata" / "extension"


def ocds_dir() -> Path:
    path = Path(settings.BASE_DIR).parent / "shared" / "ocds"
    if not (path / "ppp-profile" / "release-schema.json").exists():
        pytest.fail(f"OCDS schemas missing: expected them at {path} (../shared/ocds beside the repository)")
    return path


def _load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@cache
def schemas() -> dict:
    """Every schema file by its id."""
    return {(data := _load(p))["id"]: data for p in sorted(ocds_dir().rglob("*.json")) if "id" in _load(p)}


def merge_patch(target, patch):
    """JSON Merge Patch (RFC 7386), as OCDS extensions are applied."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def ppp_release_schema(extended=True) -> dict:
    base = schemas()[PPP_RELEASE]
    return merge_patch(base, _load(EXTENSION_DIR / "release-schema.json")) if extended else base


PPP_RELEASE = "https://standard.open-contracting.org/profiles/ppp/schema/1__0__0__beta4/release-schema.json"
PPP_RELEASE_PACKAGE = (
    "https://standard.open-contracting.org/profiles/ppp/schema/1__0__0__beta4/release-package-schema.json"
)
RECORD_PACKAGE = "https://standard.open-contracting.org/schema/1__1__5/record-package-schema.json"


def _registry(overrides=None) -> Registry:
    resources = {**schemas(), **(overrides or {})}
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT4))
        for uri, contents in resources.items()
    )


def errors(instance, schema_id, *, extended=True) -> list[str]:
    """Schema errors of `instance` against the schema `schema_id`, with the extended PPP release schema
    in place of the plain one when `extended`."""
    overrides = {PPP_RELEASE: ppp_release_schema()} if extended else {}
    registry = _registry(overrides)
    schema = overrides.get(schema_id) or schemas()[schema_id]
    validator = Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


@cache
def codelist(name) -> frozenset[str]:
    with (ocds_dir() / "ppp-profile" / "codelists" / name).open(encoding="utf-8") as handle:
        return frozenset(row["Code"] for row in csv.DictReader(handle))


def codelist_problems(release, schema=None, path="") -> list[str]:
    """Every value under a field bound to a codelist must be a code of that list (closed and open lists
    alike: our output uses listed codes only)."""
    schema = schema if schema is not None else ppp_release_schema()
    definitions = ppp_release_schema()["definitions"]
    problems = []

    def walk(value, node, where):
        if "$ref" in node:
            ref = node["$ref"]
            if ref.startswith("#/definitions/"):
                node = {**definitions[ref.split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        if "codelist" in node and value is not None:
            values = value if isinstance(value, list) else [value]
            known = codelist(node["codelist"])
            problems.extend(f"{where}: {v!r} not in {node['codelist']}" for v in values if v not in known)
        if isinstance(value, dict):
            for key, child in value.items():
                if key in node.get("properties", {}):
                    walk(child, node["properties"][key], f"{where}/{key}")
        elif isinstance(value, list) and "items" in node:
            for index, child in enumerate(value):
                walk(child, node["items"], f"{where}/{index}")

    walk(release, schema, path)
    return problems
