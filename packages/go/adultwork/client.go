package adultwork

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	api "github.com/adultwork-api/adultwork-api/packages/client-go"
)

// Client calls the API. Make one with NewClient and share it: it is safe for concurrent use,
// and nothing in it changes after NewClient returns. Its operations are on the services it
// embeds (client.PhoneChat, client.Webcam, ...), and on AsGroupMember for a group manager.
type Client struct {
	Services

	api  *api.APIClient
	http *http.Client
}

// NewClient makes a client: by default for DefaultBaseURL, without a token, with DefaultTimeout
// and DefaultRetries. Options are applied in order; an option given bad input makes NewClient
// fail with an error that says which.
func NewClient(opts ...Option) (*Client, error) {
	s := settings{baseURL: DefaultBaseURL, retries: DefaultRetries, userAgent: userAgent}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("adultwork.NewClient: an option is nil")
		}
		if err := opt(&s); err != nil {
			return nil, fmt.Errorf("adultwork.NewClient: %w", err)
		}
	}

	hc := &http.Client{Timeout: DefaultTimeout}
	var base http.RoundTripper
	if s.httpClient != nil {
		*hc = *s.httpClient // Transport, Jar, CheckRedirect, Timeout
		base = s.httpClient.Transport
		if hc.Timeout == 0 {
			hc.Timeout = DefaultTimeout
		}
	}
	if s.timeoutSet {
		hc.Timeout = s.timeout
	}
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = &transport{base: base, tokens: s.tokens, retries: s.retries}

	cfg := api.NewConfiguration()
	cfg.Servers = api.ServerConfigurations{{URL: s.baseURL}}
	cfg.HTTPClient = hc
	cfg.UserAgent = s.userAgent
	c := &Client{api: api.NewAPIClient(cfg), http: hc}
	c.Services = newServices(c)
	return c, nil
}

// check turns what the generated client returned into this package's errors.
func (c *Client) check(operation string, resp *http.Response, err error) error {
	if err == nil {
		return nil
	}
	var tokenErr *tokenError
	if errors.As(err, &tokenErr) {
		return fmt.Errorf("adultwork: %s: %w", operation, tokenErr)
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return &ConnectionError{Operation: operation, Method: strings.ToUpper(urlErr.Op), URL: urlErr.URL, Err: urlErr.Err}
	}
	var generic *api.GenericOpenAPIError
	if errors.As(err, &generic) && resp != nil {
		if resp.StatusCode >= 300 {
			return newAPIError(operation, resp, generic.Body())
		}
		return fmt.Errorf("adultwork: %s: the answer (%d) could not be read: %w", operation, resp.StatusCode, err)
	}
	if errors.Is(err, ErrMissingInput) {
		return err
	}
	// The generated client's own checks, made before sending (a missing required value).
	return fmt.Errorf("%w: %s: %v", ErrMissingInput, operation, err)
}
