package adultwork_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

// sandboxClient is a client of the sandbox with the fixture token given, whose requests rec records.
func sandboxClient(t *testing.T, token string) (*adultwork.Client, *recorder) {
	t.Helper()
	needSandbox(t)
	rec := &recorder{}
	c, err := adultwork.NewClient(adultwork.WithBaseURL(sandboxURL), adultwork.WithToken(token), adultwork.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func bookingIDs(t *testing.T, seq func(yield func(adultwork.PhoneChatMadeBooking, error) bool)) []int32 {
	t.Helper()
	var ids []int32
	for booking, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, booking.BookingID)
	}
	return ids
}

func TestSandboxIteratorWalksEveryPage(t *testing.T) {
	resetSandbox(t)
	c, rec := sandboxClient(t, "client-token")
	ids := bookingIDs(t, c.PhoneChat.AllMadeBookings(context.Background(), &adultwork.ListPhoneChatMadeBookingsParams{
		BookingsPerPage: 2,
		OrderBy:         adultwork.PhoneChatMadeBookingsOrderByNicknameAsc,
	}))
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	equal(t, "bookings", fmt.Sprint(sorted), "[11 12 13 14 15]")
	requests := rec.all()
	equal(t, "pages fetched", len(requests), 3)
	for i, req := range requests {
		equal(t, fmt.Sprintf("request %d", i+1), req.Query, fmt.Sprintf("BookingsPerPage=2&OrderBy=nickname-asc&PageNumber=%d", i+1))
	}
}

func TestSandboxIteratorStartsAtTheGivenPageAndStopsOnBreak(t *testing.T) {
	resetSandbox(t)
	c, rec := sandboxClient(t, "client-token")
	ids := bookingIDs(t, c.PhoneChat.AllMadeBookings(context.Background(), &adultwork.ListPhoneChatMadeBookingsParams{BookingsPerPage: 2, PageNumber: 2}))
	equal(t, "bookings from page 2 on", len(ids), 3)
	equal(t, "pages fetched", len(rec.all()), 2)

	c, rec = sandboxClient(t, "client-token")
	for range c.PhoneChat.AllMadeBookings(context.Background(), &adultwork.ListPhoneChatMadeBookingsParams{BookingsPerPage: 2}) {
		break
	}
	equal(t, "pages fetched before the break", len(rec.all()), 1)
}

func TestSandboxIteratorOverTheGroupManagerRoute(t *testing.T) {
	resetSandbox(t)
	c, rec := sandboxClient(t, "manager-token")
	ids := bookingIDs(t, c.AsGroupMember(1001).PhoneChat.AllMadeBookings(context.Background(), &adultwork.ListPhoneChatMadeBookingsParams{BookingsPerPage: 2}))
	equal(t, "member's bookings", len(ids), 5)
	equal(t, "pages fetched", len(rec.all()), 3)
}

func TestSandboxIteratorEndsWithTheError(t *testing.T) {
	c, _ := sandboxClient(t, "not-a-fixture-token")
	var errs []error
	items := 0
	for _, err := range c.PhoneChat.AllMadeBookings(context.Background(), nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items++
	}
	equal(t, "items", items, 0)
	equal(t, "errors", len(errs), 1)
	equal(t, "unauthorized", errors.Is(errs[0], adultwork.ErrUnauthorized), true)
}

func TestSandboxEmptyList(t *testing.T) {
	c, rec := sandboxClient(t, "empty-token")
	ids := bookingIDs(t, c.PhoneChat.AllMadeBookings(context.Background(), nil))
	equal(t, "bookings", len(ids), 0)
	equal(t, "pages fetched", len(rec.all()), 1)
}

func TestSandboxConflictCarriesMessageAndHeaders(t *testing.T) {
	resetSandbox(t)
	c, _ := sandboxClient(t, "client-token")
	_, err := c.PhoneChat.CancelMadeBooking(context.Background(), adultwork.CancelMadeBookingRequest{BookingID: 14, Reason: "again"})
	var apiErr *adultwork.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want an *APIError, got %v", err)
	}
	equal(t, "status", apiErr.StatusCode, http.StatusConflict)
	equal(t, "conflict", errors.Is(err, adultwork.ErrConflict), true)
	equal(t, "operation", apiErr.Operation, "cancelPhoneChatMadeBooking")
	if apiErr.Message == "" || apiErr.Header.Get("X-Sandbox-Prerequisite") == "" {
		t.Errorf("want the sandbox's message and prerequisite header, got %q / %v", apiErr.Message, apiErr.Header)
	}

	_, err = c.PhoneChat.CancelMadeBooking(context.Background(), adultwork.CancelMadeBookingRequest{BookingID: 1, Reason: "not mine"})
	equal(t, "someone else's booking is not found", errors.Is(err, adultwork.ErrNotFound), true)

	booking, err := c.PhoneChat.CancelMadeBooking(context.Background(), adultwork.CancelMadeBookingRequest{BookingID: 11, Reason: "Something came up"})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "cancelled", booking.Status, adultwork.BookingStatusCancelled)
	equal(t, "reason", booking.GetCancelledReason(), "Something came up")
}

// countingSource is an oauth2.TokenSource that hands out a fixture token and counts the calls.
type countingSource struct {
	token string
	calls atomic.Int32
	err   error
}

func (s *countingSource) Token() (*oauth2.Token, error) {
	s.calls.Add(1)
	if s.err != nil {
		return nil, s.err
	}
	return &oauth2.Token{AccessToken: s.token, TokenType: "Bearer"}, nil
}

func TestSandboxTokenSource(t *testing.T) {
	needSandbox(t)
	source := &countingSource{token: "booking-user-token"}
	c, err := adultwork.NewClient(adultwork.WithBaseURL(sandboxURL), adultwork.WithTokenSource(source))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		page, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "BookingUser's bookings", page.BookingsTotal, int32(9))
	}
	// A token without expiry is fetched once and reused (oauth2.ReuseTokenSource).
	equal(t, "token fetches", source.calls.Load(), int32(1))

	failing := &countingSource{err: &oauth2.RetrieveError{ErrorCode: "invalid_grant"}}
	c, err = adultwork.NewClient(adultwork.WithBaseURL(sandboxURL), adultwork.WithTokenSource(failing))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.PhoneChat.ListMadeBookings(context.Background(), nil)
	var retrieve *oauth2.RetrieveError
	if !errors.As(err, &retrieve) || retrieve.ErrorCode != "invalid_grant" {
		t.Fatalf("want the token source's *oauth2.RetrieveError, got %v", err)
	}
	var conn *adultwork.ConnectionError
	equal(t, "not a connection error", errors.As(err, &conn), false)
}

// Clients with different tokens share nothing: concurrent calls each see their own user's data.
func TestSandboxConcurrentClientsKeepTheirTokens(t *testing.T) {
	needSandbox(t)
	resetSandbox(t)
	want := map[string]int32{"client-token": 5, "booking-user-token": 9, "lowcredit-token": 3, "empty-token": 0}
	clients := map[string]*adultwork.Client{}
	for token := range want {
		c, err := adultwork.NewClient(adultwork.WithBaseURL(sandboxURL), adultwork.WithToken(token))
		if err != nil {
			t.Fatal(err)
		}
		clients[token] = c
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		token := []string{"client-token", "booking-user-token", "lowcredit-token", "empty-token"}[i%4]
		wg.Add(1)
		go func() {
			defer wg.Done()
			page, err := clients[token].PhoneChat.ListMadeBookings(context.Background(), nil)
			if err != nil {
				errs <- err
				return
			}
			if page.BookingsTotal != want[token] {
				errs <- fmt.Errorf("%s saw %d bookings, want %d", token, page.BookingsTotal, want[token])
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The OAuth refresh flow plugs in: an expired token is refreshed at the token endpoint (a local
// server standing in for the API's), and the fresh access token is what the sandbox sees.
func TestSandboxRefreshFlowOfAnOAuth2Config(t *testing.T) {
	needSandbox(t)
	var refreshes atomic.Int32
	tokenEndpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.Form.Get("grant_type") != "refresh_token" || r.Form.Get("refresh_token") != "refresh-me" {
			http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
			return
		}
		refreshes.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"client-token","token_type":"bearer","refresh_token":"refresh-me","expires_in":3600}`))
	}))
	defer tokenEndpoint.Close()

	config := &oauth2.Config{ClientID: "app", ClientSecret: "secret", Endpoint: oauth2.Endpoint{TokenURL: tokenEndpoint.URL}}
	expired := &oauth2.Token{AccessToken: "expired", RefreshToken: "refresh-me", Expiry: time.Now().Add(-time.Hour)}
	c, err := adultwork.NewClient(adultwork.WithBaseURL(sandboxURL), adultwork.WithTokenSource(config.TokenSource(context.Background(), expired)))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		page, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "ClientUser's bookings", page.BookingsTotal, int32(5))
	}
	equal(t, "refreshes", refreshes.Load(), int32(1))
}

// The credit history is served from its last page: the iterator leaves PageNumber out, then walks
// down. Whatever the fixture's history holds, the walk yields exactly the pages read one by one,
// last to first.
func TestSandboxCreditHistoryWalksBackFromTheLastPage(t *testing.T) {
	resetSandbox(t)
	c, rec := sandboxClient(t, "client-token")
	ctx := context.Background()
	last, err := c.CreditHistory.ListCreditsHistory(ctx, &adultwork.ListCreditsHistoryParams{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if last.PageCount > 0 {
		equal(t, "PageNumber left out gives the last page", last.PageNumber, last.PageCount)
	}
	var want []string
	for page := last.PageCount; page >= 1; page-- {
		got, err := c.CreditHistory.ListCreditsHistory(ctx, &adultwork.ListCreditsHistoryParams{PageSize: 1, PageNumber: page})
		if err != nil {
			t.Fatal(err)
		}
		for _, entry := range got.CreditHistory {
			want = append(want, fmt.Sprint(entry.TransactionDate, entry.Credits, entry.Balance))
		}
	}
	before := len(rec.all())
	var walked []string
	for entry, err := range c.CreditHistory.AllCreditsHistory(ctx, &adultwork.ListCreditsHistoryParams{PageSize: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, fmt.Sprint(entry.TransactionDate, entry.Credits, entry.Balance))
	}
	equal(t, "entries", fmt.Sprint(walked), fmt.Sprint(want))
	requests := rec.all()[before:]
	if len(requests) == 0 {
		t.Fatal("no request")
	}
	equal(t, "first request", requests[0].Query, "OrderBy=transactiondate-asc&PageSize=1")
	for i, req := range requests[1:] {
		equal(t, fmt.Sprintf("request %d", i+2), req.Query, fmt.Sprintf("OrderBy=transactiondate-asc&PageNumber=%d&PageSize=1", int(last.PageCount)-1-i))
	}
}

// The group manager's view reads a member's settings through the /v1/Groups twin.
func TestSandboxGroupManagerReadsAMembersSettings(t *testing.T) {
	resetSandbox(t)
	c, rec := sandboxClient(t, "manager-token")
	if _, err := c.AsGroupMember(1001).PhoneChat.GetSettings(context.Background()); err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	equal(t, "route", req.Path, "/v1/Groups/PhoneChat/GetSettings")
	equal(t, "member", req.Query, "UserID=1001")

	_, err := c.AsGroupMember(999999).PhoneChat.GetSettings(context.Background())
	if !errors.Is(err, adultwork.ErrForbidden) && !errors.Is(err, adultwork.ErrNotFound) {
		t.Fatalf("want 403 or 404 for a user outside the group, got %v", err)
	}
}
