module github.com/adultwork-api/adultwork-api/packages/go

go 1.23.0

require (
	github.com/adultwork-api/adultwork-api/packages/client-go v0.1.0
	golang.org/x/oauth2 v0.27.0
)

// The generated client lives in the same repository; until both modules are published, the
// layer builds against the checkout's copy.
replace github.com/adultwork-api/adultwork-api/packages/client-go => ../client-go
