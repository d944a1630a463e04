import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';
import { send, sendJson } from '../http.js';
import type { OAuthClient } from './clients.js';
import { parsePairs, readForm } from './form.js';
import { GrantRegistry, type IssuedTokens, type Lifetimes } from './grants.js';
import { consentPage, errorPage } from './pages.js';

export const OAUTH_PREFIX = '/OAuth/';

export interface OAuthServerOptions {
  clock: Clock;
  clients: OAuthClient[];
  /** Every scope the API knows, with its description (the security scheme's scopes). */
  scopes: Record<string, string>;
  /** The users one may sign in as (the fixture users). */
  users: () => readonly { UserID: number; Nickname: string }[];
  lifetimes?: Lifetimes;
  /** Largest accepted form body, in bytes. Default 8 KiB. */
  bodyLimit?: number;
}

export interface OAuthServer {
  registry: GrantRegistry;
  /** Answers a request whose path starts with /OAuth/ (any case). */
  handle(request: IncomingMessage, response: ServerResponse, path: string, search: string): Promise<void> | void;
}

// The field limits the spec gives the two endpoints (openapi/paths/OAuth_*.yaml).
const AUTHORIZE_LIMITS = { response_type: 16, client_id: 256, redirect_uri: 2048, scope: 2048, state: 1024 };
const TOKEN_LIMITS = { grant_type: 32, client_id: 256, client_secret: 256, code: 512, redirect_uri: 2048, refresh_token: 512 };
const CONSENT_LIMITS = { consent: 64, user: 16, decision: 16 };
/** A consent page left open longer than this must be reloaded. */
const CONSENT_MS = 10 * 60_000;
const MAX_PENDING_CONSENTS = 1_000;

interface PendingConsent {
  client: OAuthClient;
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  expiresAt: number;
}

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'refresh_token_has_expired';

// Neither the answer with tokens nor an error may be cached by anyone (RFC 6749, section 5.1).
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

const digest = (text: string) => createHash('sha256').update(text).digest();
/** Compares secrets in a time that does not depend on where they differ. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/**
 * The sandbox's authorization server: Unified Login's authorize page (GET shows it, the page's
 * form POSTs the user's decision back to the same path) and the token endpoint.
 */
export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const { clock, scopes: knownScopes, users } = options;
  const registry = new GrantRegistry(clock, options.lifetimes);
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  const bodyLimit = options.bodyLimit ?? 8 * 1024;
  const pending = new Map<string, PendingConsent>();

  const html = (response: ServerResponse, status: number, text: string) =>
    send(response, status, 'text/html; charset=utf-8', text, { 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action *" });
  const refuse = (response: ServerResponse, message: string) => html(response, 400, errorPage(message));
  const oauthError = (response: ServerResponse, status: 400 | 401, error: OAuthErrorCode, description?: string) =>
    sendJson(response, status, description ? { error, error_description: description } : { error }, NO_STORE);
  const redirect = (response: ServerResponse, location: string) => {
    response.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
    response.end();
  };

  /** GET /OAuth/Authorize: checks the request and shows the consent page; never redirects a bad request. */
  function showConsent(response: ServerResponse, search: string): void {
    const parsed = parsePairs(search, AUTHORIZE_LIMITS);
    if (!parsed.ok) return refuse(response, parsed.reason);
    const query = parsed.fields;
    const clientId = query.get('client_id');
    if (!clientId) return refuse(response, 'client_id is missing.');
    const client = clients.get(clientId);
    if (!client) return refuse(response, 'client_id is not a registered application.');
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri) return refuse(response, 'redirect_uri is missing.');
    if (!client.redirectUris.includes(redirectUri)) return refuse(response, 'redirect_uri is not registered for this application.');
    const responseType = query.get('response_type');
    if (responseType !== 'code' && responseType !== 'token') return refuse(response, 'response_type must be code or token.');
    const scopes = [...new Set((query.get('scope') ?? '').split(' ').filter(Boolean))];
    const unknown = scopes.filter((scope) => !Object.hasOwn(knownScopes, scope));
    if (unknown.length) return refuse(response, `Unknown scope: ${unknown.join(', ').slice(0, 200)}.`);
    const now = clock.now();
    for (const [id, entry] of pending) if (entry.expiresAt <= now || pending.size >= MAX_PENDING_CONSENTS) pending.delete(id);
    const consentId = randomBytes(18).toString('base64url');
    pending.set(consentId, { client, responseType, redirectUri, scopes, state: query.get('state'), expiresAt: now + CONSENT_MS });
    html(
      response,
      200,
      consentPage({
        consentId,
        clientName: client.name,
        clientId: client.clientId,
        redirectUri,
        flow: responseType,
        scopes: scopes.map((name) => ({ name, description: knownScopes[name]! })),
        users: users(),
      }),
    );
  }

  /** POST /OAuth/Authorize: the consent page's form; approve or cancel, then back to the application. */
  async function decide(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await readForm(request, bodyLimit, CONSENT_LIMITS);
    if (!form.ok) return refuse(response, form.reason);
    const consentId = form.fields.get('consent') ?? '';
    const consent = pending.get(consentId);
    if (!consent || consent.expiresAt <= clock.now()) return refuse(response, 'This sign-in page has expired or was already used; start again from the application.');
    const decision = form.fields.get('decision');
    if (decision !== 'approve' && decision !== 'cancel') return refuse(response, 'decision must be approve or cancel.');
    const userId = Number(form.fields.get('user'));
    if (decision === 'approve' && !users().some((user) => user.UserID === userId)) return refuse(response, 'Pick one of the listed users.');
    pending.delete(consentId);
    const target = new URL(consent.redirectUri);
    if (decision === 'cancel') {
      // The documented cancel redirect: ?code=&state=...&status=cancelled.
      target.searchParams.append('code', '');
      if (consent.state !== undefined) target.searchParams.append('state', consent.state);
      target.searchParams.append('status', 'cancelled');
      return redirect(response, target.href);
    }
    if (consent.responseType === 'code') {
      target.searchParams.append('code', registry.issueCode(consent.client.clientId, consent.redirectUri, userId, consent.scopes));
      if (consent.state !== undefined) target.searchParams.append('state', consent.state);
      return redirect(response, target.href);
    }
    // Implicit flow: the token goes in the fragment, which browsers never send to a server.
    const tokens = registry.issueImplicit(consent.client.clientId, userId, consent.scopes);
    const fragment = new URLSearchParams({ access_token: tokens.accessToken, token_type: 'bearer', expires_in: String(tokens.expiresIn), scope: tokens.scopes.join(' ') });
    if (consent.state !== undefined) fragment.append('state', consent.state);
    target.hash = fragment.toString();
    redirect(response, target.href);
  }

  /** POST /OAuth/token. */
  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await readForm(request, bodyLimit, TOKEN_LIMITS);
    if (!form.ok) return oauthError(response, 400, 'invalid_request', form.reason);
    const fields = form.fields;
    const grantType = fields.get('grant_type');
    if (!grantType) return oauthError(response, 400, 'invalid_request', 'grant_type is missing.');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(response, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
    }
    const clientId = fields.get('client_id');
    const secret = fields.get('client_secret');
    if (!clientId || !secret) return oauthError(response, 400, 'invalid_request', 'client_id and client_secret are required.');
    const client = clients.get(clientId);
    // Both cases get the same answer, so that it does not tell which client IDs exist.
    if (!client || !sameSecret(secret, client.clientSecret)) return oauthError(response, 401, 'invalid_client', 'The client could not be authenticated.');
    let outcome;
    if (grantType === 'authorization_code') {
      const code = fields.get('code');
      const redirectUri = fields.get('redirect_uri');
      if (!code || !redirectUri) return oauthError(response, 400, 'invalid_request', 'code and redirect_uri are required with authorization_code.');
      outcome = registry.redeemCode(code, clientId, redirectUri);
    } else {
      const refreshToken = fields.get('refresh_token');
      if (!refreshToken) return oauthError(response, 400, 'invalid_request', 'refresh_token is required with refresh_token.');
      outcome = registry.refresh(refreshToken, clientId);
    }
    if (!outcome.ok) {
      // The documented answer for an expired refresh token is exactly {"error":"refresh_token_has_expired"}.
      if (outcome.error === 'refresh_token_has_expired') return oauthError(response, 401, outcome.error);
      return oauthError(response, 400, outcome.error, outcome.reason);
    }
    sendJson(response, 200, tokenAnswer(outcome.tokens), NO_STORE);
  }

  function handle(request: IncomingMessage, response: ServerResponse, path: string, search: string): Promise<void> | void {
    const endpoint = path.toLowerCase();
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (endpoint === '/oauth/authorize') {
      if (method === 'GET') {
        request.resume();
        return showConsent(response, search);
      }
      if (method === 'POST') return decide(request, response);
      request.resume();
      return sendJson(response, 405, { Message: `The requested resource does not support http method '${request.method}'.` }, { Allow: 'GET, POST' });
    }
    if (endpoint === '/oauth/token') {
      if (method === 'POST') return token(request, response);
      request.resume();
      return sendJson(response, 405, { Message: `The requested resource does not support http method '${request.method}'.` }, { Allow: 'POST' });
    }
    request.resume();
    sendJson(response, 404, { Message: `No HTTP resource was found that matches the request URI '${path}'.` });
  }

  return { registry, handle };
}

function tokenAnswer(tokens: IssuedTokens) {
  const answer: Record<string, string | number> = { access_token: tokens.accessToken, token_type: 'bearer', expires_in: tokens.expiresIn };
  if (tokens.refreshToken) answer.refresh_token = tokens.refreshToken;
  answer.scope = tokens.scopes.join(' ');
  return answer;
}
