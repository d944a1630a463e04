package adultwork_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

const mockToken = "any-token-works-on-the-mock"

// mockClient is a client of the mock whose requests rec records.
func mockClient(t *testing.T, opts ...adultwork.Option) (*adultwork.Client, *recorder) {
	t.Helper()
	rec := &recorder{}
	base := []adultwork.Option{adultwork.WithBaseURL(mockURL), adultwork.WithToken(mockToken), adultwork.WithHTTPClient(&http.Client{Transport: rec})}
	c, err := adultwork.NewClient(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func TestMockListSendsWireNamesTokenAndUserAgent(t *testing.T) {
	c, rec := mockClient(t)
	page, err := c.PhoneChat.ListMadeBookings(context.Background(), &adultwork.ListPhoneChatMadeBookingsParams{
		StartDate:       "2018-01-01",
		OrderBy:         adultwork.PhoneChatMadeBookingsOrderBySessionDateAsc,
		BookingsPerPage: 2,
		PageNumber:      1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Bookings) == 0 || page.PageCount < 1 {
		t.Fatalf("want a page with bookings, got %+v", page)
	}
	req := rec.last(t)
	query, _ := url.ParseQuery(req.Query)
	equal(t, "path", req.Path, "/v1/PhoneChat/MadeBookings")
	equal(t, "StartDate", query.Get("StartDate"), "2018-01-01")
	equal(t, "OrderBy", query.Get("OrderBy"), "sessiondate-asc")
	equal(t, "BookingsPerPage", query.Get("BookingsPerPage"), "2")
	equal(t, "Authorization", req.Header.Get("Authorization"), "Bearer "+mockToken)
	equal(t, "User-Agent", req.Header.Get("User-Agent"), "adultwork-go/"+adultwork.Version)
}

func TestMockMissingRequiredParamsIsRefusedBeforeSending(t *testing.T) {
	c, rec := mockClient(t)
	ctx := context.Background()
	cases := map[string]func() error{
		"no member": func() error {
			_, err := c.AsGroupMember(0).PhoneChat.ListMadeBookings(ctx, nil)
			return err
		},
		"no member, body twin": func() error {
			_, err := c.AsGroupMember(0).PhoneChat.SaveSettings(ctx, adultwork.SavePhoneChatSettingsRequest{PhoneChatPPM: 1})
			return err
		},
		"nil params": func() error {
			_, err := c.PhoneChat.GetMadeBooking(ctx, nil)
			return err
		},
		"required field left zero": func() error {
			_, err := c.AsGroupMember(1001).Webcam.GetReceivedBooking(ctx, &adultwork.GetWebcamReceivedBookingParams{})
			return err
		},
	}
	for name, call := range cases {
		err := call()
		if !errors.Is(err, adultwork.ErrMissingInput) {
			t.Errorf("%s: want ErrMissingInput, got %v", name, err)
		}
		var apiErr *adultwork.APIError
		equal(t, name+": not an answer", errors.As(err, &apiErr), false)
	}
	_, err := c.PhoneChat.GetMadeBooking(ctx, nil)
	if err == nil || !strings.Contains(err.Error(), "BookingID") {
		t.Errorf("the error should name BookingID: %v", err)
	}
	_, err = c.AsGroupMember(0).Webcam.ListMadeBookings(ctx, nil)
	if err == nil || !strings.Contains(err.Error(), "UserID") {
		t.Errorf("the error should name UserID: %v", err)
	}
	equal(t, "requests sent", len(rec.all()), 0)
}

func TestMockErrorAnswersAreTyped(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		call     func(c *adultwork.Client, ctx context.Context) error
		prefer   string
		token    bool
		status   int
		sentinel error
		message  string
	}{
		{"no token", func(c *adultwork.Client, ctx context.Context) error {
			_, err := c.PhoneChat.ListMadeBookings(ctx, nil)
			return err
		}, "", false, 401, adultwork.ErrUnauthorized, "Authorization has been denied for this request."},
		{"bad StartDate", func(c *adultwork.Client, ctx context.Context) error {
			_, err := c.PhoneChat.ListMadeBookings(ctx, &adultwork.ListPhoneChatMadeBookingsParams{StartDate: "22/01/2018"})
			return err
		}, "", true, 422, adultwork.ErrInvalidInput, "The request is invalid."},
		{"unknown booking", func(c *adultwork.Client, ctx context.Context) error {
			_, err := c.PhoneChat.CancelMadeBooking(ctx, adultwork.CancelMadeBookingRequest{BookingID: 999, Reason: "x"})
			return err
		}, "code=404", true, 404, adultwork.ErrNotFound, ""},
		{"prerequisite failed", func(c *adultwork.Client, ctx context.Context) error {
			_, err := c.Webcam.CancelMadeBooking(ctx, adultwork.CancelMadeBookingRequest{BookingID: 1, Reason: "x"})
			return err
		}, "code=409", true, 409, adultwork.ErrConflict, ""},
		{"missing scope", func(c *adultwork.Client, ctx context.Context) error {
			_, err := c.PhoneChat.DeleteMadeBookings(ctx, adultwork.DeleteMadeBookingsRequest{BookingIDs: "1"})
			return err
		}, "code=403", true, 403, adultwork.ErrForbidden, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []adultwork.Option
			rec := &recorder{}
			opts = append(opts, adultwork.WithBaseURL(mockURL), adultwork.WithHTTPClient(&http.Client{Transport: rec}))
			if tc.token {
				opts = append(opts, adultwork.WithToken(mockToken))
			}
			c, err := adultwork.NewClient(opts...)
			if err != nil {
				t.Fatal(err)
			}
			callCtx := ctx
			if tc.prefer != "" {
				callCtx = prefer(ctx, tc.prefer)
			}
			err = tc.call(c, callCtx)
			var apiErr *adultwork.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want an *APIError, got %T %v", err, err)
			}
			equal(t, "status", apiErr.StatusCode, tc.status)
			equal(t, "errors.Is sentinel", errors.Is(err, tc.sentinel), true)
			equal(t, "not another sentinel", errors.Is(err, adultwork.ErrServer), false)
			if apiErr.Message == "" {
				t.Error("the body's Message is empty")
			}
			if tc.message != "" {
				equal(t, "message", apiErr.Message, tc.message)
			}
			if !strings.Contains(err.Error(), apiErr.Message) {
				t.Errorf("Error() %q does not say the message %q", err.Error(), apiErr.Message)
			}
			if apiErr.Header.Get("Content-Type") == "" {
				t.Error("the answer's headers are missing")
			}
			equal(t, "one attempt", len(rec.all()), 1)
			if tc.status == 422 && len(apiErr.ModelState) == 0 {
				t.Error("a 422 should carry ModelState")
			}
		})
	}
}
