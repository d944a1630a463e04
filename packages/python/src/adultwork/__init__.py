"""AdultWork.com REST API client (unofficial): typed, with retries, timeouts, pagination and asyncio.

    from adultwork import AdultWork

    with AdultWork(access_token) as aw:
        for booking in aw.phone_chat.iter_made_bookings():
            print(booking.booking_id, booking.status)

Models and enums are the generated client's (`adultwork_api_client`), re-exported from
`adultwork.models`.
"""

from ._auth import AsyncTokenProvider, TokenProvider
from ._client import ENVIRONMENTS, USER_AGENT, AdultWork, AsyncAdultWork, Environment
from ._errors import (
    AdultWorkError,
    AnswerError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    PrerequisiteFailedError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from ._generated import AsyncGroupMember, GroupMember
from ._options import DEFAULT_TIMEOUT_S, NOT_GIVEN, NotGiven, Timeout
from ._retry import RetryPolicy
from ._version import __version__

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "ENVIRONMENTS",
    "NOT_GIVEN",
    "USER_AGENT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AdultWork",
    "AdultWorkError",
    "AnswerError",
    "AsyncAdultWork",
    "AsyncGroupMember",
    "AsyncTokenProvider",
    "AuthenticationError",
    "ConflictError",
    "Environment",
    "GroupMember",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "PrerequisiteFailedError",
    "RateLimitError",
    "RetryPolicy",
    "ServerError",
    "Timeout",
    "TokenProvider",
    "ValidationError",
    "__version__",
]
