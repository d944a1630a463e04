"""The client against the stateful sandbox: paging across several pages, the booking rules,
scopes and group membership, with the fixture tokens of packages/sandbox/fixtures/seed.json.
"""

from __future__ import annotations

import asyncio

import pytest

import adultwork
from adultwork import AdultWork, AsyncAdultWork
from adultwork.models import PhoneChatMadeBooking, PhoneChatMadeBookingsOrderBy


def test_iterates_every_booking_across_pages(sandbox_url: str) -> None:
    with AdultWork("client-token", base_url=sandbox_url) as aw:
        ids = [b.booking_id for b in aw.phone_chat.iter_made_bookings(bookings_per_page=2, order_by=PhoneChatMadeBookingsOrderBy.SessionDateAsc)]
        pages = list(aw.phone_chat.iter_made_booking_pages(bookings_per_page=2))
    assert sorted(ids) == [11, 12, 13, 14, 15] and len(ids) == 5
    assert [(p.page_number, p.page_count, len(p.bookings)) for p in pages] == [(1, 3, 2), (2, 3, 2), (3, 3, 1)]


def test_iteration_starts_at_the_given_page_and_fetches_lazily(sandbox_url: str) -> None:
    seen: list[str] = []
    import httpx

    http = httpx.Client(event_hooks={"request": [lambda r: seen.append(r.url.params["PageNumber"])]})
    with AdultWork("client-token", base_url=sandbox_url, http_client=http) as aw:
        bookings = aw.phone_chat.iter_made_bookings(bookings_per_page=2, page_number=2)
        assert seen == []
        first = next(bookings)
        assert isinstance(first, PhoneChatMadeBooking) and seen == ["2"]
        rest = list(bookings)
    http.close()
    assert len(rest) == 2 and seen == ["2", "3"]


def test_empty_list_iterates_nothing(sandbox_url: str) -> None:
    with AdultWork("empty-token", base_url=sandbox_url) as aw:
        assert list(aw.phone_chat.iter_made_bookings()) == []
        assert [p.page_count for p in aw.phone_chat.iter_made_booking_pages()] == [0]


def test_group_member_pages_and_outsider(sandbox_url: str) -> None:
    with AdultWork("manager-token", base_url=sandbox_url) as aw:
        member = [b.booking_id for b in aw.as_group_member(1001).phone_chat.iter_made_bookings(bookings_per_page=2)]
        assert sorted(member) == [11, 12, 13, 14, 15]
        with pytest.raises(adultwork.PermissionDeniedError) as caught:
            aw.as_group_member(1003).phone_chat.list_made_bookings()
    assert caught.value.status == 403


def test_async_iteration_across_pages(sandbox_url: str) -> None:
    async def main() -> list[int]:
        async with AsyncAdultWork("client-token", base_url=sandbox_url) as aw:
            return [b.booking_id async for b in aw.phone_chat.iter_made_bookings(bookings_per_page=2)]

    assert sorted(asyncio.run(main())) == [11, 12, 13, 14, 15]


def test_booking_rules_come_back_as_typed_errors(sandbox_url: str) -> None:
    with AdultWork("client-token", base_url=sandbox_url) as aw:
        with pytest.raises(adultwork.ConflictError) as conflict:
            aw.phone_chat.cancel_made_booking(booking_id=14, reason="Changed my mind")  # already Cancelled
        with pytest.raises(adultwork.NotFoundError):
            aw.phone_chat.cancel_made_booking(booking_id=1, reason="Not mine")  # BookingUser's
    assert conflict.value.status == 409 and conflict.value.api_message


def test_scope_and_unknown_token(sandbox_url: str) -> None:
    with AdultWork("client-webcam-token", base_url=sandbox_url) as aw, pytest.raises(adultwork.PermissionDeniedError):
        aw.phone_chat.list_made_bookings()
    with AdultWork("no-such-token", base_url=sandbox_url) as aw, pytest.raises(adultwork.AuthenticationError) as caught:
        aw.phone_chat.list_made_bookings()
    assert caught.value.headers.get("www-authenticate", "").lower().startswith("bearer")


def test_token_provider_is_asked_on_every_call(sandbox_url: str) -> None:
    tokens = iter(["client-token", "empty-token"])
    with AdultWork(token_provider=lambda: next(tokens), base_url=sandbox_url) as aw:
        assert aw.phone_chat.list_made_bookings().bookings_total == 5
        assert aw.phone_chat.list_made_bookings().bookings_total == 0


def test_state_changes_are_seen(sandbox_url: str) -> None:
    with AdultWork("booking-user-token", base_url=sandbox_url) as aw:
        cancelled = aw.phone_chat.cancel_made_booking(booking_id=201, reason="Travelling")
        assert cancelled.status is not None and cancelled.status.value == "Cancelled"
        results = aw.phone_chat.delete_made_bookings(booking_ids=[201, 202])
    assert [(r.booking_id, r.deleted) for r in results] == [(201, True), (202, False)]


def test_reads_of_the_whole_api(sandbox_url: str) -> None:
    # Needs the sandbox engine that knows the whole booking API (its new extension vocabulary).
    with AdultWork("client-token", base_url=sandbox_url) as aw:
        assert aw.account.verify_credentials().user_id == 1001  # token-only: any valid token
        granted = {p.permission for p in aw.account.get_permissions().permissions if p.status == "granted"}
        assert {"account_phonechat_bookings", "account_webcam_bookings"} <= granted
        assert aw.phone_chat.get_made_booking(booking_id=11).booking_id == 11
        assert isinstance(aw.credit_history.get_current_credit_balance(), float)
    with AdultWork("client-phonechat-token", base_url=sandbox_url) as aw:
        with pytest.raises(adultwork.PermissionDeniedError):
            aw.credit_history.get_current_credit_balance()  # the token lacks account_credits_history
    with AdultWork("manager-token", base_url=sandbox_url) as aw:
        assert aw.as_group_member(1001).phone_chat.get_made_booking(booking_id=11).booking_id == 11
