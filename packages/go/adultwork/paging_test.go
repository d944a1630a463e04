package adultwork_test

// The iterators of every paged list of the spec, walked over a local server that serves a list of
// several pages the way x-adultwork-pagination describes it: forward from the first page, or
// backward from the last one (the credit history) when the page parameter is left out.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/adultwork-api/adultwork-api/packages/go/adultwork"
)

const pages = 3 // page k of the fake list has k items

// pagedServer serves op's list: pages pages, page k with k copies of an item of the spec's
// examples. fixed, when not 0, is the page number every answer claims (a misbehaving server);
// empty serves an empty list.
type pagedServer struct {
	t     *testing.T
	op    *specOp
	fixed int
	empty bool

	mu      sync.Mutex
	asked   []string // the page parameter of each request, "-" when left out
	members []string // the member parameter of each request, for twins
}

func (s *pagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g := s.op.Paging
	pageParam := g["pageParameter"].(string)
	query := r.URL.Query()
	raw, given := query[pageParam]
	asked := "-"
	if given {
		asked = raw[0]
	}
	s.mu.Lock()
	s.asked = append(s.asked, asked)
	if s.op.Twin != nil {
		s.members = append(s.members, query.Get(s.op.Twin["memberParameter"].(string)))
	}
	s.mu.Unlock()

	number := 1
	if g["startsAt"] == "last" {
		number = pages
	}
	if given {
		n, err := strconv.Atoi(raw[0])
		if err != nil || n < 1 {
			http.Error(w, `{"Message":"bad page"}`, http.StatusUnprocessableEntity)
			return
		}
		number = n
	}
	answer := map[string]any{}
	for k, v := range examplePage(s.t, s.op) {
		answer[k] = v
	}
	item := exampleItem(s.t, s.op)
	items := []any{}
	count := pages
	if s.empty {
		count = 0
	} else if number <= pages {
		for range number {
			items = append(items, item)
		}
	}
	if s.fixed != 0 {
		number = s.fixed
	}
	answer[g["itemsProperty"].(string)] = items
	answer[g["pageCountProperty"].(string)] = count
	if name, ok := g["pageNumberProperty"].(string); ok {
		answer[name] = number
	}
	if name, ok := g["totalProperty"].(string); ok {
		answer[name] = count * (count + 1) / 2
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer)
}

// examplePage is one of the spec's answer examples of op whose item list is not empty.
func examplePage(t *testing.T, op *specOp) map[string]any {
	t.Helper()
	itemsProperty := op.Paging["itemsProperty"].(string)
	for _, example := range op.AnswerExamples {
		page, _ := example.(map[string]any)
		if items, _ := page[itemsProperty].([]any); len(items) > 0 {
			return page
		}
	}
	t.Fatalf("%s: no answer example has items", op.ID)
	return nil
}

func exampleItem(t *testing.T, op *specOp) any {
	return examplePage(t, op)[op.Paging["itemsProperty"].(string)].([]any)[0]
}

// walk runs op's iterator from start (0: unset) over srv and says, for each item, how many
// requests had been made when it came, and the error that ended the walk. stopAfter > 0 breaks
// out of the loop after that many items.
func walk(t *testing.T, op *specOp, srv *pagedServer, start int32, stopAfter int) ([]int, error) {
	t.Helper()
	server := httptest.NewServer(srv)
	defer server.Close()
	c, err := adultwork.NewClient(adultwork.WithBaseURL(server.URL), adultwork.WithToken("paging"), adultwork.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	name := iteratorName(methodName(op))
	method := receiver(t, c, op).MethodByName(name)
	if !method.IsValid() {
		t.Fatalf("no iterator %s for %s", name, op.ID)
	}
	args := arguments(t, op, method.Type(), reflect.ValueOf(context.Background()))
	if start != 0 {
		field := args[len(args)-1].Elem().FieldByName(goName(op.Paging["pageParameter"].(string)))
		if field.Kind() == reflect.Pointer {
			field.Set(reflect.New(field.Type().Elem()))
			field = field.Elem()
		}
		field.SetInt(int64(start))
	}
	seq := method.Call(args)[0]
	var positions []int
	var failure error
	yield := reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
		if err, _ := in[1].Interface().(error); err != nil {
			failure = err
			return []reflect.Value{reflect.ValueOf(true)}
		}
		srv.mu.Lock()
		positions = append(positions, len(srv.asked))
		srv.mu.Unlock()
		return []reflect.Value{reflect.ValueOf(stopAfter == 0 || len(positions) < stopAfter)}
	})
	seq.Call([]reflect.Value{yield})
	return positions, failure
}

func TestPagingEveryListOfTheSpec(t *testing.T) {
	lists := 0
	for _, op := range operations(t) {
		if op.Paging == nil {
			continue
		}
		lists++
		backward := op.Paging["startsAt"] == "last"
		t.Run(op.ID, func(t *testing.T) {
			t.Run("every page", func(t *testing.T) {
				srv := &pagedServer{t: t, op: op}
				positions, err := walk(t, op, srv, 0, 0)
				if err != nil {
					t.Fatal(err)
				}
				wantAsked, wantPositions := "[1 2 3]", "[1 2 2 3 3 3]"
				if backward {
					// Left out, the page parameter gets the last page; the walk goes on down from it.
					wantAsked, wantPositions = "[- 2 1]", "[1 1 1 2 2 3]"
				}
				equal(t, "pages asked", fmt.Sprint(srv.asked), wantAsked)
				equal(t, "items, by the request that brought them", fmt.Sprint(positions), wantPositions)
				if op.Twin != nil {
					_, member := memberOf(op)
					equal(t, "member on every page", fmt.Sprint(srv.members), fmt.Sprint([]int32{member, member, member}))
				}
			})
			t.Run("from a given page", func(t *testing.T) {
				srv := &pagedServer{t: t, op: op}
				positions, err := walk(t, op, srv, 2, 0)
				if err != nil {
					t.Fatal(err)
				}
				wantAsked, wantItems := "[2 3]", 5
				if backward {
					wantAsked, wantItems = "[2 1]", 3
				}
				equal(t, "pages asked", fmt.Sprint(srv.asked), wantAsked)
				equal(t, "items", len(positions), wantItems)
			})
			t.Run("break stops fetching", func(t *testing.T) {
				srv := &pagedServer{t: t, op: op}
				positions, err := walk(t, op, srv, 0, 1)
				if err != nil {
					t.Fatal(err)
				}
				equal(t, "items", len(positions), 1)
				equal(t, "requests", len(srv.asked), 1)
			})
			t.Run("empty list", func(t *testing.T) {
				srv := &pagedServer{t: t, op: op, empty: true}
				positions, err := walk(t, op, srv, 0, 0)
				if err != nil {
					t.Fatal(err)
				}
				equal(t, "items", len(positions), 0)
				equal(t, "requests", len(srv.asked), 1)
			})
			t.Run("an answer for another page ends the walk with an error", func(t *testing.T) {
				fixed := 1
				if backward {
					fixed = pages
				}
				srv := &pagedServer{t: t, op: op, fixed: fixed}
				positions, err := walk(t, op, srv, 0, 0)
				if err == nil {
					t.Fatal("want an error")
				}
				equal(t, "requests", len(srv.asked), 2)
				equal(t, "items before the error", len(positions), map[bool]int{false: 1, true: pages}[backward])
			})
			t.Run("a failed call ends the walk with its error", func(t *testing.T) {
				server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusUnauthorized)
					_, _ = w.Write([]byte(`{"Message":"Authorization has been denied for this request."}`))
				}))
				defer server.Close()
				c, err := adultwork.NewClient(adultwork.WithBaseURL(server.URL))
				if err != nil {
					t.Fatal(err)
				}
				method := receiver(t, c, op).MethodByName(iteratorName(methodName(op)))
				seq := method.Call(arguments(t, op, method.Type(), reflect.ValueOf(context.Background())))[0]
				var errs []error
				yield := reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
					if err, _ := in[1].Interface().(error); err != nil {
						errs = append(errs, err)
					}
					return []reflect.Value{reflect.ValueOf(true)}
				})
				seq.Call([]reflect.Value{yield})
				if len(errs) != 1 {
					t.Fatalf("want one error, got %v", errs)
				}
				var apiErr *adultwork.APIError
				if !errors.As(errs[0], &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
					t.Fatalf("want the 401 as an *APIError, got %v", errs[0])
				}
			})
		})
	}
	if lists == 0 {
		t.Fatal("the spec has no paged list")
	}
}
