package adultwork

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// DefaultTimeout bounds every call of a client made without WithTimeout (or with an
// http.Client of its own that has no Timeout): retries and their waits included. Long enough for
// a slow page of a list, short enough that a server that never answers does not hang a program.
const DefaultTimeout = 30 * time.Second

// DefaultRetries is how many times a call is tried again after a 429, a 503 or a connection error
// (see WithRetries).
const DefaultRetries = 2

// An Option configures a Client; see NewClient.
type Option func(*settings) error

type settings struct {
	baseURL    string
	tokens     oauth2.TokenSource
	httpClient *http.Client
	timeout    time.Duration
	timeoutSet bool
	retries    int
	userAgent  string
}

// WithToken authenticates every call with a fixed OAuth access token (Authorization: Bearer).
func WithToken(token string) Option {
	return func(s *settings) error {
		if token == "" {
			return errors.New("WithToken: the token is empty")
		}
		s.tokens = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})
		return nil
	}
}

// WithTokenSource authenticates every call with the tokens of ts, for example the
// TokenSource of an oauth2.Config, which refreshes an expired token. A token is reused until it
// expires (oauth2.ReuseTokenSource).
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(s *settings) error {
		if ts == nil {
			return errors.New("WithTokenSource: the token source is nil")
		}
		s.tokens = oauth2.ReuseTokenSource(nil, ts)
		return nil
	}
}

// WithBaseURL sends the calls to another server than DefaultBaseURL, such as the production
// host, the local mock (http://127.0.0.1:4010) or the sandbox (http://127.0.0.1:4020).
func WithBaseURL(baseURL string) Option {
	return func(s *settings) error {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("WithBaseURL: %q is not an http or https URL", baseURL)
		}
		// The generated client appends paths that start with "/".
		s.baseURL = strings.TrimRight(baseURL, "/")
		return nil
	}
}

// WithHTTPClient makes the calls through a copy of hc: its Transport, Jar and CheckRedirect are
// used, and its Timeout unless WithTimeout is also given (DefaultTimeout when it has none). The
// client adds its own round tripper (token, retries) in front of hc's Transport.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("WithHTTPClient: the client is nil")
		}
		s.httpClient = hc
		return nil
	}
}

// WithTimeout bounds every call, retries and their waits included; 0 means no bound other than
// the context's. The default is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d < 0 {
			return fmt.Errorf("WithTimeout: %v is negative", d)
		}
		s.timeout, s.timeoutSet = d, true
		return nil
	}
}

// WithRetries sets how many times a call is tried again; 0 turns retrying off. Retried: a GET,
// HEAD or OPTIONS answered 429 or 503, or that got no answer; any request that surely did not
// reach the server (the connection could not be opened). A POST that may have reached the server
// is never sent twice. The wait is the answer's Retry-After when it has one, else a growing,
// jittered backoff; a Retry-After longer than the time the call has left is not waited for.
func WithRetries(n int) Option {
	return func(s *settings) error {
		if n < 0 {
			return fmt.Errorf("WithRetries: %d is negative", n)
		}
		s.retries = n
		return nil
	}
}

// WithUserAgent puts the application's product token (e.g. "myapp/1.2") in front of the
// client's own in the User-Agent header: "myapp/1.2 adultwork-go/0.1.0".
func WithUserAgent(product string) Option {
	return func(s *settings) error {
		if product == "" {
			return errors.New("WithUserAgent: the product is empty")
		}
		s.userAgent = product + " " + userAgent
		return nil
	}
}
