"""When a failed attempt is tried again, and how long to wait first.

The rule: a request is repeated only when repeating it cannot do something twice.
- Idempotent requests (GET: the lists) after a timeout, a lost connection, or a 408, 429, 500,
  502, 503 or 504 answer.
- Any request (POST too) whose connection could not be opened: it never reached the server.
A POST that reached the server is never sent again, whatever came back: it may have taken effect.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """`max_retries` extra attempts; waits of `base_delay * 2**n` seconds (half fixed, half
    random), at most `max_delay`. A `Retry-After` header replaces the computed wait; one longer
    than `max_delay` is not waited for: the error is raised at once (see `RateLimitError.retry_after`)."""

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 20.0

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) or self.max_retries < 0:
            raise ValueError("max_retries must be a whole number, 0 or more")
        for name in ("base_delay", "max_delay"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 or value == float("inf"):
                raise ValueError(f"{name} must be a finite number of seconds, 0 or more")

    def backoff(self, retry: int) -> float:
        """The wait before retry number `retry` (0 for the first), with jitter."""
        ceiling: float = min(self.max_delay, self.base_delay * 2.0**retry)
        return ceiling / 2 + random.random() * ceiling / 2

    def delay(self, retry: int, retry_after: str | None) -> float | None:
        """Seconds to wait before the retry, or None when the server asks for too long a wait."""
        asked = parse_retry_after(retry_after)
        if asked is None:
            return self.backoff(retry)
        return asked if asked <= self.max_delay else None


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP-date; None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
    return seconds if seconds >= 0 and seconds != float("inf") else None


def retryable_status(idempotent: bool, status: int) -> bool:
    return idempotent and status in RETRY_STATUSES
