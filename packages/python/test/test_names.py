"""The layer's Python names are the generated client's: the same snake_case for the same wire name."""

from __future__ import annotations

import inspect
import re

import adultwork_api_client

import adultwork
from adultwork import _generated

OPTIONS = {"self", "timeout", "extra_headers"}


def snake(operation_id: str) -> str:
    return re.sub(r"([a-z\d])([A-Z])", r"\1_\2", operation_id).lower()


def generated_api_method(operation_id: str) -> inspect.Signature:
    for name in dir(adultwork_api_client):
        api = getattr(adultwork_api_client, name)
        if isinstance(api, type) and name.endswith("Api") and hasattr(api, snake(operation_id)):
            return inspect.signature(getattr(api, snake(operation_id)))
    raise AssertionError(f"no generated API method for {operation_id}")


def layer_methods() -> list[tuple[str, object]]:
    found = []
    for cls_name, cls in vars(_generated).items():
        if isinstance(cls, type) and cls.__module__ == _generated.__name__ and not cls_name.startswith("Async"):
            for name, member in vars(cls).items():
                if callable(member) and not name.startswith("_"):
                    found.append((f"{cls_name}.{name}", member))
    return found


def test_every_operation_is_reachable_and_named_like_the_generated_client() -> None:
    seen: set[str] = set()
    for label, method in layer_methods():
        source = inspect.getsource(method)
        match = re.search(r"self\._requester\.\w+\((\w+),", source)
        assert match, label
        operation = getattr(_generated, match.group(1))
        seen.add(operation.id)
        ours = [p for p in inspect.signature(method).parameters if p not in OPTIONS]
        theirs = generated_api_method(operation.id).parameters
        member = {"user_id"} if label.startswith("GroupMember") else set()
        if operation.body_model is None:
            assert set(ours) | member == {p for p in theirs if not p.startswith("_") and p != "self"}, label
        else:
            fields = {info.alias: name for name, info in operation.body_model.model_fields.items() if info.alias}
            fields.update({info.serialization_alias: name for name, info in operation.body_model.model_fields.items() if info.serialization_alias})
            assert set(ours) | member == {fields[f.wire] for f in operation.body_fields}, label
    assert seen == {op.id for op in _generated.OPERATIONS}


def test_async_namespaces_mirror_the_sync_ones() -> None:
    for name, cls in vars(_generated).items():
        if isinstance(cls, type) and name.startswith("Async") and name != "AsyncRequester":
            sync = getattr(_generated, name[len("Async"):])
            public = lambda c: {k: inspect.signature(v).parameters.keys() for k, v in vars(c).items() if callable(v) and not k.startswith("_")}  # noqa: E731
            assert {k: list(v) for k, v in public(cls).items()} == {k: list(v) for k, v in public(sync).items()}, name


def test_models_are_the_generated_ones() -> None:
    from adultwork import models

    for name in models.__all__:
        assert getattr(models, name) is getattr(adultwork_api_client, name)
    assert adultwork.AdultWork.__mro__[1] is _generated.Resources
