"""One exception hierarchy for every failure of a call.

Each error carries what came back (status, headers, parsed body) and never the access token: the
request's headers are not kept, and a token echoed in a body is replaced with `[redacted]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import httpx

REDACTED = "[redacted]"


class AdultWorkError(Exception):
    """Base class of every error the client raises for a call."""

    status: int | None
    headers: httpx.Headers
    body: Any
    operation: str | None

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | httpx.Headers | None = None,
        body: Any = None,
        operation: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers = httpx.Headers(headers or {})
        self.body = body
        self.operation = operation

    @property
    def api_message(self) -> str | None:
        """The `Message` of the API's error body, when it has one."""
        body: object = self.body
        message = cast("dict[str, object]", body).get("Message") if isinstance(body, dict) else None
        return message if isinstance(message, str) else None

    @property
    def request_id(self) -> str | None:
        value: str | None = self.headers.get("x-request-id") or self.headers.get("request-id")
        return value


class APIStatusError(AdultWorkError):
    """The API answered with an error status (`status` is always set)."""


class ValidationError(APIStatusError):
    """400 or 422: the API refused the input. `field_errors` maps each field to its messages."""

    @property
    def field_errors(self) -> dict[str, list[str]]:
        body: object = self.body
        state = cast("dict[str, object]", body).get("ModelState") if isinstance(body, dict) else None
        if not isinstance(state, dict):
            return {}
        fields: dict[str, list[str]] = {}
        for key, value in cast("dict[object, object]", state).items():
            messages = cast("list[object]", value) if isinstance(value, list) else [value]
            fields[str(key)] = [str(message) for message in messages]
        return fields


class AuthenticationError(APIStatusError):
    """401: no token, or an unknown or expired one."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks the operation's scope, or the user is outside the caller's group."""


class NotFoundError(APIStatusError):
    """404: the booking does not exist or is not the user's."""


class ConflictError(APIStatusError):
    """409: a documented prerequisite of the operation does not hold (the booking's state)."""


PrerequisiteFailedError = ConflictError


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is the wait the server asked for, in seconds."""

    @property
    def retry_after(self) -> float | None:
        from ._retry import parse_retry_after

        return parse_retry_after(self.headers.get("retry-after"))


class ServerError(APIStatusError):
    """5xx: the server failed."""


class APIConnectionError(AdultWorkError):
    """No answer: the connection failed (refused, reset, DNS...). `__cause__` has the details."""


class APITimeoutError(APIConnectionError):
    """No complete answer within the timeout."""


class AnswerError(AdultWorkError):
    """A success status whose body is not what the spec describes."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}


def error_class(status: int) -> type[APIStatusError]:
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, APIStatusError)


def redact(value: Any, secret: str | None) -> Any:
    """`value` with every occurrence of `secret` replaced, through dicts and lists."""
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, REDACTED)
    if isinstance(value, dict):
        return {redact(k, secret): redact(v, secret) for k, v in cast("dict[object, object]", value).items()}
    if isinstance(value, list):
        return [redact(v, secret) for v in cast("list[object]", value)]
    return value
