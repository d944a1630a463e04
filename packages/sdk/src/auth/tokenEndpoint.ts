import type { FetchLike } from '../config.js';
import { UNIFIED_LOGIN } from './authorize.js';
import { OAuthError, scrubbed } from './errors.js';

/** What the token endpoint gave, with `expires_in` turned into a time. */
export interface TokenSet {
  accessToken: string;
  /** When the access token expires, in ms since the epoch (by this machine's clock). */
  expiresAt: number;
  /** The new refresh token; the one used for a refresh no longer works. Store it. */
  refreshToken: string | undefined;
  /** The granted scopes, when the server says (an absent `scope` means: as asked). */
  scopes: string[] | undefined;
}

/** The application's credentials at the token endpoint: server-side only, never in a browser. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** The token endpoint; Unified Login's by default. For the sandbox: `${sandboxUrl}/OAuth/token`. */
  tokenUrl?: string | undefined;
  /** fetch to send with; the global one by default. */
  fetch?: FetchLike | undefined;
  /** The clock `expiresAt` is computed with; Date.now by default. */
  now?: (() => number) | undefined;
}

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
};

/** Exchanges the code of the authorize callback for tokens (server-side). */
export function exchangeCode(credentials: ClientCredentials, code: string, redirectUri: string): Promise<TokenSet> {
  return requestTokens(credentials, { grant_type: 'authorization_code', code: text(code, 'code'), redirect_uri: text(redirectUri, 'redirectUri') }, [code]);
}

/**
 * Trades the refresh token for new tokens (server-side). The refresh token rotates: the answer's
 * `refreshToken` replaces it, and the old one is refused from now on.
 */
export function refreshTokens(credentials: ClientCredentials, refreshToken: string): Promise<TokenSet> {
  return requestTokens(credentials, { grant_type: 'refresh_token', refresh_token: text(refreshToken, 'refreshToken') }, [refreshToken]);
}

async function requestTokens(credentials: ClientCredentials, grant: Record<string, string>, credentialsSent: string[]): Promise<TokenSet> {
  const clientId = text(credentials.clientId, 'clientId');
  const clientSecret = text(credentials.clientSecret, 'clientSecret');
  const secrets = [clientSecret, ...credentialsSent];
  const fetchTokens = credentials.fetch ?? globalThis.fetch;
  const now = credentials.now ?? Date.now;
  const body = new URLSearchParams({ ...grant, client_id: clientId, client_secret: clientSecret });
  let response: Response;
  let answer: string;
  try {
    response = await fetchTokens(credentials.tokenUrl ?? UNIFIED_LOGIN.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
    });
    answer = await response.text();
  } catch (cause) {
    // The cause is a fetch failure: it carries the URL at most, never the body sent.
    throw new OAuthError('network_error', 'The token endpoint could not be reached.', { cause });
  }
  let parsed: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(answer);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // Reported below, without the text: it might echo what was sent.
  }
  if (!response.ok) {
    const error = typeof parsed?.error === 'string' ? parsed.error.slice(0, 64) : 'invalid_response';
    const description = typeof parsed?.error_description === 'string' ? scrubbed(parsed.error_description.slice(0, 500), secrets) : undefined;
    throw new OAuthError(error, `The token endpoint refused the request (HTTP ${response.status}): ${scrubbed(error, secrets)}${description ? `: ${description}` : ''}`, {
      status: response.status,
      description,
    });
  }
  const accessToken = parsed?.access_token;
  const expiresIn = parsed?.expires_in;
  const tokenType = parsed?.token_type;
  if (typeof accessToken !== 'string' || !accessToken || typeof expiresIn !== 'number' || !(expiresIn > 0) || typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    throw new OAuthError('invalid_response', `The token endpoint's answer (HTTP ${response.status}) is not a bearer token answer.`, { status: response.status });
  }
  const refreshToken = parsed?.refresh_token;
  const scope = parsed?.scope;
  return {
    accessToken,
    expiresAt: now() + expiresIn * 1000,
    refreshToken: typeof refreshToken === 'string' && refreshToken ? refreshToken : undefined,
    scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : undefined,
  };
}
