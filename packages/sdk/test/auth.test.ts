// The OAuth functions of '@adultwork-api/sdk/auth' against the sandbox's authorization server (a
// real one, alone on a loopback port with a clock the test moves), and the token provider's
// concurrency against a token endpoint and an API the test controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createOAuthServer, declaredScopes, loadOAuthClients, type OAuthServer } from '@adultwork-api/sandbox';
import {
  buildAuthorizeUrl, createTokenProvider, exchangeCode, hasScopes, OAuthError, readAuthorizeCallback, readImplicitCallback, refreshTokens, type TokenSet,
} from '../src/auth/index.js';
import { createTransport } from '../src/transport.js';
import { AuthenticationError } from '../src/errors.js';
import type { Operation } from '../src/operation.js';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@adultwork-api/openapi/openapi.json'), 'utf8'));
const CLIENT = { clientId: 'test-app', clientSecret: 'test-app-secret' };
const REDIRECT = 'http://127.0.0.1/callback';
const MINUTE = 60_000;

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const close = (server: Server) => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });

describe('against the sandbox authorization server', () => {
  // Both the server's clock and the SDK's read this: moving it moves time for both.
  let now = Date.UTC(2026, 2, 1, 12);
  const clock = { now: () => now };
  let oauth: OAuthServer;
  let base: string;
  let server: Server;
  beforeAll(async () => {
    oauth = createOAuthServer({ clock, clients: loadOAuthClients(), scopes: declaredScopes(spec), users: () => [{ UserID: 1001, Nickname: 'ClientUser' }] });
    ({ url: base, server } = await listen((request, response) => {
      const [path, search = ''] = (request.url ?? '/').split('?');
      void oauth.handle(request, response, path!, search);
    }));
  });
  afterAll(() => close(server));
  const credentials = () => ({ ...CLIENT, tokenUrl: `${base}/OAuth/token`, now: clock.now });

  /** Opens the authorize URL like a browser would, and answers the consent page. */
  async function signIn(url: string, decision: 'approve' | 'cancel' = 'approve'): Promise<string> {
    const page = await (await fetch(url)).text();
    const consent = /name="consent" value="([^"]+)"/.exec(page)?.[1];
    if (!consent) throw new Error(`No consent page: ${page}`);
    const answer = await fetch(`${base}/OAuth/Authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent, user: '1001', decision }),
    });
    return answer.headers.get('location')!;
  }
  const authorize = (extra: Partial<Parameters<typeof buildAuthorizeUrl>[0]> = {}) =>
    buildAuthorizeUrl({ clientId: CLIENT.clientId, redirectUri: REDIRECT, scopes: ['account_phonechat_bookings'], authorizeUrl: `${base}/OAuth/Authorize`, ...extra });

  it('builds an authorize URL with a fresh state each time', () => {
    const first = authorize();
    const url = new URL(first.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: 'test-app', redirect_uri: REDIRECT, scope: 'account_phonechat_bookings', state: first.state });
    expect(first.state).toMatch(/^[\w-]{22}$/);
    expect(authorize().state).not.toBe(first.state);
    expect(() => authorize({ scopes: ['a b'] })).toThrow('scopes: "a b" is not a scope name');
  });

  it('signs in: code, exchange, refresh with rotation', async () => {
    const { url, state } = authorize({ scopes: ['account_phonechat_bookings', 'account_credits_history'] });
    const { code } = readAuthorizeCallback(await signIn(url), state);
    const tokens = await exchangeCode(credentials(), code, REDIRECT);
    expect(tokens).toMatchObject({ expiresAt: now + 20 * MINUTE, scopes: ['account_phonechat_bookings', 'account_credits_history'] });
    expect(hasScopes(tokens.scopes, ['account_credits_history'])).toBe(true);
    expect(hasScopes(tokens.scopes, ['account_webcam_bookings'])).toBe(false);
    expect(oauth.registry.accessToken(tokens.accessToken)?.UserID).toBe(1001);
    const next = await refreshTokens(credentials(), tokens.refreshToken!);
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    const error = await refreshTokens(credentials(), tokens.refreshToken!).catch((e: unknown) => e as OAuthError);
    expect(error).toBeInstanceOf(OAuthError);
    expect([error.error, error.status, error.needsSignIn]).toEqual(['invalid_grant', 400, true]);
  });

  it('refuses a callback whose state is not the one sent, and reports a cancel', async () => {
    const { url, state } = authorize();
    const callback = await signIn(url);
    expect(() => readAuthorizeCallback(callback, `${state}x`)).toThrow(expect.objectContaining({ error: 'state_mismatch' }));
    const cancelled = authorize();
    const back = await signIn(cancelled.url, 'cancel');
    expect(() => readAuthorizeCallback(back, cancelled.state)).toThrow(expect.objectContaining({ error: 'access_denied', needsSignIn: true }));
  });

  it("reads the implicit flow's fragment", async () => {
    const { url, state } = authorize({ responseType: 'token', scopes: ['account_webcam_bookings'] });
    const token = readImplicitCallback(await signIn(url), state, clock.now);
    expect(token.expiresAt).toBe(now + 20 * MINUTE);
    expect(token.scopes).toEqual(['account_webcam_bookings']);
    expect(oauth.registry.accessToken(token.accessToken)?.Scopes).toEqual(['account_webcam_bookings']);
  });

  it('gives the documented error for an expired refresh token, naming no credential', async () => {
    const { url, state } = authorize();
    const code = readAuthorizeCallback(await signIn(url), state).code;
    const tokens = await exchangeCode(credentials(), code, REDIRECT);
    now += 14 * 24 * 60 * MINUTE;
    const rotated: string[] = [];
    const provider = createTokenProvider({ ...credentials(), refreshToken: tokens.refreshToken!, onRefreshToken: (token) => void rotated.push(token) });
    const error = await provider.accessToken().catch((e: unknown) => e as OAuthError);
    expect([error.error, error.status, error.needsSignIn]).toEqual(['refresh_token_has_expired', 401, true]);
    expect(rotated).toEqual([]);
    const wrongSecret = await exchangeCode({ ...credentials(), clientSecret: 'not-the-secret' }, code, REDIRECT).catch((e: unknown) => e as OAuthError);
    expect(wrongSecret.error).toBe('invalid_client');
    for (const thrown of [error, wrongSecret]) {
      const everything = `${String(thrown)} ${JSON.stringify(thrown)} ${thrown.stack} ${thrown.description}`;
      for (const secret of [CLIENT.clientSecret, 'not-the-secret', tokens.refreshToken!, tokens.accessToken, code]) expect(everything).not.toContain(secret);
    }
  });
});

/**
 * A token endpoint that answers after `delayMs`, counting its requests, and an API that takes
 * only the tokens it issued last (each refresh revokes the one before), like a strict server.
 */
async function startFakeAuth(options: { expiresIn?: number; delayMs?: number } = {}) {
  const state = { tokenRequests: 0, apiCalls: 0, valid: new Set<string>(), serial: 0, refreshToken: 'rt-0', revokeAll: false, failRefresh: false };
  const { url, server } = await listen((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/OAuth/token') {
        state.tokenRequests += 1;
        const form = new URLSearchParams(body);
        setTimeout(() => {
          if (state.failRefresh || form.get('refresh_token') !== state.refreshToken || form.get('client_secret') !== CLIENT.clientSecret) {
            response.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: `refresh token ${form.get('refresh_token')} is not valid` }));
            return;
          }
          state.serial += 1;
          state.valid = new Set([`at-${state.serial}`]);
          state.refreshToken = `rt-${state.serial}`;
          response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(
            JSON.stringify({ access_token: `at-${state.serial}`, token_type: 'bearer', expires_in: options.expiresIn ?? 1200, refresh_token: state.refreshToken }),
          );
        }, options.delayMs ?? 20);
        return;
      }
      state.apiCalls += 1;
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token || state.revokeAll || !state.valid.has(token)) {
        response.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' }).end(JSON.stringify({ Message: 'Authorization has been denied for this request.' }));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ UserID: 1001 }));
    });
  });
  return { url, server, state };
}

const verifyCredentials: Operation<undefined, undefined, { UserID: number }> = { id: 'verifyCredentials', method: 'GET', path: '/v1/account/verifyCredentials', query: [], body: false };

describe('the token provider', () => {
  let fake: Awaited<ReturnType<typeof startFakeAuth>>;
  let now = 1_000_000;
  beforeAll(async () => {
    fake = await startFakeAuth();
  });
  afterAll(() => close(fake.server));

  function provider(extra: Partial<Parameters<typeof createTokenProvider>[0]> = {}) {
    const rotated: string[] = [];
    const made = createTokenProvider({
      ...CLIENT,
      tokenUrl: `${fake.url}/OAuth/token`,
      now: () => now,
      refreshToken: fake.state.refreshToken,
      onRefreshToken: async (token) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        rotated.push(token);
      },
      ...extra,
    });
    return { provider: made, rotated };
  }
  const transportFor = (accessToken: () => Promise<string>, lines: string[] = []) =>
    createTransport({ accessToken, environment: fake.url, retry: false, logger: (line) => lines.push(line) });

  it('makes one token request for ten concurrent calls across an expiry, and every call succeeds', async () => {
    const { provider: tokens, rotated } = provider();
    const transport = transportFor(tokens.accessToken);
    await transport.send(verifyCredentials, undefined, undefined);
    expect(fake.state.tokenRequests).toBe(1);
    now += 20 * MINUTE; // expired
    const before = fake.state.tokenRequests;
    const answers = await Promise.all(Array.from({ length: 10 }, () => transport.send(verifyCredentials, undefined, undefined)));
    expect(answers).toEqual(Array(10).fill({ UserID: 1001 }));
    expect(fake.state.tokenRequests - before).toBe(1);
    expect(rotated).toEqual([`rt-${fake.state.serial - 1}`, `rt-${fake.state.serial}`]);
  });

  it('refreshes ahead of expiry, not before', async () => {
    const { provider: tokens } = provider({ refreshAheadMs: 2 * MINUTE });
    await tokens.accessToken();
    const after = fake.state.tokenRequests;
    now += 17 * MINUTE;
    await tokens.accessToken();
    expect(fake.state.tokenRequests).toBe(after);
    now += 1 * MINUTE + 1;
    await tokens.accessToken();
    expect(fake.state.tokenRequests).toBe(after + 1);
  });

  it('retries a call once after a 401 a refresh cures; ten such calls share one refresh', async () => {
    const { provider: tokens } = provider();
    const transport = transportFor(tokens.accessToken);
    await transport.send(verifyCredentials, undefined, undefined);
    // The server forgets the token early (revoked, or a clock that runs late).
    fake.state.valid = new Set();
    const requests = fake.state.tokenRequests;
    const calls = fake.state.apiCalls;
    const answers = await Promise.all(Array.from({ length: 10 }, () => transport.send(verifyCredentials, undefined, undefined)));
    expect(answers).toHaveLength(10);
    expect(fake.state.tokenRequests - requests).toBe(1);
    expect(fake.state.apiCalls - calls).toBe(20);
  });

  it('does not retry more than once when the 401 persists', async () => {
    const { provider: tokens } = provider();
    const transport = transportFor(tokens.accessToken);
    await tokens.accessToken();
    fake.state.revokeAll = true;
    const calls = fake.state.apiCalls;
    try {
      await expect(transport.send(verifyCredentials, undefined, undefined)).rejects.toBeInstanceOf(AuthenticationError);
      expect(fake.state.apiCalls - calls).toBe(2);
    } finally {
      fake.state.revokeAll = false;
    }
  });

  it('refuses a rotated-out refresh token, telling the app to sign the user in again', async () => {
    const stale = fake.state.refreshToken;
    const { provider: first } = provider({ refreshToken: stale });
    await first.refresh();
    const { provider: second } = provider({ refreshToken: stale });
    const error = await second.accessToken().catch((e: unknown) => e as OAuthError);
    expect([error.name, error.error, error.needsSignIn]).toEqual(['OAuthError', 'invalid_grant', true]);
    // The server's description quoted the refresh token; the error does not.
    expect(error.description).toBe('refresh token [redacted] is not valid');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(stale);
  });

  it('keeps tokens and the secret out of log lines and errors', async () => {
    const lines: string[] = [];
    const { provider: tokens } = provider();
    const transport = transportFor(tokens.accessToken, lines);
    await transport.send(verifyCredentials, undefined, undefined);
    fake.state.revokeAll = true;
    const error = await transport.send(verifyCredentials, undefined, undefined).catch((e: unknown) => e as Error);
    fake.state.revokeAll = false;
    const text = `${lines.join('\n')} ${String(error)} ${JSON.stringify(error)} ${error.stack}`;
    expect(lines.length).toBeGreaterThan(2);
    for (const secret of [CLIENT.clientSecret, ...Array.from({ length: fake.state.serial }, (_, i) => `at-${i + 1}`)]) expect(text).not.toContain(secret);
  });

  it("reports a failing onRefreshToken without its error's text, and keeps the new token in memory", async () => {
    const { provider: tokens } = provider({ onRefreshToken: () => { throw new Error(`disk full while writing ${fake.state.refreshToken}`); } });
    const error = await tokens.accessToken().catch((e: unknown) => e as OAuthError);
    expect(error.error).toBe('token_storage_failed');
    expect(JSON.stringify(error) + String(error) + String(error.cause)).not.toContain(fake.state.refreshToken);
    await expect(tokens.accessToken()).resolves.toBe(`at-${fake.state.serial}`);
  });

  it('checks its options', () => {
    expect(() => createTokenProvider({ ...CLIENT, refreshToken: 'r' } as never)).toThrow('onRefreshToken must be a function');
    expect(() => createTokenProvider({ ...CLIENT, refreshToken: '', onRefreshToken: () => {} })).toThrow('refreshToken must be a non-empty string');
    expect(() => createTokenProvider({ ...CLIENT, refreshToken: 'r', accessToken: 'a', onRefreshToken: () => {} })).toThrow('expiresAt');
  });
});

// Keeps the exported type in use, so that a rename shows up here.
export type { TokenSet };
