"""Contract suite of the generated Python client against the mock.

Each test makes real HTTP calls to the mock, which validates every request against the spec
(a wrong parameter or field name is a 422 there) and answers with the spec's examples;
`Prefer: example=<name>` picks one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

import adultwork_api_client

from adultwork_api_client import (
    ApiException,
    BookingStatus,
    CancelMadeBookingRequest,
    DeleteBookingResult,
    DeleteMadeBookingsRequest,
    Error,
    PhoneChatApi,
    PhoneChatCallMethod,
    PhoneChatMadeBooking,
    PhoneChatMadeBookingsOrderBy,
    PhoneChatMadeBookingsPage,
    RescheduleMadeBookingRequest,
    WebcamApi,
    WebcamBooking,
    WebcamSoftwareType,
)
from adultwork_api_client.exceptions import NotFoundException, UnauthorizedException, UnprocessableEntityException

REFUSED = (
    "The session booking cannot be deleted until it has been marked as complete. "
    "The booking needs to be cancelled before it can be deleted."
)


def prefer(example: str) -> dict:
    return {"Prefer": f"example={example}"}


# --- Listing and paging -----------------------------------------------------------------------


def test_list_sends_paging_parameters_by_their_wire_names(api_client, recorder):
    page = PhoneChatApi(api_client).list_phone_chat_made_bookings(
        start_date="2018-01-01",
        order_by=PhoneChatMadeBookingsOrderBy.SessionDateAsc,
        bookings_per_page=2,
        page_number=2,
        _headers=prefer("page2of3"),
    )

    sent = recorder.last
    assert (sent.method, sent.path) == ("GET", "/v1/PhoneChat/MadeBookings")
    assert dict(sent.query) == {
        "StartDate": "2018-01-01",
        "OrderBy": "sessiondate-asc",
        "BookingsPerPage": "2",
        "PageNumber": "2",
    }
    assert sent.headers["Authorization"] == "Bearer contract-suite-token"
    assert sent.headers["User-Agent"] == f"adultwork-api-client-python/{adultwork_api_client.__version__}"

    assert isinstance(page, PhoneChatMadeBookingsPage)
    assert (page.page_number, page.page_count, page.bookings_total, page.bookings_per_page) == (2, 3, 5, 2)
    assert [b.booking_id for b in page.bookings] == [13, 14]


def test_list_deserialises_enums_nullables_and_decimals(api_client):
    page = PhoneChatApi(api_client).list_phone_chat_made_bookings(
        bookings_per_page=2, page_number=2, _headers=prefer("page2of3")
    )
    skype, cancelled = page.bookings

    # Integer enum on the wire, enum member in Python.
    assert skype.method is PhoneChatCallMethod.Skype
    assert cancelled.method is PhoneChatCallMethod.BookedUserCallsClient
    assert skype.status is BookingStatus.CONFIRMED
    assert cancelled.status is BookingStatus.CANCELLED

    # `null` on the wire is None; present values stay plain strings (offset-less date-times).
    assert skype.phone_number is None
    assert skype.skype_name == "client.on.skype"
    assert skype.cancelled_date is None
    assert skype.comments is None
    assert skype.accepted_date == "2018-03-02T09:15:00"
    assert cancelled.cancelled_reason == "Plans changed"
    assert cancelled.action_client is None
    assert skype.candidate.phone_number is None and skype.candidate.user_id == 200013

    # Credits are always a float, whether the wire says 12.5 or 8 (mapNumberTo=float).
    assert skype.credits == 12.5 and isinstance(skype.credits, float)


def test_iterating_pages_reaches_every_booking_once(api_client):
    api = PhoneChatApi(api_client)
    seen, number, page_count, total = [], 1, None, None
    while page_count is None or number <= page_count:
        page = api.list_phone_chat_made_bookings(
            bookings_per_page=2, page_number=number, _headers=prefer(f"page{number}of3")
        )
        assert page.page_number == number
        page_count, total = page.page_count, page.bookings_total
        seen.extend(b.booking_id for b in page.bookings)
        number += 1

    assert page_count == 3
    assert seen == [11, 12, 13, 14, 15]
    assert len(seen) == total


def test_empty_list(api_client):
    page = PhoneChatApi(api_client).list_phone_chat_made_bookings(_headers=prefer("empty"))
    assert (page.page_count, page.bookings_total, page.bookings) == (0, 0, [])


def test_group_manager_route_sends_the_member_user_id(api_client, recorder):
    page = PhoneChatApi(api_client).list_group_member_phone_chat_made_bookings(
        user_id=123456, order_by=PhoneChatMadeBookingsOrderBy.DateDesc, bookings_per_page=10, page_number=1
    )

    sent = recorder.last
    assert (sent.method, sent.path) == ("GET", "/v1/Groups/PhoneChat/MadeBookings")
    assert dict(sent.query) == {"UserID": "123456", "OrderBy": "date-desc", "BookingsPerPage": "10", "PageNumber": "1"}
    assert isinstance(page, PhoneChatMadeBookingsPage)
    assert page.bookings and all(isinstance(b, PhoneChatMadeBooking) for b in page.bookings)


def test_group_manager_route_requires_the_member(api_client, recorder):
    with pytest.raises(pydantic.ValidationError):
        PhoneChatApi(api_client).list_group_member_phone_chat_made_bookings()  # type: ignore[call-arg]
    assert recorder.requests == []


# --- Changes ------------------------------------------------------------------------------------


def test_cancel_phone_chat_booking(api_client, recorder):
    booking = PhoneChatApi(api_client).cancel_phone_chat_made_booking(
        CancelMadeBookingRequest(booking_id=1, reason="I've had something come up")
    )

    sent = recorder.last
    assert (sent.method, sent.path) == ("POST", "/v1/PhoneChat/CancelMadeBooking")
    assert sent.body == {"BookingID": 1, "Reason": "I've had something come up"}
    assert isinstance(booking, PhoneChatMadeBooking)
    assert booking.booking_id == 1
    assert booking.credits == 8 and isinstance(booking.credits, float)
    assert booking.status is BookingStatus.CANCELLED
    assert booking.cancelled_reason == "I've had something come up"
    assert booking.cancelled_date == "2018-01-22T18:24:11"
    assert booking.action_client is None


def test_cancel_webcam_booking_keeps_the_wire_names(api_client, recorder):
    booking = WebcamApi(api_client).cancel_webcam_made_booking(
        CancelMadeBookingRequest(booking_id=1, reason="I can't make it.")
    )

    sent = recorder.last
    assert (sent.method, sent.path) == ("POST", "/v1/Webcam/CancelMadeBooking")
    assert sent.body == {"BookingID": 1, "Reason": "I can't make it."}
    assert isinstance(booking, WebcamBooking)
    assert booking.webcam_booking_id == 1
    assert booking.is_multiple is True
    assert booking.software_type_id is WebcamSoftwareType.Skype
    assert booking.status is BookingStatus.CANCELLED
    assert booking.confirmed_date is None
    assert booking.performer.sign_in_name_or_email is None
    assert booking.performer.nickname == "JosepheneBlogs"

    # Serialising back uses the API's spelling, typo included, and keeps explicit nulls.
    wire = booking.to_dict()
    assert wire["IsMulitple"] is True and "is_multiple" not in wire
    assert wire["WebcamBookingID"] == 1
    assert wire["ConfirmedDate"] is None


def test_reschedule_returns_the_new_booking(api_client, recorder):
    booking = PhoneChatApi(api_client).reschedule_phone_chat_made_booking(RescheduleMadeBookingRequest(booking_id=1))

    sent = recorder.last
    assert (sent.method, sent.path) == ("POST", "/v1/PhoneChat/RescheduleMadeBooking")
    assert sent.body == {"BookingID": 1}
    assert booking.booking_id == 2
    assert booking.status is BookingStatus.PENDING
    assert booking.accepted_date is None and booking.cancelled_by is None


def test_delete_several_ids_with_a_partial_result(api_client, recorder):
    results = PhoneChatApi(api_client).delete_phone_chat_made_bookings(
        DeleteMadeBookingsRequest(booking_ids="100,101,102")
    )

    sent = recorder.last
    assert (sent.method, sent.path) == ("POST", "/v1/PhoneChat/DeleteMadeBookings")
    assert sent.body == {"BookingIDs": "100,101,102"}
    assert isinstance(results, list) and all(isinstance(r, DeleteBookingResult) for r in results)
    assert [(r.booking_id, r.deleted) for r in results] == [(100, True), (101, True), (102, False)]
    assert results[2].message == REFUSED
    assert [r.booking_id for r in results if not r.deleted] == [102]


def test_delete_other_partial_result(api_client):
    results = PhoneChatApi(api_client).delete_phone_chat_made_bookings(
        DeleteMadeBookingsRequest(booking_ids="101,102"), _headers=prefer("oneDeletedOneRefused")
    )
    assert [(r.booking_id, r.deleted, r.message) for r in results] == [
        (101, True, "Booking deleted"),
        (102, False, REFUSED),
    ]


# --- Errors -------------------------------------------------------------------------------------


def test_missing_token_is_unauthorized_exception(anonymous_client, recorder):
    with pytest.raises(UnauthorizedException) as caught:
        PhoneChatApi(anonymous_client).list_phone_chat_made_bookings()

    assert "Authorization" not in recorder.last.headers
    error = caught.value
    assert isinstance(error, ApiException)
    assert error.status == 401
    assert isinstance(error.data, Error)
    assert error.data.message == "Authorization has been denied for this request."


def test_invalid_input_is_unprocessable_entity_exception(api_client, recorder):
    # The client passes the date through as it is; the API (here the mock) rejects it.
    with pytest.raises(UnprocessableEntityException) as caught:
        PhoneChatApi(api_client).list_phone_chat_made_bookings(start_date="01/02/2018")

    assert dict(recorder.last.query) == {"StartDate": "01/02/2018"}
    error = caught.value
    assert error.status == 422
    assert isinstance(error.data, Error)
    assert error.data.message == "The request is invalid."
    assert error.data.model_state and all(isinstance(v, list) for v in error.data.model_state.values())


def test_out_of_range_page_size_is_rejected_before_sending(api_client, recorder):
    with pytest.raises(pydantic.ValidationError):
        PhoneChatApi(api_client).list_phone_chat_made_bookings(bookings_per_page=500)
    with pytest.raises(pydantic.ValidationError):
        DeleteMadeBookingsRequest(booking_ids="100;101")
    assert recorder.requests == []


def test_unknown_booking_is_not_found_exception(api_client):
    with pytest.raises(NotFoundException) as caught:
        PhoneChatApi(api_client).cancel_phone_chat_made_booking(
            CancelMadeBookingRequest(booking_id=999, reason="Wrong booking"), _headers={"Prefer": "code=404"}
        )
    assert caught.value.status == 404
    assert caught.value.data.message == "No booking with ID 999 was found for this user."


# --- The README's example --------------------------------------------------------------------


def test_readme_shows_the_quickstart_file():
    package = Path(__file__).resolve().parents[1]
    readme = (package / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks == [(package / "examples" / "quickstart.py").read_text(encoding="utf-8")]


def test_quickstart_runs_against_the_mock(mock_url):
    script = Path(__file__).resolve().parents[1] / "examples" / "quickstart.py"
    run = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "ADULTWORK_BASE_URL": mock_url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "page 1 of 3, 30 bookings in all"
    assert [line.split()[0] for line in lines[1:6]] == ["11", "12", "13", "14", "15"]
    assert lines[6] == "cancelled: 1 Cancelled"
    assert lines[7:9] == ["delete 100 done", "delete 101 done"]
    assert lines[9] == f"delete 102 refused: {REFUSED}"
    assert lines[10:] == [
        "typed error: UnprocessableEntityException 422 The request is invalid.",
        "typed error: UnauthorizedException 401 Authorization has been denied for this request.",
    ]


def test_installed_metadata_names_the_project_not_the_generator():
    from importlib.metadata import metadata

    meta = metadata("adultwork-api-client")
    assert meta["Name"] == "adultwork-api-client"
    assert meta["Version"] == adultwork_api_client.__version__
    assert meta["Author"] == "adultwork-api contributors"
    # The header fields, not the long description (the README, which may name the generator).
    fields = " ".join(f"{key}: {value}" for key, value in meta.items() if key != "Description")
    for placeholder in ("GIT_USER_ID", "GIT_REPO_ID", "OpenAPI Generator", "openapitools.org"):
        assert placeholder not in fields
