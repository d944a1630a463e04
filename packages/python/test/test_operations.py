"""Every operation of the spec, through the layer's namespaces, sync and asyncio, against the mock.

The table is the bundled spec: one case per operation (the OAuth endpoints aside, which the layer
leaves out). Each case finds the method by the documented naming rule (the tag's namespace, the
operationId without its tag; a `/v1/Groups/...` twin under `as_group_member(...)` with the name of
the operation it mirrors), passes the spec's example values as snake_case arguments, and checks
what went on the wire and the type of the answer. The mock validates each request against the
spec, so a wrong wire name, place or type fails the call.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

import adultwork
from adultwork import AdultWork, AsyncAdultWork, models

from conftest import REPO_ROOT, Recorder

SPEC: dict[str, Any] = json.loads((REPO_ROOT / "openapi" / "dist" / "openapi.json").read_text(encoding="utf-8"))
MEMBER = 123456


def deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for key in str(node["$ref"])[2:].split("/"):
            target = target[key.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def snake(name: str) -> str:
    name = re.sub(r"([A-Z]+)([A-Z][a-z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name).lower()


def spec_operations() -> list[dict[str, Any]]:
    found = []
    for path, item in SPEC["paths"].items():
        for method in ("get", "post", "put", "delete", "patch"):
            op = item.get(method)
            if op and not op.get("x-adultwork-oauth"):
                found.append({"method": method.upper(), "path": path, **op})
    return sorted(found, key=lambda op: op["operationId"])


OPERATIONS = spec_operations()
BY_ID = {op["operationId"]: op for op in OPERATIONS}


def namespace_and_method(op: dict[str, Any]) -> tuple[str, str]:
    source = BY_ID[op["x-adultwork-group-manager"]["variantOf"]] if "x-adultwork-group-manager" in op else op
    tag = re.sub(r"[^A-Za-z0-9]", "", source["tags"][0])
    return snake(tag), snake(source["operationId"].replace(tag, ""))


def target(client: Any, op: dict[str, Any]) -> Any:
    namespace, method = namespace_and_method(op)
    owner = client.as_group_member(MEMBER) if "x-adultwork-group-manager" in op else client
    return getattr(getattr(owner, namespace), method)


def body_example(op: dict[str, Any]) -> dict[str, Any]:
    content = deref(op["requestBody"])["content"]["application/json"]
    if "example" in content:
        return dict(content["example"])
    return dict(deref(next(iter(content["examples"].values())))["value"])


def arguments(op: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str], dict[str, Any] | None]:
    """The call's keyword arguments, the query expected on the wire, and the body expected."""
    member = op.get("x-adultwork-group-manager", {}).get("memberParameter")
    kwargs: dict[str, Any] = {}
    wire_query: dict[str, str] = {}
    for parameter in map(deref, op.get("parameters", [])):
        if not parameter.get("required"):
            continue
        example = parameter.get("example", (parameter["schema"].get("examples") or [None])[0])
        assert example is not None, f"{op['operationId']}: {parameter['name']} has no example"
        if parameter["name"] == member:
            example = MEMBER
        else:
            kwargs[snake(parameter["name"])] = example
        wire_query[parameter["name"]] = str(example)
    body = None
    if "requestBody" in op:
        body = body_example(op)
        if member in body:
            body[member] = MEMBER
        # The generated model reads the example the way the layer's arguments are typed (enums).
        model_name = deref(op["requestBody"])["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        model = getattr(models, model_name).from_dict(body)
        for name, info in type(model).model_fields.items():
            if info.alias in body and info.alias != member:
                kwargs[name] = getattr(model, name)
    return kwargs, wire_query, body


def check_answer(op: dict[str, Any], answer: Any) -> None:
    status = sorted(s for s in op["responses"] if s.startswith("2"))[0]
    schema = deref(op["responses"][status])["content"]["application/json"]["schema"]
    resolved = deref(schema)
    if resolved.get("type") == "array":
        item = getattr(models, resolved["items"]["$ref"].rsplit("/", 1)[-1])
        assert isinstance(answer, list) and answer and all(isinstance(entry, item) for entry in answer)
    elif resolved.get("type") == "number":
        assert isinstance(answer, float) and not isinstance(answer, bool)
    else:
        assert isinstance(answer, getattr(models, schema["$ref"].rsplit("/", 1)[-1]))


def check_request(op: dict[str, Any], request: httpx.Request, wire_query: dict[str, str], body: dict[str, Any] | None) -> None:
    assert (request.method, request.url.path) == (op["method"], op["path"])
    assert dict(parse_qsl(request.url.query.decode())) == wire_query
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body
    assert request.headers["User-Agent"] == adultwork.USER_AGENT


def test_the_table_is_the_whole_surface() -> None:
    assert len(OPERATIONS) >= 36
    assert {op.id for op in adultwork._generated.OPERATIONS} == set(BY_ID)


@pytest.mark.parametrize("op", OPERATIONS, ids=[op["operationId"] for op in OPERATIONS])
def test_sync(op: dict[str, Any], mock_url: str) -> None:
    recorder = Recorder()
    kwargs, wire_query, body = arguments(op)
    with httpx.Client(event_hooks={"request": [recorder.hook]}) as http:
        with AdultWork("suite-token", base_url=mock_url, http_client=http) as aw:
            answer = target(aw, op)(**kwargs)
    check_request(op, recorder.last, wire_query, body)
    check_answer(op, answer)


@pytest.mark.parametrize("op", OPERATIONS, ids=[op["operationId"] for op in OPERATIONS])
def test_async(op: dict[str, Any], mock_url: str) -> None:
    recorder = Recorder()
    kwargs, wire_query, body = arguments(op)

    async def main() -> Any:
        async with httpx.AsyncClient(event_hooks={"request": [recorder.async_hook]}) as http:
            async with AsyncAdultWork("suite-token", base_url=mock_url, http_client=http) as aw:
                return await target(aw, op)(**kwargs)

    answer = asyncio.run(main())
    check_request(op, recorder.last, wire_query, body)
    check_answer(op, answer)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if "x-adultwork-pagination" in op], ids=lambda op: op["operationId"])
def test_every_list_has_its_iterators(op: dict[str, Any], mock_url: str) -> None:
    kwargs, _, _ = arguments(op)
    with AdultWork("suite-token", base_url=mock_url) as aw:
        method = target(aw, op)
        namespace = getattr(method, "__self__")
        name = method.__name__.replace("list_", "iter_", 1)
        first = next(iter(getattr(namespace, name)(**kwargs)), None)
        items = op["x-adultwork-pagination"]["itemsProperty"]
        schema = deref(deref(op["responses"]["200"])["content"]["application/json"]["schema"])
        assert isinstance(first, getattr(models, schema["properties"][items]["items"]["$ref"].rsplit("/", 1)[-1]))
