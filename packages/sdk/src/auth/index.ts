// OAuth 2.0 for the AdultWork.com API (Unified Login): the authorize URL and its callback, the
// token endpoint, and a token provider that keeps an access token fresh. Imported apart from
// the client ('@adultwork-api/sdk/auth') so that an app without it does not carry it.
export { buildAuthorizeUrl, readAuthorizeCallback, readImplicitCallback, randomState, UNIFIED_LOGIN } from './authorize.js';
export type { AuthorizeUrlOptions, AuthorizeRequest, ImplicitToken } from './authorize.js';
export { exchangeCode, refreshTokens } from './tokenEndpoint.js';
export type { ClientCredentials, TokenSet } from './tokenEndpoint.js';
export { createTokenProvider } from './tokenProvider.js';
export type { TokenProvider, TokenProviderOptions, RefreshingAccessToken } from './tokenProvider.js';
export { OAuthError } from './errors.js';
export { hasScopes } from './scopes.js';
