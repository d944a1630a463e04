package contract_test

// Every operation of the API description, called through the generated client with the spec's
// own examples: found by reflection from the operationId and tag (so a new operation is covered
// as soon as it is generated), checked on the wire against the mock's validation and in the
// answer against the example the mock served.

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

type specNode = map[string]any

func readSpec(t *testing.T) specNode {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "openapi", "dist", "openapi.json"))
	if err != nil {
		t.Fatalf("the bundled spec cannot be read (npm run bundle): %v", err)
	}
	var spec specNode
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	return spec
}

func resolve(spec specNode, node any) specNode {
	for range 10 {
		m, _ := node.(specNode)
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var at any = spec
		for _, key := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			at = at.(specNode)[strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")]
		}
		node = at
	}
	return nil
}

// example is the example of a content map: its only one, "seed" among several, else the first by
// name; the name is "" for a bare `example`.
func example(spec specNode, content specNode) (string, any) {
	if value, ok := content["example"]; ok {
		return "", value
	}
	examples, _ := content["examples"].(specNode)
	names := make([]string, 0, len(examples))
	for name := range examples {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "", nil
	}
	name := names[0]
	if _, ok := examples["seed"]; ok {
		name = "seed"
	}
	return name, resolve(spec, examples[name])["value"]
}

func upperFirst(name string) string { return strings.ToUpper(name[:1]) + name[1:] }

func roundTrip(t *testing.T, value any) any {
	t.Helper()
	encoded, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(encoded, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEveryOperationOfTheSpec(t *testing.T) {
	spec := readSpec(t)
	count := 0
	for path, item := range spec["paths"].(specNode) {
		for method, node := range item.(specNode) {
			op, ok := node.(specNode)
			if !ok || op["operationId"] == nil {
				continue
			}
			if _, oauth := op["x-adultwork-oauth"]; oauth {
				continue // on the login host, not the API's: the OAuth suite's business
			}
			count++
			id := op["operationId"].(string)
			t.Run(id, func(t *testing.T) {
				answer := resolve(spec, op["responses"].(specNode)["200"])["content"].(specNode)["application/json"].(specNode)
				answerName, want := example(spec, answer)
				callOperation(t, spec, op, path, method, answerName, want)
				// Every other example of the answer decodes and encodes back too (nullable
				// members, members a scope adds, empty lists).
				examples, _ := answer["examples"].(specNode)
				for name, node := range examples {
					if name != answerName {
						t.Run("example "+name, func(t *testing.T) {
							callOperation(t, spec, op, path, method, name, resolve(spec, node)["value"])
						})
					}
				}
			})
		}
	}
	if count == 0 {
		t.Fatal("the spec has no operation")
	}
}

// callOperation calls op through the generated builders with the spec's example parameters and
// body, asking the mock for the answer example answerName, and checks the request and that the
// answer encodes back to want.
func callOperation(t *testing.T, spec specNode, op specNode, path, method, answerName string, want any) {
	t.Helper()
	id := op["operationId"].(string)
	prefer := ""
	if answerName != "" {
		prefer = "example=" + answerName
	}
	client, rec := newClient(prefer)
	service := reflect.ValueOf(client).Elem().FieldByName(upperFirst(op["tags"].([]any)[0].(string)) + "API")
	if !service.IsValid() {
		t.Fatalf("no service for tag %v", op["tags"])
	}
	builder := service.MethodByName(upperFirst(id))
	if !builder.IsValid() {
		t.Fatalf("no method %s", upperFirst(id))
	}
	req := builder.Call([]reflect.Value{reflect.ValueOf(withToken())})[0]

	wantQuery := url.Values{}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		param := resolve(spec, p)
		value, ok := param["example"]
		if !ok {
			continue
		}
		setter := req.MethodByName(upperFirst(param["name"].(string)))
		arg := reflect.New(setter.Type().In(0))
		encoded, _ := json.Marshal(value)
		if err := json.Unmarshal(encoded, arg.Interface()); err != nil {
			t.Fatalf("example %s of %s: %v", encoded, param["name"], err)
		}
		req = setter.Call([]reflect.Value{arg.Elem()})[0]
		if text, isString := value.(string); isString {
			wantQuery.Set(param["name"].(string), text)
		} else {
			wantQuery.Set(param["name"].(string), string(encoded))
		}
	}
	var wantBody any
	if body := resolve(spec, op["requestBody"]); body != nil {
		content := body["content"].(specNode)["application/json"].(specNode)
		schemaName := strings.TrimPrefix(content["schema"].(specNode)["$ref"].(string), "#/components/schemas/")
		_, wantBody = example(spec, content)
		setter := req.MethodByName(schemaName)
		arg := reflect.New(setter.Type().In(0))
		encoded, _ := json.Marshal(wantBody)
		if err := json.Unmarshal(encoded, arg.Interface()); err != nil {
			t.Fatalf("the body example does not decode into %s: %v", schemaName, err)
		}
		req = setter.Call([]reflect.Value{arg.Elem()})[0]
	}

	results := req.MethodByName("Execute").Call(nil)
	errValue := results[len(results)-1]
	if !errValue.IsNil() {
		t.Fatalf("%s: %v", id, errValue.Interface())
	}
	sent := rec.last(t)
	equal(t, "route", sent.Method+" "+sent.Path, strings.ToUpper(method)+" "+path)
	for name, values := range wantQuery {
		equal(t, name, sent.Query[name], values)
	}
	if wantBody != nil {
		var got any
		if err := json.Unmarshal([]byte(sent.Body), &got); err != nil {
			t.Fatalf("the body is not JSON: %q", sent.Body)
		}
		equal(t, "body", got, roundTrip(t, wantBody))
	}
	// The answer decodes into the generated type and encodes back to the example,
	// explicit nulls included.
	if len(results) == 3 {
		equal(t, "answer", roundTrip(t, results[0].Interface()), roundTrip(t, want))
	}
}
