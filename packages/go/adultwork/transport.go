package adultwork

import (
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

const (
	backoffBase = 250 * time.Millisecond
	backoffMax  = 8 * time.Second
	// drainLimit is how much of a refused answer's body is read so the connection can be reused.
	drainLimit = 64 << 10
)

// tokenError is a token source's failure: the call was not sent.
type tokenError struct{ err error }

func (e *tokenError) Error() string { return "getting the access token: " + e.err.Error() }
func (e *tokenError) Unwrap() error { return e.err }

// transport puts the token on each request and retries what may be retried (see WithRetries).
// It is the client's own; its fields do not change after NewClient.
type transport struct {
	base    http.RoundTripper
	tokens  oauth2.TokenSource
	retries int
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		// A RoundTripper must not change the caller's request: every attempt sends a copy.
		r := req.Clone(ctx)
		if attempt > 0 && req.Body != nil && req.Body != http.NoBody {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r.Body = body
		}
		if t.tokens != nil {
			token, err := t.tokens.Token()
			if err != nil {
				closeBody(r)
				return nil, &tokenError{err}
			}
			token.SetAuthHeader(r)
		}
		resp, err := t.base.RoundTrip(r)
		if attempt >= t.retries || !t.canRetry(req, resp, err) {
			return resp, err
		}
		wait := backoff(attempt)
		if resp != nil {
			if after, ok := retryAfter(resp.Header, time.Now()); ok {
				wait = after
			}
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			// Waiting would outlast the call: give the caller the answer (or the error) now.
			return resp, err
		}
		if resp != nil {
			_, _ = io.CopyN(io.Discard, resp.Body, drainLimit)
			_ = resp.Body.Close()
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

func (t *transport) canRetry(req *http.Request, resp *http.Response, err error) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false // the body cannot be sent again
	}
	if err != nil {
		if req.Context().Err() != nil {
			return false
		}
		return safe(req.Method) || notSent(err)
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return safe(req.Method)
	}
	return false
}

// safe methods change nothing on the server, so sending one twice does no harm.
func safe(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// notSent reports whether the request surely did not reach the server: the connection was never
// opened (refused, unreachable, name not found).
func notSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// backoff is the wait before retry attempt+1 without a Retry-After: doubling from backoffBase up
// to backoffMax, with full jitter so that many clients do not retry in step.
func backoff(attempt int) time.Duration {
	d := backoffMax
	if attempt < 16 {
		d = min(backoffBase<<attempt, backoffMax)
	}
	return d/2 + rand.N(d/2+1)
}

func closeBody(r *http.Request) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
}
