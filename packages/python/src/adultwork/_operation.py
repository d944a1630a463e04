"""What the transport needs to know about one operation; the instances are generated from the spec."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, cast

from pydantic import BaseModel

T = TypeVar("T")
M = TypeVar("M", bound="GeneratedModel")


class GeneratedModel(Protocol):
    """The part of a generated model's interface the layer uses."""

    @classmethod
    def from_dict(cls: type[M], obj: dict[str, Any] | None) -> M | None: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class BodyField:
    wire: str
    # The field is a comma-separated ID list (x-adultwork-resource's requestIdsProperty).
    join_ids: bool = False


@dataclass(frozen=True, slots=True)
class Pagination:
    """x-adultwork-pagination: which parameters page the list and which answer fields hold what."""

    page_parameter: str
    size_parameter: str
    items_property: str
    page_count_property: str
    total_property: str


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    id: str
    method: str
    path: str
    query: tuple[str, ...]
    body_model: type[BaseModel] | None
    body_fields: tuple[BodyField, ...]
    decode: Callable[[Any], T]
    pagination: Pagination | None

    @property
    def idempotent(self) -> bool:
        return self.method in _IDEMPOTENT


_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class AnswerMismatch(ValueError):
    """A success answer that the generated models cannot read."""


def model_decoder(model: type[M]) -> Callable[[Any], M]:
    def decode(data: Any) -> M:
        if not isinstance(data, dict):
            raise AnswerMismatch(f"expected a JSON object for {model.__name__}, got {type(data).__name__}")
        value = model.from_dict(cast("dict[str, Any]", data))
        if value is None:
            raise AnswerMismatch(f"empty answer for {model.__name__}")
        return value

    return decode


def list_decoder(model: type[M]) -> Callable[[Any], list[M]]:
    item = model_decoder(model)

    def decode(data: Any) -> list[M]:
        if not isinstance(data, list):
            raise AnswerMismatch(f"expected a JSON array of {model.__name__}, got {type(data).__name__}")
        return [item(entry) for entry in cast("list[object]", data)]

    return decode


def field_name(model: type[BaseModel], wire: str) -> str:
    """The Python attribute of a generated model that holds the wire field `wire`."""
    for name, info in model.model_fields.items():
        if wire in (info.alias, info.serialization_alias, name):
            return name
    raise LookupError(f"{model.__name__} has no field {wire!r}")
