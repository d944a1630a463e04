"""Auto-pagination of every paged list of the spec, over several pages of a local server.

The server builds its pages from the operation's own x-adultwork-pagination and the spec's
example answer, and serves the page the API would: with the page parameter left out, page 1 for
`startsAt: first` and the last page for `startsAt: last` (the credit history).
"""

from __future__ import annotations

import asyncio
import copy
import http.server
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import adultwork
from adultwork import AdultWork, AsyncAdultWork

from adultwork._operation import field_name
from conftest import LocalServer, send_json
from test_operations import OPERATIONS, arguments, deref, namespace_and_method, target

Serve = Callable[[Callable[[http.server.BaseHTTPRequestHandler, int], None]], LocalServer]

PAGES = 3
PER_PAGE = 2
LISTS = [op for op in OPERATIONS if "x-adultwork-pagination" in op]


def example_page(op: dict[str, Any]) -> dict[str, Any]:
    """The operation's first example answer that has items."""
    content = deref(op["responses"]["200"])["content"]["application/json"]
    items = op["x-adultwork-pagination"]["itemsProperty"]
    for example in [content.get("example"), *(deref(e)["value"] for e in content.get("examples", {}).values())]:
        if example and example.get(items):
            return dict(example)
    raise AssertionError(f"{op['operationId']}: no example page with items")


def pager(op: dict[str, Any], pages: int = PAGES, wrong_page: bool = False) -> Any:
    paging = op["x-adultwork-pagination"]
    template = example_page(op)
    item = template[paging["itemsProperty"]][0]

    def handle(request: http.server.BaseHTTPRequestHandler, number: int) -> None:
        query = dict(parse_qsl(urlsplit(request.path).query, keep_blank_values=True))
        asked = query.get(paging["pageParameter"])
        starts_last = paging.get("startsAt") == "last" or (asked == "" and paging.get("emptyPageNumberMeans") == "last")
        page_number = int(asked) if asked else (max(pages, 1) if starts_last else 1)
        body = copy.deepcopy(template)
        body[paging["pageCountProperty"]] = pages
        body[paging["pageNumberProperty"]] = page_number + 1 if wrong_page and number > 1 else page_number
        body[paging["pageSizeProperty"]] = PER_PAGE
        if "totalProperty" in paging:
            body[paging["totalProperty"]] = pages * PER_PAGE
        body[paging["itemsProperty"]] = [copy.deepcopy(item) for _ in range(PER_PAGE)] if 1 <= page_number <= pages else []
        send_json(request, 200, body)

    return handle


def asked_pages(op: dict[str, Any], server: LocalServer) -> list[str | None]:
    parameter = op["x-adultwork-pagination"]["pageParameter"]
    return [dict(parse_qsl(urlsplit(path).query)).get(parameter) for _, path in server.hits]


def expected_walk(op: dict[str, Any], start: int | None = None) -> list[str | None]:
    if op["x-adultwork-pagination"].get("startsAt") == "last":
        first = start if start is not None else PAGES
        return [None if start is None else str(start), *(str(n) for n in range(first - 1, 0, -1))]
    first = start or 1
    return [str(n) for n in range(first, PAGES + 1)]


def iterators(client: Any, op: dict[str, Any]) -> tuple[Any, Any]:
    method = target(client, op)
    namespace = method.__self__
    _, name = namespace_and_method(op)
    items = name.replace("list_", "iter_", 1)
    pages = f"{items.removesuffix('s')}_pages"
    return getattr(namespace, items), getattr(namespace, pages)


def list_arguments(op: dict[str, Any]) -> dict[str, Any]:
    return arguments(op)[0]


@pytest.mark.parametrize("op", LISTS, ids=lambda op: op["operationId"])
def test_walks_every_page_in_the_spec_direction(op: dict[str, Any], serve: Serve) -> None:
    server = serve(pager(op))
    paging = op["x-adultwork-pagination"]
    with AdultWork("t", base_url=server.url) as aw:
        iter_items, iter_pages = iterators(aw, op)
        assert len(list(iter_items(**list_arguments(op)))) == PAGES * PER_PAGE
        assert asked_pages(op, server) == expected_walk(op)
        numbers = [getattr(page, field_name(type(page), paging["pageNumberProperty"])) for page in iter_pages(**list_arguments(op))]
    walk = expected_walk(op)
    assert numbers == [PAGES if n is None else int(n) for n in walk]


@pytest.mark.parametrize("op", LISTS, ids=lambda op: op["operationId"])
def test_starts_at_the_given_page(op: dict[str, Any], serve: Serve) -> None:
    server = serve(pager(op))
    with AdultWork("t", base_url=server.url) as aw:
        iter_items, _ = iterators(aw, op)
        found = list(iter_items(**list_arguments(op), page_number=2))
    assert asked_pages(op, server) == expected_walk(op, start=2)
    assert len(found) == len(expected_walk(op, start=2)) * PER_PAGE


@pytest.mark.parametrize("op", LISTS, ids=lambda op: op["operationId"])
def test_fetches_lazily_and_stops_when_the_loop_stops(op: dict[str, Any], serve: Serve) -> None:
    server = serve(pager(op))
    with AdultWork("t", base_url=server.url) as aw:
        iter_items, _ = iterators(aw, op)
        walk = iter_items(**list_arguments(op))
        for _ in range(PER_PAGE):
            next(walk)
        assert len(server.hits) == 1
        next(walk)
        assert len(server.hits) == 2


@pytest.mark.parametrize("op", LISTS, ids=lambda op: op["operationId"])
def test_an_empty_list_is_one_request(op: dict[str, Any], serve: Serve) -> None:
    server = serve(pager(op, pages=0))
    with AdultWork("t", base_url=server.url) as aw:
        iter_items, _ = iterators(aw, op)
        assert list(iter_items(**list_arguments(op))) == []
    assert len(server.hits) == 1


@pytest.mark.parametrize("op", LISTS, ids=lambda op: op["operationId"])
def test_an_answer_for_another_page_is_an_error_not_a_loop(op: dict[str, Any], serve: Serve) -> None:
    server = serve(pager(op, wrong_page=True))
    with AdultWork("t", base_url=server.url) as aw:
        iter_items, _ = iterators(aw, op)
        with pytest.raises(adultwork.AnswerError, match="asked for page"):
            list(iter_items(**list_arguments(op)))
    assert len(server.hits) == 2


@pytest.mark.parametrize("op", LISTS, ids=lambda op: op["operationId"])
def test_async_walk(op: dict[str, Any], serve: Serve) -> None:
    server = serve(pager(op))

    async def main() -> int:
        async with AsyncAdultWork("t", base_url=server.url) as aw:
            iter_items, _ = iterators(aw, op)
            return len([item async for item in iter_items(**list_arguments(op))])

    assert asyncio.run(main()) == PAGES * PER_PAGE
    assert asked_pages(op, server) == expected_walk(op)


def test_the_credit_history_is_walked_from_its_last_page(serve: Serve) -> None:
    # The one list of the spec that starts at the last page: named here so that a spec change
    # that drops startsAt: last is noticed.
    (op,) = [op for op in LISTS if op["x-adultwork-pagination"].get("startsAt") == "last"]
    assert op["x-adultwork-pagination"].get("emptyPageNumberMeans") == "last"
    server = serve(pager(op))
    with AdultWork("t", base_url=server.url) as aw:
        pages = list(aw.credit_history.iter_credits_history_pages(page_size=PER_PAGE))
    assert [page.page_number for page in pages] == [3, 2, 1]
    assert asked_pages(op, server) == [None, "2", "1"]
    # The page parameter is left out, never sent empty.
    assert "PageNumber" not in server.hits[0][1]
