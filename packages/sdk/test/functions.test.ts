// The operation functions of '@adultwork-api/sdk/operations', against a local fake server: the
// requests they send, their argument checks, and the transport's fast paths.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient } from '../src/index.js';
import {
  AuthenticationError,
  cancelPhoneChatMadeBooking,
  cancelWebcamMadeBooking,
  createTransport,
  deletePhoneChatMadeBookings,
  iterateGroupMemberPhoneChatMadeBookings,
  iteratePhoneChatMadeBookingPages,
  iteratePhoneChatMadeBookings,
  listGroupMemberPhoneChatMadeBookings,
  listPhoneChatMadeBookings,
  reschedulePhoneChatMadeBooking,
  TimeoutError,
  type FetchLike,
  type Operation,
  type Transport,
} from '../src/operations.js';
import * as generated from '../src/generated/operations.js';
import { json, page, slow, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

let server: FakeServer;
let transport: Transport;
beforeAll(async () => {
  server = await startFakeServer();
  transport = createTransport({ accessToken: 'token', environment: server.url, retry: false });
});
afterAll(() => server.close());

const byPage = (pageCount: number) =>
  ((request, response) => {
    const n = Number(new URL(request.url, 'http://x').searchParams.get('PageNumber') ?? '1');
    json(200, page(n, pageCount, [n * 10 + 1, n * 10 + 2]))(request, response, 0);
  }) satisfies Parameters<FakeServer['respond']>[0];

describe('operation functions on the wire', () => {
  it('send each operation to its route with its query or body', async () => {
    server.respond(json(200, page(1, 1, [1])), json(200, page(1, 1, [2])), json(200, {}), json(200, {}), json(200, []), json(200, {}));
    await listPhoneChatMadeBookings(transport, { BookingsPerPage: 5, OrderBy: 'date-asc' as never });
    await listGroupMemberPhoneChatMadeBookings(transport, { UserID: 42, PageNumber: 2 });
    await cancelPhoneChatMadeBooking(transport, { BookingID: 10, Reason: 'Running late' });
    await reschedulePhoneChatMadeBooking(transport, { BookingID: 11 });
    await deletePhoneChatMadeBookings(transport, [100, 101]);
    await cancelWebcamMadeBooking(transport, { BookingID: 12, Reason: 'Ill' });
    expect(server.requests.map((r) => [r.method, r.url, r.body ? JSON.parse(r.body) : null])).toEqual([
      ['GET', '/v1/PhoneChat/MadeBookings?OrderBy=date-asc&BookingsPerPage=5', null],
      ['GET', '/v1/Groups/PhoneChat/MadeBookings?UserID=42&PageNumber=2', null],
      ['POST', '/v1/PhoneChat/CancelMadeBooking', { BookingID: 10, Reason: 'Running late' }],
      ['POST', '/v1/PhoneChat/RescheduleMadeBooking', { BookingID: 11 }],
      ['POST', '/v1/PhoneChat/DeleteMadeBookings', { BookingIDs: '100,101' }],
      ['POST', '/v1/Webcam/CancelMadeBooking', { BookingID: 12, Reason: 'Ill' }],
    ]);
    expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer token', accept: 'application/json' });
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
    expect(server.requests[2]?.headers['content-type']).toBe('application/json');
  });

  it('iterate pages and bookings lazily, for the user and for a group member', async () => {
    server.respond(byPage(3));
    const pages: number[] = [];
    for await (const p of iteratePhoneChatMadeBookingPages(transport, { PageNumber: 2 })) pages.push(p.PageNumber);
    expect(pages).toEqual([2, 3]);
    server.respond(byPage(2));
    const ids: number[] = [];
    for await (const b of iteratePhoneChatMadeBookings(transport)) {
      ids.push(b.BookingID);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual([11, 12, 21]);
    server.respond(byPage(2));
    const member: number[] = [];
    const headersSeen: unknown[] = [];
    for await (const b of iterateGroupMemberPhoneChatMadeBookings(transport, { UserID: 7 }, { pageHeaders: (n) => ({ 'X-Page': String(n) }) })) {
      member.push(b.BookingID);
    }
    for (const r of server.requests) headersSeen.push([r.url, r.headers['x-page']]);
    expect(member).toEqual([11, 12, 21, 22]);
    expect(headersSeen).toEqual([
      ['/v1/Groups/PhoneChat/MadeBookings?UserID=7&PageNumber=1', '1'],
      ['/v1/Groups/PhoneChat/MadeBookings?UserID=7&PageNumber=2', '2'],
    ]);
  });

  it('share the transport of an AdultWorkClient', async () => {
    server.respond(json(200, page(1, 1, [5])));
    const aw = new AdultWorkClient({ accessToken: 'shared', environment: server.url });
    const result = await listPhoneChatMadeBookings(aw.transport, {});
    expect(result.Bookings[0]?.BookingID).toBe(5);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer shared');
    expect(aw.transport.baseUrl).toBe(server.url);
  });

  it('map failures to the same typed errors', async () => {
    server.respond(json(401, { Message: 'expired' }));
    const error = await listPhoneChatMadeBookings(transport).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).operation).toBe('listPhoneChatMadeBookings');
  });
});

describe('argument checks of the functions', () => {
  it.each([
    () => listPhoneChatMadeBookings(transport, { BookingsPerPage: 0 }),
    () => listPhoneChatMadeBookings(transport, { UserID: 4 } as never),
    () => listGroupMemberPhoneChatMadeBookings(transport, {} as never),
    () => listGroupMemberPhoneChatMadeBookings(transport, { UserID: 0 }),
    () => listGroupMemberPhoneChatMadeBookings(undefined as never, undefined as never),
    () => cancelPhoneChatMadeBooking(transport, { BookingID: 1, Reason: ' ' }),
    () => reschedulePhoneChatMadeBooking(transport, { BookingID: 1.5 }),
    () => deletePhoneChatMadeBookings(transport, []),
    () => cancelWebcamMadeBooking(transport, { BookingID: 1 } as never),
    () => listPhoneChatMadeBookings(transport, {}, { timeoutMs: -1 }),
    () => listPhoneChatMadeBookings(undefined as never),
    () => cancelWebcamMadeBooking({ baseUrl: 'x' } as never, { BookingID: 1, Reason: 'r' }),
  ])('refuse bad call %# with a rejection and no request', async (call) => {
    server.respond(json(200, {}));
    await expect(call()).rejects.toThrow(/must|unknown|needs/i);
    expect(server.requests).toHaveLength(0);
  });

  it('iterators check at once', () => {
    expect(() => iteratePhoneChatMadeBookingPages(transport, { PageNumber: 0 })).toThrow(RangeError);
    expect(() => iterateGroupMemberPhoneChatMadeBookings(transport, {} as never)).toThrow(TypeError);
    expect(() => iteratePhoneChatMadeBookings(transport, {}, { pageHeaders: 1 as never })).toThrow(TypeError);
  });

  it('createTransport checks its options like the client', () => {
    expect(() => createTransport(undefined as never)).toThrow(/client options must be an object/);
    expect(() => createTransport({ accessToken: 't', timeoutMs: -3 })).toThrow(RangeError);
    expect(() => createTransport({ accessToken: 'a\nb' })).toThrow(/line breaks/);
  });
});

describe('the transport', () => {
  const recording = (seen: RequestInit[]): FetchLike => (url, init) => {
    seen.push(init);
    return fetch(url, init);
  };

  it('gives fetch no signal at all when there is neither a timeout nor a caller signal', async () => {
    server.respond(json(200, page(1, 1, [1])));
    const seen: RequestInit[] = [];
    const t = createTransport({ accessToken: 't', environment: server.url, timeoutMs: 0, fetch: recording(seen) });
    await listPhoneChatMadeBookings(t);
    const controller = new AbortController();
    await listPhoneChatMadeBookings(t, {}, { signal: controller.signal });
    await listPhoneChatMadeBookings(t, {}, { timeoutMs: 1000 });
    expect(seen[0]?.signal).toBeUndefined();
    // The caller's own signal goes to fetch as it is.
    expect(seen[1]?.signal).toBe(controller.signal);
    expect(seen[2]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('still times out per call, and aborts, with timeoutMs 0 on the client', async () => {
    const t = createTransport({ accessToken: 't', environment: server.url, timeoutMs: 0, retry: false });
    server.respond(slow(2000, json(200, page(1, 1, [1]))));
    await expect(listPhoneChatMadeBookings(t, {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('gone')), 50);
    await expect(listPhoneChatMadeBookings(t, {}, { signal: controller.signal })).rejects.toThrow('gone');
  });

  it('asks a synchronous token function once per call, and awaits an async one', async () => {
    server.respond(json(200, page(1, 1, [1])));
    let n = 0;
    const sync = createTransport({ accessToken: () => `sync-${++n}`, environment: server.url });
    const thenable = createTransport({
      accessToken: () => ({ then: (resolve: (token: string) => void) => resolve('thenable') }) as unknown as Promise<string>,
      environment: server.url,
    });
    await listPhoneChatMadeBookings(sync);
    await listPhoneChatMadeBookings(sync);
    await listPhoneChatMadeBookings(thenable);
    // A request the previous test aborted may still reach the server late; only this test's count.
    const mine = server.requests.map((r) => r.headers.authorization).filter((value) => value !== 'Bearer t');
    expect(mine).toEqual(['Bearer sync-1', 'Bearer sync-2', 'Bearer thenable']);
  });

  it('holds no token in anything it shows', () => {
    const t = createTransport({ accessToken: 'tok_SECRET_1234', environment: server.url });
    expect(JSON.stringify(t)).not.toContain('tok_SECRET_1234');
    expect(Object.values(t).map(String).join(' ')).not.toContain('tok_SECRET_1234');
  });
});

describe('the generated operation constants', () => {
  const spec = JSON.parse(readFileSync(new URL('../../../openapi/dist/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ $ref?: string; name?: string }> }>>;
    components: { parameters: Record<string, { name: string }> };
  };

  it('are exactly the operations of the spec, with their method, path and query names', () => {
    const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
    // The SDK calls the API; the OAuth endpoints (and a path's own `servers`) are not operations of it.
    const fromSpec = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method, op]) => methods.has(method) && !('x-adultwork-oauth' in op))
        .map(([method, op]) => ({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).map((p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').at(-1) as string]?.name : p.name)),
      })),
    );
    const constants = Object.entries(generated)
      .filter(([name]) => name.endsWith('Operation'))
      .map(([, op]) => op as Operation);
    expect(constants.map(({ id, method, path, query }) => ({ id, method, path, query })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      fromSpec.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});
