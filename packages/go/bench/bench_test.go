// Per-call cost of one list call through the layer, through the generated client alone, and
// through bare net/http doing the same work: same request (query, Authorization, User-Agent,
// Accept), same decoding into the same struct, against the same local server with keep-alive.
package bench_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	api "github.com/adultwork-api/adultwork-api/packages/client-go"
	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

const (
	token = "bench-token"
	query = "BookingsPerPage=2&OrderBy=date-desc&PageNumber=1"
)

// page is the spec's example of a page of bookings (page1of3), what the server answers.
func page(b *testing.B) []byte {
	b.Helper()
	_, here, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "..", "openapi", "dist", "openapi.json"))
	if err != nil {
		b.Fatalf("the bundled spec is missing (npm run bundle): %v", err)
	}
	var spec struct {
		Components struct {
			Examples map[string]struct {
				Value json.RawMessage `json:"value"`
			} `json:"examples"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		b.Fatal(err)
	}
	example, ok := spec.Components.Examples["PhoneChatMadeBookings_page1of3"]
	if !ok {
		b.Fatal("the spec has no PhoneChatMadeBookings_page1of3 example")
	}
	return example.Value
}

func server(b *testing.B) *httptest.Server {
	b.Helper()
	body := page(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The three must send the same request, or the comparison means nothing.
		if r.Header.Get("Authorization") != "Bearer "+token || r.URL.RawQuery != query ||
			!strings.HasPrefix(r.Header.Get("User-Agent"), "adultwork-") {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// transport is one keep-alive transport per benchmark, so each starts with its own connections.
func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 4
	return t
}

func check(b *testing.B, p *api.PhoneChatMadeBookingsPage) {
	if p == nil || len(p.Bookings) == 0 {
		b.Fatalf("unexpected page %+v", p)
	}
}

func BenchmarkBareNetHTTP(b *testing.B) {
	srv := server(b)
	hc := &http.Client{Transport: transport(), Timeout: 30 * time.Second}
	ctx := context.Background()
	url := srv.URL + "/v1/PhoneChat/MadeBookings?" + query
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("User-Agent", "adultwork-go/"+adultwork.Version)
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("%v %v", resp.Status, err)
		}
		var p api.PhoneChatMadeBookingsPage
		if err := json.Unmarshal(raw, &p); err != nil {
			b.Fatal(err)
		}
		check(b, &p)
	}
}

func BenchmarkGeneratedClient(b *testing.B) {
	srv := server(b)
	cfg := api.NewConfiguration()
	cfg.Servers = api.ServerConfigurations{{URL: srv.URL}}
	cfg.HTTPClient = &http.Client{Transport: transport(), Timeout: 30 * time.Second}
	client := api.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), api.ContextOAuth2, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p, _, err := client.PhoneChatAPI.ListPhoneChatMadeBookings(ctx).BookingsPerPage(2).Execute()
		if err != nil {
			b.Fatal(err)
		}
		check(b, p)
	}
}

func BenchmarkLayer(b *testing.B) {
	srv := server(b)
	client, err := adultwork.NewClient(
		adultwork.WithBaseURL(srv.URL),
		adultwork.WithToken(token),
		adultwork.WithHTTPClient(&http.Client{Transport: transport()}),
	)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	params := &adultwork.ListPhoneChatMadeBookingsParams{BookingsPerPage: 2}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p, err := client.PhoneChat.ListMadeBookings(ctx, params)
		if err != nil {
			b.Fatal(err)
		}
		check(b, p)
	}
}
