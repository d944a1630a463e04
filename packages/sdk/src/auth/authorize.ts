import { OAuthError } from './errors.js';

/** Unified Login's endpoints; the sandbox serves the same paths on its own host. */
export const UNIFIED_LOGIN = {
  authorizeUrl: 'https://platform.adultwork.com/OAuth/Authorize',
  tokenUrl: 'https://platform.adultwork.com/OAuth/token',
} as const;

export interface AuthorizeUrlOptions {
  clientId: string;
  /** Exactly as registered for the application. */
  redirectUri: string;
  /** The scopes to ask for; sent separated by spaces. */
  scopes?: readonly string[] | undefined;
  /** `code` (server-side applications, the default) or `token` (browser applications: implicit flow). */
  responseType?: 'code' | 'token' | undefined;
  /** The authorize endpoint; Unified Login's by default. For the sandbox: `${sandboxUrl}/OAuth/Authorize`. */
  authorizeUrl?: string | undefined;
  /** A state of your own; by default 128 random bits. */
  state?: string | undefined;
}

export interface AuthorizeRequest {
  /** Where to send the user's browser. */
  url: string;
  /** Keep it (in the user's session) and hand it to `readAuthorizeCallback` on return. */
  state: string;
}

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
};

/** 128 random bits, base64url: unguessable, and safe in a URL. */
export function randomState(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Builds the authorize URL with a fresh state (CSRF protection, RFC 6749 section 10.12). */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): AuthorizeRequest {
  const responseType = options.responseType ?? 'code';
  if (responseType !== 'code' && responseType !== 'token') throw new TypeError('responseType must be "code" or "token"');
  const url = new URL(options.authorizeUrl ?? UNIFIED_LOGIN.authorizeUrl);
  const state = options.state === undefined ? randomState() : text(options.state, 'state');
  url.searchParams.set('response_type', responseType);
  url.searchParams.set('client_id', text(options.clientId, 'clientId'));
  url.searchParams.set('redirect_uri', text(options.redirectUri, 'redirectUri'));
  const scopes = options.scopes ?? [];
  for (const scope of scopes) if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)) throw new TypeError(`scopes: "${scope}" is not a scope name`);
  if (scopes.length) url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', state);
  return { url: url.href, state };
}

function checkState(params: URLSearchParams, expectedState: string): void {
  text(expectedState, 'expectedState');
  // Without the state it sent, the application cannot know this redirect answers its own request.
  if (params.get('state') !== expectedState) throw new OAuthError('state_mismatch', 'The callback\'s state is not the one this sign-in started with; the callback is refused.');
}

/**
 * Reads the redirect of the code flow (`?code=...&state=...`) after checking its state. Throws
 * an OAuthError `access_denied` when the user cancelled (`?code=&status=cancelled`).
 */
export function readAuthorizeCallback(callbackUrl: string | URL, expectedState: string): { code: string } {
  const params = new URL(callbackUrl).searchParams;
  checkState(params, expectedState);
  if (params.get('status') === 'cancelled') throw new OAuthError('access_denied', 'The user cancelled the sign-in.');
  const error = params.get('error');
  if (error) throw new OAuthError(error.slice(0, 64), `The sign-in failed: ${error.slice(0, 64)}.`);
  const code = params.get('code');
  if (!code) throw new OAuthError('invalid_callback', 'The callback carries no code.');
  return { code };
}

export interface ImplicitToken {
  accessToken: string;
  /** When the access token expires, in ms since the epoch (by this machine's clock). */
  expiresAt: number;
  scopes: string[];
}

/**
 * Reads the redirect of the implicit flow (`#access_token=...&state=...`, for browser
 * applications) after checking its state. No refresh token comes this way: sign in again once
 * `expiresAt` has passed.
 */
export function readImplicitCallback(callbackUrl: string | URL, expectedState: string, now: () => number = Date.now): ImplicitToken {
  const url = new URL(callbackUrl);
  if (url.searchParams.get('status') === 'cancelled') {
    checkState(url.searchParams, expectedState);
    throw new OAuthError('access_denied', 'The user cancelled the sign-in.');
  }
  const params = new URLSearchParams(url.hash.slice(1));
  checkState(params, expectedState);
  const accessToken = params.get('access_token');
  const expiresIn = Number(params.get('expires_in'));
  if (!accessToken || !(expiresIn > 0)) throw new OAuthError('invalid_callback', 'The callback\'s fragment carries no access token or no expires_in.');
  return { accessToken, expiresAt: now() + expiresIn * 1000, scopes: (params.get('scope') ?? '').split(' ').filter(Boolean) };
}
