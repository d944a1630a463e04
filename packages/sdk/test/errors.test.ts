import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdultWorkClient,
  AdultWorkError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  PrerequisiteFailedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { json, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

let server: FakeServer;
let client: AdultWorkClient;
beforeAll(async () => {
  server = await startFakeServer();
  client = new AdultWorkClient({ accessToken: 'token', environment: server.url, retry: false });
});
afterAll(() => server.close());

describe('typed errors', () => {
  it.each([
    [400, BadRequestError],
    [422, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [412, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, AdultWorkError],
  ])('maps HTTP %i to %o with status, headers, body, request id, operation, method and path', async (status, type) => {
    server.respond(json(status, { Message: `problem ${status}` }, { 'x-request-id': `req-${status}`, 'x-ratelimit-remaining': '7' }));
    const error = (await client.phoneChat.cancelMadeBooking({ BookingID: 9, Reason: 'r' }).catch((e: unknown) => e)) as AdultWorkError;
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(AdultWorkError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
    expect(error.body).toEqual({ Message: `problem ${status}` });
    expect(error.apiMessage).toBe(`problem ${status}`);
    expect(error.requestId).toBe(`req-${status}`);
    expect(error.operation).toBe('cancelPhoneChatMadeBooking');
    expect(error.method).toBe('POST');
    expect(error.path).toBe('/v1/PhoneChat/CancelMadeBooking');
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers?.get('x-ratelimit-remaining')).toBe('7');
    expect(error.message).toBe(`cancelPhoneChatMadeBooking failed with HTTP ${status}: problem ${status} (request id req-${status})`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: type.name,
      status,
      requestId: `req-${status}`,
      method: 'POST',
      path: '/v1/PhoneChat/CancelMadeBooking',
      headers: { 'x-ratelimit-remaining': '7', 'content-type': 'application/json' },
    });
  });

  it('keeps the names of earlier versions as the same classes', () => {
    expect(ValidationError).toBe(BadRequestError);
    expect(PrerequisiteFailedError).toBe(ConflictError);
    expect(NetworkError).toBe(ConnectionError);
    for (const type of [BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, ServerError, ConnectionError, TimeoutError]) {
      expect(Object.getPrototypeOf(type)).toBe(AdultWorkError);
    }
  });

  it.each([400, 422])('reads field errors from ModelState on %i, with the query in the path', async (status) => {
    server.respond(json(status, { Message: 'The request is invalid.', ModelState: { BookingsPerPage: ['too big'] } }));
    const error = (await client.phoneChat.listMadeBookings({ PageNumber: 2, BookingsPerPage: 5 }).catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.name).toBe('BadRequestError');
    expect(error.fieldErrors).toEqual({ BookingsPerPage: ['too big'] });
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/v1/PhoneChat/MadeBookings?BookingsPerPage=5&PageNumber=2');
  });

  it('gives a ConnectionError and a TimeoutError the method and path, and no status or headers', async () => {
    const refused: typeof fetch = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
    const down = new AdultWorkClient({ accessToken: 'token', environment: server.url, retry: false, fetch: refused });
    const error = (await down.phoneChat.rescheduleMadeBooking({ BookingID: 4 }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect([error.name, error.method, error.path, error.status, error.headers]).toEqual(['ConnectionError', 'POST', '/v1/PhoneChat/RescheduleMadeBooking', undefined, undefined]);
    const stalled: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const slow = new AdultWorkClient({ accessToken: 'token', environment: server.url, retry: false, fetch: stalled, timeoutMs: 20 });
    const timeout = (await slow.phoneChat.listMadeBookings().catch((e: unknown) => e)) as TimeoutError;
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect([timeout.name, timeout.method, timeout.path, timeout.timeoutMs, timeout.headers]).toEqual(['TimeoutError', 'GET', '/v1/PhoneChat/MadeBookings', 20, undefined]);
  });

  it('copes with an empty or non-JSON error body', async () => {
    server.respond((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'request-id': 'r2' });
      res.end('<html>Bad gateway</html>');
    });
    const error = (await client.webcam.cancelMadeBooking({ BookingID: 1, Reason: 'r' }).catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.body).toBe('<html>Bad gateway</html>');
    expect(error.apiMessage).toBeUndefined();
    expect(error.requestId).toBe('r2');
    expect(error.message).toBe('cancelWebcamMadeBooking failed with HTTP 502 Bad Gateway (request id r2)');

    server.respond(json(404, undefined));
    const empty = (await client.phoneChat.rescheduleMadeBooking({ BookingID: 1 }).catch((e: unknown) => e)) as NotFoundError;
    expect(empty).toBeInstanceOf(NotFoundError);
    expect(empty.body).toBeUndefined();
    expect(empty.requestId).toBeUndefined();
  });

  it('reports a 2xx answer that is not JSON as an AdultWorkError', async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    const error = (await client.phoneChat.listMadeBookings().catch((e: unknown) => e)) as AdultWorkError;
    expect(error.constructor).toBe(AdultWorkError);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.status).toBe(200);
  });
});
