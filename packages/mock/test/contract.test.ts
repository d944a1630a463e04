// The mock, a real Prism process started here, answers as the spec says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { conforms, examples, invalidCases, oauthOperations, operation, operations, requestExample, resolve, seedQuery, type Operation } from './specSupport.js';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
});

afterAll(async () => {
  await mock?.stop();
});

// The seed pages write the scheme in lower case; the mock must take it as it is.
const seedAuth = { Authorization: 'bearer {your-access-token}' };

/** A valid request for the operation, built from the spec: the seed body, or the parameters' examples. */
function call(op: Operation, init: { headers?: Record<string, string>; query?: string; body?: unknown } = {}) {
  const query = init.query ?? seedQuery(op);
  const url = `${mock.url}${op.path}${query ? `?${query}` : ''}`;
  if (op.method === 'get') return fetch(url, { headers: { ...seedAuth, ...init.headers } });
  return fetch(url, {
    method: op.method.toUpperCase(),
    headers: { ...seedAuth, 'Content-Type': 'application/json', ...init.headers },
    body: JSON.stringify(init.body === undefined ? requestExample(op) : init.body),
  });
}

describe.each(operations.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
  const jsonExamples = examples(op, '200', 'application/json');
  const [firstName, firstValue] = Object.entries(jsonExamples)[0]!;

  it(`answers the seed request with the "${firstName}" example as JSON`, async () => {
    const response = await call(op);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(conforms(op, 200, body)).toEqual([]);
    expect(body).toEqual(firstValue);
  });

  it('answers with the XML example when asked for XML', async () => {
    const response = await call(op, { headers: { Accept: 'application/xml' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await response.text()).toBe(Object.values(examples(op, '200', 'application/xml'))[0]);
  });

  it.each(Object.keys(jsonExamples))('serves the named example "%s" on request', async (name) => {
    const response = await call(op, { headers: { Prefer: `example=${name}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(jsonExamples[name]);
  });

  it('answers 401 with the documented error body when no token is sent', async () => {
    const query = seedQuery(op);
    const url = `${mock.url}${op.path}${query ? `?${query}` : ''}`;
    const response =
      op.method === 'get'
        ? await fetch(url)
        : await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(requestExample(op)) });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(conforms(op, 401, body)).toEqual([]);
  });

  it('accepts the scheme name in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await call(op, { headers: { Authorization: `${scheme} token` } });
      expect([scheme, response.status]).toEqual([scheme, 200]);
    }
  });
});

describe('invalid input is refused with 422 and the error body', () => {
  const list = operation('listPhoneChatMadeBookings');
  const group = operation('listGroupMemberPhoneChatMadeBookings');
  const cancel = operation('cancelPhoneChatMadeBooking');
  const webcamCancel = operation('cancelWebcamMadeBooking');
  const reschedule = operation('reschedulePhoneChatMadeBooking');
  const remove = operation('deletePhoneChatMadeBookings');

  const cases: [string, Operation, { query?: string; body?: unknown }][] = [
    ['BookingsPerPage=0', list, { query: 'BookingsPerPage=0' }],
    ['BookingsPerPage=101', list, { query: 'BookingsPerPage=101' }],
    ['BookingsPerPage=ten', list, { query: 'BookingsPerPage=ten' }],
    ['PageNumber=0', list, { query: 'PageNumber=0' }],
    ['an unknown OrderBy', list, { query: 'OrderBy=price-asc' }],
    ['a StartDate that is not yyyy-MM-dd', list, { query: 'StartDate=22/01/2018' }],
    ['the group route without UserID', group, { query: 'BookingsPerPage=10' }],
    ['the group route with UserID=0', group, { query: 'UserID=0' }],
    ['a missing Reason', cancel, { body: { BookingID: 1 } }],
    ['an empty Reason', cancel, { body: { BookingID: 1, Reason: '' } }],
    ['a missing Reason (Webcam)', webcamCancel, { body: { BookingID: 1 } }],
    ['a non-integer BookingID', cancel, { body: { BookingID: 'one', Reason: 'x' } }],
    ['a fractional BookingID', reschedule, { body: { BookingID: 1.5 } }],
    ['BookingID 0', reschedule, { body: { BookingID: 0 } }],
    ['BookingIDs with a letter', remove, { body: { BookingIDs: '100,abc' } }],
    ['BookingIDs with an empty item', remove, { body: { BookingIDs: '100,,101' } }],
    ['empty BookingIDs', remove, { body: { BookingIDs: '' } }],
    ['BookingIDs as a JSON array', remove, { body: { BookingIDs: [100, 101] } }],
  ];

  // Conditional rules the request schemas state with if/then.
  const createPhoneChat = operation('createPhoneChatBooking');
  const createWebcam = operation('createWebcamBooking');
  const saveSettings = operation('savePhoneChatSettings');
  const seed = (op: Operation) => requestExample(op) as Record<string, unknown>;
  const { PhoneNumber: _phone, ...noPhone } = seed(createPhoneChat);
  cases.push(
    ['Method 1 without PhoneNumber', createPhoneChat, { body: noPhone }],
    ['Method 3 without SkypeName', createPhoneChat, { body: { ...noPhone, Method: 3 } }],
    ['a Duration under 5 minutes', createPhoneChat, { body: { ...seed(createPhoneChat), Duration: 4 } }],
    ['a SessionDate with a T', createPhoneChat, { body: { ...seed(createPhoneChat), SessionDate: '2018-01-26T21:00' } }],
    ['AlsoPhoneChat without PhoneNumber', createWebcam, { body: { ...seed(createWebcam), AlsoPhoneChat: true } }],
    ['five invitees', createWebcam, { body: { ...seed(createWebcam), BookUserIDs: '1,2,3,4,5' } }],
    ['MSN with a sign-in name that is not an email', createWebcam, { body: { ...seed(createWebcam), SoftwareTypeID: 1 } }],
    ['OfferDirectChat without DirectChat', saveSettings, { body: { ...seed(saveSettings), OfferDirectChat: true } }],
    ['DirectChat without OfferDirectChat', saveSettings, { body: { ...seed(saveSettings), DirectChat: {} } }],
    ['a PhoneChatNumber with letters', saveSettings, { body: { ...seed(saveSettings), PhoneChatNumber: '+44 abc' } }],
    ['Method 1 with a PhoneNumber of 9 digits', createPhoneChat, { body: { ...seed(createPhoneChat), PhoneNumber: '077009001' } }],
  );

  it.each(cases)('%s', async (_label, op, init) => {
    const response = await call(op, init);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(conforms(op, 422, body)).toEqual([]);
    expect(typeof body.Message).toBe('string');
  });
});

describe('input the API accepts although it looks odd', () => {
  const cases: [string, Operation, { query?: string; body?: unknown }][] = [
    ['an empty PageNumber on the credit history (it means the last page)', operation('listCreditsHistory'), { query: 'PageNumber=' }],
    ['a PhoneNumber that is not checked because Method is 2', operation('createPhoneChatBooking'), { body: { ...(requestExample(operation('createPhoneChatBooking')) as object), Method: 2, PhoneNumber: 'none' } }],
    ['a re-invite without a Reason', operation('reInvitePhoneChatReceivedBooking'), { body: requestExample(operation('reInvitePhoneChatReceivedBooking'), 'noReason') }],
  ];

  it.each(cases)('%s', async (_label, op, init) => {
    const response = await call(op, init);
    expect(response.status).toBe(200);
    expect(conforms(op, 200, await response.json())).toEqual([]);
  });
});

describe('every operation refuses the invalid input its spec describes, with 422 and the error body', () => {
  const derived = operations.flatMap((op) => invalidCases(op).map((c) => [`${op.operationId}: ${c.label}`, op, c] as const));

  it('derives cases for every operation that takes input', () => {
    const withInput = operations.filter((op) => op.op.requestBody || (op.op.parameters ?? []).length);
    expect(new Set(derived.map(([, op]) => op.operationId))).toEqual(new Set(withInput.map((op) => op.operationId)));
  });

  it.each(derived)('%s', async (_label, op, init) => {
    const response = await call(op, init);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(conforms(op, 422, body)).toEqual([]);
    expect(typeof body.Message).toBe('string');
  });
});

describe('a body that is not JSON', () => {
  it.each(operations.filter((op) => op.method === 'post').map((op) => [op.operationId, op] as const))(
    '%s answers 415 with the documented error body',
    async (_id, op) => {
      const response = await fetch(`${mock.url}${op.path}`, {
        method: 'POST',
        headers: { ...seedAuth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'BookingID=1',
      });
      expect(response.status).toBe(415);
      expect(conforms(op, 415, await response.json())).toEqual([]);
    },
  );
});

describe('the OAuth endpoints', () => {
  const [authorize, token] = ['authorizeOAuth', 'requestOAuthToken'].map((id) => oauthOperations.find((o) => o.operationId === id)!);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const tokenRequest = (name: string) => resolve(token!.op.requestBody.content['application/x-www-form-urlencoded'].examples[name]).value;

  it('serves both, and only them, apart from the API operations', () => {
    expect(oauthOperations.map((o) => o.path)).toEqual(['/OAuth/Authorize', '/OAuth/token']);
  });

  it('answers the authorize page as HTML without an access token', async () => {
    const response = await fetch(`${mock.url}/OAuth/Authorize?${seedQuery(authorize!)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(Object.values(examples(authorize!, '200', 'text/html'))[0]);
  });

  // Both document a 400 for a bad request, so Prism answers with it rather than its own 422.
  it('refuses an authorize request without response_type with the error page', async () => {
    const query = seedQuery(authorize!).replace(/(^|&)response_type=[^&]*/, '');
    const response = await fetch(`${mock.url}/OAuth/Authorize?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.each(['authorizationCode', 'refreshToken'])('answers the form-encoded %s request with the documented token answer', async (name) => {
    const response = await fetch(`${mock.url}/OAuth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form(tokenRequest(name)),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(conforms(token!, 200, body)).toEqual([]);
    expect(body).toEqual(Object.values(examples(token!, '200', 'application/json'))[0]);
  });

  it('serves the documented expired refresh token answer on request', async () => {
    const response = await fetch(`${mock.url}/OAuth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Prefer: 'code=401, example=refreshTokenHasExpired' },
      body: form(tokenRequest('refreshToken')),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'refresh_token_has_expired' });
  });

  it('refuses a refresh without its refresh_token', async () => {
    const { refresh_token: _dropped, ...fields } = tokenRequest('refreshToken');
    const response = await fetch(`${mock.url}/OAuth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form(fields),
    });
    expect(response.status).toBe(400);
    expect(conforms(token!, 400, await response.json())).toEqual([]);
  });
});

describe('the mock process', () => {
  it('refuses to start on a spec that does not exist, with a clear message', async () => {
    await expect(startMock({ spec: 'no-such-spec.json' })).rejects.toThrow(/No OpenAPI document at no-such-spec\.json/);
  });

  // Starting a second Prism takes as long as the one in beforeAll: on a loaded machine, longer
  // than a test's default time.
  it('stops Prism when it is stopped', { timeout: 90_000 }, async () => {
    const second = await startMock();
    const url = second.url;
    await second.stop();
    await expect(fetch(url)).rejects.toThrow();
  });
});
