package adultwork

import (
	"encoding/json"
	"fmt"
)

// withMember is the body of a group twin whose member goes in the JSON body: the original
// operation's body with the member's ID added. It goes through JSON so that it follows the wire
// names and the generated types' own checks, whatever members the two bodies have.
func withMember[T any, M ~int32 | ~int64](operation string, body any, name string, member M) (T, error) {
	var twin T
	encoded, err := json.Marshal(body)
	if err != nil {
		return twin, fmt.Errorf("adultwork: %s: the body cannot be encoded: %w", operation, err)
	}
	fields := map[string]json.RawMessage{}
	if err := json.Unmarshal(encoded, &fields); err != nil {
		return twin, fmt.Errorf("adultwork: %s: the body is not a JSON object: %w", operation, err)
	}
	fields[name], _ = json.Marshal(member)
	encoded, _ = json.Marshal(fields)
	if err := json.Unmarshal(encoded, &twin); err != nil {
		return twin, fmt.Errorf("%w: %s: %v", ErrMissingInput, operation, err)
	}
	return twin, nil
}
