"""Every operation of the spec, called through the generated client against the mock.

The table is the bundled spec itself: one case per operation (the OAuth endpoints, which live on
the login host, aside). Required query parameters take their `example`, request bodies the
operation's first body example, so a new operation in the spec is a new case here. The mock
validates each request against the spec, so a wrong wire name or type fails the call.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

import adultwork_api_client

SPEC = json.loads((Path(__file__).resolve().parents[3] / "openapi" / "dist" / "openapi.json").read_text(encoding="utf-8"))


def deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for key in node["$ref"][2:].split("/"):
            target = target[key.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def snake(name: str) -> str:
    name = re.sub(r"([A-Z]+)([A-Z][a-z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name).lower()


def operations() -> List[Dict[str, Any]]:
    found = []
    for path, item in SPEC["paths"].items():
        for method in ("get", "post", "put", "delete", "patch"):
            op = item.get(method)
            if op and not op.get("x-adultwork-oauth"):
                found.append({"method": method.upper(), "path": path, **op})
    return sorted(found, key=lambda op: op["operationId"])


OPERATIONS = operations()


def api_method(api_client: adultwork_api_client.ApiClient, op: Dict[str, Any]) -> Any:
    api_class = getattr(adultwork_api_client, f"{re.sub(r'[^A-Za-z0-9]', '', op['tags'][0])}Api")
    return getattr(api_class(api_client), snake(op["operationId"]))


def example_body(op: Dict[str, Any]) -> Dict[str, Any]:
    content = deref(op["requestBody"])["content"]["application/json"]
    if "example" in content:
        return content["example"]
    return deref(next(iter(content["examples"].values())))["value"]


def answer_schema(op: Dict[str, Any]) -> Any:
    status = sorted(s for s in op["responses"] if s.startswith("2"))[0]
    return deref(op["responses"][status])["content"]["application/json"]["schema"]


def schema_name(schema: Any) -> str:
    return schema["$ref"].rsplit("/", 1)[-1]


def test_the_table_covers_the_spec() -> None:
    assert len(OPERATIONS) >= 36
    assert len({op["operationId"] for op in OPERATIONS}) == len(OPERATIONS)


@pytest.mark.parametrize("op", OPERATIONS, ids=[op["operationId"] for op in OPERATIONS])
def test_operation_round_trip(op: Dict[str, Any], api_client, recorder) -> None:
    kwargs: Dict[str, Any] = {}
    for parameter in map(deref, op.get("parameters", [])):
        if parameter.get("required"):
            example = parameter.get("example", (parameter["schema"].get("examples") or [None])[0])
            assert example is not None, f"{op['operationId']}: {parameter['name']} has no example"
            kwargs[snake(parameter["name"])] = example
    sent_body = None
    if "requestBody" in op:
        model_name = schema_name(deref(op["requestBody"])["content"]["application/json"]["schema"])
        model = getattr(adultwork_api_client, model_name)
        sent_body = example_body(op)
        kwargs[snake(model_name)] = model.from_dict(sent_body)

    answer = api_method(api_client, op)(**kwargs)

    sent = recorder.last
    assert (sent.method, sent.path) == (op["method"], op["path"])
    assert {name for name, _ in sent.query} == {p["name"] for p in map(deref, op.get("parameters", [])) if p.get("required")}
    if sent_body is not None:
        assert sent.body == sent_body
    schema = answer_schema(op)
    target = deref(schema)
    if target.get("type") == "array":
        item = getattr(adultwork_api_client, schema_name(target["items"]))
        assert isinstance(answer, list) and answer and all(isinstance(entry, item) for entry in answer)
    elif target.get("type") == "number":
        assert isinstance(answer, float)
    else:
        assert isinstance(answer, getattr(adultwork_api_client, schema_name(schema)))
