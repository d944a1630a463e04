import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient, AuthenticationError, ENVIRONMENTS, SDK_VERSION } from '../src/index.js';
import { json, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

const TOKEN = 'tok_SECRET_4f9a1c';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());

describe('client options', () => {
  it('maps the named environments and keeps a custom base URL', () => {
    expect(new AdultWorkClient({ accessToken: TOKEN }).baseUrl).toBe('https://api-sandbox.adultwork.com');
    expect(new AdultWorkClient({ accessToken: TOKEN, environment: 'sandbox' }).baseUrl).toBe(ENVIRONMENTS.sandbox);
    expect(new AdultWorkClient({ accessToken: TOKEN, environment: 'production' }).baseUrl).toBe('https://api.adultwork.com');
    expect(new AdultWorkClient({ accessToken: TOKEN, environment: 'http://127.0.0.1:4010/' }).baseUrl).toBe('http://127.0.0.1:4010');
    expect(new AdultWorkClient({ accessToken: TOKEN, environment: 'https://proxy.example/aw/' }).baseUrl).toBe('https://proxy.example/aw');
  });

  it.each([
    [undefined, TypeError, /The client options must be an object, got undefined/],
    [{}, TypeError, /accessToken must be a non-empty string or a function returning one, got undefined/],
    [{ accessToken: '' }, TypeError, /accessToken must be a non-empty string/],
    [{ accessToken: 42 }, TypeError, /got number 42/],
    [{ accessToken: TOKEN, environment: 'staging' }, TypeError, /an http\(s\) URL without query/],
    [{ accessToken: TOKEN, environment: 'ftp://x' }, TypeError, /http\(s\) URL/],
    [{ accessToken: TOKEN, environment: 'https://x/?a=1' }, TypeError, /query/],
    [{ accessToken: TOKEN, environment: 7 }, TypeError, /environment must be/],
    [{ accessToken: TOKEN, fetch: 'fetch' }, TypeError, /fetch must be a function/],
    [{ accessToken: TOKEN, timeoutMs: -1 }, RangeError, /timeoutMs must be a number from 0 to 2147483647, got -1/],
    [{ accessToken: TOKEN, timeoutMs: Number.NaN }, RangeError, /timeoutMs must be a number from 0/],
    [{ accessToken: TOKEN, timeoutMs: 2 ** 31 }, RangeError, /from 0 to 2147483647, got 2147483648/],
    [{ accessToken: TOKEN, retry: { maxRetries: -1 } }, RangeError, /maxRetries must be a whole number from 0 to 10/],
    [{ accessToken: TOKEN, retry: { maxRetries: 1.5 } }, RangeError, /whole number from 0 to 10, got 1.5/],
    [{ accessToken: TOKEN, retry: { maxRetries: '2' } }, TypeError, /maxRetries must be a number, got a string/],
    [{ accessToken: TOKEN, retry: { retries: 3 } }, TypeError, /retry: unknown field "retries"; known: maxRetries/],
    [{ accessToken: TOKEN, retry: 3 }, TypeError, /retry must be an object, got number 3/],
    [{ accessToken: TOKEN, userAgent: 'a\r\nX-Evil: 1' }, TypeError, /userAgent/],
    [{ accessToken: TOKEN, headers: { 'Bad Header': 'x' } }, TypeError, /not a valid header name/],
    [{ accessToken: TOKEN, headers: { A: 1 } }, TypeError, /headers.A must be a string/],
    [{ accessToken: TOKEN, logger: 'console' }, TypeError, /logger must be a function/],
    [{ accessToken: TOKEN, tokn: 'x' }, TypeError, /The client options: unknown field "tokn"; known: accessToken/],
  ])('rejects bad options %#', (options, type, message) => {
    expect(() => new AdultWorkClient(options as never)).toThrow(type);
    expect(() => new AdultWorkClient(options as never)).toThrow(message);
  });

  it('sends the bearer token, the user agent, client headers and call headers', async () => {
    server.respond(json(200, []));
    const client = new AdultWorkClient({
      accessToken: TOKEN,
      environment: server.url,
      userAgent: 'my-app/1.0',
      headers: { 'X-Team': 'bookings' },
    });
    await client.phoneChat.deleteMadeBookings([1], { headers: { Prefer: 'example=seed' } });
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['user-agent']).toBe(`my-app/1.0 adultwork-api-sdk/${SDK_VERSION}`);
    expect(request?.headers['x-team']).toBe('bookings');
    expect(request?.headers.prefer).toBe('example=seed');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
  });

  it('asks an async token function for a token on every call', async () => {
    server.respond(json(200, { PageCount: 1, PageNumber: 1, BookingsTotal: 0, BookingsPerPage: 50, Bookings: [] }));
    let n = 0;
    const client = new AdultWorkClient({ accessToken: async () => `fresh-${++n}`, environment: server.url });
    await client.phoneChat.listMadeBookings();
    await client.phoneChat.listMadeBookings();
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer fresh-1', 'Bearer fresh-2']);
  });

  it('does not double a "Bearer" prefix the token already has', async () => {
    server.respond(json(200, []));
    await new AdultWorkClient({ accessToken: `bearer ${TOKEN}`, environment: server.url }).phoneChat.deleteMadeBookings([1]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('rejects a token function that gives no token, without sending anything', async () => {
    server.respond(json(200, []));
    const client = new AdultWorkClient({ accessToken: async () => undefined as unknown as string, environment: server.url });
    await expect(client.phoneChat.deleteMadeBookings([1])).rejects.toThrow(/must return a non-empty string/);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps package.json and SDK_VERSION in step', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});

describe('the token never leaks', () => {
  it('is absent from inspect, JSON and toString of the client and its namespaces', () => {
    const client = new AdultWorkClient({ accessToken: TOKEN, environment: server.url });
    const group = client.asGroupMember(5);
    for (const value of [client, client.phoneChat, client.webcam, group, group.phoneChat]) {
      expect(inspect(value, { showHidden: true, depth: Infinity, getters: true })).not.toContain(TOKEN);
      expect(JSON.stringify(value) ?? '').not.toContain(TOKEN);
      expect(String(value)).not.toContain(TOKEN);
    }
    expect(String(client)).toBe(`AdultWorkClient(${server.url})`);
  });

  it('is absent from errors, even when the server echoes it back, and from log lines', async () => {
    server.respond(json(401, { Message: `Token ${TOKEN} has expired` }, { 'www-authenticate': `Bearer error="invalid_token", token="${TOKEN}"` }));
    const lines: string[] = [];
    const client = new AdultWorkClient({ accessToken: TOKEN, environment: server.url, logger: (line) => lines.push(line) });
    const error = await client.phoneChat.listMadeBookings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const err = error as AuthenticationError;
    for (const text of [err.message, String(err), inspect(err, { showHidden: true, depth: Infinity }), JSON.stringify(err), err.stack ?? '']) {
      expect(text).not.toContain(TOKEN);
    }
    expect(err.message).toContain('[redacted]');
    expect(err.headers?.get('www-authenticate')).toContain('[redacted]');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('is absent from errors when the server echoes it in the status text and the request id', async () => {
    server.respond((_request, response) => {
      response.writeHead(403, `Forbidden for ${TOKEN}`, { 'x-request-id': `req-${TOKEN}` });
      response.end();
    });
    const client = new AdultWorkClient({ accessToken: TOKEN, environment: server.url, retry: false });
    const err = (await client.phoneChat.listMadeBookings().catch((e: unknown) => e)) as Error;
    for (const text of [err.message, String(err), inspect(err, { showHidden: true, depth: Infinity }), JSON.stringify(err), err.stack ?? '']) {
      expect(text).not.toContain(TOKEN);
    }
    expect(err.message).toBe('listPhoneChatMadeBookings failed with HTTP 403 Forbidden for [redacted] (request id req-[redacted])');
  });

  it('is absent from connection and timeout errors and their cause chains', async () => {
    // A real refused connection (undici's own cause chain), and a server that never answers.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const stalled: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    // The refused connection gets time enough to be refused on a busy machine, not to time out.
    for (const [environment, fetch, timeoutMs] of [[refusedUrl, undefined, 10_000], [server.url, stalled, 50]] as const) {
      const client = new AdultWorkClient({ accessToken: TOKEN, environment, fetch, retry: false, timeoutMs });
      const err = (await client.phoneChat.listMadeBookings().catch((e: unknown) => e)) as Error;
      for (const text of [err.message, String(err), inspect(err, { showHidden: true, depth: Infinity }), JSON.stringify(err), err.stack ?? '']) {
        expect(text).not.toContain(TOKEN);
      }
      // Not vacuous: the refused connection's cause chain is there, down to the system error.
      if (fetch === undefined) expect(inspect(err, { showHidden: true, depth: Infinity })).toContain('ECONNREFUSED');
    }
  });

  it('is not echoed in the message of a bad-option error', () => {
    expect(() => new AdultWorkClient({ accessToken: TOKEN, environment: 12 as never })).toThrow(/got number 12/);
    try {
      new AdultWorkClient({ accessToken: TOKEN, timeoutMs: TOKEN as never });
    } catch (error) {
      expect((error as Error).message).not.toContain(TOKEN);
      expect((error as Error).message).toContain('a string of length');
    }
  });
});
