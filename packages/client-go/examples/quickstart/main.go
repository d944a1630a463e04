// Command quickstart is the README's example: every call of the client against the local mock.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"golang.org/x/oauth2"

	adultwork "github.com/adultwork-api/adultwork-api/packages/client-go"
)

func main() {
	cfg := adultwork.NewConfiguration()
	cfg.Servers = adultwork.ServerConfigurations{{URL: envOr("ADULTWORK_BASE_URL", "http://127.0.0.1:4010")}}
	cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second} // the default client never gives up
	aw := adultwork.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), adultwork.ContextOAuth2,
		oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "any-token-works-on-the-mock"}))

	page, _, err := aw.PhoneChatAPI.ListPhoneChatMadeBookings(ctx).BookingsPerPage(2).Execute()
	check(err)
	fmt.Printf("page %d of %d, %d bookings in all\n", page.PageNumber, page.PageCount, page.BookingsTotal)

	for _, booking := range page.Bookings {
		fmt.Println(booking.BookingID, booking.Status, booking.SessionDate)
	}

	cancelled, _, err := aw.PhoneChatAPI.CancelPhoneChatMadeBooking(ctx).
		CancelMadeBookingRequest(*adultwork.NewCancelMadeBookingRequest(1, "Something came up")).Execute()
	check(err)
	fmt.Println("cancelled:", cancelled.BookingID, cancelled.Status)

	results, _, err := aw.PhoneChatAPI.DeletePhoneChatMadeBookings(ctx).
		DeleteMadeBookingsRequest(*adultwork.NewDeleteMadeBookingsRequest("100,101,102")).Execute()
	check(err)
	for _, result := range results {
		if result.Deleted {
			fmt.Println("delete", result.BookingID, "done")
		} else {
			fmt.Println("delete", result.BookingID, "refused:", result.Message)
		}
	}

	_, resp, err := aw.PhoneChatAPI.ListPhoneChatMadeBookings(ctx).StartDate("22/01/2018").Execute() // not yyyy-MM-dd
	printAPIError(resp, err)
	_, resp, err = aw.PhoneChatAPI.ListPhoneChatMadeBookings(context.Background()).Execute() // no access token
	printAPIError(resp, err)
}

// printAPIError shows an error answer: a *GenericOpenAPIError whose Model() is the parsed body.
func printAPIError(resp *http.Response, err error) {
	var apiErr *adultwork.GenericOpenAPIError
	if resp == nil || !errors.As(err, &apiErr) {
		log.Fatalf("want an error answer from the API, got %v", err)
	}
	body, _ := apiErr.Model().(adultwork.Error)
	fmt.Println("typed error:", resp.StatusCode, body.Message)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
