// @ts-check
// The whole sign-in in a real browser (Debian's Chromium through playwright-core, offline):
// the example app, the consent page, the callback, the bookings; and the cancel path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { createOAuthServer, declaredScopes, loadOAuthClients, startSandbox } from '@adultwork-api/sandbox';
import { startMock } from '@adultwork-api/mock';
import { chromiumPath, offlineFlags } from '../../docs/test/chromium.js';
import { startExampleApp } from '../src/app.js';

const require = createRequire(import.meta.url);
const CLIENT = { clientId: 'sample-web-app', clientSecret: 'sample-web-app-secret' };

// The docs test's offline flags, except that 127.0.0.1 resolves: the app and the servers are there.
const flags = offlineFlags.map((flag) => (flag.startsWith('--host-resolver-rules=') ? `${flag}, EXCLUDE 127.0.0.1` : flag));

/** @type {import('playwright-core').Browser} */
let browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: flags });
});
afterAll(() => browser?.close());

/**
 * Signs in through the app in a fresh browser context and returns the page where it ends.
 * @param {string} appUrl @param {'approve' | 'cancel'} decision
 */
async function signIn(appUrl, decision) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.click('#sign-in');
  await page.waitForSelector('#scopes');
  expect(await page.textContent('h1')).toBe('Sample web app would like to use your account');
  expect(await page.textContent('#scopes')).toContain('account_phonechat_bookings');
  await page.selectOption('#user', '1001');
  await page.click(decision === 'approve' ? '#approve' : '#cancel');
  await page.waitForLoadState('load');
  return { page, context };
}

/**
 * Both setups start the app first (its port decides its redirect URI), then register that
 * redirect URI in a clients file of their own.
 * @param {string} dir @param {string} redirectUri
 */
function clientsFile(dir, redirectUri) {
  const file = join(dir, 'oauth-clients.json');
  writeFileSync(file, JSON.stringify({ clients: [{ ...CLIENT, name: 'Sample web app', redirectUris: [redirectUri] }] }));
  return file;
}

describe('against the sandbox, as `npm run example:oauth` runs it', () => {
  const options = { authUrl: '', apiUrl: '', ...CLIENT, port: 0 };
  /** @type {Awaited<ReturnType<typeof startExampleApp>>} */
  let app;
  /** @type {Awaited<ReturnType<typeof startSandbox>>} */
  let sandbox;
  const dir = mkdtempSync(join(tmpdir(), 'example-oauth-'));
  beforeAll(async () => {
    app = await startExampleApp(options);
    sandbox = await startSandbox({ oauthClients: clientsFile(dir, app.redirectUri) });
    options.authUrl = options.apiUrl = sandbox.url;
  });
  afterAll(async () => {
    await app?.stop();
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs ClientUser in on the consent page and lists their bookings', async () => {
    const { page, context } = await signIn(app.url, 'approve');
    try {
      expect(new URL(page.url()).pathname).toBe('/bookings');
      expect(await page.textContent('#scopes')).toBe('account_phonechat_bookings');
      expect(await page.locator('#bookings tbody tr').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('shows the cancel page when the user cancels', async () => {
    const { page, context } = await signIn(app.url, 'cancel');
    try {
      expect(new URL(page.url()).searchParams.get('status')).toBe('cancelled');
      expect(await page.textContent('#cancelled')).toContain('You cancelled the sign-in');
    } finally {
      await context.close();
    }
  });
});

describe('against the sandbox authorization server alone, with the bookings from the mock', () => {
  const options = { authUrl: '', apiUrl: '', ...CLIENT, port: 0 };
  /** @type {Awaited<ReturnType<typeof startExampleApp>>} */
  let app;
  /** @type {import('node:http').Server} */
  let authServer;
  /** @type {Awaited<ReturnType<typeof startMock>>} */
  let mock;
  const dir = mkdtempSync(join(tmpdir(), 'example-oauth-'));
  const spec = JSON.parse(readFileSync(require.resolve('@adultwork-api/openapi/openapi.json'), 'utf8'));
  const mockPage = spec.paths['/v1/PhoneChat/MadeBookings'].get;
  beforeAll(async () => {
    app = await startExampleApp(options);
    const oauth = createOAuthServer({
      clock: { now: () => Date.now() },
      clients: loadOAuthClients(clientsFile(dir, app.redirectUri)),
      scopes: declaredScopes(spec),
      users: () => [{ UserID: 1001, Nickname: 'ClientUser' }],
    });
    authServer = createServer((request, response) => {
      const [path, search = ''] = (request.url ?? '/').split('?');
      void oauth.handle(request, response, path ?? '/', search);
    });
    await new Promise((resolve) => authServer.listen(0, '127.0.0.1', () => resolve(undefined)));
    mock = await startMock({ port: 0 });
    options.authUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (authServer.address()).port}`;
    options.apiUrl = mock.url;
  });
  afterAll(async () => {
    await app?.stop();
    authServer?.closeAllConnections();
    await new Promise((resolve) => (authServer ? authServer.close(() => resolve(undefined)) : resolve(undefined)));
    await mock?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in on the consent page and shows the page of bookings the API answers', async () => {
    const { page, context } = await signIn(app.url, 'approve');
    try {
      expect(new URL(page.url()).pathname).toBe('/bookings');
      const example = Object.values(mockPage.responses['200'].content['application/json'].examples)[0];
      const first = (example.$ref ? spec.components.examples[example.$ref.split('/').pop()] : example).value;
      expect(await page.textContent('#summary')).toContain(`${first.BookingsTotal} booking(s)`);
      expect(await page.locator('#bookings tbody tr').count()).toBe(first.Bookings.length);
      expect(await page.textContent('#bookings tbody')).toContain(first.Bookings[0].SessionDate);
    } finally {
      await context.close();
    }
  });

  it('shows the cancel page when the user cancels', async () => {
    const { page, context } = await signIn(app.url, 'cancel');
    try {
      expect(await page.textContent('#cancelled')).toContain('You cancelled the sign-in');
    } finally {
      await context.close();
    }
  });

  it('refuses a callback this browser did not start, or whose state was changed, and uses a state once', async () => {
    const stranger = await fetch(`${app.url}/callback?code=stolen&state=x`);
    expect([stranger.status, await stranger.text()]).toEqual([400, expect.stringContaining('No sign-in is under way in this browser.')]);
    const login = await fetch(`${app.url}/login`, { redirect: 'manual' });
    const cookie = /** @type {string} */ (login.headers.get('set-cookie')).split(';')[0] ?? '';
    const state = new URL(/** @type {string} */ (login.headers.get('location'))).searchParams.get('state');
    const forged = await fetch(`${app.url}/callback?code=forged&state=${state}x`, { headers: { cookie } });
    expect([forged.status, await forged.text()]).toEqual([400, expect.stringContaining('is not the one this sign-in started with')]);
    const replay = await fetch(`${app.url}/callback?code=forged&state=${state}`, { headers: { cookie } });
    expect(await replay.text()).toContain('No sign-in is under way in this browser.');
  });
});
