"""Sends an operation's request over httpx, with retries, typed errors, decoding and pagination.

The sync and asyncio transports share everything but the I/O: request building, answer decoding
and the retry rule live in `Core`.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from enum import Enum
from typing import Any, TypeVar, cast

import httpx
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from ._auth import HeaderCache, bare
from ._errors import (
    AdultWorkError,
    AnswerError,
    APIConnectionError,
    APITimeoutError,
    error_class,
    redact,
)
from ._operation import AnswerMismatch, Operation, Pagination, field_name
from ._options import NotGiven, Timeout
from ._retry import RetryPolicy, retryable_status

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741

# The connection was never opened (or never got a pooled one): the request did not reach the server.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def _query_value(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _body_value(value: Any, join_ids: bool) -> Any:
    if join_ids and not isinstance(value, str):
        ids = list(value)
        if not ids:
            raise ValueError("the list of IDs is empty")
        return ",".join(str(i) for i in ids)
    return value


def _query_param(operation: Operation[Any], name: str, value: Any) -> str:
    return _query_value(_body_value(value, name in operation.query_id_lists))


class _PageFields:
    __slots__ = ("items", "number", "count")

    def __init__(self, model: type[BaseModel], pagination: Pagination) -> None:
        self.items = field_name(model, pagination.items_property)
        # The answer says which page it is (pageNumberProperty; else a field named like the parameter).
        echo = pagination.page_number_property or pagination.page_parameter
        self.number = field_name(model, echo) if echo in _aliases(model) else None
        self.count = field_name(model, pagination.page_count_property)


def _aliases(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


class Core:
    """What both transports share: building requests, reading answers, the retry rule."""

    def __init__(
        self,
        base_url: str,
        timeout: Timeout,
        retry: RetryPolicy,
        headers: Mapping[str, str],
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry
        self.headers = dict(headers)
        self._page_fields: dict[str, _PageFields] = {}

    def prepare(
        self,
        operation: Operation[Any],
        query: Mapping[str, Any],
        body: Mapping[str, Any] | None,
        extra_headers: Mapping[str, str] | None,
    ) -> tuple[str, list[tuple[str, str | int | float | bool | None]], bytes | None, dict[str, str]]:
        params: list[tuple[str, str | int | float | bool | None]] = [
            (name, _query_param(operation, name, value)) for name, value in query.items() if value is not None
        ]
        headers = dict(self.headers)
        if extra_headers:
            headers.update(extra_headers)
        content: bytes | None = None
        if operation.body_model is not None:
            values = {
                field.wire: _body_value(body[field.wire], field.join_ids)
                for field in operation.body_fields
                if body is not None and body.get(field.wire) is not None
            }
            # The generated model checks the body against the spec and writes the wire names.
            model = operation.body_model.model_validate(values)
            content = json.dumps(cast(Any, model).to_dict(), separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
        return self.base_url + operation.path, params, content, headers

    def timeout_for(self, timeout: Timeout | NotGiven) -> Timeout:
        return self.timeout if isinstance(timeout, NotGiven) else timeout

    def decode(self, operation: Operation[T], response: httpx.Response, token: str) -> T:
        try:
            data = json.loads(response.content)
        except ValueError as exc:
            raise self._answer_error(operation, response, token, "the answer is not JSON") from exc
        try:
            return operation.decode(data)
        except (PydanticValidationError, AnswerMismatch) as exc:
            raise self._answer_error(operation, response, token, f"the answer does not match the spec: {exc}") from exc

    def _answer_error(self, operation: Operation[Any], response: httpx.Response, token: str, why: str) -> AnswerError:
        return AnswerError(
            f"{operation.id}: {why}",
            status=response.status_code,
            headers=response.headers,
            body=redact(_body(response), token),
            operation=operation.id,
        )

    def status_error(self, operation: Operation[Any], response: httpx.Response, token: str) -> AdultWorkError:
        body = redact(_body(response), token)
        cls = error_class(response.status_code)
        message = cast("dict[str, object]", body).get("Message") if isinstance(body, dict) else None
        text = f"{operation.id}: {response.status_code} {response.reason_phrase}"
        if isinstance(message, str) and message:
            text += f": {message}"
        return cls(text, status=response.status_code, headers=response.headers, body=body, operation=operation.id)

    @staticmethod
    def connection_error(operation: Operation[Any], exc: httpx.TransportError) -> AdultWorkError:
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(f"{operation.id}: no answer within the timeout ({type(exc).__name__})", operation=operation.id)
        return APIConnectionError(f"{operation.id}: the connection failed ({type(exc).__name__}: {exc})", operation=operation.id)

    @staticmethod
    def may_retry_after(operation: Operation[Any], exc: httpx.TransportError) -> bool:
        return operation.idempotent or isinstance(exc, _NOT_SENT)

    def page_fields(self, operation: Operation[Any], page: Any) -> tuple[_PageFields, Pagination]:
        pagination = operation.pagination
        if pagination is None:
            raise TypeError(f"{operation.id} is not a paged list")
        fields = self._page_fields.get(operation.id)
        if fields is None:
            fields = self._page_fields[operation.id] = _PageFields(cast("type[BaseModel]", type(page)), pagination)
        return fields, pagination


def _body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


class PageWalk:
    """Which page to ask for next, per x-adultwork-pagination; shared by both transports.

    Forwards (`starts_at="first"`): from the page parameter's value (default 1) up to the page
    count. Backwards (`starts_at="last"`): from the given page, or, when none is given, from the
    page the API serves with the parameter left out (the last), down to page 1. The parameter is
    never sent empty: leaving it out means the same (`emptyPageNumberMeans`). An empty page ends
    the walk, and an answer for another page than the one asked for is an error rather than a loop.
    """

    __slots__ = ("_core", "_operation", "_pagination", "_values", "_asked", "_backwards")

    def __init__(self, core: Core, operation: Operation[Any], query: Mapping[str, Any]) -> None:
        if operation.pagination is None:
            raise TypeError(f"{operation.id} is not a paged list")
        self._operation = operation
        self._pagination = operation.pagination
        self._backwards = operation.pagination.starts_at == "last"
        self._values = dict(query)
        start = self._values.get(self._pagination.page_parameter)
        self._asked: int | None = int(start) if start is not None else (None if self._backwards else 1)
        self._core = core

    def _fields(self, page: Any) -> _PageFields:
        return self._core.page_fields(self._operation, page)[0]

    def query(self) -> dict[str, Any]:
        values = dict(self._values)
        values[self._pagination.page_parameter] = self._asked
        return values

    def items(self, page: Any) -> list[Any]:
        return list(getattr(page, self._fields(page).items) or [])

    def advance(self, page: Any) -> bool:
        """Reads one answer; True when there is a next page to ask for."""
        fields = self._fields(page)
        number = int(getattr(page, fields.number)) if fields.number is not None else None
        if self._asked is not None and number is not None and number != self._asked:
            # Following such an answer could loop for ever.
            raise AnswerError(
                f"{self._operation.id}: asked for page {self._asked}, the answer is page {number}",
                operation=self._operation.id,
            )
        current = self._asked if self._asked is not None else number
        if current is None:
            raise AnswerError(f"{self._operation.id}: the answer does not say which page it is", operation=self._operation.id)
        count = int(getattr(page, fields.count))
        if not self.items(page):
            return False
        if self._backwards:
            if current <= 1:
                return False
            self._asked = current - 1
        else:
            if current >= count:
                return False
            self._asked = current + 1
        return True


class SyncTransport:
    """Implements SyncRequester over an httpx.Client."""

    def __init__(self, core: Core, http: httpx.Client, token: Callable[[], str]) -> None:
        self._core = core
        self._http = http
        self._token = token
        self._headers = HeaderCache()

    def request(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        body: Mapping[str, Any] | None,
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> T:
        core = self._core
        url, params, content, headers = core.prepare(operation, query, body, extra_headers)
        timeout_value = core.timeout_for(timeout)
        retries = 0
        while True:
            header = self._headers.header(self._token())
            headers["Authorization"] = header
            try:
                response = self._http.request(operation.method, url, params=params, content=content, headers=headers, timeout=timeout_value)
            except httpx.TransportError as exc:
                if retries < core.retry.max_retries and core.may_retry_after(operation, exc):
                    time.sleep(core.retry.backoff(retries))
                    retries += 1
                    continue
                raise core.connection_error(operation, exc) from exc
            status = response.status_code
            if 200 <= status < 300:
                return core.decode(operation, response, bare(header))
            if retries < core.retry.max_retries and retryable_status(operation.idempotent, status):
                wait = core.retry.delay(retries, response.headers.get("retry-after"))
                if wait is not None:
                    time.sleep(wait)
                    retries += 1
                    continue
            raise core.status_error(operation, response, bare(header))

    def iterate_pages(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> Iterator[T]:
        walk = PageWalk(self._core, operation, query)
        while True:
            page = self.request(operation, walk.query(), None, timeout, extra_headers)
            more = walk.advance(page)
            yield page
            if not more:
                return

    def iterate_items(
        self,
        operation: Operation[Any],
        query: Mapping[str, Any],
        item_type: type[I],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> Iterator[I]:
        for page in self.iterate_pages(operation, query, timeout, extra_headers):
            fields, _ = self._core.page_fields(operation, page)
            yield from cast("list[I]", getattr(page, fields.items) or [])


class AsyncTransport:
    """Implements AsyncRequester over an httpx.AsyncClient."""

    def __init__(self, core: Core, http: httpx.AsyncClient, token: Callable[[], str | Awaitable[str]]) -> None:
        self._core = core
        self._http = http
        self._token = token
        self._headers = HeaderCache()

    async def _current_token(self) -> object:
        value = self._token()
        if inspect.isawaitable(value):
            return await value
        return value

    async def request(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        body: Mapping[str, Any] | None,
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> T:
        core = self._core
        url, params, content, headers = core.prepare(operation, query, body, extra_headers)
        timeout_value = core.timeout_for(timeout)
        retries = 0
        while True:
            header = self._headers.header(await self._current_token())
            headers["Authorization"] = header
            try:
                response = await self._http.request(operation.method, url, params=params, content=content, headers=headers, timeout=timeout_value)
            except httpx.TransportError as exc:
                if retries < core.retry.max_retries and core.may_retry_after(operation, exc):
                    await asyncio.sleep(core.retry.backoff(retries))
                    retries += 1
                    continue
                raise core.connection_error(operation, exc) from exc
            status = response.status_code
            if 200 <= status < 300:
                return core.decode(operation, response, bare(header))
            if retries < core.retry.max_retries and retryable_status(operation.idempotent, status):
                wait = core.retry.delay(retries, response.headers.get("retry-after"))
                if wait is not None:
                    await asyncio.sleep(wait)
                    retries += 1
                    continue
            raise core.status_error(operation, response, bare(header))

    async def iterate_pages(
        self,
        operation: Operation[T],
        query: Mapping[str, Any],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> AsyncIterator[T]:
        walk = PageWalk(self._core, operation, query)
        while True:
            page = await self.request(operation, walk.query(), None, timeout, extra_headers)
            more = walk.advance(page)
            yield page
            if not more:
                return

    async def iterate_items(
        self,
        operation: Operation[Any],
        query: Mapping[str, Any],
        item_type: type[I],
        timeout: Timeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> AsyncIterator[I]:
        async for page in self.iterate_pages(operation, query, timeout, extra_headers):
            fields, _ = self._core.page_fields(operation, page)
            for item in cast("list[I]", getattr(page, fields.items) or []):
                yield item
