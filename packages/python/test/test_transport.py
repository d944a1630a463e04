"""Timeouts, retries and connection failures, against small local servers."""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
import time
from collections.abc import Callable

import httpx
import pytest

import adultwork
from adultwork import AdultWork, AsyncAdultWork, RetryPolicy

from conftest import EMPTY_PAGE, REPO_ROOT, LocalServer, send_json

Serve = Callable[[Callable[[http.server.BaseHTTPRequestHandler, int], None]], LocalServer]
release = threading.Event()


def never_answers(handler: http.server.BaseHTTPRequestHandler, number: int) -> None:
    release.wait(10)


def test_default_timeout_is_set_on_the_transport() -> None:
    assert adultwork.DEFAULT_TIMEOUT_S == 30.0
    with AdultWork("t", base_url="http://127.0.0.1:9") as aw:
        assert aw.timeout == 30.0
        assert aw._http.timeout == httpx.Timeout(30.0)  # the pool it made
    async def check() -> None:
        async with AsyncAdultWork("t", base_url="http://127.0.0.1:9") as aw:
            assert aw.timeout == 30.0 and aw._http.timeout == httpx.Timeout(30.0)
    asyncio.run(check())


def test_every_request_carries_the_timeout(serve: Serve) -> None:
    server = serve(lambda request, number: send_json(request, 200, EMPTY_PAGE))
    seen: list[dict[str, float]] = []
    # A caller's own httpx client, with another timeout: the client's option still applies.
    http = httpx.Client(timeout=5.0, event_hooks={"request": [lambda r: seen.append(r.extensions["timeout"])]})
    with AdultWork("t", base_url=server.url, http_client=http) as aw:
        aw.phone_chat.list_made_bookings()
        aw.phone_chat.list_made_bookings(timeout=1.5)
    http.close()
    assert seen == [dict.fromkeys(("connect", "read", "write", "pool"), 30.0), dict.fromkeys(("connect", "read", "write", "pool"), 1.5)]


def test_a_server_that_never_answers_times_out(serve: Serve) -> None:
    server = serve(never_answers)
    with AdultWork("t", base_url=server.url, timeout=0.5, retry=RetryPolicy(max_retries=0)) as aw:
        started = time.monotonic()
        with pytest.raises(adultwork.APITimeoutError) as caught:
            aw.phone_chat.list_made_bookings()
        assert time.monotonic() - started < 5
    assert isinstance(caught.value, adultwork.APIConnectionError)
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_async_timeout(serve: Serve) -> None:
    server = serve(never_answers)

    async def main() -> None:
        async with AsyncAdultWork("t", base_url=server.url, retry=RetryPolicy(max_retries=0)) as aw:
            await aw.phone_chat.list_made_bookings(timeout=0.3)

    with pytest.raises(adultwork.APITimeoutError):
        asyncio.run(main())


def test_per_call_timeout_overrides_the_client(serve: Serve) -> None:
    server = serve(never_answers)
    with AdultWork("t", base_url=server.url, retry=RetryPolicy(max_retries=0)) as aw, pytest.raises(adultwork.APITimeoutError):
        aw.phone_chat.list_made_bookings(timeout=0.3)


def test_a_timed_out_get_is_retried(serve: Serve) -> None:
    server = serve(never_answers)
    with AdultWork("t", base_url=server.url, timeout=0.3, retry=RetryPolicy(max_retries=1, base_delay=0.01)) as aw, pytest.raises(adultwork.APITimeoutError):
        aw.phone_chat.list_made_bookings()
    assert len(server.hits) == 2


def test_503_with_retry_after_then_200_succeeds_with_default_settings(serve: Serve) -> None:
    def handler(request: http.server.BaseHTTPRequestHandler, number: int) -> None:
        if number == 1:
            send_json(request, 503, {"Message": "busy"}, {"Retry-After": "1"})
        else:
            send_json(request, 200, EMPTY_PAGE)

    server = serve(handler)
    with AdultWork("t", base_url=server.url) as aw:
        started = time.monotonic()
        page = aw.phone_chat.list_made_bookings()
        waited = time.monotonic() - started
    assert page.page_count == 0
    assert len(server.hits) == 2
    assert waited >= 0.95  # Retry-After: 1 was honoured


def test_async_503_then_200(serve: Serve) -> None:
    def handler(request: http.server.BaseHTTPRequestHandler, number: int) -> None:
        send_json(request, 503 if number == 1 else 200, {"Message": "busy"} if number == 1 else EMPTY_PAGE, {"Retry-After": "0"})

    server = serve(handler)

    async def main() -> int:
        async with AsyncAdultWork("t", base_url=server.url) as aw:
            return (await aw.phone_chat.list_made_bookings()).page_count

    assert asyncio.run(main()) == 0 and len(server.hits) == 2


def test_a_post_that_reached_the_server_is_not_retried(serve: Serve) -> None:
    server = serve(lambda request, number: send_json(request, 503, {"Message": "busy"}, {"Retry-After": "0"}))
    with AdultWork("t", base_url=server.url) as aw, pytest.raises(adultwork.ServerError) as caught:
        aw.phone_chat.cancel_made_booking(booking_id=1, reason="Ill")
    assert len(server.hits) == 1
    assert caught.value.status == 503 and caught.value.api_message == "busy"


def test_429_retries_run_out_with_a_rate_limit_error(serve: Serve) -> None:
    server = serve(lambda request, number: send_json(request, 429, {"Message": "slow down"}, {"Retry-After": "0"}))
    with AdultWork("t", base_url=server.url) as aw, pytest.raises(adultwork.RateLimitError) as caught:
        aw.phone_chat.list_made_bookings()
    assert len(server.hits) == 3  # the call and two retries
    assert caught.value.retry_after == 0


def test_a_retry_after_longer_than_max_delay_is_not_waited_for(serve: Serve) -> None:
    server = serve(lambda request, number: send_json(request, 429, {"Message": "slow down"}, {"Retry-After": "3600"}))
    with AdultWork("t", base_url=server.url) as aw, pytest.raises(adultwork.RateLimitError) as caught:
        aw.phone_chat.list_made_bookings()
    assert len(server.hits) == 1 and caught.value.retry_after == 3600


def test_connection_refused_is_a_typed_connection_error(closed_port_url: str) -> None:
    with AdultWork("t", base_url=closed_port_url, retry=RetryPolicy(max_retries=2, base_delay=0.01)) as aw:
        with pytest.raises(adultwork.APIConnectionError) as caught:
            aw.phone_chat.list_made_bookings()
        # Never reached the server: a POST may be retried too, and fails the same way.
        with pytest.raises(adultwork.APIConnectionError):
            aw.phone_chat.cancel_made_booking(booking_id=1, reason="Ill")
    assert not isinstance(caught.value, adultwork.APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caught.value.status is None


def test_async_connection_refused(closed_port_url: str) -> None:
    async def main() -> None:
        async with AsyncAdultWork("t", base_url=closed_port_url, retry=RetryPolicy(max_retries=0)) as aw:
            await aw.phone_chat.list_made_bookings()

    with pytest.raises(adultwork.APIConnectionError):
        asyncio.run(main())


def test_a_token_echoed_by_the_server_is_redacted(serve: Serve) -> None:
    server = serve(lambda request, number: send_json(request, 400, {"Message": f"bad token {request.headers['Authorization']}"}))
    with AdultWork("sekret-token-123", base_url=server.url) as aw, pytest.raises(adultwork.ValidationError) as caught:
        aw.phone_chat.list_made_bookings()
    error = caught.value
    assert caught.value.status == 400
    assert "sekret-token-123" not in f"{error!r} {error} {error.body} {vars(error)}"
    assert "[redacted]" in str(error.api_message)
    assert "sekret" not in repr(aw)


def test_a_success_that_is_not_what_the_spec_says_is_an_answer_error(serve: Serve) -> None:
    def handler(request: http.server.BaseHTTPRequestHandler, number: int) -> None:
        if number == 1:
            send_json(request, 200, {"PageCount": "many"})
        else:
            request.send_response(200)
            request.send_header("Content-Length", "5")
            request.end_headers()
            request.wfile.write(b"hello")

    server = serve(handler)
    with AdultWork("t", base_url=server.url) as aw:
        with pytest.raises(adultwork.AnswerError, match="does not match the spec"):
            aw.phone_chat.list_made_bookings()
        with pytest.raises(adultwork.AnswerError, match="not JSON"):
            aw.phone_chat.list_made_bookings()


def test_an_empty_page_ends_the_walk(serve: Serve) -> None:
    server = serve(lambda request, number: send_json(request, 200, {**EMPTY_PAGE, "PageCount": 3}))
    with AdultWork("t", base_url=server.url) as aw:
        assert list(aw.phone_chat.iter_made_bookings()) == []
    assert len(server.hits) == 1


def test_a_server_that_repeats_a_page_stops_the_iterator(serve: Serve) -> None:
    spec = json.loads((REPO_ROOT / "openapi" / "dist" / "openapi.json").read_text())
    page = spec["components"]["examples"]["PhoneChatMadeBookings_page1of3"]["value"]
    server = serve(lambda request, number: send_json(request, 200, page))  # always page 1
    with AdultWork("t", base_url=server.url) as aw:
        walk = aw.phone_chat.iter_made_bookings(bookings_per_page=2)
        assert [next(walk).booking_id, next(walk).booking_id] == [11, 12]
        with pytest.raises(adultwork.AnswerError, match="asked for page 2, the answer is page 1"):
            next(walk)
    assert len(server.hits) == 2


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({}, TypeError),
        ({"access_token": "a", "token_provider": lambda: "b"}, TypeError),
        ({"access_token": ""}, ValueError),
        ({"access_token": "two words"}, ValueError),
        ({"access_token": "t", "environment": "staging"}, ValueError),
        ({"access_token": "t", "base_url": "ftp://example.com"}, ValueError),
        ({"access_token": "t", "timeout": 0}, ValueError),
        ({"access_token": "t", "timeout": -1}, ValueError),
        ({"access_token": "t", "retry": 3}, TypeError),
    ],
)
def test_bad_options_are_refused_without_quoting_the_token(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        AdultWork(**kwargs)  # type: ignore[arg-type]
    assert "two words" not in str(caught.value)


def test_retry_policy_checks_its_numbers() -> None:
    for bad in ({"max_retries": -1}, {"base_delay": float("nan")}, {"max_delay": float("inf")}):
        with pytest.raises(ValueError):
            RetryPolicy(**bad)  # type: ignore[arg-type]
    policy = RetryPolicy(base_delay=1, max_delay=4)
    for retry in range(6):
        assert min(4, 2**retry) / 2 <= policy.backoff(retry) <= min(4, 2**retry)


def test_environments() -> None:
    with AdultWork("t") as aw:
        assert aw.base_url == "https://api-sandbox.adultwork.com"
    with AdultWork("t", environment="production") as aw:
        assert aw.base_url == "https://api.adultwork.com"
