"""What the generated namespaces call: the transports implement it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from ._operation import Operation
from ._options import NotGiven, Timeout

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741


class SyncRequester(Protocol):
    def request(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        body: Mapping[str, Any] | None,
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> T: ...

    def iterate_pages(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> Iterator[T]: ...

    def iterate_items(
        self,
        operation: Operation[Any],
        query: Mapping[str, Any],
        item_type: type[I],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> Iterator[I]: ...


class AsyncRequester(Protocol):
    async def request(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        body: Mapping[str, Any] | None,
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> T: ...

    def iterate_pages(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> AsyncIterator[T]: ...

    def iterate_items(
        self,
        operation: Operation[Any],
        query: Mapping[str, Any],
        item_type: type[I],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> AsyncIterator[I]: ...
