// The authorization server inside a whole sandbox: tokens it issues are API tokens, with their
// scopes enforced on every operation and their expiry by the sandbox clock (moved through the
// admin route), and the static fixture tokens keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { admin, call, expectConforms, seedData, spec } from './helpers.js';

const CLIENT = { id: 'test-app', secret: 'test-app-secret', redirect: 'http://127.0.0.1/callback' };
const START = '2026-03-01T12:00:00';
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ clock: START });
});
afterAll(() => sandbox?.stop());

async function signIn(scopes: string[], user = 1001) {
  const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT.id, redirect_uri: CLIENT.redirect, scope: scopes.join(' '), state: 's' });
  const page = await (await fetch(`${sandbox.url}/OAuth/Authorize?${query}`)).text();
  const consent = /name="consent" value="([^"]+)"/.exec(page)?.[1];
  if (!consent) throw new Error(`No consent page: ${page}`);
  const decision = await fetch(`${sandbox.url}/OAuth/Authorize`, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent, user: String(user), decision: 'approve' }),
  });
  const code = new URL(decision.headers.get('location')!).searchParams.get('code')!;
  return token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirect });
}

async function token(fields: Record<string, string>) {
  const response = await fetch(`${sandbox.url}/OAuth/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT.id, client_secret: CLIENT.secret, ...fields }),
  });
  return { status: response.status, body: await response.json() };
}

const allScopes = Object.keys(spec.components.securitySchemes.AdultWorkOAuth.flows.authorizationCode.scopes);
// Every API operation that names a scope (the OAuth endpoints name none).
const scoped = [...Object.entries<any>(spec.paths)].flatMap(([, item]) =>
  ['get', 'post', 'put', 'patch', 'delete']
    .filter((method) => item[method] && item[method]['x-adultwork-oauth'] === undefined)
    .map((method) => ({ method, op: item[method] }))
    .filter(({ op }) => op.security.some((requirement: Record<string, string[]>) => Object.values(requirement).flat().length > 0))
    .map(({ method, op }) => [op.operationId as string, Object.values(op.security[0] as Record<string, string[]>).flat(), method] as const),
);

describe('tokens issued by the sandbox', () => {
  it('are accepted by the API and answered as the spec says', async () => {
    const { body } = await signIn(['account_phonechat_bookings']);
    const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { token: body.access_token });
    expect(answer.status).toBe(200);
    expectConforms('listPhoneChatMadeBookings', answer);
  });

  it.each(scoped)('%s refuses a token without its scope with 403', async (operationId, needed, method) => {
    const { body } = await signIn(allScopes.filter((scope) => !needed.includes(scope)));
    // The token is checked before the input, so an empty body is refused for the scope alone.
    const answer = await call(sandbox.url, operationId, { token: body.access_token, ...(method === 'get' ? {} : { body: {} }) });
    expect(answer.status).toBe(403);
    expect(answer.json.Message).toContain(needed[0]);
  });

  it('show in GetPermissions and verifyCredentials as granted', async () => {
    const granted = ['account_phonechat_bookings', 'account_credits_history'];
    const { body } = await signIn(granted);
    const permissions = await call(sandbox.url, 'getAccountPermissions', { token: body.access_token });
    expect(permissions.status).toBe(200);
    const grantedThere = permissions.json.Permissions.filter((p: { Status: string }) => p.Status === 'granted').map((p: { Permission: string }) => p.Permission);
    for (const scope of granted) expect(grantedThere).toContain(scope);
    for (const scope of grantedThere) expect([...granted, 'userid', 'nickname']).toContain(scope);
    const who = await call(sandbox.url, 'verifyCredentials', { token: body.access_token });
    expect(who.status).toBe(200);
    expect(who.json.UserID).toBe(1001);
    // Without account_information the group members are null.
    expect([who.json.GroupID, who.json.GroupName, who.json.IsGroupManager]).toEqual([null, null, null]);
  });

  it('expire after 20 minutes by the sandbox clock; a refresh rotates, and the old refresh token is refused', async () => {
    const login = await signIn(['account_phonechat_bookings']);
    expect((await admin(sandbox.url, 'PUT', '/clock', { now: '2026-03-01T12:19:59' })).status).toBe(200);
    expect((await call(sandbox.url, 'listPhoneChatMadeBookings', { token: login.body.access_token })).status).toBe(200);
    await admin(sandbox.url, 'PUT', '/clock', { now: '2026-03-01T12:20:00' });
    const expired = await call(sandbox.url, 'listPhoneChatMadeBookings', { token: login.body.access_token });
    expect([expired.status, expired.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    const renewed = await token({ grant_type: 'refresh_token', refresh_token: login.body.refresh_token });
    expect(renewed.status).toBe(200);
    expect((await call(sandbox.url, 'listPhoneChatMadeBookings', { token: renewed.body.access_token })).status).toBe(200);
    const replay = await token({ grant_type: 'refresh_token', refresh_token: login.body.refresh_token });
    expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
    // A replayed refresh token looks stolen: what was issued from it is revoked too.
    const revoked = await token({ grant_type: 'refresh_token', refresh_token: renewed.body.refresh_token });
    expect([revoked.status, revoked.body.error]).toEqual([400, 'invalid_grant']);
    // A refresh token nobody replayed still runs out after 14 days, with the documented body.
    const fresh = await signIn(['account_phonechat_bookings']);
    await admin(sandbox.url, 'PUT', '/clock', { now: '2026-03-15T12:20:01' });
    const old = await token({ grant_type: 'refresh_token', refresh_token: fresh.body.refresh_token });
    expect([old.status, old.body]).toEqual([401, { error: 'refresh_token_has_expired' }]);
    await admin(sandbox.url, 'PUT', '/clock', { now: START });
  });

  it('leave the static fixture tokens working', async () => {
    const [first] = seedData().tokens;
    const answer = await call(sandbox.url, 'verifyCredentials', { token: first.Token });
    expect([answer.status, answer.json.UserID]).toEqual([200, first.UserID]);
  });

  it('answer the OAuth paths without CORS and without the API pipeline', async () => {
    const answer = await fetch(`${sandbox.url}/OAuth/token`, { method: 'POST', headers: { Origin: 'http://example.test', 'Content-Type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await answer.json()).error).toBe('invalid_request');
  });
});
