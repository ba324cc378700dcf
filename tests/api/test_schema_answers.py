"""The API answers what its OpenAPI schema declares, checked on the answers themselves: a null
`lead_unit_name` is declared nullable (list, detail, create), and every 400 of `advance/` and `close/`
— a gate's refusal, a field error, a body that is no object — carries the `reasons` that their
declared error schema (GateRefused) requires."""

import jsonschema
import pytest
import yaml
from django.urls import reverse
from rest_framework import serializers

from core.api_errors import exception_handler

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return yaml.safe_load(Client().get(reverse("api:schema")).content)


def _resolved(openapi, schema):
    """The schema with its $refs to components inlined (nullable as JSON Schema's null type)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _resolved(openapi, openapi["components"]["schemas"][schema["$ref"].split("/")[-1]])
        out = {k: _resolved(openapi, v) for k, v in schema.items() if k not in ("nullable", "readOnly")}
        if schema.get("nullable"):
            out = {"anyOf": [out, {"type": "null"}]}
        return out
    if isinstance(schema, list):
        return [_resolved(openapi, s) for s in schema]
    return schema


def _response_schema(openapi, path, method, code):
    content = openapi["paths"][path][method]["responses"][str(code)]["content"]
    return _resolved(openapi, content["application/json"]["schema"])


def test_lead_unit_name_is_declared_nullable_and_answers_null(openapi, api_as, staff_user):
    for component in ("AgreementList", "AgreementDetail"):
        assert openapi["components"]["schemas"][component]["properties"]["lead_unit_name"]["nullable"]
    client = api_as(staff_user)
    body = {"title": "Tanpa perangkat daerah", "category": "ksdpk"}
    created = client.post(reverse("api:agreement-list"), body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["lead_unit_name"] is None
    jsonschema.validate(created.json(), _response_schema(openapi, "/api/v1/agreements/", "post", 201))
    detail = client.get(reverse("api:agreement-detail", args=[created.json()["id"]]))
    jsonschema.validate(detail.json(), _response_schema(openapi, "/api/v1/agreements/{id}/", "get", 200))
    listed = client.get(reverse("api:agreement-list")).json()
    assert [r["lead_unit_name"] for r in listed["results"]] == [None]
    jsonschema.validate(listed, _response_schema(openapi, "/api/v1/agreements/", "get", 200))


@pytest.mark.parametrize(
    ("action", "body", "expected"),
    [
        ("advance", {}, None),  # the gate: what is missing to enter signing
        ("advance", {"note": ["bukan", "teks"]}, "note: "),  # a field error
        ("close", {"outcome": "menghilang"}, "outcome: "),
        ("close", {"outcome": "terminated", "closed_on": "2999-01-01"}, None),  # refused by the service
        ("close", ["bukan", "objek"], None),
    ],
)
def test_every_400_of_advance_and_close_carries_reasons(
    openapi, api_as, staff_user, world, action, body, expected
):
    agreement = world["mine"]
    response = api_as(staff_user).post(
        reverse(f"api:agreement-{action}", args=[agreement.pk]), body, format="json"
    )
    assert response.status_code == 400, response.json()
    data = response.json()
    jsonschema.validate(data, _response_schema(openapi, f"/api/v1/agreements/{{id}}/{action}/", "post", 400))
    assert data["reasons"] and all(isinstance(r, str) and r for r in data["reasons"])
    if expected:
        assert any(r.startswith(expected) or r == expected for r in data["reasons"]), data


def test_a_400_raised_as_a_bare_list_answers_the_declared_object():
    """A ValidationError raised with a bare list of messages (a model's clean) still answers the
    FieldErrors object every 400 declares."""
    response = exception_handler(serializers.ValidationError(["Nama terlalu panjang."]), {})
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Nama terlalu panjang."]}


def test_a_token_name_over_100_characters_is_refused_at_its_field(api_as, staff_user):
    response = api_as(staff_user).post(reverse("api:me-token"), {"name": "0" * 101}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"name": ["Isi bidang ini tidak boleh melebihi 100 karakter."]}
