"""Per-call overhead of the adultwork client against httpx alone, on one local server.

Usage: python bench.py BASE_URL [CALLS]. Prints a Markdown section.
"""

from __future__ import annotations

import asyncio
import platform
import statistics
import sys
import time
from collections.abc import Awaitable, Callable

import httpx
from adultwork_api_client import PhoneChatMadeBookingsPage

import adultwork
from adultwork import AdultWork, AsyncAdultWork

BASE_URL = sys.argv[1]
CALLS = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
WARMUP = 200
TOKEN = "bench-token"
URL = f"{BASE_URL}/v1/PhoneChat/MadeBookings"
PARAMS = [("BookingsPerPage", "2"), ("PageNumber", "1")]
# The headers the client sends, so both sides put the same bytes on the wire.
HEADERS = {"Accept": "application/json", "User-Agent": adultwork.USER_AGENT, "Authorization": f"Bearer {TOKEN}"}


def measure_sync(cases: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for round_ in range(WARMUP + CALLS):
        # Rotating order, so no case always runs right after the same other one.
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter_ns()
            cases[name]()
            if round_ >= WARMUP:
                times[name].append((time.perf_counter_ns() - started) / 1000)
    return times


async def measure_async(cases: dict[str, Callable[[], Awaitable[object]]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for round_ in range(WARMUP + CALLS):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter_ns()
            await cases[name]()
            if round_ >= WARMUP:
                times[name].append((time.perf_counter_ns() - started) / 1000)
    return times


def main() -> None:
    http = httpx.Client(timeout=30.0)
    aw = AdultWork(TOKEN, base_url=BASE_URL)

    def bare() -> object:
        return http.get(URL, params=PARAMS, headers=HEADERS).json()

    def bare_models() -> object:
        return PhoneChatMadeBookingsPage.from_dict(http.get(URL, params=PARAMS, headers=HEADERS).json())

    def client() -> object:
        return aw.phone_chat.list_made_bookings(bookings_per_page=2, page_number=1)

    sync = measure_sync({"bare": bare, "bare_models": bare_models, "client": client})
    http.close()
    aw.close()

    async def run_async() -> dict[str, list[float]]:
        async with httpx.AsyncClient(timeout=30.0) as ahttp, AsyncAdultWork(TOKEN, base_url=BASE_URL) as aaw:

            async def abare() -> object:
                return (await ahttp.get(URL, params=PARAMS, headers=HEADERS)).json()

            async def abare_models() -> object:
                return PhoneChatMadeBookingsPage.from_dict((await ahttp.get(URL, params=PARAMS, headers=HEADERS)).json())

            async def aclient() -> object:
                return await aaw.phone_chat.list_made_bookings(bookings_per_page=2, page_number=1)

            return await measure_async({"bare": abare, "bare_models": abare_models, "client": aclient})

    asyncs = asyncio.run(run_async())

    def med(values: list[float]) -> float:
        return statistics.median(values)

    def verdict(ratio: float) -> str:
        return "met" if ratio <= 1.10 else "missed"

    out = [
        "## Python client (`adultwork`)",
        "",
        f"Python {platform.python_version()}, httpx {httpx.__version__}, {platform.machine()}.",
        "",
        f"{CALLS} calls of each kind, interleaved in rotating order after {WARMUP} warm-up calls each, to one local",
        "`node:http` server (keep-alive) answering every request with the spec's `page1of3` example",
        "(two bookings). **httpx** is a bare `client.get(...)` + `response.json()` with the same query and",
        "headers; **httpx + models** also builds the generated `PhoneChatMadeBookingsPage` from the JSON",
        "(what the client returns); **adultwork** is `aw.phone_chat.list_made_bookings(bookings_per_page=2,",
        "page_number=1)` with default settings (argument checks, 30 s timeout, retries on, typed errors).",
        "",
        "| | sync: median per call | asyncio: median per call |",
        "| --- | ---: | ---: |",
    ]
    labels = {"bare": "httpx", "bare_models": "httpx + models", "client": "adultwork"}
    for key, label in labels.items():
        out.append(f"| {label} | {med(sync[key]):.0f} µs | {med(asyncs[key]):.0f} µs |")
    ratios = {}
    for key, label in (("bare_models", "httpx + models"), ("bare", "httpx")):
        ratios[key] = (med(sync["client"]) / med(sync[key]), med(asyncs["client"]) / med(asyncs[key]))
        out.append(f"| **ratio adultwork / {label}** | **{ratios[key][0]:.3f}x** | **{ratios[key][1]:.3f}x** |")
    sync_ratio, async_ratio = ratios["bare_models"]
    out += [
        "",
        "Target: the client within 10 % of httpx doing the same work (the request and the models): "
        f"sync **{verdict(sync_ratio)}**, asyncio **{verdict(async_ratio)}**.",
        "The ratio to httpx without models adds what decoding into the generated pydantic models costs,",
        "for a two-booking page.",
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
