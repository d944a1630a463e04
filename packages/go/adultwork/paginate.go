package adultwork

import (
	"fmt"
	"iter"
)

// pageOf is what an iterator needs of one answer of a paged list.
type pageOf[T any, N ~int32 | ~int64] struct {
	items  []T
	number N // the page the answer says it is
	count  N // how many pages the list has
}

// walkForward yields every item of pages start, start+1, ... up to the page count the answers
// give (start below 1 means page 1). fetch gets the page to ask for.
func walkForward[T any, N ~int32 | ~int64](operation string, start N, fetch func(page N) (pageOf[T, N], error)) iter.Seq2[T, error] {
	if start < 1 {
		start = 1
	}
	return func(yield func(T, error) bool) {
		for page := start; ; page++ {
			got, err := fetch(page)
			if err == nil {
				err = samePage(operation, page, got)
			}
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range got.items {
				if !yield(item, nil) {
					return
				}
			}
			// An empty page ends the list too, whatever the count says, so a server that
			// miscounts cannot make the loop run forever.
			if page >= got.count || len(got.items) == 0 {
				return
			}
		}
	}
}

// walkBackward yields every item of pages start, start-1, ... down to page 1, for a list that
// the API serves from its last page. With start below 1, fetch gets 0, meaning "leave the page
// parameter out": the API then answers with its last page, and the answer's page number says
// where the walk goes on from.
func walkBackward[T any, N ~int32 | ~int64](operation string, start N, fetch func(page N) (pageOf[T, N], error)) iter.Seq2[T, error] {
	if start < 0 {
		start = 0
	}
	return func(yield func(T, error) bool) {
		for page := start; ; {
			got, err := fetch(page)
			if err == nil && page > 0 {
				err = samePage(operation, page, got)
			}
			if err == nil && page == 0 && len(got.items) > 0 && (got.number < 1 || got.number > max(got.count, 1)) {
				err = fmt.Errorf("adultwork: %s: the answer says it is page %d of %d", operation, got.number, got.count)
			}
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range got.items {
				if !yield(item, nil) {
					return
				}
			}
			if len(got.items) == 0 || got.number <= 1 {
				return
			}
			page = got.number - 1
		}
	}
}

// samePage refuses an answer for another page than the one asked for: following it could skip
// pages or never end.
func samePage[T any, N ~int32 | ~int64](operation string, asked N, got pageOf[T, N]) error {
	if len(got.items) > 0 && got.number != asked {
		return fmt.Errorf("adultwork: %s: asked for page %d, the answer is page %d", operation, asked, got.number)
	}
	return nil
}
