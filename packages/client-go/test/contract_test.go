// Contract suite of the generated Go client against the mock.
//
// TestMain starts the project's mock (Prism serving the spec's examples, with request validation)
// on a free port and stops it at the end. Every test makes real HTTP calls through the generated
// client; the mock answers 422 to any request that does not match the spec, so a wrong parameter or
// field name fails here. `Prefer: example=<name>` picks one of the documented examples.
package contract_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"

	adultwork "github.com/adultwork-api/adultwork-api/packages/client-go"
)

const (
	token   = "contract-suite-token"
	refused = "The session booking cannot be deleted until it has been marked as complete. " +
		"The booking needs to be cancelled before it can be deleted."
)

var mockURL string

func TestMain(m *testing.M) {
	os.Exit(runWithMock(m))
}

func runWithMock(m *testing.M) int {
	node := os.Getenv("ADULTWORK_NODE")
	if node == "" {
		found, err := exec.LookPath("node")
		if err != nil {
			fmt.Fprintln(os.Stderr, "node is needed to run the mock and was not found on PATH")
			return 2
		}
		node = found
	}
	cli := os.Getenv("ADULTWORK_MOCK_CLI")
	if cli == "" {
		_, here, _, _ := runtime.Caller(0)
		cli = filepath.Join(filepath.Dir(here), "..", "..", "mock", "dist", "cli.js")
	}
	if _, err := os.Stat(cli); err != nil {
		fmt.Fprintf(os.Stderr, "the mock is not built (%s); run `npm run build -w @adultwork-api/mock`\n", cli)
		return 2
	}

	var logs bytes.Buffer
	cmd := exec.Command(node, cli, "--port", "0")
	cmd.Stderr = &logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "could not start the mock: %v\n", err)
		return 2
	}
	defer stopMock(cmd)

	lines := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		if scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-lines:
		if !strings.HasPrefix(line, "Mock server: ") {
			fmt.Fprintf(os.Stderr, "the mock did not start (first line %q):\n%s\n", line, logs.String())
			return 2
		}
		mockURL = strings.TrimSpace(strings.TrimPrefix(line, "Mock server: "))
	case <-time.After(90 * time.Second):
		fmt.Fprintf(os.Stderr, "the mock did not start within 90 s:\n%s\n", logs.String())
		return 2
	}
	return m.Run()
}

func stopMock(cmd *exec.Cmd) {
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		_ = cmd.Process.Kill()
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// sent is what the client put on the wire.
type sent struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   string
}

// recorder is an http.RoundTripper that keeps every request before passing it on.
type recorder struct {
	mu       sync.Mutex
	requests []sent
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	// The generated client encodes with json.Encoder, which ends the body with a newline.
	r.requests = append(r.requests, sent{req.Method, req.URL.Path, req.URL.Query(), req.Header.Clone(), strings.TrimSuffix(string(body), "\n")})
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) last(t *testing.T) sent {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.requests) == 0 {
		t.Fatal("no request was sent")
	}
	return r.requests[len(r.requests)-1]
}

// newClient points a client at the mock; prefer, when given, is sent as `Prefer: <prefer>`.
func newClient(prefer string) (*adultwork.APIClient, *recorder) {
	rec := &recorder{}
	cfg := adultwork.NewConfiguration()
	cfg.Servers = adultwork.ServerConfigurations{{URL: mockURL}}
	cfg.HTTPClient = &http.Client{Transport: rec, Timeout: 30 * time.Second}
	if prefer != "" {
		cfg.AddDefaultHeader("Prefer", prefer)
	}
	return adultwork.NewAPIClient(cfg), rec
}

// withToken is how a caller authenticates: an oauth2.TokenSource in the context.
func withToken() context.Context {
	return context.WithValue(context.Background(), adultwork.ContextOAuth2,
		oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}))
}

// result holds what an Execute() returned; call(...).ok(t) fails the test unless it was a 200.
type result[T any] struct {
	value T
	resp  *http.Response
	err   error
}

func call[T any](value T, resp *http.Response, err error) result[T] {
	return result[T]{value, resp, err}
}

func (r result[T]) ok(t *testing.T) T {
	t.Helper()
	if r.err != nil {
		var apiErr *adultwork.GenericOpenAPIError
		if errors.As(r.err, &apiErr) {
			t.Fatalf("call failed: %v\n%s", r.err, apiErr.Body())
		}
		t.Fatalf("call failed: %v", r.err)
	}
	if r.resp == nil || r.resp.StatusCode != http.StatusOK {
		t.Fatalf("want 200, got %v", r.resp)
	}
	return r.value
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v", what, got, want)
	}
}

func query(pairs ...string) url.Values {
	values := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		values.Set(pairs[i], pairs[i+1])
	}
	return values
}

// --- Listing and paging ---------------------------------------------------------------------------

func TestListSendsPagingParametersByTheirWireNames(t *testing.T) {
	client, rec := newClient("example=page2of3")
	page := call(client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).
		StartDate("2018-01-01").
		OrderBy(adultwork.PhoneChatMadeBookingsOrderBySessionDateAsc).
		BookingsPerPage(2).
		PageNumber(2).
		Execute()).ok(t)

	req := rec.last(t)
	equal(t, "request", req.Method+" "+req.Path, "GET /v1/PhoneChat/MadeBookings")
	equal(t, "query", req.Query, query("StartDate", "2018-01-01", "OrderBy", "sessiondate-asc", "BookingsPerPage", "2", "PageNumber", "2"))
	equal(t, "Authorization", req.Header.Get("Authorization"), "Bearer "+token)

	equal(t, "paging", []int32{page.PageNumber, page.PageCount, page.BookingsTotal, page.BookingsPerPage}, []int32{2, 3, 5, 2})
	ids := []int32{}
	for _, b := range page.Bookings {
		ids = append(ids, b.BookingID)
	}
	equal(t, "booking IDs", ids, []int32{13, 14})
}

func TestListDecodesEnumsNullablesAndCredits(t *testing.T) {
	client, _ := newClient("example=page2of3")
	page := call(client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).BookingsPerPage(2).PageNumber(2).Execute()).ok(t)
	if len(page.Bookings) != 2 {
		t.Fatalf("want 2 bookings, got %d", len(page.Bookings))
	}
	skype, cancelled := page.Bookings[0], page.Bookings[1]

	// Integer enum on the wire, typed constant in Go.
	equal(t, "method", skype.Method, adultwork.PhoneChatCallMethodSkype)
	equal(t, "method", cancelled.Method, adultwork.PhoneChatCallMethodBookedUserCallsClient)
	equal(t, "status", skype.Status, adultwork.BookingStatusConfirmed)
	equal(t, "status", cancelled.Status, adultwork.BookingStatusCancelled)

	// `null` on the wire is a nil value that is still marked as set; present values are strings.
	if skype.PhoneNumber.Get() != nil || !skype.PhoneNumber.IsSet() {
		t.Errorf("PhoneNumber: want an explicit null, got %v (set: %v)", skype.PhoneNumber.Get(), skype.PhoneNumber.IsSet())
	}
	equal(t, "CancelledDate", skype.CancelledDate.Get(), (*string)(nil))
	equal(t, "Comments", skype.Comments.Get(), (*string)(nil))
	equal(t, "SkypeName", skype.GetSkypeName(), "client.on.skype")
	equal(t, "AcceptedDate", skype.GetAcceptedDate(), "2018-03-02T09:15:00")
	equal(t, "CancelledReason", cancelled.GetCancelledReason(), "Plans changed")
	equal(t, "ActionClient", cancelled.ActionClient.Get(), (*string)(nil))
	equal(t, "Candidate.PhoneNumber", skype.Candidate.PhoneNumber.Get(), (*string)(nil))
	equal(t, "Candidate.UserID", skype.Candidate.UserID, int32(200013))

	equal(t, "Credits", skype.Credits, 12.5)
}

func TestIteratingPagesReachesEveryBookingOnce(t *testing.T) {
	var seen []int32
	var total int32
	for number, pageCount := int32(1), int32(1); number <= pageCount; number++ {
		client, _ := newClient(fmt.Sprintf("example=page%dof3", number))
		page := call(client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).BookingsPerPage(2).PageNumber(number).Execute()).ok(t)
		equal(t, "page number", page.PageNumber, number)
		pageCount, total = page.PageCount, page.BookingsTotal
		for _, b := range page.Bookings {
			seen = append(seen, b.BookingID)
		}
	}
	equal(t, "booking IDs", seen, []int32{11, 12, 13, 14, 15})
	equal(t, "total", int32(len(seen)), total)
}

func TestEmptyList(t *testing.T) {
	client, _ := newClient("example=empty")
	page := call(client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).Execute()).ok(t)
	equal(t, "paging", []int32{page.PageCount, page.BookingsTotal, int32(len(page.Bookings))}, []int32{0, 0, 0})
}

func TestGroupManagerRouteSendsTheMemberUserID(t *testing.T) {
	client, rec := newClient("")
	page := call(client.PhoneChatAPI.ListGroupMemberPhoneChatMadeBookings(withToken()).
		UserID(123456).
		OrderBy(adultwork.PhoneChatMadeBookingsOrderByDateDesc).
		BookingsPerPage(10).
		PageNumber(1).
		Execute()).ok(t)

	req := rec.last(t)
	equal(t, "request", req.Method+" "+req.Path, "GET /v1/Groups/PhoneChat/MadeBookings")
	equal(t, "query", req.Query, query("UserID", "123456", "OrderBy", "date-desc", "BookingsPerPage", "10", "PageNumber", "1"))
	if len(page.Bookings) == 0 {
		t.Error("want at least one booking")
	}
}

// The Go generator sends the documented default of every optional parameter left unset (the
// Python client leaves them out). Both mean the same to the API; this pins the behaviour.
func TestUnsetParametersAreSentWithTheirDefaults(t *testing.T) {
	client, rec := newClient("")
	call(client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).Execute()).ok(t)
	equal(t, "query", rec.last(t).Query, query("OrderBy", "date-desc", "BookingsPerPage", "50", "PageNumber", "1"))
}

func TestGroupManagerRouteRequiresTheMember(t *testing.T) {
	client, rec := newClient("")
	_, resp, err := client.PhoneChatAPI.ListGroupMemberPhoneChatMadeBookings(withToken()).Execute()
	if err == nil || !strings.Contains(err.Error(), "userID is required") {
		t.Fatalf("want a client-side error naming userID, got %v", err)
	}
	if resp != nil || len(rec.requests) != 0 {
		t.Error("nothing should have been sent")
	}
}

// --- Changes --------------------------------------------------------------------------------------

func TestCancelPhoneChatBooking(t *testing.T) {
	client, rec := newClient("")
	booking := call(client.PhoneChatAPI.CancelPhoneChatMadeBooking(withToken()).
		CancelMadeBookingRequest(*adultwork.NewCancelMadeBookingRequest(1, "I've had something come up")).
		Execute()).ok(t)

	req := rec.last(t)
	equal(t, "request", req.Method+" "+req.Path, "POST /v1/PhoneChat/CancelMadeBooking")
	equal(t, "body", req.Body, `{"BookingID":1,"Reason":"I've had something come up"}`)
	equal(t, "BookingID", booking.BookingID, int32(1))
	equal(t, "Credits", booking.Credits, 8.0)
	equal(t, "Status", booking.Status, adultwork.BookingStatusCancelled)
	equal(t, "CancelledReason", booking.GetCancelledReason(), "I've had something come up")
	equal(t, "CancelledDate", booking.GetCancelledDate(), "2018-01-22T18:24:11")
	equal(t, "ActionClient", booking.ActionClient.Get(), (*string)(nil))
}

func TestCancelWebcamBookingKeepsTheWireNames(t *testing.T) {
	client, rec := newClient("")
	booking := call(client.WebcamAPI.CancelWebcamMadeBooking(withToken()).
		CancelMadeBookingRequest(*adultwork.NewCancelMadeBookingRequest(1, "I can't make it.")).
		Execute()).ok(t)

	req := rec.last(t)
	equal(t, "request", req.Method+" "+req.Path, "POST /v1/Webcam/CancelMadeBooking")
	equal(t, "body", req.Body, `{"BookingID":1,"Reason":"I can't make it."}`)
	equal(t, "WebcamBookingID", booking.WebcamBookingID, int32(1))
	equal(t, "IsMultiple", booking.IsMultiple, true)
	equal(t, "SoftwareTypeID", booking.SoftwareTypeID, adultwork.WebcamSoftwareTypeSkype)
	equal(t, "Status", booking.Status, adultwork.BookingStatusCancelled)
	equal(t, "ConfirmedDate", booking.ConfirmedDate.Get(), (*string)(nil))
	equal(t, "Performer.SignInNameOrEmail", booking.Performer.SignInNameOrEmail.Get(), (*string)(nil))
	equal(t, "Performer.Nickname", booking.Performer.Nickname, "JosepheneBlogs")

	// Encoding back uses the API's spelling, typo included, and keeps explicit nulls.
	wire, err := booking.ToMap()
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "IsMulitple on the wire", wire["IsMulitple"], true)
	if _, ok := wire["IsMultiple"]; ok {
		t.Error("the Go name must not leak onto the wire")
	}
	encoded, err := booking.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"IsMulitple":true`, `"WebcamBookingID":1`, `"ConfirmedDate":null`} {
		if !strings.Contains(string(encoded), want) {
			t.Errorf("encoded booking lacks %s: %s", want, encoded)
		}
	}
}

func TestRescheduleReturnsTheNewBooking(t *testing.T) {
	client, rec := newClient("")
	booking := call(client.PhoneChatAPI.ReschedulePhoneChatMadeBooking(withToken()).
		RescheduleMadeBookingRequest(*adultwork.NewRescheduleMadeBookingRequest(1)).
		Execute()).ok(t)

	req := rec.last(t)
	equal(t, "request", req.Method+" "+req.Path, "POST /v1/PhoneChat/RescheduleMadeBooking")
	equal(t, "body", req.Body, `{"BookingID":1}`)
	equal(t, "BookingID", booking.BookingID, int32(2))
	equal(t, "Status", booking.Status, adultwork.BookingStatusPending)
	equal(t, "AcceptedDate", booking.AcceptedDate.Get(), (*string)(nil))
	equal(t, "CancelledBy", booking.CancelledBy.Get(), (*string)(nil))
}

type outcome struct {
	ID      int32
	Deleted bool
	Message string
}

func outcomes(results []adultwork.DeleteBookingResult) []outcome {
	out := []outcome{}
	for _, r := range results {
		out = append(out, outcome{r.BookingID, r.Deleted, r.Message})
	}
	return out
}

func TestDeleteSeveralIDsWithAPartialResult(t *testing.T) {
	client, rec := newClient("")
	results := call(client.PhoneChatAPI.DeletePhoneChatMadeBookings(withToken()).
		DeleteMadeBookingsRequest(*adultwork.NewDeleteMadeBookingsRequest("100,101,102")).
		Execute()).ok(t)

	req := rec.last(t)
	equal(t, "request", req.Method+" "+req.Path, "POST /v1/PhoneChat/DeleteMadeBookings")
	equal(t, "body", req.Body, `{"BookingIDs":"100,101,102"}`)
	equal(t, "results", outcomes(results), []outcome{
		{100, true, "Booking deleted"},
		{101, true, "Booking deleted"},
		{102, false, refused},
	})
}

func TestDeleteOtherPartialResult(t *testing.T) {
	client, _ := newClient("example=oneDeletedOneRefused")
	results := call(client.PhoneChatAPI.DeletePhoneChatMadeBookings(withToken()).
		DeleteMadeBookingsRequest(*adultwork.NewDeleteMadeBookingsRequest("101,102")).
		Execute()).ok(t)
	equal(t, "results", outcomes(results), []outcome{{101, true, "Booking deleted"}, {102, false, refused}})
}

// --- Errors ---------------------------------------------------------------------------------------

// apiError checks that err is the generated error type carrying the documented Error body.
func apiError(t *testing.T, err error, resp *http.Response, status int) adultwork.Error {
	t.Helper()
	var apiErr *adultwork.GenericOpenAPIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want a *GenericOpenAPIError, got %T: %v", err, err)
	}
	if resp == nil || resp.StatusCode != status {
		t.Fatalf("want status %d, got %v", status, resp)
	}
	if !strings.HasPrefix(apiErr.Error(), fmt.Sprint(status)) {
		t.Errorf("error text %q does not start with the status", apiErr.Error())
	}
	body, ok := apiErr.Model().(adultwork.Error)
	if !ok {
		t.Fatalf("want the Error model, got %T (body %s)", apiErr.Model(), apiErr.Body())
	}
	return body
}

func TestMissingTokenIs401(t *testing.T) {
	client, rec := newClient("")
	page, resp, err := client.PhoneChatAPI.ListPhoneChatMadeBookings(context.Background()).Execute()
	if page != nil {
		t.Error("no page expected")
	}
	equal(t, "Authorization sent", rec.last(t).Header.Get("Authorization"), "")
	body := apiError(t, err, resp, http.StatusUnauthorized)
	equal(t, "Message", body.Message, "Authorization has been denied for this request.")
}

func TestInvalidInputIs422(t *testing.T) {
	client, rec := newClient("")
	// The client passes the date through as it is; the API (here the mock) rejects it.
	_, resp, err := client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).StartDate("01/02/2018").Execute()
	equal(t, "StartDate sent", rec.last(t).Query.Get("StartDate"), "01/02/2018")
	body := apiError(t, err, resp, http.StatusUnprocessableEntity)
	equal(t, "Message", body.Message, "The request is invalid.")
	if len(body.GetModelState()) == 0 {
		t.Error("want ModelState in a 422 body")
	}
}

func TestOutOfRangePageSizeIs422(t *testing.T) {
	client, _ := newClient("")
	_, resp, err := client.PhoneChatAPI.ListPhoneChatMadeBookings(withToken()).BookingsPerPage(500).Execute()
	apiError(t, err, resp, http.StatusUnprocessableEntity)
}

func TestUnknownBookingIs404(t *testing.T) {
	client, _ := newClient("code=404")
	_, resp, err := client.PhoneChatAPI.CancelPhoneChatMadeBooking(withToken()).
		CancelMadeBookingRequest(*adultwork.NewCancelMadeBookingRequest(999, "Wrong booking")).
		Execute()
	body := apiError(t, err, resp, http.StatusNotFound)
	equal(t, "Message", body.Message, "No booking with ID 999 was found for this user.")
}

// --- The README's example -------------------------------------------------------------------------

func TestReadmeShowsTheQuickstartFile(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join("..", "examples", "quickstart", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+string(example)+"```\n") {
		t.Error("README.md must show examples/quickstart/main.go verbatim in a ```go block")
	}
}

func TestQuickstartRunsAgainstTheMock(t *testing.T) {
	cmd := exec.Command("go", "run", "-mod=readonly", "../examples/quickstart")
	cmd.Env = append(os.Environ(), "ADULTWORK_BASE_URL="+mockURL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run ../examples/quickstart: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 8 {
		t.Fatalf("want 8 lines, got %d:\n%s", len(lines), out)
	}
	equal(t, "totals", lines[0], "page 1 of 3, 30 bookings in all")
	equal(t, "booking", strings.Fields(lines[1])[:2], []string{"1", "Confirmed"})
	equal(t, "cancel", lines[2], "cancelled: 1 Cancelled")
	equal(t, "deletes", lines[3:6], []string{"delete 100 done", "delete 101 done", "delete 102 refused: " + refused})
	equal(t, "errors", lines[6:], []string{
		"typed error: 422 The request is invalid.",
		"typed error: 401 Authorization has been denied for this request.",
	})
}
