// Package adultwork is a client for the AdultWork.com REST API (unofficial).
//
// It is a thin layer over the client that OpenAPI Generator writes from the project's API
// description (module github.com/adultwork-api/adultwork-api/packages/client-go): the same
// models and calls, with what a Go program expects from a client around them. A [Client] is made
// with [NewClient] and functional options, holds its own token source, base URL and
// [net/http.Client] (with a timeout by default), and is safe for concurrent use. Every call
// takes a [context.Context]. Safe requests are retried on 429, 503 and connection errors, after
// the server's Retry-After when it sends one. An error answer is an [*APIError] (status,
// message, headers) that [errors.As] finds and that [errors.Is] matches against [ErrNotFound],
// [ErrConflict], [ErrRateLimited] and the other sentinels; a call that got no answer fails with
// a [*ConnectionError]. Every paged list has an iterator ([iter.Seq2]) over all its items.
//
// The operations are on services named after the API description's groups (client.PhoneChat,
// client.Webcam, client.Account, client.CreditHistory, see [Services]), and a group manager's
// calls for a member on [Client.AsGroupMember]. The calls, their parameter structs, the services
// and the iterators are generated from the API description (zz_generated_operations.go); the
// rest of the package is written by hand, once per concept.
package adultwork
