import os

from adultwork import AdultWork, ConflictError
from adultwork.models import PhoneChatMadeBookingsOrderBy

token = os.environ["ADULTWORK_ACCESS_TOKEN"]
base_url = os.environ.get("ADULTWORK_BASE_URL")  # None: the API's sandbox

with AdultWork(token, base_url=base_url) as aw:
    page = aw.phone_chat.list_made_bookings(bookings_per_page=2)
    print(f"page {page.page_number} of {page.page_count}, {page.bookings_total} bookings in all")

    # Every booking of every page; the next page is fetched when the loop reaches it.
    for booking in aw.phone_chat.iter_made_bookings(bookings_per_page=2, order_by=PhoneChatMadeBookingsOrderBy.SessionDateAsc):
        print(booking.booking_id, booking.status.value, booking.session_date)

    try:
        aw.phone_chat.cancel_made_booking(booking_id=14, reason="Something came up")
    except ConflictError as error:  # booking 14 is already cancelled
        print("refused:", error.status, error.api_message)
