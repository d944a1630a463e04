package adultwork_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// block returns the body of the first fenced block of the given language in text that contains
// marker.
func block(t *testing.T, text, language, marker string) string {
	t.Helper()
	rest := text
	for {
		start := strings.Index(rest, "```"+language+"\n")
		if start < 0 {
			t.Fatalf("README.md has no ```%s block containing %q", language, marker)
		}
		rest = rest[start+len("```"+language+"\n"):]
		end := strings.Index(rest, "```\n")
		if end < 0 {
			t.Fatalf("README.md: unterminated ```%s block", language)
		}
		if body := rest[:end]; strings.Contains(body, marker) {
			return body
		}
		rest = rest[end:]
	}
}

// fragments are the ```go blocks that are not a whole program.
func fragments(text string) []string {
	var out []string
	for _, part := range strings.Split(text, "```go\n")[1:] {
		body, _, _ := strings.Cut(part, "```\n")
		if !strings.Contains(body, "package ") && !strings.HasPrefix(body, "import ") {
			out = append(out, body)
		}
	}
	return out
}

func packageDir() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..")
}

func readme(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(packageDir(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

func TestReadmeShowsTheQuickstartFile(t *testing.T) {
	example, err := os.ReadFile(filepath.Join(packageDir(), "examples", "quickstart", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if block(t, readme(t), "go", "package main") != string(example) {
		t.Error("README.md must show examples/quickstart/main.go verbatim in its first ```go block with a main package")
	}
}

// A program outside this repository, set up the way the README says (go mod edit with replace
// directives to the checkout), builds the README's quickstart and prints what the README says.
func TestReadmeQuickstartInAConsumerModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module from scratch")
	}
	needSandbox(t)
	text := readme(t)
	program := block(t, text, "go", "package main")
	setup := block(t, text, "sh", "go mod edit")
	want := block(t, text, "text", "bookings on")

	repo, err := filepath.Abs(filepath.Join(packageDir(), "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(setup, "../adultwork-api/") {
		t.Fatal("the README's setup no longer points at ../adultwork-api; update this test")
	}
	setup = strings.ReplaceAll(setup, "../adultwork-api/", repo+"/")

	dir := t.TempDir()
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "ADULTWORK_BASE_URL="+sandboxURL, "ADULTWORK_TOKEN=")
	runIn := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
		}
		return string(out)
	}
	runIn("go", "mod", "init", "example.com/quickstart")
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	// The README's other Go blocks are fragments of a function body: they compile in one that
	// has a client, a context and a request in scope.
	var snippets strings.Builder
	snippets.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"errors\"\n\n\t\"github.com/adultwork-api/adultwork-api/packages/go/adultwork\"\n)\n\nvar _ = errors.Is\n")
	if len(fragments(text)) == 0 {
		t.Fatal("README.md has no Go fragment besides the quickstart (the Errors section has one)")
	}
	for i, fragment := range fragments(text) {
		fmt.Fprintf(&snippets, "\nfunc readmeSnippet%d(ctx context.Context, client *adultwork.Client, request adultwork.CancelMadeBookingRequest) {\n%s}\n", i+1, fragment)
	}
	if err := os.WriteFile(filepath.Join(dir, "snippets.go"), []byte(snippets.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	runIn("sh", "-e", "-c", setup)
	runIn("go", "vet", ".")
	resetSandbox(t)
	equal(t, "the quickstart's output", runIn("go", "run", "."), want)
}
