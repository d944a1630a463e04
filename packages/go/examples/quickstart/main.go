// Command quickstart lists, pages through and cancels bookings on the local sandbox.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

func main() {
	ctx := context.Background()
	client, err := adultwork.NewClient(
		// The local sandbox; leave WithBaseURL out to call the API's own sandbox host.
		adultwork.WithBaseURL(cmp.Or(os.Getenv("ADULTWORK_BASE_URL"), "http://127.0.0.1:4020")),
		adultwork.WithToken(cmp.Or(os.Getenv("ADULTWORK_TOKEN"), "client-token")),
		adultwork.WithUserAgent("quickstart/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}

	// One page.
	page, err := client.PhoneChat.ListMadeBookings(ctx, &adultwork.ListPhoneChatMadeBookingsParams{BookingsPerPage: 2})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d bookings on %d pages\n", page.BookingsTotal, page.PageCount)

	// Every booking, the next page fetched when the loop gets to it.
	all := client.PhoneChat.AllMadeBookings(ctx, &adultwork.ListPhoneChatMadeBookingsParams{
		BookingsPerPage: 2,
		OrderBy:         adultwork.PhoneChatMadeBookingsOrderBySessionDateAsc,
	})
	for booking, err := range all {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(booking.BookingID, booking.Status, booking.SessionDate)
	}

	// Cancel a pending booking; cancelling it again is refused with 409.
	request := adultwork.CancelMadeBookingRequest{BookingID: 11, Reason: "Something came up"}
	cancelled, err := client.PhoneChat.CancelMadeBooking(ctx, request)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("cancelled:", cancelled.BookingID, cancelled.Status)

	_, err = client.PhoneChat.CancelMadeBooking(ctx, request)
	var apiErr *adultwork.APIError
	if !errors.Is(err, adultwork.ErrConflict) || !errors.As(err, &apiErr) {
		log.Fatalf("want a conflict, got %v", err)
	}
	fmt.Println("refused:", apiErr.StatusCode, apiErr.Message)
}
