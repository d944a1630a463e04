import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

/** How long each credential lives, by the sandbox clock. */
export interface Lifetimes {
  codeMs: number;
  accessTokenMs: number;
  refreshTokenMs: number;
}

/** RFC 6749 advises codes of at most 10 minutes; the API's pages give 20 minutes and 14 days for the tokens. */
export const DEFAULT_LIFETIMES: Lifetimes = { codeMs: 5 * 60_000, accessTokenMs: 20 * 60_000, refreshTokenMs: 14 * 86_400_000 };

/** Who granted what to which client: shared by a code and every token issued from it. */
interface Grant {
  clientId: string;
  userId: number;
  scopes: string[];
  /** Set when the grant is revoked (a code replayed, a rotated-out refresh token replayed). */
  revoked: boolean;
}

interface Code {
  grant: Grant;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

interface Expiring {
  grant: Grant;
  expiresAt: number;
}

export interface IssuedTokens {
  accessToken: string;
  /** Seconds, as `expires_in` gives them. */
  expiresIn: number;
  refreshToken?: string;
  scopes: string[];
}

/** The outcome of a redemption; `reason` is for error_description and never holds a credential. */
export type Redeemed = { ok: true; tokens: IssuedTokens } | { ok: false; error: 'invalid_grant' | 'refresh_token_has_expired'; reason: string };

/** An access token the API accepts, in the sandbox's token shape. */
export interface ActiveToken {
  Token: string;
  UserID: number;
  Scopes: string[];
  expiresAt: number;
}

// The sandbox is local and for tests, but a loop that logs in forever must not grow it forever.
const DEFAULT_CAPACITY = 10_000;

const newValue = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/**
 * The codes and tokens the authorization server has issued, in memory, with their expiry by the
 * sandbox clock (so tests move the clock instead of waiting). Codes are single-use and bound to
 * their client and redirect URI; refresh tokens rotate, and replaying a code or a rotated-out
 * refresh token revokes everything issued from that grant (OAuth 2.0 Security BCP, section 4.14).
 */
export class GrantRegistry {
  private readonly codes = new Map<string, Code>();
  private readonly accessTokens = new Map<string, Expiring>();
  private readonly refreshTokens = new Map<string, Expiring>();
  /** Refresh tokens replaced by a refresh: remembered to spot a replay. */
  private readonly rotatedOut = new Map<string, Grant>();

  constructor(
    private readonly clock: Clock,
    readonly lifetimes: Lifetimes = DEFAULT_LIFETIMES,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  issueCode(clientId: string, redirectUri: string, userId: number, scopes: string[]): string {
    const code = newValue('code_');
    this.remember(this.codes, code, { grant: { clientId, userId, scopes, revoked: false }, redirectUri, expiresAt: this.clock.now() + this.lifetimes.codeMs, used: false });
    return code;
  }

  /** The implicit flow: an access token straight away, and no refresh token. */
  issueImplicit(clientId: string, userId: number, scopes: string[]): IssuedTokens {
    return this.issue({ clientId, userId, scopes, revoked: false }, false);
  }

  redeemCode(code: string, clientId: string, redirectUri: string): Redeemed {
    const found = this.codes.get(code);
    if (!found || found.grant.clientId !== clientId) return { ok: false, error: 'invalid_grant', reason: 'The authorization code is unknown or was issued to another client.' };
    if (found.used) {
      found.grant.revoked = true;
      return { ok: false, error: 'invalid_grant', reason: 'The authorization code was already used; the tokens issued with it are revoked.' };
    }
    if (this.clock.now() >= found.expiresAt) return { ok: false, error: 'invalid_grant', reason: 'The authorization code has expired.' };
    if (found.redirectUri !== redirectUri) return { ok: false, error: 'invalid_grant', reason: 'redirect_uri is not the one the authorization request named.' };
    found.used = true;
    return { ok: true, tokens: this.issue(found.grant, true) };
  }

  refresh(refreshToken: string, clientId: string): Redeemed {
    const found = this.refreshTokens.get(refreshToken);
    if (!found) {
      const rotated = this.rotatedOut.get(refreshToken);
      if (rotated && rotated.clientId === clientId) {
        rotated.revoked = true;
        return { ok: false, error: 'invalid_grant', reason: 'The refresh token was already used and replaced; the grant is revoked.' };
      }
      return { ok: false, error: 'invalid_grant', reason: 'The refresh token is unknown.' };
    }
    if (found.grant.clientId !== clientId) return { ok: false, error: 'invalid_grant', reason: 'The refresh token was issued to another client.' };
    if (found.grant.revoked) return { ok: false, error: 'invalid_grant', reason: 'The refresh token has been revoked.' };
    if (this.clock.now() >= found.expiresAt) return { ok: false, error: 'refresh_token_has_expired', reason: 'The refresh token has expired.' };
    this.refreshTokens.delete(refreshToken);
    this.remember(this.rotatedOut, refreshToken, found.grant);
    return { ok: true, tokens: this.issue(found.grant, true) };
  }

  /** The token's user and scopes while it is valid; undefined once expired, revoked or unknown. */
  accessToken(value: string): ActiveToken | undefined {
    const found = this.accessTokens.get(value);
    if (!found || found.grant.revoked) return undefined;
    if (this.clock.now() >= found.expiresAt) {
      this.accessTokens.delete(value);
      return undefined;
    }
    return { Token: value, UserID: found.grant.userId, Scopes: found.grant.scopes, expiresAt: found.expiresAt };
  }

  private issue(grant: Grant, withRefresh: boolean): IssuedTokens {
    const now = this.clock.now();
    const accessToken = newValue('at_');
    this.remember(this.accessTokens, accessToken, { grant, expiresAt: now + this.lifetimes.accessTokenMs });
    const tokens: IssuedTokens = { accessToken, expiresIn: Math.round(this.lifetimes.accessTokenMs / 1000), scopes: grant.scopes };
    if (withRefresh) {
      tokens.refreshToken = newValue('rt_');
      this.remember(this.refreshTokens, tokens.refreshToken, { grant, expiresAt: now + this.lifetimes.refreshTokenMs });
    }
    return tokens;
  }

  /** Adds an entry; at capacity the oldest entry goes (Maps iterate in insertion order). */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= this.capacity) map.delete(map.keys().next().value as string);
    map.set(key, value);
  }
}
