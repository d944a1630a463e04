module github.com/GIT_USER_ID/GIT_REPO_ID/adultwork

go 1.23

require (
	github.com/stretchr/testify v1.10.0
	golang.org/x/oauth2 v0.27.0
)
