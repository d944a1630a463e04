// The authorization server alone (src/oauth): consent page, codes, tokens, rotation, expiry by
// the sandbox clock, and bad input; on its own loopback http server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Store } from '../src/store.js';
import { authorize } from '../src/auth.js';
import {
  authorizeUrl, CLIENT, codeFor, consent, DAY, loginTokens, MINUTE, OTHER_CLIENT, spec, startOAuth, tokenRequest, USERS, type RunningOAuth,
} from './oauth-support.js';
import { checkOAuthClients } from '../src/oauth/clients.js';

let server: RunningOAuth;
beforeAll(async () => {
  server = await startOAuth();
});
afterAll(() => server?.stop());

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, formats: { int32: true } });
ajv.addSchema({ ...spec, $id: 'urn:oauth-test:spec' });
const conformsTo = (schema: string, value: unknown) => {
  const validate = ajv.getSchema(`urn:oauth-test:spec#/components/schemas/${schema}`)!;
  return validate(value) ? [] : validate.errors;
};
const codeParams = (extra: Record<string, string> = {}) => ({ response_type: 'code', client_id: CLIENT.id, redirect_uri: CLIENT.redirect, scope: 'account_phonechat_bookings', state: 's-1', ...extra });

describe('the authorize page', () => {
  it('shows the application, the requested scopes with their descriptions and the fixture users', async () => {
    const response = await fetch(authorizeUrl(server.url, codeParams({ scope: 'account_phonechat_bookings account_credits_history' })));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('Test app would like to use your account');
    expect(html).toContain('<code>account_phonechat_bookings</code>: Read and manage the user&#39;s PhoneChat bookings.');
    expect(html).toContain('<code>account_credits_history</code>');
    expect(html).not.toContain('account_webcam_bookings');
    expect(html).toContain('<option value="1001">ClientUser (1001)</option>');
    // A nickname is data: escaped, never markup.
    expect(html).toContain('Booking&lt;User&gt; (1002)');
  });

  it.each([
    ['an unknown client', { client_id: 'nobody' }, 'client_id is not a registered application'],
    ['no client', { client_id: '' }, 'client_id is missing'],
    ['a redirect URI not registered for the client', { redirect_uri: OTHER_CLIENT.redirect }, 'redirect_uri is not registered'],
    ['a redirect URI that only starts like a registered one', { redirect_uri: `${CLIENT.redirect}/../evil` }, 'redirect_uri is not registered'],
    ['no redirect URI', { redirect_uri: '' }, 'redirect_uri is missing'],
    ['an unknown response_type', { response_type: 'id_token' }, 'response_type must be code or token'],
    ['an unknown scope', { scope: 'account_phonechat_bookings admin' }, 'Unknown scope: admin'],
    ['an oversized state', { state: 'x'.repeat(1025) }, 'state is longer than 1024'],
  ])('answers %s with an error page, never a redirect', async (_label, change, message) => {
    const response = await fetch(authorizeUrl(server.url, codeParams(change)), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(message);
  });

  it('refuses a parameter given twice', async () => {
    const response = await fetch(`${authorizeUrl(server.url, codeParams())}&redirect_uri=${encodeURIComponent(OTHER_CLIENT.redirect)}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('redirect_uri is given more than once');
  });

  it('redirects an approval with a code and the state', async () => {
    const { status, location } = await consent(server.url, codeParams({ state: 'a b&c' }), 'approve');
    expect(status).toBe(302);
    const url = new URL(location!);
    expect(url.origin + url.pathname).toBe(CLIENT.redirect);
    expect(url.searchParams.get('state')).toBe('a b&c');
    expect(url.searchParams.get('code')).toMatch(/^code_[\w-]{32}$/);
  });

  it('redirects a cancel the documented way: ?code=&state=...&status=cancelled', async () => {
    const { status, location } = await consent(server.url, codeParams({ state: 'st' }), 'cancel');
    expect(status).toBe(302);
    expect(location).toBe(`${CLIENT.redirect}?code=&state=st&status=cancelled`);
  });

  it('returns the token in the fragment for response_type=token, and it works at once', async () => {
    const { location } = await consent(server.url, codeParams({ response_type: 'token', scope: 'account_webcam_bookings' }), 'approve', '1002');
    const url = new URL(location!);
    expect(url.search).toBe('');
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(Object.fromEntries(fragment)).toMatchObject({ token_type: 'bearer', expires_in: '1200', scope: 'account_webcam_bookings', state: 's-1' });
    expect(fragment.has('refresh_token')).toBe(false);
    expect(server.oauth.registry.accessToken(fragment.get('access_token')!)).toMatchObject({ UserID: 1002, Scopes: ['account_webcam_bookings'] });
  });

  it('uses a consent page once, and refuses a user who is not listed', async () => {
    const { consentId } = await consent(server.url, codeParams(), 'approve');
    const again = await fetch(`${server.url}/OAuth/Authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent: consentId, user: '1001', decision: 'approve' }),
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('expired or was already used');
    const { status } = await consent(server.url, codeParams(), 'approve', '999');
    expect(status).toBe(400);
  });

  it('expires a consent page left open by the sandbox clock', async () => {
    const page = await (await fetch(authorizeUrl(server.url, codeParams()))).text();
    const consentId = /name="consent" value="([^"]+)"/.exec(page)![1]!;
    server.advance(11 * MINUTE);
    const answer = await fetch(`${server.url}/OAuth/Authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent: consentId, user: '1001', decision: 'approve' }),
    });
    expect(answer.status).toBe(400);
  });
});

describe('the token endpoint', () => {
  it("exchanges a code for tokens, with no-store headers and the spec's shape", async () => {
    const answer = await loginTokens(server.url, 'account_phonechat_bookings account_credits_history');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('pragma')).toBe('no-cache');
    expect(conformsTo('OAuthTokenResponse', answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ token_type: 'bearer', expires_in: 1200, scope: 'account_phonechat_bookings account_credits_history' });
    expect(server.oauth.registry.accessToken(answer.body.access_token)).toMatchObject({ UserID: 1001 });
  });

  it('takes a code once; a replay is refused and revokes what the code gave', async () => {
    const code = await codeFor(server.url, 'account_phonechat_bookings');
    const fields = { grant_type: 'authorization_code', client_id: CLIENT.id, client_secret: CLIENT.secret, code, redirect_uri: CLIENT.redirect };
    const first = await tokenRequest(server.url, fields);
    expect(first.status).toBe(200);
    const replay = await tokenRequest(server.url, fields);
    expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
    expect(conformsTo('OAuthError', replay.body)).toEqual([]);
    expect(server.oauth.registry.accessToken(first.body.access_token)).toBeUndefined();
    const refresh = await tokenRequest(server.url, { grant_type: 'refresh_token', client_id: CLIENT.id, client_secret: CLIENT.secret, refresh_token: first.body.refresh_token });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('binds a code to its client and its redirect URI, and lets it expire', async () => {
    const code = await codeFor(server.url, '');
    const base = { grant_type: 'authorization_code', client_id: CLIENT.id, client_secret: CLIENT.secret, code, redirect_uri: CLIENT.redirect };
    const otherClient = await tokenRequest(server.url, { ...base, client_id: OTHER_CLIENT.id, client_secret: OTHER_CLIENT.secret });
    expect([otherClient.status, otherClient.body.error]).toEqual([400, 'invalid_grant']);
    const otherRedirect = await tokenRequest(server.url, { ...base, redirect_uri: 'http://127.0.0.1/other-callback' });
    expect([otherRedirect.status, otherRedirect.body.error]).toEqual([400, 'invalid_grant']);
    // Neither refusal used the code up.
    server.advance(4 * MINUTE);
    expect((await tokenRequest(server.url, base)).status).toBe(200);
    const late = await codeFor(server.url, '');
    server.advance(5 * MINUTE);
    const expired = await tokenRequest(server.url, { ...base, code: late });
    expect([expired.status, expired.body.error, expired.body.error_description]).toEqual([400, 'invalid_grant', 'The authorization code has expired.']);
  });

  it('refuses a wrong secret or an unknown client with 401 invalid_client, the same way', async () => {
    const code = await codeFor(server.url, '');
    const base = { grant_type: 'authorization_code', client_id: CLIENT.id, client_secret: CLIENT.secret, code, redirect_uri: CLIENT.redirect };
    const wrong = await tokenRequest(server.url, { ...base, client_secret: 'guess' });
    const unknown = await tokenRequest(server.url, { ...base, client_id: 'nobody' });
    expect([wrong.status, wrong.body]).toEqual([401, { error: 'invalid_client', error_description: 'The client could not be authenticated.' }]);
    expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
    // The code is still good for the right secret.
    expect((await tokenRequest(server.url, base)).status).toBe(200);
  });

  it('rotates the refresh token on every refresh; a rotated-out one is refused and revokes the grant', async () => {
    const login = await loginTokens(server.url, 'account_webcam_bookings');
    const refresh = (token: string) => tokenRequest(server.url, { grant_type: 'refresh_token', client_id: CLIENT.id, client_secret: CLIENT.secret, refresh_token: token });
    const second = await refresh(login.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(second.body.refresh_token).not.toBe(login.body.refresh_token);
    expect(second.body.access_token).not.toBe(login.body.access_token);
    expect(second.body.scope).toBe('account_webcam_bookings');
    const third = await refresh(second.body.refresh_token);
    expect(third.status).toBe(200);
    const replay = await refresh(login.body.refresh_token);
    expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
    // The replay may be a thief's: the latest tokens of that grant stop working too.
    expect(server.oauth.registry.accessToken(third.body.access_token)).toBeUndefined();
    expect((await refresh(third.body.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('lets an access token expire after 20 minutes and a refresh token after 14 days, by the sandbox clock', async () => {
    const login = await loginTokens(server.url, 'account_phonechat_bookings');
    const registry = server.oauth.registry;
    server.advance(20 * MINUTE - 1000);
    expect(registry.accessToken(login.body.access_token)).toBeDefined();
    server.advance(1000);
    expect(registry.accessToken(login.body.access_token)).toBeUndefined();
    const fields = { grant_type: 'refresh_token', client_id: CLIENT.id, client_secret: CLIENT.secret, refresh_token: login.body.refresh_token };
    const renewed = await tokenRequest(server.url, fields);
    expect(renewed.status).toBe(200);
    server.advance(14 * DAY);
    const expired = await tokenRequest(server.url, { ...fields, refresh_token: renewed.body.refresh_token });
    // Exactly the documented answer.
    expect([expired.status, expired.body]).toEqual([401, { error: 'refresh_token_has_expired' }]);
    expect(expired.headers.get('cache-control')).toBe('no-store');
  });
});

describe('bad input to the token endpoint', () => {
  const valid = async () => ({ grant_type: 'authorization_code', client_id: CLIENT.id, client_secret: CLIENT.secret, code: await codeFor(server.url, ''), redirect_uri: CLIENT.redirect });

  it.each([
    ['no grant_type', { grant_type: undefined }, 400, 'invalid_request', 'grant_type is missing.'],
    ['an unknown grant_type', { grant_type: 'password' }, 400, 'unsupported_grant_type', undefined],
    ['no client_secret', { client_secret: undefined }, 400, 'invalid_request', 'client_id and client_secret are required.'],
    ['no code', { code: undefined }, 400, 'invalid_request', 'code and redirect_uri are required with authorization_code.'],
    ['no redirect_uri', { redirect_uri: undefined }, 400, 'invalid_request', 'code and redirect_uri are required with authorization_code.'],
    ['an oversized code', { code: 'c'.repeat(513) }, 400, 'invalid_request', 'The parameter code is longer than 512 characters.'],
    ['an oversized unknown field', { extra: 'e'.repeat(300) }, 400, 'invalid_request', 'The parameter extra is longer than 256 characters.'],
  ] as const)('answers %s with a clear error, and the code still works afterwards', async (_label, change, status, error, description) => {
    const fields: Record<string, string> = await valid();
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete fields[key];
      else fields[key] = value;
    }
    const answer = await tokenRequest(server.url, fields);
    expect([answer.status, answer.body.error]).toEqual([status, error]);
    if (description) expect(answer.body.error_description).toBe(description);
    expect(conformsTo('OAuthError', answer.body)).toEqual([]);
    const good = await valid();
    good.code = fields.code && fields.code.length <= 512 ? fields.code : good.code;
    expect((await tokenRequest(server.url, good)).status).toBe(200);
  });

  it('refuses a JSON body, a missing content type and a body over 8 KiB, using up nothing', async () => {
    const fields = await valid();
    const json = await fetch(`${server.url}/OAuth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) });
    expect([json.status, await json.json()]).toEqual([400, { error: 'invalid_request', error_description: 'The body must be application/x-www-form-urlencoded, not application/json.' }]);
    const bare = await fetch(`${server.url}/OAuth/token`, { method: 'POST', body: new Uint8Array(Buffer.from(new URLSearchParams(fields).toString())) });
    expect((await bare.json()).error_description).toBe('The body must be application/x-www-form-urlencoded, not missing.');
    const huge = await tokenRequest(server.url, { ...fields, padding: 'p'.repeat(9000) });
    expect([huge.status, huge.body.error_description]).toEqual([400, 'The body is larger than 8192 bytes.']);
    const bytes = await fetch(`${server.url}/OAuth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new Uint8Array([0x67, 0x3d, 0xff]) });
    expect((await bytes.json()).error_description).toBe('The body is not valid UTF-8.');
    expect((await tokenRequest(server.url, fields)).status).toBe(200);
  });

  it('refuses a field given twice, and a GET', async () => {
    const fields = await valid();
    const body = `${new URLSearchParams(fields)}&client_id=${OTHER_CLIENT.id}`;
    const twice = await fetch(`${server.url}/OAuth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    expect((await twice.json()).error_description).toBe('The parameter client_id is given more than once.');
    const get = await fetch(`${server.url}/OAuth/token`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it("answers the consent form's bad input with an error page", async () => {
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${server.url}/OAuth/Authorize`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': type }, body });
    for (const answer of [await post('consent=nope&user=1001&decision=approve'), await post('{}', 'application/json'), await post(`consent=${'c'.repeat(100)}`)]) {
      expect(answer.status).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
    }
  });
});

describe("issued tokens in the sandbox's token lookup", () => {
  const store = new Store({});
  store.open({ users: USERS.map((u) => ({ ...u, CreditBalance: 0 })), tokens: [{ Token: 'static-token', UserID: 1001, Scopes: ['account_phonechat_bookings'] }], groups: [], bookings: {} }, () => {});
  beforeAll(() => store.addTokenSource((value) => server.oauth.registry.accessToken(value)));

  // Every operation that names a scope, with its security requirements as the sandbox reads them.
  const scoped = Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([, op]) => op && typeof op === 'object' && Array.isArray(op.security) && op.security.some((r: any) => Object.values(r).flat().length > 0))
      .map(([method, op]) => [`${method.toUpperCase()} ${path}`, op.security as Record<string, string[]>[]] as const),
  );

  it('covers the scoped operations of the spec', () => {
    expect(scoped.length).toBeGreaterThan(30);
  });

  it.each(scoped)('%s refuses an issued token without its scope (403) and takes one with it', async (_op, security) => {
    const needed = Object.values(security[0]!).flat();
    const others = Object.keys(spec.components.securitySchemes.AdultWorkOAuth.flows.authorizationCode.scopes).filter((s) => !needed.includes(s));
    const without = await loginTokens(server.url, others.join(' '));
    const refused = authorize(security, `Bearer ${without.body.access_token}`, store);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((refused as { message: string }).message).toContain(needed[0]);
    const withScope = await loginTokens(server.url, needed.join(' '));
    expect(authorize(security, `bearer ${withScope.body.access_token}`, store)).toMatchObject({ ok: true, token: { UserID: 1001, Scopes: needed } });
  });

  it('refuses an expired issued token with 401, and keeps the static tokens working', async () => {
    const login = await loginTokens(server.url, 'account_phonechat_bookings');
    const security = [{ AdultWorkOAuth: ['account_phonechat_bookings'] }];
    expect(authorize(security, `Bearer ${login.body.access_token}`, store)).toMatchObject({ ok: true });
    server.advance(20 * MINUTE);
    expect(authorize(security, `Bearer ${login.body.access_token}`, store)).toMatchObject({ ok: false, status: 401 });
    expect(authorize(security, 'Bearer static-token', store)).toMatchObject({ ok: true, token: { UserID: 1001 } });
    expect(authorize([{ AdultWorkOAuth: [] }], `Bearer ${login.body.access_token}`, store)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('the clients fixture', () => {
  it('is refused with a clear message when an entry is wrong, naming no secret', () => {
    expect(() => checkOAuthClients({ clients: [{ clientId: 'a', clientSecret: 'topsecret', name: 'A', redirectUris: ['/relative'] }] }, 'clients.json')).toThrow(
      'clients.json: clients[0].redirectUris: "/relative" is not an absolute http(s) URI without a fragment',
    );
    expect(() => checkOAuthClients({ clients: [{ clientId: 'a', clientSecret: 'topsecret', name: 'A', redirectUris: ['http://x/#f'] }] }, 'c')).toThrow(/without a fragment/);
    expect(() => checkOAuthClients({}, 'c')).toThrow('c: expected an object with a "clients" array');
    try {
      checkOAuthClients({ clients: [{ clientId: 'a', clientSecret: 'topsecret', name: '', redirectUris: [] }] }, 'c');
    } catch (error) {
      expect(String(error)).not.toContain('topsecret');
    }
  });
});
