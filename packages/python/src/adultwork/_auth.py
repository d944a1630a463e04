"""Access tokens: a fixed one, or a provider asked before every attempt (so a refresh can plug in)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol, Union


class TokenProvider(Protocol):
    """Returns the current OAuth access token; called before every attempt of every call."""

    def __call__(self) -> str: ...


class AsyncTokenProvider(Protocol):
    """Like TokenProvider, for the asyncio client: may also return an awaitable."""

    def __call__(self) -> Union[str, Awaitable[str]]: ...


def authorization(token: object) -> str:
    """The Authorization header for `token`. Messages never quote the token."""
    if not isinstance(token, str):
        raise TypeError(f"the access token must be a str, got {type(token).__name__}")
    if token[:7].lower() == "bearer ":
        token = token[7:]
    token = token.strip()
    if not token:
        raise ValueError("the access token is empty")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in token):
        raise ValueError("the access token contains whitespace or control characters")
    return "Bearer " + token


def bare(header: str) -> str:
    return header[7:]
