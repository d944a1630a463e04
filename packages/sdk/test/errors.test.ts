import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdultWorkClient,
  AdultWorkError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  PrerequisiteFailedError,
  RateLimitError,
  ServerError,
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
    [400, PrerequisiteFailedError],
    [409, PrerequisiteFailedError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, AdultWorkError],
  ])('maps HTTP %i to %o with status, body, request id and operation', async (status, type) => {
    server.respond(json(status, { Message: `problem ${status}` }, { 'x-request-id': `req-${status}` }));
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
    expect(error.message).toBe(`cancelPhoneChatMadeBooking failed with HTTP ${status}: problem ${status} (request id req-${status})`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: type.name, status, requestId: `req-${status}` });
  });

  it('reads field errors from ModelState on 422', async () => {
    server.respond(json(422, { Message: 'The request is invalid.', ModelState: { BookingsPerPage: ['too big'] } }));
    const error = (await client.phoneChat.listMadeBookings().catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({ BookingsPerPage: ['too big'] });
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
