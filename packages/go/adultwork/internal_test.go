package adultwork

import (
	"net/http"
	"testing"
	"time"
)

// The timeout a client actually gets, for each way of making one.
func TestClientTimeouts(t *testing.T) {
	cases := []struct {
		name string
		opts []Option
		want time.Duration
	}{
		{"default", nil, DefaultTimeout},
		{"WithTimeout", []Option{WithTimeout(5 * time.Second)}, 5 * time.Second},
		{"WithTimeout(0): none", []Option{WithTimeout(0)}, 0},
		{"an http.Client without one", []Option{WithHTTPClient(&http.Client{})}, DefaultTimeout},
		{"an http.Client with one", []Option{WithHTTPClient(&http.Client{Timeout: time.Minute})}, time.Minute},
		{"WithTimeout wins", []Option{WithHTTPClient(&http.Client{Timeout: time.Minute}), WithTimeout(time.Second)}, time.Second},
	}
	for _, tc := range cases {
		c, err := NewClient(tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if c.http.Timeout != tc.want {
			t.Errorf("%s: timeout %v, want %v", tc.name, c.http.Timeout, tc.want)
		}
	}
}

func TestBackoffGrowsAndStaysBounded(t *testing.T) {
	for attempt := range 40 {
		d := backoff(attempt)
		limit := min(backoffBase<<min(attempt, 16), backoffMax)
		if d < limit/2 || d > limit {
			t.Errorf("attempt %d: %v outside [%v, %v]", attempt, d, limit/2, limit)
		}
	}
}

func TestRetryAfterForms(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for value, want := range map[string]time.Duration{
		"1":                             time.Second,
		"0":                             0,
		"Thu, 01 Jan 2026 12:00:30 GMT": 30 * time.Second,
		"Thu, 01 Jan 2026 11:00:00 GMT": 0,
	} {
		got, ok := retryAfter(http.Header{"Retry-After": {value}}, now)
		if !ok || got != want {
			t.Errorf("Retry-After %q: %v %v, want %v", value, got, ok, want)
		}
	}
	for _, value := range []string{"", "-1", "soon"} {
		if _, ok := retryAfter(http.Header{"Retry-After": {value}}, now); ok {
			t.Errorf("Retry-After %q should not count", value)
		}
	}
}
