// Starts the authorization server alone on a loopback http server, with the sandbox's clock
// frozen, so that tests move time instead of waiting.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { SandboxClock, parseLocalDateTime } from '../src/clock.js';
import { createOAuthServer, type OAuthServer } from '../src/oauth/server.js';
import { loadOAuthClients } from '../src/oauth/clients.js';
import { declaredScopes } from '../src/oauth/attach.js';
import { specPath } from './helpers.js';

export const spec = JSON.parse(readFileSync(specPath, 'utf8'));
export const CLIENT = { id: 'test-app', secret: 'test-app-secret', redirect: 'http://127.0.0.1/callback' };
export const OTHER_CLIENT = { id: 'sample-web-app', secret: 'sample-web-app-secret', redirect: 'https://app.example.com/callback' };
export const USERS = [
  { UserID: 1001, Nickname: 'ClientUser' },
  { UserID: 1002, Nickname: 'Booking<User>' },
];
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export interface RunningOAuth {
  url: string;
  clock: SandboxClock;
  oauth: OAuthServer;
  /** Moves the frozen sandbox clock forward. */
  advance(ms: number): void;
  stop(): Promise<void>;
}

export async function startOAuth(): Promise<RunningOAuth> {
  const clock = new SandboxClock();
  let now = parseLocalDateTime('2026-03-01T12:00:00')!;
  clock.freeze(now);
  const oauth = createOAuthServer({ clock, clients: loadOAuthClients(), scopes: declaredScopes(spec), users: () => USERS });
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const result = oauth.handle(request, response, mark === -1 ? url : url.slice(0, mark), mark === -1 ? '' : url.slice(mark + 1));
    if (result) result.catch((error) => { response.statusCode = 500; response.end(String(error)); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    oauth,
    advance(ms) {
      now += ms;
      clock.freeze(now);
    },
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function authorizeUrl(base: string, params: Record<string, string>): string {
  return `${base}/OAuth/Authorize?${new URLSearchParams(params)}`;
}

/** Opens the consent page and submits it; returns the redirect's Location (or the refusal). */
export async function consent(base: string, params: Record<string, string>, decision: 'approve' | 'cancel', user = '1001') {
  const page = await fetch(authorizeUrl(base, params));
  const html = await page.text();
  if (page.status !== 200) throw new Error(`The consent page answered ${page.status}: ${html}`);
  const consentId = /name="consent" value="([^"]+)"/.exec(html)![1]!;
  const answer = await fetch(`${base}/OAuth/Authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent: consentId, user, decision }),
  });
  return { status: answer.status, location: answer.headers.get('location'), html, consentId };
}

export async function tokenRequest(base: string, fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  const response = await fetch(`${base}/OAuth/token`, { method: 'POST', headers: { 'Content-Type': contentType }, body: new URLSearchParams(fields).toString() });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function codeFor(base: string, scope: string, client = CLIENT, state = 'xyz') {
  const { location } = await consent(base, { response_type: 'code', client_id: client.id, redirect_uri: client.redirect, scope, state }, 'approve');
  return new URL(location!).searchParams.get('code')!;
}

export async function loginTokens(base: string, scope: string, client = CLIENT) {
  const code = await codeFor(base, scope, client);
  return tokenRequest(base, { grant_type: 'authorization_code', client_id: client.id, client_secret: client.secret, code, redirect_uri: client.redirect });
}
