// The suite runs against real servers: the project's mock (Prism, validating every request
// against the spec) and its stateful sandbox, each started here on a free port and stopped at the
// end, and local httptest servers for what neither can do on demand (hanging, 503s).
package adultwork_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	mockURL    string
	sandboxURL string
	// Why the sandbox is not there, when it could not start: the tests that need it fail with
	// this, the others still run.
	sandboxErr error
	// The sandbox's admin routes (reset) need a token; the suite gives the one it starts it with.
	sandboxAdminToken = fmt.Sprintf("go-suite-%d-%d", os.Getpid(), time.Now().UnixNano())
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	node := os.Getenv("ADULTWORK_NODE")
	if node == "" {
		found, err := exec.LookPath("node")
		if err != nil {
			fmt.Fprintln(os.Stderr, "node is needed to run the mock and the sandbox and was not found on PATH")
			return 2
		}
		node = found
	}
	_, here, _, _ := runtime.Caller(0)
	packages := filepath.Join(filepath.Dir(here), "..", "..")
	mockCLI := envOr("ADULTWORK_MOCK_CLI", filepath.Join(packages, "mock", "dist", "cli.js"))
	sandboxCLI := envOr("ADULTWORK_SANDBOX_CLI", filepath.Join(packages, "sandbox", "dist", "cli.js"))

	mock, err := startServer(node, mockCLI, "Mock server: ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer mock.stop()
	mockURL = mock.url
	// Frozen before the seed's acceptance deadlines, so its pending bookings stay pending.
	sandbox, err := startServer(node, sandboxCLI, "Sandbox server: ", "--admin-token", sandboxAdminToken, "--clock", "2018-03-04T12:00:00")
	if err != nil {
		fmt.Fprintln(os.Stderr, "the sandbox could not start; the tests that need it fail:", err)
		// The tests repeat only the first two lines (what failed and why); the whole output is above.
		lines := strings.SplitN(err.Error(), "\n", 3)
		sandboxErr = errors.New(strings.Join(lines[:min(2, len(lines))], " "))
	} else {
		defer sandbox.stop()
		sandboxURL = sandbox.url
	}
	return m.Run()
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

type server struct {
	cmd *exec.Cmd
	url string
}

// startServer runs one of the project's Node CLIs on a free port and waits for the line that
// gives its URL.
func startServer(node, cli, banner string, extra ...string) (*server, error) {
	if _, err := os.Stat(cli); err != nil {
		return nil, fmt.Errorf("%s is missing; build it first (npm run build)", cli)
	}
	var logs bytes.Buffer
	cmd := exec.Command(node, append([]string{cli, "--port", "0"}, extra...)...)
	cmd.Stderr = &logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("could not start %s: %w", cli, err)
	}
	s := &server{cmd: cmd}
	lines := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if line := scanner.Text(); strings.HasPrefix(line, banner) {
				lines <- line
				break
			}
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case line, ok := <-lines:
		if !ok {
			s.stop()
			return nil, fmt.Errorf("%s did not start:\n%s", cli, logs.String())
		}
		s.url = strings.TrimSpace(strings.TrimPrefix(line, banner))
		return s, nil
	case <-time.After(90 * time.Second):
		s.stop()
		return nil, fmt.Errorf("%s did not start within 90 s:\n%s", cli, logs.String())
	}
}

func (s *server) stop() {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		_ = s.cmd.Process.Kill()
	}
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// needSandbox fails the test when the sandbox did not start.
func needSandbox(t *testing.T) {
	t.Helper()
	if sandboxErr != nil {
		t.Fatalf("this test needs the sandbox, which did not start: %v", sandboxErr)
	}
}

// resetSandbox puts the sandbox back to its seed, for tests that change bookings.
func resetSandbox(t *testing.T) {
	t.Helper()
	needSandbox(t)
	req, err := http.NewRequest(http.MethodPost, sandboxURL+"/__sandbox/reset", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+sandboxAdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("reset: %s", resp.Status)
	}
}

// sent is what went on the wire.
type sent struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// recorder is a base transport (given through WithHTTPClient) that keeps every request it sends,
// and adds the mock's Prefer header from the context when a test sets one.
type recorder struct {
	mu       sync.Mutex
	requests []sent
}

type preferKey struct{}

func prefer(ctx context.Context, value string) context.Context {
	return context.WithValue(ctx, preferKey{}, value)
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
	if value, ok := req.Context().Value(preferKey{}).(string); ok {
		req.Header.Set("Prefer", value)
	}
	r.mu.Lock()
	r.requests = append(r.requests, sent{req.Method, req.URL.Path, req.URL.RawQuery, req.Header.Clone(), strings.TrimSpace(string(body))})
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) all() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.requests...)
}

func (r *recorder) last(t *testing.T) sent {
	t.Helper()
	all := r.all()
	if len(all) == 0 {
		t.Fatal("no request was sent")
	}
	return all[len(all)-1]
}

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}
