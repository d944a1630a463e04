"""The clients: `AdultWork` (sync) and `AsyncAdultWork` (asyncio), with the same surface.

Their namespaces (`phone_chat`, `webcam`, ...) and the group-member view come from the generated
`_generated` module; what is written here is configuration and lifetime.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import TracebackType
from typing import Literal, cast

import httpx

from ._auth import AsyncTokenProvider, TokenProvider, authorization
from ._generated import AsyncGroupMember, AsyncResources, GroupMember, Resources
from ._options import DEFAULT_TIMEOUT_S, Timeout
from ._retry import RetryPolicy
from ._transport import AsyncTransport, SyncTransport, Core
from ._version import __version__

Environment = Literal["sandbox", "production"]

ENVIRONMENTS: Mapping[str, str] = {
    # Documented: every sample on the API's pages uses it.
    "sandbox": "https://api-sandbox.adultwork.com",
    # Assumed: the API's pages do not name the production host.
    "production": "https://api.adultwork.com",
}

USER_AGENT = f"adultwork-python/{__version__}"


def _base_url(environment: object, base_url: object) -> str:
    if base_url is not None:
        if not isinstance(base_url, str):
            raise TypeError(f"base_url must be a str, got {type(base_url).__name__}")
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError("base_url must be an absolute http:// or https:// URL")
        return base_url
    if not isinstance(environment, str) or environment not in ENVIRONMENTS:
        raise ValueError(f"environment must be one of {', '.join(sorted(ENVIRONMENTS))}")
    return ENVIRONMENTS[environment]


def _check_timeout(timeout: object) -> Timeout:
    if timeout is None or isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not (0 < timeout < math.inf):
        raise ValueError("timeout must be a positive number of seconds, an httpx.Timeout, or None for no timeout")
    return float(timeout)


def _headers(user_agent: object, default_headers: Mapping[str, str] | None) -> dict[str, str]:
    if user_agent is not None and not isinstance(user_agent, str):
        raise TypeError("user_agent must be a str")
    headers = {"Accept": "application/json"}
    if default_headers:
        headers.update(default_headers)
    # The caller's product first, then ours, as in any User-Agent chain.
    headers["User-Agent"] = f"{user_agent} {USER_AGENT}" if user_agent else USER_AGENT
    return headers


def _core(
    environment: object,
    base_url: object,
    timeout: object,
    retry: object,
    user_agent: object,
    default_headers: Mapping[str, str] | None,
) -> Core:
    if not isinstance(retry, RetryPolicy):
        raise TypeError("retry must be a RetryPolicy, e.g. RetryPolicy(max_retries=0) for no retries")
    return Core(_base_url(environment, base_url), _check_timeout(timeout), retry, _headers(user_agent, default_headers))


def _fixed(access_token: object) -> str:
    authorization(access_token)  # checked once, here, rather than on the first call
    return cast(str, access_token)


class AdultWork(Resources):
    """Client of the AdultWork.com REST API.

    Give either `access_token` (the user's OAuth access token) or `token_provider` (a callable
    returning the current one, asked before every attempt, e.g. one that refreshes it).
    """

    def __init__(
        self,
        access_token: str | None = None,
        *,
        token_provider: TokenProvider | None = None,
        environment: Environment = "sandbox",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT_S,
        retry: RetryPolicy = RetryPolicy(),
        user_agent: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if (access_token is None) == (token_provider is None):
            raise TypeError("give either access_token or token_provider (exactly one)")
        if token_provider is not None and not callable(token_provider):
            raise TypeError("token_provider must be callable")
        core = _core(environment, base_url, timeout, retry, user_agent, default_headers)
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError("http_client must be an httpx.Client")
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=core.timeout, follow_redirects=False)
        if access_token is not None:
            token = _fixed(access_token)
            self._transport = SyncTransport(core, self._http, lambda: token)
        else:
            self._transport = SyncTransport(core, self._http, cast(TokenProvider, token_provider))
        self._core = core
        self._init_resources(self._transport)

    @property
    def base_url(self) -> str:
        return self._core.base_url

    @property
    def timeout(self) -> Timeout:
        return self._core.timeout

    @property
    def retry(self) -> RetryPolicy:
        return self._core.retry

    def as_group_member(self, user_id: int) -> GroupMember:
        """The group-manager view: the same calls, made for `user_id`, a member of your group."""
        return GroupMember(self._transport, user_id)

    def close(self) -> None:
        """Closes the connection pool (unless it was given as `http_client`)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> AdultWork:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AdultWork(base_url={self.base_url!r})"


class AsyncAdultWork(AsyncResources):
    """The asyncio twin of `AdultWork`: the same namespaces and arguments, awaited.

    `token_provider` may be a plain function or an `async def` one.
    """

    def __init__(
        self,
        access_token: str | None = None,
        *,
        token_provider: AsyncTokenProvider | None = None,
        environment: Environment = "sandbox",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT_S,
        retry: RetryPolicy = RetryPolicy(),
        user_agent: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if (access_token is None) == (token_provider is None):
            raise TypeError("give either access_token or token_provider (exactly one)")
        if token_provider is not None and not callable(token_provider):
            raise TypeError("token_provider must be callable")
        core = _core(environment, base_url, timeout, retry, user_agent, default_headers)
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient")
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient(timeout=core.timeout, follow_redirects=False)
        if access_token is not None:
            token = _fixed(access_token)
            self._transport = AsyncTransport(core, self._http, lambda: token)
        else:
            self._transport = AsyncTransport(core, self._http, cast(AsyncTokenProvider, token_provider))
        self._core = core
        self._init_resources(self._transport)

    @property
    def base_url(self) -> str:
        return self._core.base_url

    @property
    def timeout(self) -> Timeout:
        return self._core.timeout

    @property
    def retry(self) -> RetryPolicy:
        return self._core.retry

    def as_group_member(self, user_id: int) -> AsyncGroupMember:
        """The group-manager view: the same calls, made for `user_id`, a member of your group."""
        return AsyncGroupMember(self._transport, user_id)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncAdultWork:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncAdultWork(base_url={self.base_url!r})"
