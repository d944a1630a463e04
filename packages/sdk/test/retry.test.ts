import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient, ConnectionError, RateLimitError, ServerError, TimeoutError } from '../src/index.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../src/retry.js';
import { json, page, slow, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

const OK_PAGE = page(1, 1, [1]);
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());

function client(options: Partial<ConstructorParameters<typeof AdultWorkClient>[0]> = {}): AdultWorkClient {
  return new AdultWorkClient({
    accessToken: 'token',
    environment: server.url,
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 1000, maxElapsedMs: 5000 },
    ...options,
  });
}

describe('backoff and Retry-After', () => {
  it('grows exponentially with jitter inside [step/2, step], capped', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(50);
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(300);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    const samples = new Set(Array.from({ length: 20 }, () => backoffDelay(3, policy)));
    expect(samples.size).toBeGreaterThan(1);
    for (const s of samples) expect(s).toBeGreaterThanOrEqual(400), expect(s).toBeLessThanOrEqual(800);
  });

  it('parses delta-seconds and HTTP-dates', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('retries', () => {
  it('retries a GET on 503 and 429 and then succeeds', async () => {
    server.respond(json(503, { Message: 'busy' }), json(429, { Message: 'slow down' }), json(200, OK_PAGE));
    const result = await client().phoneChat.listMadeBookings();
    expect(result).toEqual(OK_PAGE);
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After in seconds', async () => {
    server.respond(json(429, {}, { 'retry-after': '1' }), json(200, OK_PAGE));
    const started = Date.now();
    await client().phoneChat.listMadeBookings();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    // HTTP-dates have one-second resolution: aim two seconds ahead so the wait is 1-2 s.
    const at = new Date(Date.now() + 2000).toUTCString();
    server.respond(json(503, {}, { 'retry-after': at }), json(200, OK_PAGE));
    const started = Date.now();
    await client({ retry: { maxDelayMs: 5000 } }).phoneChat.listMadeBookings();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up at once, with retryAfterMs, when Retry-After exceeds the policy', async () => {
    server.respond(json(429, { Message: 'quota' }, { 'retry-after': '120' }));
    const error = (await client().phoneChat.listMadeBookings().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
  });

  it('stops after maxRetries and throws the last error', async () => {
    server.respond(json(500, { Message: 'down' }));
    const error = await client({ retry: { maxRetries: 2, baseDelayMs: 1 } }).phoneChat.listMadeBookings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('stops when the next wait would pass maxElapsedMs', async () => {
    server.respond(json(503, {}));
    const started = Date.now();
    const error = await client({ retry: { maxRetries: 10, baseDelayMs: 200, maxElapsedMs: 500 } }).phoneChat.listMadeBookings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThan(5);
  });

  it('never retries a POST that reached the server', async () => {
    server.respond(json(503, {}), json(200, []));
    await expect(client().phoneChat.deleteMadeBookings([1, 2])).rejects.toBeInstanceOf(ServerError);
    server.respond(json(429, {}, { 'retry-after': '0' }), json(200, {}));
    await expect(client().webcam.cancelMadeBooking({ BookingID: 1, Reason: 'x' })).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry client errors', async () => {
    server.respond(json(404, {}), json(200, OK_PAGE));
    await expect(client().phoneChat.listMadeBookings()).rejects.toThrow(/404/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a POST whose connection was refused (nothing was sent)', async () => {
    const calls: string[] = [];
    const refusedOnce = async (url: string, init: RequestInit): Promise<Response> => {
      calls.push(String(init.method));
      if (calls.length === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      return fetch(url, init);
    };
    server.respond(json(200, [{ BookingID: 1, Deleted: true, Message: 'Booking deleted' }]));
    const result = await client({ fetch: refusedOnce }).phoneChat.deleteMadeBookings([1]);
    expect(result[0]?.Deleted).toBe(true);
    expect(calls).toEqual(['POST', 'POST']);
  });

  it('does not retry a POST that failed after it may have been sent', async () => {
    let calls = 0;
    const reset = async (): Promise<Response> => {
      calls += 1;
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    };
    const error = (await client({ fetch: reset }).phoneChat.rescheduleMadeBooking({ BookingID: 3 }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('ECONNRESET');
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it('gives a ConnectionError for a real refused connection, after retrying the GET', async () => {
    const closed = await startFakeServer();
    const url = closed.url;
    await closed.close();
    const error = (await client({ environment: url, retry: { maxRetries: 1, baseDelayMs: 1 } }).phoneChat.listMadeBookings().catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.operation).toBe('listPhoneChatMadeBookings');
  });

  it('can be turned off', async () => {
    server.respond(json(503, {}), json(200, OK_PAGE));
    await expect(client({ retry: false }).phoneChat.listMadeBookings()).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('times out a slow answer with TimeoutError, and retries a GET', async () => {
    server.respond(slow(2000, json(200, OK_PAGE)), json(200, OK_PAGE));
    const result = await client({ timeoutMs: 100 }).phoneChat.listMadeBookings();
    expect(result).toEqual(OK_PAGE);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a POST that timed out', async () => {
    server.respond(slow(2000, json(200, {})));
    const started = Date.now();
    const error = (await client().phoneChat.cancelMadeBooking({ BookingID: 1, Reason: 'x' }, { timeoutMs: 100 }).catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(100);
    expect(error.operation).toBe('cancelPhoneChatMadeBooking');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });

  it('also covers a body that stalls after the headers', async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"PageCount":');
    });
    await expect(client({ timeoutMs: 150, retry: false }).phoneChat.listMadeBookings()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('rejects a bad per-call timeout before sending', async () => {
    server.respond(json(200, OK_PAGE));
    await expect(client().phoneChat.listMadeBookings({}, { timeoutMs: -5 })).rejects.toThrow(RangeError);
    await expect(client().phoneChat.listMadeBookings({}, { timeout: 5 } as never)).rejects.toThrow(/Call options: unknown field "timeout"/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('AbortSignal', () => {
  it('rejects with the signal reason when aborted before the call', async () => {
    server.respond(json(200, OK_PAGE));
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    await expect(client().phoneChat.listMadeBookings({}, { signal: controller.signal })).rejects.toThrow('user left');
    expect(server.requests).toHaveLength(0);
  });

  it('aborts a request in flight', async () => {
    server.respond(slow(5000, json(200, OK_PAGE)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client().phoneChat.listMadeBookings({}, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(1);
  });

  it('aborts the wait between retries', async () => {
    server.respond(json(503, {}, { 'retry-after': '3' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await client({ retry: { maxDelayMs: 10_000 } }).phoneChat.listMadeBookings({}, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects something that is not a signal', async () => {
    await expect(client().phoneChat.listMadeBookings({}, { signal: 'stop' as never })).rejects.toThrow(/signal must be an AbortSignal/);
  });
});
