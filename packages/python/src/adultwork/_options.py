"""Per-call options shared by every operation method."""

from __future__ import annotations

from typing import Final, Union

import httpx


class NotGiven:
    """Marks an option the caller left out, where `None` has a meaning of its own (no timeout)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Final = NotGiven()

# Seconds for the whole attempt, an httpx.Timeout for finer control, or None for no timeout.
Timeout = Union[float, httpx.Timeout, None]

DEFAULT_TIMEOUT_S: Final = 30.0
