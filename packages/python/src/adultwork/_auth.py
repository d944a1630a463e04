"""Access tokens: a fixed one, or a provider asked before every attempt (so a refresh can plug in)."""

from __future__ import annotations

import re
from collections.abc import Awaitable
from typing import Protocol, Union

# Whitespace or control characters would break the header (or smuggle another one into it).
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


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
    if _UNSAFE.search(token):
        raise ValueError("the access token contains whitespace or control characters")
    return "Bearer " + token


def bare(header: str) -> str:
    return header[7:]


class HeaderCache:
    """The Authorization header of the last token seen: a provider usually returns the same one.
    One tuple, replaced whole, so threads sharing a client never see a token with another's header."""

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: tuple[object, str] | None = None

    def header(self, token: object) -> str:
        last = self._last
        if last is not None and last[0] is token:
            return last[1]
        header = authorization(token)
        self._last = (token, header)
        return header
