import type { RefreshingAccessToken as CoreRefreshingAccessToken } from '../config.js';
import { OAuthError } from './errors.js';
import { refreshTokens, type ClientCredentials, type TokenSet } from './tokenEndpoint.js';

export interface TokenProviderOptions extends ClientCredentials {
  /** The refresh token you stored (from exchangeCode, or from the last onRefreshToken call). */
  refreshToken: string;
  /** A current access token, if you have one; without it the first call refreshes. */
  accessToken?: string | undefined;
  /** When that access token expires, in ms since the epoch. Required with accessToken. */
  expiresAt?: number | undefined;
  /**
   * Receives every new refresh token, which replaces the old one (rotation): store it where you
   * stored the old one. Awaited before the calls waiting on the refresh go on.
   */
  onRefreshToken: (refreshToken: string, tokens: Readonly<TokenSet>) => void | Promise<void>;
  /** Refresh this long before the access token expires, in ms. Default 60 000. */
  refreshAheadMs?: number | undefined;
}

/** The access-token function a client takes: `new AdultWorkClient({ accessToken: provider.accessToken })`. */
export interface RefreshingAccessToken extends CoreRefreshingAccessToken {
  (): Promise<string>;
}

export interface TokenProvider {
  readonly accessToken: RefreshingAccessToken;
  /** Refreshes now (joining a refresh already under way) and resolves once done. */
  refresh(): Promise<void>;
  /** The scopes of the last token answer, when the server named them. */
  readonly scopes: readonly string[] | undefined;
}

interface Current {
  accessToken: string | undefined;
  expiresAt: number;
  refreshToken: string;
}

/**
 * Keeps a user's access token fresh, server-side: refreshes ahead of expiry, runs one refresh
 * at a time however many calls wait for it, and hands every rotated refresh token to
 * `onRefreshToken`. No token or secret is ever put in an error it throws.
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { onRefreshToken } = options;
  if (typeof onRefreshToken !== 'function') throw new TypeError('onRefreshToken must be a function: every refresh rotates the refresh token, and the new one must be stored');
  if (typeof options.refreshToken !== 'string' || options.refreshToken === '') throw new TypeError('refreshToken must be a non-empty string');
  if (options.accessToken !== undefined && !(typeof options.expiresAt === 'number' && Number.isFinite(options.expiresAt))) {
    throw new TypeError('expiresAt (ms since the epoch) must be given with accessToken');
  }
  const refreshAheadMs = options.refreshAheadMs ?? 60_000;
  if (typeof refreshAheadMs !== 'number' || !(refreshAheadMs >= 0)) throw new RangeError('refreshAheadMs must be a number of ms, 0 or more');
  const now = options.now ?? Date.now;
  const credentials: ClientCredentials = { clientId: options.clientId, clientSecret: options.clientSecret, tokenUrl: options.tokenUrl, fetch: options.fetch, now };
  const current: Current = { accessToken: options.accessToken, expiresAt: options.expiresAt ?? 0, refreshToken: options.refreshToken };
  let scopes: string[] | undefined;
  let inFlight: Promise<string> | undefined;

  // One refresh at a time: whoever needs a token while one runs waits for that one.
  function refresh(): Promise<string> {
    inFlight ??= (async () => {
      try {
        const tokens = await refreshTokens(credentials, current.refreshToken);
        current.accessToken = tokens.accessToken;
        current.expiresAt = tokens.expiresAt;
        if (tokens.scopes) scopes = tokens.scopes;
        if (tokens.refreshToken) {
          // Kept in memory first: the old one is dead now, whatever the callback does.
          current.refreshToken = tokens.refreshToken;
          try {
            await onRefreshToken(tokens.refreshToken, tokens);
          } catch (cause) {
            throw new OAuthError('token_storage_failed', 'onRefreshToken failed to store the new refresh token; the provider keeps it in memory and calls back again with the next one.', { cause: cause instanceof Error ? cause.name : 'non-error value' });
          }
        }
        return tokens.accessToken;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  const fresh = () => current.accessToken !== undefined && now() < current.expiresAt - refreshAheadMs;

  const accessToken = (() => (fresh() ? Promise.resolve(current.accessToken as string) : refresh())) as RefreshingAccessToken;
  accessToken.onUnauthorized = async (rejectedToken: string) => {
    // Another call refreshed since this one was sent: just send it again.
    if (rejectedToken !== current.accessToken && (fresh() || inFlight)) {
      if (inFlight) await inFlight;
      return true;
    }
    // The API refused a token we believed good (revoked, or a clock that runs late): refresh.
    await refresh();
    return true;
  };

  return {
    accessToken,
    refresh: () => refresh().then(() => undefined),
    get scopes() {
      return scopes;
    },
  };
}
