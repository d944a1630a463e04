import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { checkAdminAccess, resolveAdminToken } from '../src/admin-access.js';
import { ADMIN_TOKEN, admin } from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

/** A request with exactly these headers (fetch would not send a foreign Host). */
function raw(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingMessage['headers']; json: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: sandbox.port, method, path, headers, setHost: !('Host' in headers) }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('admin token', () => {
  it.each([
    ['GET', '/state'],
    ['POST', '/reset'],
    ['GET', '/clock'],
    ['PUT', '/clock'],
  ])('%s %s without the token → 401, and no data', async (method, route) => {
    for (const headers of [{}, { Authorization: 'Bearer client-token' }, { Authorization: `Bearer ${ADMIN_TOKEN}x` }, { Authorization: ADMIN_TOKEN }]) {
      const answer = await raw(method, `/__sandbox${route}`, headers);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.stringify(answer.json)).not.toMatch(/client-token|users/);
    }
  });

  it('answers the health check without it, and everything with it', async () => {
    expect((await raw('GET', '/__sandbox/health', {})).status).toBe(200);
    expect((await raw('GET', '/__sandbox/state', auth)).json.tokens.length).toBeGreaterThan(0);
    expect((await admin(sandbox.url, 'POST', '/reset')).status).toBe(200);
  });

  it('is settable, readable, random by default, and refused when too weak', async () => {
    const chosen = await startSandbox({ adminToken: 'a-token-of-my-own-choosing' });
    expect(chosen.adminToken).toBe('a-token-of-my-own-choosing');
    expect((await fetch(`${chosen.url}/__sandbox/state`, { headers: { Authorization: 'bearer a-token-of-my-own-choosing' } })).status).toBe(200);
    expect((await fetch(`${chosen.url}/__sandbox/state`, { headers: auth })).status).toBe(401);
    await chosen.stop();
    const first = resolveAdminToken(undefined, {});
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(resolveAdminToken(undefined, {})).not.toBe(first);
    expect(resolveAdminToken(undefined, { SANDBOX_ADMIN_TOKEN: 'from-the-environment' })).toBe('from-the-environment');
    expect(() => resolveAdminToken('short', {})).toThrow(/at least 16 characters/);
    expect(() => resolveAdminToken('has a space in it, long enough', {})).toThrow(/at least 16 characters/);
  });
});

describe('admin routes answer only this machine, never another site', () => {
  it.each([
    ['a foreign name', 'evil.example'],
    ['a foreign name with the right port', 'evil.example:PORT'],
    ['localhost on another port', 'localhost:1'],
    ['loopback without the port', '127.0.0.1'],
    ['a rebinding name', 'localhost.evil.example:PORT'],
  ])('refuses Host %s', async (_label, host) => {
    const answer = await raw('GET', '/__sandbox/state', { ...auth, Host: host.replace('PORT', String(sandbox.port)) });
    expect(answer.status).toBe(403);
    expect(answer.json.Message).toMatch(/Host/);
  });

  it.each(['localhost:PORT', '127.0.0.1:PORT', '127.1.2.3:PORT', '[::1]:PORT', 'LOCALHOST:PORT'])('takes Host %s', async (host) => {
    expect((await raw('GET', '/__sandbox/clock', { ...auth, Host: host.replace('PORT', String(sandbox.port)) })).status).toBe(200);
  });

  it.each([
    { Origin: 'http://evil.example' },
    { Origin: 'null' },
    { Origin: 'http://localhost:1' },
    { 'Sec-Fetch-Site': 'cross-site' },
    { 'Sec-Fetch-Site': 'same-site' },
  ])('refuses a cross-site request %j, even with the token', async (headers) => {
    const answer = await raw('POST', '/__sandbox/reset', { ...auth, ...headers });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('takes a same-origin request and sends no CORS headers on admin routes', async () => {
    const answer = await raw('GET', '/__sandbox/clock', { ...auth, Origin: `http://127.0.0.1:${sandbox.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await raw('OPTIONS', '/__sandbox/reset', { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses a peer that is not on this machine unless told to take remote callers', () => {
    const request = (remoteAddress: string, host: string) => ({ socket: { remoteAddress, localPort: 4020 }, headers: { host, authorization: 'Bearer sixteen-characters-token' } }) as unknown as IncomingMessage;
    const access = { token: 'sixteen-characters-token', remote: false };
    expect(checkAdminAccess(access, request('127.0.0.1', 'localhost:4020'), true)).toEqual({ ok: true });
    expect(checkAdminAccess(access, request('::ffff:127.0.0.1', '127.0.0.1:4020'), true)).toEqual({ ok: true });
    expect(checkAdminAccess(access, request('192.168.1.20', 'localhost:4020'), true)).toMatchObject({ ok: false, status: 403 });
    expect(checkAdminAccess(access, request('::ffff:10.0.0.1', 'localhost:4020'), false)).toMatchObject({ ok: false, status: 403 });
    const remote = { ...access, remote: true };
    expect(checkAdminAccess(remote, request('192.168.1.20', 'sandbox.internal:4020'), true)).toEqual({ ok: true });
    expect(checkAdminAccess({ ...remote, token: 'another-sixteen-char-token' }, request('192.168.1.20', 'sandbox.internal:4020'), true)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('the CLI prints the admin token', () => {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

  function banner(args: string[], env: Record<string, string | undefined>): Promise<{ url: string; token: string; stop: () => void }> {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run "npm run build" first');
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /^Sandbox admin token: (.+)\nSandbox server: (\S+)$/m.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve({ url: match[2]!, token: match[1]!, stop: () => child.kill('SIGTERM') });
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
  }

  it('prints a generated token that works, and does not print a chosen one', async () => {
    const generated = await banner([], { SANDBOX_ADMIN_TOKEN: undefined });
    try {
      expect(generated.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect((await fetch(`${generated.url}/__sandbox/reset`, { method: 'POST', headers: { Authorization: `Bearer ${generated.token}` } })).status).toBe(200);
      expect((await fetch(`${generated.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(401);
    } finally {
      generated.stop();
    }
    const chosen = await banner(['--admin-token', 'chosen-on-the-command-line'], {});
    try {
      expect(chosen.token).toBe('(as set by --admin-token)');
      expect((await fetch(`${chosen.url}/__sandbox/state`, { headers: { Authorization: 'Bearer chosen-on-the-command-line' } })).status).toBe(200);
    } finally {
      chosen.stop();
    }
  });
});
