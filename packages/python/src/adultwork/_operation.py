"""What the transport needs to know about one operation; the instances are generated from the spec."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar, cast

from pydantic import BaseModel

T = TypeVar("T")
M = TypeVar("M", bound="GeneratedModel")
S = TypeVar("S")


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
    """x-adultwork-pagination: which parameters page the list and which answer fields hold what.

    `starts_at` is the page the API serves when the page parameter is left out: "first" (walk
    forwards from page 1) or "last" (walk backwards from the last page, e.g. the credit history).
    """

    page_parameter: str
    size_parameter: str
    items_property: str
    page_count_property: str
    page_number_property: str | None = None
    total_property: str | None = None
    starts_at: Literal["first", "last"] = "first"


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    id: str
    method: str
    path: str
    query: tuple[str, ...]
    # Query parameters that take a comma-separated ID list (also given as a sequence of IDs).
    query_id_lists: tuple[str, ...]
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


_SCALARS: dict[type[Any], tuple[type[Any], ...]] = {
    # JSON has one number type: 8 is a valid decimal. A bool is never a number (exact types).
    float: (int, float),
    int: (int,),
    str: (str,),
    bool: (bool,),
}


def scalar_decoder(kind: type[S]) -> Callable[[Any], S]:
    """A bare value answer (the credit balance is a bare decimal, no wrapper)."""
    accepted = _SCALARS[kind]

    def decode(data: Any) -> S:
        if type(data) not in accepted:
            raise AnswerMismatch(f"expected a bare JSON {kind.__name__}, got {type(data).__name__}")
        return cast("S", float(data) if kind is float else data)

    return decode


def field_name(model: type[BaseModel], wire: str) -> str:
    """The Python attribute of a generated model that holds the wire field `wire`."""
    for name, info in model.model_fields.items():
        if wire in (info.alias, info.serialization_alias, name):
            return name
    raise LookupError(f"{model.__name__} has no field {wire!r}")
