package adultwork_test

// Tests driven by the API description itself: every operation is found in it, called through the
// layer with the spec's own example parameters and bodies, and checked on the wire and in the
// answer. Nothing here names an operation, so a new operation in the spec is tested as soon as it
// is generated.

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

type specDoc map[string]any

var (
	specOnce   sync.Once
	specLoaded specDoc
	specErr    error
)

func loadSpec(t *testing.T) specDoc {
	t.Helper()
	specOnce.Do(func() {
		var raw []byte
		raw, specErr = os.ReadFile(filepath.Join(packageDir(), "..", "..", "openapi", "dist", "openapi.json"))
		if specErr == nil {
			specErr = json.Unmarshal(raw, &specLoaded)
		}
	})
	if specErr != nil {
		t.Fatalf("the bundled spec cannot be read (npm run bundle): %v", specErr)
	}
	return specLoaded
}

// deref follows local $refs.
func (s specDoc) deref(node any) map[string]any {
	for range 10 {
		m, _ := node.(map[string]any)
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var at any = map[string]any(s)
		for _, key := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			at = at.(map[string]any)[strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")]
		}
		node = at
	}
	return nil
}

type specParam struct {
	Name     string
	Required bool
	Example  any
	Default  any
}

type specOp struct {
	ID, Method, Path, Tag string
	Params                []specParam
	Body                  map[string]any // the request body's first example, nil without a body
	Answer                any            // the example of the 200 answer the test asks the mock for
	AnswerName            string
	AnswerExamples        map[string]any // every example of the 200 answer, by name
	Paging                map[string]any
	Twin                  map[string]any // x-adultwork-group-manager
	Original              *specOp        // the operation a twin mirrors
}

// pickExample is the example of a content map the tests use: its only one, "seed" when there
// are several, else the first by name (the mock is asked for it by name with Prefer).
func pickExample(s specDoc, content map[string]any) (string, any) {
	if value, ok := content["example"]; ok {
		return "", value
	}
	examples, _ := content["examples"].(map[string]any)
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
	return name, s.deref(examples[name])["value"]
}

// operations reads every operation of the spec that the layer serves (not the OAuth ones).
func operations(t *testing.T) []*specOp {
	t.Helper()
	s := loadSpec(t)
	var ops []*specOp
	byID := map[string]*specOp{}
	paths := s["paths"].(map[string]any)
	for path, item := range paths {
		for method, node := range item.(map[string]any) {
			op, ok := node.(map[string]any)
			if !ok || op["operationId"] == nil || method == "parameters" || method == "servers" {
				continue
			}
			if _, oauth := op["x-adultwork-oauth"]; oauth {
				continue
			}
			o := &specOp{ID: op["operationId"].(string), Method: strings.ToUpper(method), Path: path, Tag: op["tags"].([]any)[0].(string)}
			list, _ := op["parameters"].([]any)
			for _, p := range list {
				param := s.deref(p)
				schema := s.deref(param["schema"])
				o.Params = append(o.Params, specParam{Name: param["name"].(string), Required: param["required"] == true, Example: param["example"], Default: schema["default"]})
			}
			if body := s.deref(op["requestBody"]); body != nil {
				content := body["content"].(map[string]any)["application/json"].(map[string]any)
				_, example := pickExample(s, content)
				o.Body, _ = example.(map[string]any)
				if o.Body == nil {
					t.Fatalf("%s: the request body has no example", o.ID)
				}
			}
			answer := s.deref(op["responses"].(map[string]any)["200"])
			content := answer["content"].(map[string]any)["application/json"].(map[string]any)
			o.AnswerName, o.Answer = pickExample(s, content)
			o.AnswerExamples = map[string]any{}
			if examples, ok := content["examples"].(map[string]any); ok {
				for name, ex := range examples {
					o.AnswerExamples[name] = s.deref(ex)["value"]
				}
			}
			o.Paging, _ = op["x-adultwork-pagination"].(map[string]any)
			o.Twin, _ = op["x-adultwork-group-manager"].(map[string]any)
			ops = append(ops, o)
			byID[o.ID] = o
		}
	}
	for _, o := range ops {
		if o.Twin != nil {
			o.Original = byID[o.Twin["variantOf"].(string)]
			if o.Original == nil {
				t.Fatalf("%s mirrors %v, which is not an operation", o.ID, o.Twin["variantOf"])
			}
		}
	}
	if len(ops) == 0 {
		t.Fatal("the spec has no operation")
	}
	return ops
}

// goName is the layer's Go name of a tag or a wire name: first letter up.
func goName(name string) string {
	return strings.ToUpper(name[:1]) + name[1:]
}

// methodName is the documented naming rule: the operationId without its service's name; a twin
// is named after the operation it mirrors.
func methodName(o *specOp) string {
	id := o.ID
	if o.Original != nil {
		id = o.Original.ID
	}
	name := goName(id)
	service := goName(o.Tag)
	if at := regexp.MustCompile(service + `([A-Z]|$)`).FindStringIndex(name); at != nil && at[0] > 0 {
		name = name[:at[0]] + name[at[0]+len(service):]
	}
	return name
}

func iteratorName(method string) string {
	if strings.HasPrefix(method, "List") {
		return "All" + strings.TrimPrefix(method, "List")
	}
	return method + "All"
}

// memberOf is the member a twin acts for, from its example.
func memberOf(o *specOp) (string, int32) {
	name := o.Twin["memberParameter"].(string)
	if o.Twin["memberIn"] == "body" {
		return name, int32(o.Body[name].(float64))
	}
	for _, p := range o.Params {
		if p.Name == name {
			return name, int32(p.Example.(float64))
		}
	}
	return name, 0
}

// receiver is the service value that holds an operation's method: client.<Tag>, or
// client.AsGroupMember(member).<Tag> for a twin.
func receiver(t *testing.T, c *adultwork.Client, o *specOp) reflect.Value {
	t.Helper()
	var holder reflect.Value
	if o.Twin != nil {
		_, member := memberOf(o)
		holder = reflect.ValueOf(c.AsGroupMember(member)).Elem()
	} else {
		holder = reflect.ValueOf(c.Services)
	}
	service := holder.FieldByName(goName(o.Tag))
	if !service.IsValid() {
		t.Fatalf("%s: no service %s", o.ID, goName(o.Tag))
	}
	return service
}

// arguments builds a call's arguments from the spec's examples: the body, then a params struct
// with every parameter that has an example (the twin's member comes from the view instead).
func arguments(t *testing.T, o *specOp, method reflect.Type, ctx reflect.Value) []reflect.Value {
	t.Helper()
	args := []reflect.Value{ctx}
	member := ""
	if o.Twin != nil {
		member, _ = memberOf(o)
	}
	for i := 1; i < method.NumIn(); i++ {
		in := method.In(i)
		switch {
		case in.Kind() == reflect.Struct:
			body := map[string]any{}
			for k, v := range o.Body {
				if k != member {
					body[k] = v
				}
			}
			value := reflect.New(in)
			encoded, _ := json.Marshal(body)
			if err := json.Unmarshal(encoded, value.Interface()); err != nil {
				t.Fatalf("%s: the example body does not decode into %s: %v", o.ID, in, err)
			}
			args = append(args, value.Elem())
		case in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct:
			params := reflect.New(in.Elem())
			for _, p := range o.Params {
				if p.Name == member || p.Example == nil {
					continue
				}
				field := params.Elem().FieldByName(goName(p.Name))
				if !field.IsValid() {
					t.Fatalf("%s: %s has no field %s", o.ID, in.Elem(), goName(p.Name))
				}
				encoded, _ := json.Marshal(p.Example)
				target := field.Addr().Interface()
				if field.Kind() == reflect.Pointer {
					field.Set(reflect.New(field.Type().Elem()))
					target = field.Interface()
				}
				if err := json.Unmarshal(encoded, target); err != nil {
					t.Fatalf("%s: example %s does not decode into %s: %v", o.ID, encoded, field.Type(), err)
				}
			}
			args = append(args, params)
		default:
			t.Fatalf("%s: unexpected argument type %s", o.ID, in)
		}
	}
	return args
}

// normal is a JSON value as encoding/json decodes it, for comparing.
func normal(t *testing.T, value any) any {
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

func TestSpecEveryOperationThroughTheLayer(t *testing.T) {
	ops := operations(t)
	c, rec := mockClient(t)
	called := 0
	for _, o := range ops {
		t.Run(o.ID, func(t *testing.T) {
			name := methodName(o)
			method := receiver(t, c, o).MethodByName(name)
			if !method.IsValid() {
				t.Fatalf("no method %s for %s", name, o.ID)
			}
			before := len(rec.all())
			ctx := context.Background()
			if o.AnswerName != "" {
				ctx = prefer(ctx, "example="+o.AnswerName)
			}
			results := method.Call(arguments(t, o, method.Type(), reflect.ValueOf(ctx)))
			if err, _ := results[len(results)-1].Interface().(error); err != nil {
				t.Fatalf("%s: %v", o.ID, err)
			}
			all := rec.all()
			if len(all) != before+1 {
				t.Fatalf("want one request, got %d", len(all)-before)
			}
			req := all[len(all)-1]
			equal(t, "route", req.Method+" "+req.Path, o.Method+" "+o.Path)
			equal(t, "User-Agent", req.Header.Get("User-Agent"), "adultwork-go/"+adultwork.Version)
			equal(t, "Authorization", req.Header.Get("Authorization"), "Bearer "+mockToken)

			// The query: each example as given, each other parameter left out or sent with its
			// documented default (the generated client sends defaults).
			query := parseQuery(t, req.Query)
			for _, p := range o.Params {
				got, sent := query[p.Name]
				switch {
				case p.Example != nil:
					equal(t, p.Name, strings.Join(got, ","), jsonScalar(p.Example))
				case sent && p.Default != nil:
					equal(t, p.Name+" (default)", strings.Join(got, ","), jsonScalar(p.Default))
				case sent:
					t.Errorf("%s was sent (%v) though not set and without a default", p.Name, got)
				}
				delete(query, p.Name)
			}
			if len(query) > 0 {
				t.Errorf("query parameters the spec does not have: %v", query)
			}
			if o.Body != nil {
				var sentBody any
				if err := json.Unmarshal([]byte(req.Body), &sentBody); err != nil {
					t.Fatalf("the body is not JSON: %q", req.Body)
				}
				if !reflect.DeepEqual(sentBody, normal(t, o.Body)) {
					t.Errorf("body: sent %s, the example is %v", req.Body, normal(t, o.Body))
				}
			}

			// The answer decodes into the generated types and encodes back to the example.
			if len(results) == 2 && o.Answer != nil {
				got := results[0].Interface()
				if !reflect.DeepEqual(normal(t, got), normal(t, o.Answer)) {
					t.Errorf("answer: got %s\nwant %s", mustJSON(t, got), mustJSON(t, o.Answer))
				}
			}
			called++
		})
	}
	if !t.Failed() && called != len(ops) {
		t.Errorf("called %d of %d operations", called, len(ops))
	}
}

func mustJSON(t *testing.T, value any) string {
	t.Helper()
	encoded, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	return string(encoded)
}

func jsonScalar(value any) string {
	switch v := value.(type) {
	case string:
		return v
	default:
		encoded, _ := json.Marshal(v)
		return string(encoded)
	}
}

func parseQuery(t *testing.T, raw string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	if raw == "" {
		return out
	}
	for _, pair := range strings.Split(raw, "&") {
		key, value, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(key)
		value, err2 := url.QueryUnescape(value)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad query %q", raw)
		}
		out[key] = append(out[key], value)
	}
	return out
}
