"""Validation of our OCDS output against the schemas kept in schema/, offline.

schema/ holds verbatim copies of OCDS 1.1.5 (record package, release and versioned release schemas)
and of the OCDS for PPPs profile 1.0.0-beta4 (release and release package schemas, codelists). Every
schema there is registered under its `id` in a `referencing` registry that has no way to retrieve
anything else, so no `$ref` is ever fetched from the network: an unknown reference is an error.

The PPP release schema is also merged (JSON Merge Patch, as OCDS applies extensions) with our
extension's release-schema.json, so extension fields are checked too. Codelist-bound values are checked
against the codelist CSVs: our output uses listed codes only, for closed and open codelists alike.
"""

import copy
import csv
import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

HERE = Path(__file__).resolve().parent
SCHEMA_DIR = HERE / "schema"
CODELIST_DIR = SCHEMA_DIR / "ppp-profile" / "codelists"
EXTENSION_DIR = HERE / "extension"

PPP_RELEASE = "https://standard.open-contracting.org/profiles/ppp/schema/1__0__0__beta4/release-schema.json"
PPP_RELEASE_PACKAGE = (
    "https://standard.open-contracting.org/profiles/ppp/schema/1__0__0__beta4/release-package-schema.json"
)
RECORD_PACKAGE = "https://standard.open-contracting.org/schema/1__1__5/record-package-schema.json"

# An error message quoting a whole release would drown the rest.
MESSAGE_LIMIT = 300
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def schemas() -> dict[str, dict]:
    """Every schema file in schema/ by its id (do not modify the dicts: they are shared)."""
    found = {}
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        data = _load(path)
        found[data["id"]] = data
    return found


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


@cache
def _extended_release_schema() -> dict:
    return merge_patch(schemas()[PPP_RELEASE], _load(EXTENSION_DIR / "release-schema.json"))


def ppp_release_schema(extended: bool = True) -> dict:
    """The PPP profile's release schema, with our extension merged in when `extended` (shared: do not
    modify it)."""
    return _extended_release_schema() if extended else schemas()[PPP_RELEASE]


def registry(extended: bool = True) -> Registry:
    """The schemas of schema/ by id, with the extended PPP release schema in place of the plain one when
    `extended`. It retrieves nothing: a reference to any other URI is unresolvable."""
    resources = dict(schemas())
    if extended:
        resources[PPP_RELEASE] = ppp_release_schema()
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT4))
        for uri, contents in resources.items()
    )


@cache
def validator(schema_id: str, extended: bool = True) -> Draft4Validator:
    schema = ppp_release_schema() if extended and schema_id == PPP_RELEASE else schemas()[schema_id]
    return Draft4Validator(schema, registry=registry(extended), format_checker=FormatChecker())


def json_path(parts, root: str = "$") -> str:
    """A JSONPath such as $.releases[0].contracts[0].value for a sequence of keys and indexes."""
    path = root
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif IDENTIFIER.match(part):
            path += f".{part}"
        else:
            path += f"[{json.dumps(part, ensure_ascii=False)}]"
    return path


def _shorten(message: str) -> str:
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"


def schema_errors(
    instance, schema_id: str = PPP_RELEASE_PACKAGE, *, extended: bool = True, root: str = "$"
) -> list[str]:
    """Schema errors of `instance` against the schema `schema_id` ("<JSONPath>: <message>" each, paths
    starting at `root`), with the extended PPP release schema in place of the plain one when `extended`."""
    return [
        f"{json_path(error.absolute_path, root)}: {_shorten(error.message)}"
        for error in validator(schema_id, extended).iter_errors(instance)
    ]


@cache
def codelist(name: str) -> frozenset[str]:
    """The codes of a codelist CSV of the PPP profile (e.g. "riskAllocation.csv")."""
    with (CODELIST_DIR / name).open(encoding="utf-8", newline="") as handle:
        return frozenset(row["Code"] for row in csv.DictReader(handle))


def codelist_problems(release, path: str = "$") -> list[str]:
    """Every string under a field bound to a codelist must be a code of that list (closed and open
    lists alike: our output uses listed codes only). Values of the wrong type are left to the schema."""
    definitions = ppp_release_schema()["definitions"]
    problems = []

    def walk(value, node, where):
        ref = node.get("$ref", "")
        if ref.startswith("#/definitions/") and ref.split("/")[-1] in definitions:
            node = {**definitions[ref.split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        if "codelist" in node and value is not None:
            known = codelist(node["codelist"])
            values = value if isinstance(value, list) else [value]
            problems.extend(
                f"{where}: {v!r} not in {node['codelist']}"
                for v in values
                if isinstance(v, str) and v not in known
            )
        if isinstance(value, dict):
            properties = node.get("properties", {})
            for key, child in value.items():
                if key in properties:
                    walk(child, properties[key], json_path([key], where))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index, child in enumerate(value):
                walk(child, node["items"], json_path([index], where))

    walk(release, ppp_release_schema(), path)
    return problems


def _releases(package) -> list:
    releases = package.get("releases") if isinstance(package, dict) else None
    return releases if isinstance(releases, list) else []


def validate_release_package(data) -> list[str]:
    """Every problem of a release package: schema errors against the PPP profile's release package
    schema with our extension, then codelist problems of each release. Empty when valid."""
    problems = schema_errors(data, PPP_RELEASE_PACKAGE)
    for index, release in enumerate(_releases(data)):
        problems += codelist_problems(release, json_path(["releases", index]))
    return problems


def validate_record_package(data) -> list[str]:
    """Every problem of a record package: schema errors against OCDS 1.1.5's record package schema,
    then each compiled release against the extended PPP release schema and its codelists."""
    problems = schema_errors(data, RECORD_PACKAGE, extended=False)
    records = data.get("records") if isinstance(data, dict) else None
    for index, record in enumerate(records if isinstance(records, list) else []):
        compiled = record.get("compiledRelease") if isinstance(record, dict) else None
        if compiled is None:
            continue
        where = json_path(["records", index, "compiledRelease"])
        problems += schema_errors(compiled, PPP_RELEASE, root=where)
        problems += codelist_problems(compiled, where)
    return problems


def release_count(data) -> int:
    return len(_releases(data))
