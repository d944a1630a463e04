package adultwork

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinels for the kinds of error answer; errors.Is(err, ErrNotFound) holds for an *APIError
// with status 404, and so on.
var (
	ErrInvalidInput = errors.New("adultwork: invalid input")          // 400, 422
	ErrUnauthorized = errors.New("adultwork: unauthorized")           // 401: no token, or a bad one
	ErrForbidden    = errors.New("adultwork: forbidden")              // 403: the token lacks the scope
	ErrNotFound     = errors.New("adultwork: not found")              // 404
	ErrConflict     = errors.New("adultwork: conflict")               // 409: a prerequisite failed
	ErrRateLimited  = errors.New("adultwork: rate limited")           // 429
	ErrServer       = errors.New("adultwork: server error")           // 5xx
	ErrMissingInput = errors.New("adultwork: missing required input") // not sent: a required value is missing
)

// APIError is an error answer of the API: any status outside 2xx.
type APIError struct {
	Operation  string              // the spec's operationId, e.g. "cancelPhoneChatMadeBooking"
	StatusCode int                 // the HTTP status, e.g. 409
	Message    string              // the body's Message; empty when the body has none
	ModelState map[string][]string // for invalid input: the messages for each field
	Header     http.Header         // the answer's headers
	Body       []byte              // the raw body, whatever its format
}

func (e *APIError) Error() string {
	text := fmt.Sprintf("adultwork: %s: %d %s", e.Operation, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		text += ": " + e.Message
	}
	for field, messages := range e.ModelState {
		text += fmt.Sprintf(" [%s: %s]", field, strings.Join(messages, "; "))
	}
	return text
}

// Is reports whether the answer is of the kind a sentinel names.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrInvalidInput:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// RetryAfter is how long the server asked the client to wait (the Retry-After header, in seconds
// or as a date), and whether it said so.
func (e *APIError) RetryAfter() (time.Duration, bool) {
	return retryAfter(e.Header, time.Now())
}

func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	value := strings.TrimSpace(h.Get("Retry-After"))
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		if seconds < 0 {
			return 0, false
		}
		return time.Duration(seconds) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// ConnectionError is a call that got no answer: the server could not be reached, the connection
// broke, or the timeout or the context ended it first. Err is the cause (a *net.OpError, a
// context error, ...), reachable with errors.As and errors.Is.
type ConnectionError struct {
	Operation string
	Method    string
	URL       string
	Err       error
}

func (e *ConnectionError) Error() string {
	return fmt.Sprintf("adultwork: %s: %s %s: no answer: %v", e.Operation, e.Method, e.URL, e.Err)
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// Timeout reports whether the call ran out of time (the client's timeout or the context's
// deadline).
func (e *ConnectionError) Timeout() bool {
	var t interface{ Timeout() bool }
	return (errors.As(e.Err, &t) && t.Timeout()) || errors.Is(e.Err, context.DeadlineExceeded)
}

// newAPIError reads an error answer: the body is the spec's Error model when it parses as one.
func newAPIError(operation string, resp *http.Response, body []byte) *APIError {
	e := &APIError{Operation: operation, StatusCode: resp.StatusCode, Header: resp.Header, Body: body}
	var model Error
	if json.Unmarshal(body, &model) == nil {
		e.Message = model.Message
		e.ModelState = model.ModelState
	}
	return e
}

func missingParams(operation string, names ...string) error {
	return fmt.Errorf("%w: %s needs params with %s", ErrMissingInput, operation, strings.Join(names, ", "))
}
