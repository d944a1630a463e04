package adultwork

import "iter"

// paginate yields every item of pages first, first+1, ... up to the page count the answers give.
// fetch returns a page's items and the total number of pages.
func paginate[T any, N ~int32 | ~int64](first N, fetch func(page N) ([]T, N, error)) iter.Seq2[T, error] {
	if first < 1 {
		first = 1
	}
	return func(yield func(T, error) bool) {
		for page := first; ; page++ {
			items, pageCount, err := fetch(page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			// An empty page ends the list too, whatever the count says, so a server that
			// miscounts cannot make the loop run forever.
			if page >= pageCount || len(items) == 0 {
				return
			}
		}
	}
}
