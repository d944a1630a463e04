import os

from adultwork_api_client import ApiClient, CancelMadeBookingRequest, Configuration, DeleteMadeBookingsRequest, PhoneChatApi
from adultwork_api_client.exceptions import UnauthorizedException, UnprocessableEntityException

host = os.environ.get("ADULTWORK_BASE_URL", "http://127.0.0.1:4010")
with ApiClient(Configuration(host=host, access_token="any-token-works-on-the-mock")) as client:
    bookings = PhoneChatApi(client)

    page = bookings.list_phone_chat_made_bookings(bookings_per_page=2)
    print(f"page {page.page_number} of {page.page_count}, {page.bookings_total} bookings in all")

    # Every booking on every page. The mock sends one fixed example unless told which page to send.
    number, page_count = 1, 1
    while number <= page_count:
        page = bookings.list_phone_chat_made_bookings(bookings_per_page=2, page_number=number, _headers={"Prefer": f"example=page{number}of3"})
        for booking in page.bookings:
            print(booking.booking_id, booking.status.value, booking.session_date)
        number, page_count = number + 1, page.page_count

    cancelled = bookings.cancel_phone_chat_made_booking(CancelMadeBookingRequest(BookingID=1, Reason="Something came up"))
    print("cancelled:", cancelled.booking_id, cancelled.status.value)

    for result in bookings.delete_phone_chat_made_bookings(DeleteMadeBookingsRequest(BookingIDs="100,101,102")):
        print("delete", result.booking_id, "done" if result.deleted else f"refused: {result.message}")

    try:
        bookings.list_phone_chat_made_bookings(start_date="22/01/2018")  # not yyyy-MM-dd
    except UnprocessableEntityException as error:
        print("typed error:", type(error).__name__, error.status, error.data.message if error.data else None)

with ApiClient(Configuration(host=host)) as anonymous:  # no access token
    try:
        PhoneChatApi(anonymous).list_phone_chat_made_bookings()
    except UnauthorizedException as error:
        print("typed error:", type(error).__name__, error.status, error.data.message if error.data else None)
