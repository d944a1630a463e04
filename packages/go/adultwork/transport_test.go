package adultwork_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

const pageJSON = `{"PageCount":1,"PageNumber":1,"BookingsTotal":0,"BookingsPerPage":50,"Bookings":[]}`

func localClient(t *testing.T, url string, opts ...adultwork.Option) *adultwork.Client {
	t.Helper()
	c, err := adultwork.NewClient(append([]adultwork.Option{adultwork.WithBaseURL(url), adultwork.WithToken("t")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hangingServer accepts requests and never answers until the test ends.
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(done); srv.Close() })
	return srv
}

func TestDefaultTimeoutIsThirtySeconds(t *testing.T) {
	equal(t, "DefaultTimeout", adultwork.DefaultTimeout, 30*time.Second)
}

func TestShortTimeoutEndsACallToAServerThatNeverAnswers(t *testing.T) {
	srv := hangingServer(t)
	c := localClient(t, srv.URL, adultwork.WithTimeout(300*time.Millisecond))
	start := time.Now()
	_, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
	elapsed := time.Since(start)
	var conn *adultwork.ConnectionError
	if !errors.As(err, &conn) {
		t.Fatalf("want a *ConnectionError, got %T %v", err, err)
	}
	equal(t, "Timeout()", conn.Timeout(), true)
	equal(t, "errors.Is DeadlineExceeded", errors.Is(err, context.DeadlineExceeded), true)
	equal(t, "method", conn.Method, http.MethodGet)
	if elapsed > 5*time.Second {
		t.Errorf("the call took %v with a 300ms timeout", elapsed)
	}
}

func TestContextDeadlineEndsACall(t *testing.T) {
	srv := hangingServer(t)
	c := localClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.PhoneChat.ListMadeBookings(ctx, nil)
	equal(t, "errors.Is DeadlineExceeded", errors.Is(err, context.DeadlineExceeded), true)
}

func TestRetriesA503AfterRetryAfterWithDefaults(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(pageJSON))
	}))
	defer srv.Close()
	c := localClient(t, srv.URL)
	start := time.Now()
	page, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "page", page.PageCount, int32(1))
	equal(t, "attempts", calls.Load(), int32(2))
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("the retry came after %v, before the Retry-After of 1 s", waited)
	}
}

func TestRetriesA429ThenGivesUpWithTheAnswer(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "0")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"Message":"Slow down."}`))
	}))
	defer srv.Close()
	c := localClient(t, srv.URL, adultwork.WithRetries(3))
	_, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
	equal(t, "attempts", calls.Load(), int32(4))
	var apiErr *adultwork.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want an *APIError, got %v", err)
	}
	equal(t, "rate limited", errors.Is(err, adultwork.ErrRateLimited), true)
	equal(t, "message", apiErr.Message, "Slow down.")
	after, ok := apiErr.RetryAfter()
	equal(t, "Retry-After given", ok, true)
	equal(t, "Retry-After", after, time.Duration(0))
}

func TestDoesNotWaitLongerThanTheCallHasLeft(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := localClient(t, srv.URL)
	start := time.Now()
	_, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
	equal(t, "attempts", calls.Load(), int32(1))
	equal(t, "server error", errors.Is(err, adultwork.ErrServer), true)
	var apiErr *adultwork.APIError
	if errors.As(err, &apiErr) {
		after, _ := apiErr.RetryAfter()
		equal(t, "Retry-After", after, time.Hour)
		equal(t, "no message in an empty body", apiErr.Message, "")
	}
	if time.Since(start) > 5*time.Second {
		t.Error("the client waited for a Retry-After beyond its timeout")
	}
}

func TestPostIsNotRetriedOnceSent(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := localClient(t, srv.URL)
	_, err := c.PhoneChat.CancelMadeBooking(context.Background(), adultwork.CancelMadeBookingRequest{BookingID: 1, Reason: "x"})
	equal(t, "attempts", calls.Load(), int32(1))
	equal(t, "server error", errors.Is(err, adultwork.ErrServer), true)
}

// flakyDial fails the first dial the way a refused connection does, then lets requests through.
type flakyDial struct {
	failures atomic.Int32
	base     http.RoundTripper
}

func (f *flakyDial) RoundTrip(req *http.Request) (*http.Response, error) {
	if f.failures.Add(1) == 1 {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return f.base.RoundTrip(req)
}

func TestPostIsRetriedWhenItSurelyWasNotSent(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		bodies = append(bodies, strings.TrimSpace(string(body)))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"BookingID":1,"Deleted":true,"Message":"Deleted"}]`))
	}))
	defer srv.Close()
	dial := &flakyDial{base: http.DefaultTransport}
	c := localClient(t, srv.URL, adultwork.WithHTTPClient(&http.Client{Transport: dial}))
	results, err := c.PhoneChat.DeleteMadeBookings(context.Background(), adultwork.DeleteMadeBookingsRequest{BookingIDs: "1"})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "results", len(results), 1)
	equal(t, "tries", dial.failures.Load(), int32(2))
	equal(t, "body sent whole on the retry", strings.Join(bodies, "|"), `{"BookingIDs":"1"}`)
}

func TestNoServerIsATypedConnectionError(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	_ = listener.Close() // nothing listens there now
	c := localClient(t, "http://"+addr, adultwork.WithRetries(1))
	_, err = c.PhoneChat.CancelMadeBooking(context.Background(), adultwork.CancelMadeBookingRequest{BookingID: 1, Reason: "x"})
	var conn *adultwork.ConnectionError
	if !errors.As(err, &conn) {
		t.Fatalf("want a *ConnectionError, got %T %v", err, err)
	}
	var opErr *net.OpError
	equal(t, "cause is a *net.OpError", errors.As(err, &opErr), true)
	equal(t, "not a timeout", conn.Timeout(), false)
	equal(t, "method", conn.Method, http.MethodPost)
	equal(t, "operation", conn.Operation, "cancelPhoneChatMadeBooking")
	var apiErr *adultwork.APIError
	equal(t, "not an APIError", errors.As(err, &apiErr), false)
}

func TestNonJSONErrorBodyIsKept(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>bad gateway</html>"))
	}))
	defer srv.Close()
	c := localClient(t, srv.URL)
	_, err := c.PhoneChat.ListMadeBookings(context.Background(), nil)
	var apiErr *adultwork.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want an *APIError, got %v", err)
	}
	equal(t, "status", apiErr.StatusCode, http.StatusBadGateway)
	equal(t, "body", string(apiErr.Body), "<html>bad gateway</html>")
	equal(t, "Error()", err.Error(), "adultwork: listPhoneChatMadeBookings: 502 Bad Gateway")
}

func TestUserAgentAndABaseURLEndingInASlash(t *testing.T) {
	agents := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents <- r.URL.Path + " " + r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(pageJSON))
	}))
	defer srv.Close()
	c := localClient(t, srv.URL+"/", adultwork.WithUserAgent("myapp/1.2"))
	if _, err := c.PhoneChat.ListMadeBookings(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	equal(t, "path and User-Agent", <-agents, "/v1/PhoneChat/MadeBookings myapp/1.2 adultwork-go/"+adultwork.Version)
}

func TestBadOptionsAreRefused(t *testing.T) {
	for name, opt := range map[string]adultwork.Option{
		"WithBaseURL":     adultwork.WithBaseURL("not a url"),
		"WithBaseURL ftp": adultwork.WithBaseURL("ftp://example.com"),
		"WithToken":       adultwork.WithToken(""),
		"WithTokenSource": adultwork.WithTokenSource(nil),
		"WithHTTPClient":  adultwork.WithHTTPClient(nil),
		"WithTimeout":     adultwork.WithTimeout(-time.Second),
		"WithRetries":     adultwork.WithRetries(-1),
		"WithUserAgent":   adultwork.WithUserAgent(""),
		"a nil option":    nil,
	} {
		if _, err := adultwork.NewClient(opt); err == nil || !strings.HasPrefix(err.Error(), "adultwork.NewClient: ") {
			t.Errorf("%s: want an adultwork.NewClient error, got %v", name, err)
		}
	}
}

func TestGetIsRetriedAfterTheConnectionDrops(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			// Drop the connection without an answer.
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(pageJSON))
	}))
	defer srv.Close()
	c := localClient(t, srv.URL)
	if _, err := c.PhoneChat.ListMadeBookings(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	equal(t, "attempts", calls.Load(), int32(2))
}

func TestCancellingTheContextEndsARetryWait(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := localClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.PhoneChat.ListMadeBookings(ctx, nil)
	equal(t, "errors.Is Canceled", errors.Is(err, context.Canceled), true)
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("the call went on for %v after its context was cancelled", waited)
	}
}
