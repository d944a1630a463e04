// @ts-check
// A server-side web application using the authorization code flow: the client secret and the
// tokens stay on this server; the browser only ever holds a random session cookie.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { buildAuthorizeUrl, createTokenProvider, exchangeCode, OAuthError, readAuthorizeCallback } from '@adultwork-api/sdk/auth';
import { createTransport, listPhoneChatMadeBookings } from '@adultwork-api/sdk/operations';
import { bookingsPage, cancelled, failed, home } from './pages.js';

/** The scope the bookings list needs. */
const SCOPES = ['account_phonechat_bookings'];

/**
 * @typedef {object} ExampleAppOptions
 * @property {string} authUrl base URL of Unified Login (the sandbox's own URL locally)
 * @property {string} apiUrl base URL of the API (the sandbox's own URL locally)
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} [port] default 4030, the port the sandbox's fixture client registers
 * @property {string} [host] default 127.0.0.1
 */

/**
 * @typedef {object} Session
 * @property {string} [state] the state of the sign-in under way
 * @property {import('@adultwork-api/sdk/auth').TokenProvider} [tokens]
 * @property {string} [refreshToken] the latest refresh token: what a real app would store in its database
 */

/** @param {ExampleAppOptions} options */
export async function startExampleApp(options) {
  const host = options.host ?? '127.0.0.1';
  /** @type {Map<string, Session>} */
  const sessions = new Map();
  // Read per request: the hosts may be set once the servers are up (see the tests).
  const credentials = () => ({ clientId: options.clientId, clientSecret: options.clientSecret, tokenUrl: `${options.authUrl}/OAuth/token` });
  let redirectUri = '';

  /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
  function sessionOf(request, response) {
    const id = /(?:^|;\s*)sid=([\w-]{32})/.exec(request.headers.cookie ?? '')?.[1];
    const found = id ? sessions.get(id) : undefined;
    if (found) return found;
    const fresh = randomBytes(24).toString('base64url');
    /** @type {Session} */
    const session = {};
    sessions.set(fresh, session);
    response.setHeader('Set-Cookie', `sid=${fresh}; HttpOnly; SameSite=Lax; Path=/`);
    return session;
  }

  /** @param {import('node:http').ServerResponse} response @param {number} status @param {string} html */
  const send = (response, status, html) => {
    response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(html);
  };
  /** @param {import('node:http').ServerResponse} response @param {string} location */
  const redirect = (response, location) => {
    response.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
    response.end();
  };

  /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
  async function handle(request, response) {
    const url = new URL(request.url ?? '/', redirectUri);
    const session = sessionOf(request, response);
    if (request.method !== 'GET') return send(response, 405, failed('Only GET is served here.'));
    switch (url.pathname) {
      case '/':
        return session.tokens ? redirect(response, '/bookings') : send(response, 200, home());
      case '/login': {
        const { url: authorize, state } = buildAuthorizeUrl({ clientId: options.clientId, redirectUri, scopes: SCOPES, authorizeUrl: `${options.authUrl}/OAuth/Authorize` });
        session.state = state;
        return redirect(response, authorize);
      }
      case '/callback': {
        const expected = session.state;
        // A state is good for one callback only.
        delete session.state;
        if (!expected) return send(response, 400, failed('No sign-in is under way in this browser.'));
        try {
          const { code } = readAuthorizeCallback(url, expected);
          const tokens = await exchangeCode(credentials(), code, redirectUri);
          session.refreshToken = tokens.refreshToken;
          session.tokens = createTokenProvider({
            ...credentials(),
            refreshToken: /** @type {string} */ (tokens.refreshToken),
            accessToken: tokens.accessToken,
            expiresAt: tokens.expiresAt,
            // Rotation: every refresh replaces the refresh token; keep the latest one.
            onRefreshToken: (next) => {
              session.refreshToken = next;
            },
          });
          return redirect(response, '/bookings');
        } catch (error) {
          if (error instanceof OAuthError && error.error === 'access_denied') return send(response, 200, cancelled());
          // OAuthError messages hold no token, code or secret: safe to show.
          return send(response, 400, failed(error instanceof OAuthError ? error.message : 'The sign-in failed.'));
        }
      }
      case '/bookings': {
        if (!session.tokens) return redirect(response, '/');
        const transport = createTransport({ accessToken: session.tokens.accessToken, environment: options.apiUrl });
        try {
          const list = await listPhoneChatMadeBookings(transport, { BookingsPerPage: 20 });
          return send(response, 200, bookingsPage(/** @type {any} */ (list.Bookings ?? []), list.BookingsTotal ?? 0, session.tokens.scopes ?? SCOPES));
        } catch (error) {
          if (error instanceof OAuthError && error.needsSignIn) {
            delete session.tokens;
            return redirect(response, '/');
          }
          return send(response, 502, failed(`The API call failed: ${error instanceof Error ? error.name : 'error'}.`));
        }
      }
      default:
        return send(response, 404, failed('Not found.'));
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, failed('Something went wrong.')));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4030, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://${host}:${address.port}`;
  redirectUri = `${origin}/callback`;
  return {
    url: origin,
    redirectUri,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
