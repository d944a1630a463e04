"""The client against the project's mock (Prism validating every request against the spec).

A wrong parameter or field name is a 422 from the mock; `Prefer: example=...` / `code=...`
picks one of the spec's answers.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qsl

import httpx
import pydantic
import pytest

import adultwork
from adultwork import AdultWork, AsyncAdultWork
from adultwork.models import (
    BookingStatus,
    DeleteBookingResult,
    PhoneChatCallMethod,
    PhoneChatMadeBooking,
    PhoneChatMadeBookingsOrderBy,
    PhoneChatMadeBookingsPage,
    WebcamBooking,
)

from conftest import Recorder


def query(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.url.query.decode()))


def test_list_sends_snake_case_arguments_under_their_wire_names(mock_client: AdultWork, recorder: Recorder) -> None:
    page = mock_client.phone_chat.list_made_bookings(
        start_date="2018-01-01",
        order_by=PhoneChatMadeBookingsOrderBy.SessionDateAsc,
        bookings_per_page=2,
        page_number=2,
        extra_headers={"Prefer": "example=page2of3"},
    )
    sent = recorder.last
    assert (sent.method, sent.url.path) == ("GET", "/v1/PhoneChat/MadeBookings")
    assert query(sent) == {"StartDate": "2018-01-01", "OrderBy": "sessiondate-asc", "BookingsPerPage": "2", "PageNumber": "2"}
    assert sent.headers["Authorization"] == "Bearer suite-token"
    assert sent.headers["User-Agent"] == f"adultwork-python/{adultwork.__version__}"
    assert isinstance(page, PhoneChatMadeBookingsPage)
    assert (page.page_number, page.page_count, page.bookings_total) == (2, 3, 5)
    assert [b.booking_id for b in page.bookings] == [13, 14]
    skype, cancelled = page.bookings
    assert skype.method is PhoneChatCallMethod.Skype and cancelled.status is BookingStatus.CANCELLED


def test_unset_arguments_are_left_out(mock_client: AdultWork, recorder: Recorder) -> None:
    mock_client.phone_chat.list_made_bookings()
    assert query(recorder.last) == {}


def test_cancel_sends_the_body_under_wire_names(mock_client: AdultWork, recorder: Recorder) -> None:
    booking = mock_client.phone_chat.cancel_made_booking(booking_id=1, reason="Something came up")
    sent = recorder.last
    assert (sent.method, sent.url.path) == ("POST", "/v1/PhoneChat/CancelMadeBooking")
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.content) == {"BookingID": 1, "Reason": "Something came up"}
    assert isinstance(booking, PhoneChatMadeBooking) and booking.status is BookingStatus.CANCELLED


def test_webcam_answer_keeps_the_wire_typo_behind_a_python_name(mock_client: AdultWork) -> None:
    booking = mock_client.webcam.cancel_made_booking(booking_id=1, reason="Ill")
    assert isinstance(booking, WebcamBooking)
    assert isinstance(booking.is_multiple, bool)
    assert "IsMulitple" in booking.to_dict()


def test_delete_takes_a_list_of_ids_or_the_api_string(mock_client: AdultWork, recorder: Recorder) -> None:
    results = mock_client.phone_chat.delete_made_bookings(booking_ids=[100, 101, 102])
    assert json.loads(recorder.last.content) == {"BookingIDs": "100,101,102"}
    assert all(isinstance(r, DeleteBookingResult) for r in results)
    assert [(r.booking_id, r.deleted) for r in results] == [(100, True), (101, True), (102, False)]
    mock_client.phone_chat.delete_made_bookings(booking_ids="100,101")
    assert json.loads(recorder.last.content) == {"BookingIDs": "100,101"}


def test_reschedule(mock_client: AdultWork, recorder: Recorder) -> None:
    booking = mock_client.phone_chat.reschedule_made_booking(booking_id=1)
    assert json.loads(recorder.last.content) == {"BookingID": 1}
    assert booking.status is BookingStatus.PENDING


def test_group_member_view_sends_the_member(mock_client: AdultWork, recorder: Recorder) -> None:
    member = mock_client.as_group_member(1001)
    assert member.user_id == 1001
    page = member.phone_chat.list_made_bookings(bookings_per_page=2, extra_headers={"Prefer": "example=page1of3"})
    sent = recorder.last
    assert sent.url.path == "/v1/Groups/PhoneChat/MadeBookings"
    assert query(sent) == {"UserID": "1001", "BookingsPerPage": "2"}
    assert page.page_number == 1
    # The group view has only what the spec mirrors for groups.
    assert not hasattr(member.phone_chat, "cancel_made_booking")
    assert not hasattr(member.webcam, "create_booking")
    assert not hasattr(member, "account") and not hasattr(member, "credit_history")


def test_group_member_post_sends_the_member_in_the_body(mock_client: AdultWork, recorder: Recorder) -> None:
    settings = mock_client.as_group_member(1001).phone_chat.save_settings(offer_direct_chat=False, phone_chat_ppm=1)
    sent = recorder.last
    assert (sent.method, sent.url.path, query(sent)) == ("POST", "/v1/Groups/PhoneChat/SaveSettings", {})
    assert json.loads(sent.content) == {"UserID": 1001, "OfferDirectChat": False, "PhoneChatPPM": 1.0}
    assert settings.phone_chat_ppm >= 0


def test_id_lists_in_the_query_take_a_sequence(mock_client: AdultWork, recorder: Recorder) -> None:
    mock_client.webcam.get_user_booking_requirements(book_user_ids=[123, 456])
    assert query(recorder.last) == {"BookUserIDs": "123,456"}


def test_the_balance_is_a_bare_float(mock_client: AdultWork, recorder: Recorder) -> None:
    balance = mock_client.credit_history.get_current_credit_balance()
    assert type(balance) is float


@pytest.mark.parametrize(
    "call",
    [
        lambda aw: aw.phone_chat.list_made_bookings(bookings_per_page=500),
        lambda aw: aw.phone_chat.list_made_bookings(bookings_per_page="5"),
        lambda aw: aw.phone_chat.list_made_bookings(start_date="22/01/2018"),
        lambda aw: aw.phone_chat.list_made_bookings(order_by="newest"),
        lambda aw: aw.phone_chat.list_made_bookings(page_number=0),
        lambda aw: aw.phone_chat.cancel_made_booking(booking_id=1, reason="   "),
        lambda aw: aw.phone_chat.cancel_made_booking(booking_id=0, reason="Ill"),
        lambda aw: aw.phone_chat.delete_made_bookings(booking_ids="1;2"),
        lambda aw: aw.phone_chat.list_made_bookings(StartDate="2018-01-01"),
        lambda aw: aw.as_group_member(0),
    ],
)
def test_bad_arguments_are_refused_before_sending(mock_client: AdultWork, recorder: Recorder, call: object) -> None:
    with pytest.raises((pydantic.ValidationError, ValueError)):
        call(mock_client)  # type: ignore[operator]
    assert recorder.requests == []


def test_empty_id_list_is_refused(mock_client: AdultWork, recorder: Recorder) -> None:
    with pytest.raises(ValueError, match="empty"):
        mock_client.phone_chat.delete_made_bookings(booking_ids=[])
    assert recorder.requests == []


def test_401_is_an_authentication_error_with_status_headers_and_body(mock_url: str) -> None:
    with AdultWork("mock-401-token", base_url=mock_url) as aw:
        with pytest.raises(adultwork.AuthenticationError) as caught:
            aw.phone_chat.list_made_bookings(extra_headers={"Prefer": "code=401"})
    error = caught.value
    assert isinstance(error, adultwork.APIStatusError) and isinstance(error, adultwork.AdultWorkError)
    assert error.status == 401
    assert error.api_message == "Authorization has been denied for this request."
    assert error.headers["content-type"].startswith("application/json")
    assert error.operation == "listPhoneChatMadeBookings"
    assert "mock-401-token" not in repr(error) + str(error) + repr(vars(error))


def test_422_is_a_validation_error_with_field_errors(mock_client: AdultWork) -> None:
    with pytest.raises(adultwork.ValidationError) as caught:
        mock_client.phone_chat.list_made_bookings(extra_headers={"Prefer": "code=422"})
    assert caught.value.status == 422
    assert caught.value.api_message == "The request is invalid."
    assert caught.value.field_errors and all(isinstance(m, list) for m in caught.value.field_errors.values())


def test_404_and_409_are_typed(mock_client: AdultWork) -> None:
    with pytest.raises(adultwork.NotFoundError) as not_found:
        mock_client.phone_chat.cancel_made_booking(booking_id=999, reason="Ill", extra_headers={"Prefer": "code=404"})
    assert not_found.value.status == 404
    with pytest.raises(adultwork.PrerequisiteFailedError) as conflict:
        mock_client.phone_chat.cancel_made_booking(booking_id=14, reason="Ill", extra_headers={"Prefer": "code=409"})
    assert conflict.value.status == 409 and isinstance(conflict.value, adultwork.ConflictError)


def test_no_token_on_the_mock_is_a_401(mock_url: str) -> None:
    # The mock answers 401 to a request without Authorization; the client cannot send one, so
    # send the header-less request through a hook that drops it.
    def drop(request: httpx.Request) -> None:
        del request.headers["Authorization"]

    http = httpx.Client(event_hooks={"request": [drop]})
    with AdultWork("x", base_url=mock_url, http_client=http) as aw, pytest.raises(adultwork.AuthenticationError):
        aw.phone_chat.list_made_bookings()
    http.close()


def test_async_client_has_the_same_surface(mock_url: str) -> None:
    async def main() -> tuple[PhoneChatMadeBookingsPage, list[DeleteBookingResult], PhoneChatMadeBookingsPage]:
        async with AsyncAdultWork("suite-token", base_url=mock_url) as aw:
            page = await aw.phone_chat.list_made_bookings(bookings_per_page=2, extra_headers={"Prefer": "example=page1of3"})
            deleted = await aw.phone_chat.delete_made_bookings(booking_ids=[100, 101, 102])
            member = await aw.as_group_member(1001).phone_chat.list_made_bookings(extra_headers={"Prefer": "example=page1of3"})
            with pytest.raises(adultwork.ValidationError):
                await aw.phone_chat.list_made_bookings(extra_headers={"Prefer": "code=422"})
            return page, deleted, member

    page, deleted, member = asyncio.run(main())
    assert [b.booking_id for b in page.bookings] == [11, 12]
    assert [r.deleted for r in deleted] == [True, True, False]
    assert member.page_number == 1


def test_async_token_provider_may_be_async(mock_url: str) -> None:
    calls: list[int] = []

    async def provider() -> str:
        calls.append(1)
        return "async-token"

    async def main() -> None:
        async with AsyncAdultWork(token_provider=provider, base_url=mock_url) as aw:
            await aw.phone_chat.list_made_bookings()
            await aw.phone_chat.list_made_bookings()

    asyncio.run(main())
    assert len(calls) == 2
