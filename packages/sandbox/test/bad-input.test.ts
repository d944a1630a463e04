import { connect } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { answerOf, call, expectConforms, operations, type Answer } from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  // Before the seed's AcceptBy dates, so that booking 11 is still Pending.
  sandbox = await startSandbox({ checkResponses: true, clock: '2018-03-01T00:00:00' });
});
afterAll(() => sandbox.stop());

const cancelWith = (init: Parameters<typeof call>[2]) => call(sandbox.url, 'cancelPhoneChatMadeBooking', init);

/** A request fetch will not send: a POST without Content-Type, or a GET with a body. */
function rawRequest(method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.url}${path}`, { method, headers: { Authorization: 'bearer client-token', 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        const contentType = res.headers['content-type'] ?? '';
        resolve({ status: res.statusCode!, contentType, text, json: contentType.startsWith('application/json') ? JSON.parse(text) : undefined, headers: new Headers(res.headers as Record<string, string>) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rawHttp(payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(sandbox.port, '127.0.0.1', () => socket.end(payload));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('bad bodies', () => {
  it.each([
    ['not JSON', '{"BookingID": 1,', 422],
    ['JSON null', 'null', 422],
    ['a JSON array', '[1,2]', 422],
    ['a JSON string', '"cancel"', 422],
    ['a JSON number', '11', 422],
    ['trailing garbage', '{"BookingID": 11, "Reason": "x"} extra', 422],
    ['a huge number', '{"BookingID": 1e400, "Reason": "x"}', 422],
    ['an int32 overflow', '{"BookingID": 2147483648, "Reason": "x"}', 422],
    ['a null field', '{"BookingID": null, "Reason": "x"}', 422],
    ['an empty reason', '{"BookingID": 11, "Reason": ""}', 422],
    ['a deeply nested value', `{"BookingID": 11, "Reason": "x", "Extra": ${'['.repeat(5000)}${']'.repeat(5000)}}`, 422],
    ['nesting just inside the limit', `{"BookingID": 11, "Reason": "x", "Extra": ${'['.repeat(31)}${']'.repeat(31)}}`, 404],
    ['an empty body', '', 422],
  ])('%s → %s with the error body', async (_label, rawBody, status) => {
    const answer = await cancelWith({ rawBody, headers: { 'Content-Type': 'application/json' }, body: undefined });
    expect(answer.status, answer.text).toBe(status === 404 ? 200 : status);
    expectConforms('cancelPhoneChatMadeBooking', answer);
    if (status === 422) expect(answer.json).toMatchObject({ Message: 'The request is invalid.', ModelState: expect.any(Object) });
  });

  it.each([
    ['text/plain', '{"BookingID": 11, "Reason": "x"}'],
    ['application/xml', '<CancelMadeBookingRequest/>'],
    ['application/x-www-form-urlencoded', 'BookingID=11&Reason=x'],
    ['application/json; charset=utf-16', '{"BookingID": 11, "Reason": "x"}'],
  ])('a body sent as %s → 415 with the error body', async (contentType, rawBody) => {
    const answer = await cancelWith({ rawBody, headers: { 'Content-Type': contentType } });
    expect(answer.status).toBe(415);
    expectConforms('cancelPhoneChatMadeBooking', answer);
    expect(answer.json.Message).toMatch(/application\/json/);
  });

  it('a body without Content-Type → 415', async () => {
    const answer = await rawRequest('POST', '/v1/PhoneChat/CancelMadeBooking', '{"BookingID": 11, "Reason": "x"}');
    expect(answer.status).toBe(415);
    expectConforms('cancelPhoneChatMadeBooking', answer);
  });

  it('a body over 64 KiB → 413, by Content-Length or while streaming, and the server lives on', async () => {
    const big = JSON.stringify({ BookingID: 11, Reason: 'x'.repeat(70 * 1024) });
    const declared = await cancelWith({ rawBody: big, headers: { 'Content-Type': 'application/json' } });
    expect(declared.status).toBe(413);
    expectConforms('cancelPhoneChatMadeBooking', declared);
    expect(declared.json.Message).toMatch(/65536 bytes/);
    const streamed = await fetch(`${sandbox.url}/v1/PhoneChat/CancelMadeBooking`, {
      method: 'POST',
      headers: { Authorization: 'bearer client-token', 'Content-Type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(8 * 1024)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    const streamedAnswer = await answerOf(streamed);
    expect(streamedAnswer.status).toBe(413);
    expectConforms('cancelPhoneChatMadeBooking', streamedAnswer);
    expect((await call(sandbox.url, 'listPhoneChatMadeBookings')).status).toBe(200);
  });

  // The OAuth token endpoint takes a form, and its own bad-input tests are in oauth.test.ts.
  const posts = [...operations].filter(([, { method, op }]) => method === 'POST' && op['x-adultwork-oauth'] === undefined).map(([operationId]) => operationId);
  it.each(posts)('%s answers an oversized body and a non-JSON one with its documented 413 and 415', async (operationId) => {
    const tooBig = await call(sandbox.url, operationId, { rawBody: 'x'.repeat(64 * 1024 + 1), headers: { 'Content-Type': 'application/json' } });
    expect(tooBig.status).toBe(413);
    expectConforms(operationId, tooBig);
    const notJson = await call(sandbox.url, operationId, { rawBody: 'BookingID=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(notJson.status).toBe(415);
    expectConforms(operationId, notJson);
  });

  it('ignores a body sent to an operation that takes none, however large (no 413 is documented there)', async () => {
    const answer = await rawRequest('GET', '/v1/PhoneChat/MadeBookings', 'x'.repeat(100 * 1024), { 'Content-Type': 'text/plain' });
    expect(answer.status).toBe(200);
    expectConforms('listPhoneChatMadeBookings', answer);
  });
});

describe('bad queries, headers, routes and methods', () => {
  it.each([
    ['a repeated parameter', 'PageNumber=1&PageNumber=2', 'PageNumber'],
    ['a fractional page', 'PageNumber=1.5', 'PageNumber'],
    ['a negative page size', 'BookingsPerPage=-1', 'BookingsPerPage'],
    ['an exponent', 'BookingsPerPage=1e2', 'BookingsPerPage'],
    ['a huge page', 'PageNumber=99999999999', 'PageNumber'],
    ['an impossible date', 'StartDate=2018-02-31', 'StartDate'],
    ['a leap day of a common year', 'StartDate=2019-02-29', 'StartDate'],
  ])('%s → 422 naming the parameter', async (_label, query, field) => {
    const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { query });
    expect(answer.status, answer.text).toBe(422);
    expect(Object.keys(answer.json.ModelState)).toEqual([field]);
  });

  it('ignores unknown query parameters', async () => {
    const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { query: 'Foo=bar&bookingsperpage=3' });
    expect(answer.json).toMatchObject({ PageNumber: 1, BookingsPerPage: 50 });
  });

  it('judges an empty value like any other (the schema refuses it)', async () => {
    const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { query: 'StartDate=&BookingsPerPage=' });
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.json.ModelState).sort()).toEqual(['BookingsPerPage', 'StartDate']);
  });

  it('refuses a delete naming an ID beyond int32, deleting nothing', async () => {
    const answer = await call(sandbox.url, 'deletePhoneChatMadeBookings', { body: { BookingIDs: '14,2147483648' } });
    expect(answer.status).toBe(422);
    expect(answer.json.ModelState.BookingIDs[0]).toMatch(/2147483648/);
    const page = await call(sandbox.url, 'listPhoneChatMadeBookings');
    expect(page.json.Bookings.some((b: { BookingID: number }) => b.BookingID === 14)).toBe(true);
  });

  it('answers an unknown route with 404 and the error body', async () => {
    for (const path of ['/', '/v1', '/v1/PhoneChat/MadeBookings/', '/v1/phonechat/madebookings', '/v2/PhoneChat/MadeBookings']) {
      const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: 'bearer client-token' } });
      expect(response.status, path).toBe(404);
      expect((await response.json()).Message).toMatch(/No HTTP resource/);
    }
  });

  it('answers a target no path can be with 400 and the error body', async () => {
    for (const path of ['/%', '/v1/%zz', '//[', '/v1/[x]']) {
      const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: 'bearer client-token' } });
      expect(response.status, path).toBe(400);
      expect((await response.json()).Message).toMatch(/Bad request target/);
    }
  });

  it('answers a wrong method with 405, Allow and the error body', async () => {
    for (const [method, path, allow] of [
      ['POST', '/v1/PhoneChat/MadeBookings', 'GET, HEAD'],
      ['DELETE', '/v1/PhoneChat/DeleteMadeBookings', 'POST'],
      ['PUT', '/v1/Webcam/CancelMadeBooking', 'POST'],
      ['OPTIONS', '/v1/Groups/PhoneChat/MadeBookings', 'GET, HEAD'],
      ['PATCH', '/v1/PhoneChat/RescheduleMadeBooking', 'POST'],
    ] as const) {
      const response = await fetch(`${sandbox.url}${path}`, { method, headers: { Authorization: 'bearer client-token' } });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect((await response.json()).Message).toMatch(new RegExp(method));
    }
  });

  it('answers HEAD on a GET route like GET, without a body', async () => {
    const response = await fetch(`${sandbox.url}/v1/PhoneChat/MadeBookings`, { method: 'HEAD', headers: { Authorization: 'bearer client-token' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers malformed HTTP with a 400 error body and keeps serving', async () => {
    const answer = await rawHttp('GARBAGE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toMatch(/"Message"/);
    const huge = await rawHttp(`GET /v1/PhoneChat/MadeBookings HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    expect((await call(sandbox.url, 'listPhoneChatMadeBookings')).status).toBe(200);
  });

  it('survives a burst of mixed garbage without a single 5xx', async () => {
    const bodies = ['{', '[]', '{"BookingID":"x"}', '{"BookingIDs":"1,2,3"}', '\u0000', '{"BookingID":11,"Reason":"\\ud800"}', 'x'.repeat(1000)];
    const paths = ['/v1/PhoneChat/CancelMadeBooking', '/v1/PhoneChat/DeleteMadeBookings', '/v1/PhoneChat/RescheduleMadeBooking', '/v1/Webcam/CancelMadeBooking'];
    const statuses = await Promise.all(
      bodies.flatMap((body) =>
        paths.map(async (path) => {
          const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { Authorization: 'bearer client-token', 'Content-Type': 'application/json', Accept: 'application/xml' }, body });
          await response.arrayBuffer();
          return response.status;
        }),
      ),
    );
    expect(statuses.every((s) => s < 500)).toBe(true);
  });

  it('answers a CORS preflight and lets a browser read the answers', async () => {
    const preflight = await fetch(`${sandbox.url}/v1/PhoneChat/CancelMadeBooking`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { headers: { Origin: 'http://127.0.0.1:8080' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    // Without the preflight headers, OPTIONS is just a method the route does not have.
    expect((await fetch(`${sandbox.url}/v1/PhoneChat/CancelMadeBooking`, { method: 'OPTIONS' })).status).toBe(405);
  });
});
