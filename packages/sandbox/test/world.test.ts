import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { admin, call, example, expectConforms, normaliseXml, seedData } from './helpers.js';

/** Both sides of one booking world, with the personas of fixtures/seed.json (docs/sandbox.md). */
let sandbox: RunningSandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({ checkResponses: true });
  base = sandbox.url;
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  expect((await admin(base, 'POST', '/reset')).status).toBe(200);
});

const NOW = '2018-03-01T10:00:00';
const at = (now: string) => ({ 'X-Sandbox-Now': now });

async function run(operationId: string, token: string, init: { body?: unknown; query?: string; now?: string; headers?: Record<string, string> } = {}) {
  const answer = await call(base, operationId, {
    token,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.query !== undefined ? { query: init.query } : {}),
    headers: { ...at(init.now ?? NOW), ...init.headers },
  });
  expectConforms(operationId, answer);
  return answer;
}

const phoneChat = (overrides: Record<string, unknown> = {}) => ({
  BookUserID: 123456,
  SessionDate: '2018-03-02 20:00',
  Duration: 10,
  Method: 1,
  PhoneNumber: '07700900123',
  Credits: 20,
  AcceptBy: '2018-03-02 18:00',
  ...overrides,
});

const webcam = (overrides: Record<string, unknown> = {}) => ({
  BookUserIDs: '123456',
  SessionDate: '2018-03-02 20:00',
  Duration: 10,
  Credits: 30,
  SoftwareTypeID: 2,
  SignInNameOrEmail: 'client@example.com',
  ...overrides,
});

describe('a booking shows on both sides', () => {
  it('a PhoneChat booking the client makes is the performer’s to accept, and the client sees the acceptance', async () => {
    const made = await run('createPhoneChatBooking', 'client-token', { body: phoneChat() });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ Status: 'Pending', SessionDate: '2018-03-02T20:00', AcceptBy: '2018-03-02T18:00', Candidate: { UserID: 123456 } });
    const id = made.json.BookingID;
    const accepted = await run('acceptPhoneChatReceivedBooking', 'performer-token', { body: { BookingID: id, Credits: 20 } });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ Status: 'Accepted', AcceptedDate: NOW, Client: { UserID: 1001, Nickname: 'ClientUser' } });
    const seen = await run('getPhoneChatMadeBooking', 'client-token', { query: `BookingID=${id}` });
    expect(seen.json.Status).toBe('Accepted');
    // The client cannot act as the performer on their own booking.
    expect((await run('acceptPhoneChatReceivedBooking', 'client-token', { body: { BookingID: id, Credits: 20 } })).status).toBe(404);
  });

  it('each side deletes the booking from its own view only', async () => {
    const id = (await run('createWebcamBooking', 'client-token', { body: webcam() })).json.WebcamBookingID;
    await run('rejectWebcamReceivedBooking', 'performer-token', { body: { BookingID: id, Reason: 'Busy' } });
    const gone = await run('deleteWebcamReceivedBookings', 'performer-token', { body: { BookingIDs: String(id) } });
    expect(gone.json).toEqual([{ BookingID: id, Deleted: true, Message: 'Booking deleted' }]);
    expect((await run('getWebcamReceivedBooking', 'performer-token', { query: `BookingID=${id}` })).status).toBe(404);
    const still = await run('getWebcamMadeBooking', 'client-token', { query: `BookingID=${id}` });
    expect(still.json).toMatchObject({ Status: 'Rejected', RejectedReason: 'Busy' });
  });
});

describe('state rules', () => {
  it('rejects a Pending booking once AcceptBy has passed, on every read and write', async () => {
    const id = (await run('createPhoneChatBooking', 'client-token', { body: phoneChat() })).json.BookingID;
    const later = '2018-03-02T18:00:00';
    const seen = await run('getPhoneChatMadeBooking', 'client-token', { query: `BookingID=${id}`, now: later });
    expect(seen.json).toMatchObject({ Status: 'Rejected', RejectedReason: 'The booking was not accepted in time.', LastUpdated: '2018-03-02T18:00', ActionClient: null });
    const before = await run('getPhoneChatMadeBooking', 'client-token', { query: `BookingID=${id}`, now: '2018-03-02T17:59:00' });
    expect(before.json.Status).toBe('Pending');
    const accept = await run('acceptPhoneChatReceivedBooking', 'performer-token', { body: { BookingID: id, Credits: 20 }, now: later });
    expect(accept.status).toBe(409);
    expect(accept.headers.get('x-sandbox-prerequisite')).toBe('status-pending');
  });

  it('lets the performer re-invite a Pending booking only once its session has passed', async () => {
    const id = (await run('createPhoneChatBooking', 'client-token', { body: phoneChat() })).json.BookingID;
    const early = await run('reInvitePhoneChatReceivedBooking', 'performer-token', { body: { BookingID: id }, now: '2018-03-01T11:00:00' });
    expect(early.status).toBe(409);
    expect(early.headers.get('x-sandbox-prerequisite')).toBe('session-passed');
  });

  it('a Webcam booking sent to several performers goes to the first who accepts; the others are cancelled', async () => {
    const made = await run('createWebcamBooking', 'client-token', { body: webcam({ BookUserIDs: '123456,200011' }) });
    expect(made.json).toMatchObject({ IsMulitple: true, Performer: { UserID: 123456 } });
    const first = made.json.WebcamBookingID as number;
    const second = first + 1;
    const accepted = await run('acceptWebcamReceivedBooking', 'candidate11-token', { body: { BookingID: second, Credits: 30 } });
    expect(accepted.json.Status).toBe('Accepted');
    const other = await run('getWebcamReceivedBooking', 'performer-token', { query: `BookingID=${first}` });
    expect(other.json).toMatchObject({ Status: 'Cancelled', CancelledReason: 'Another performer accepted this booking first.' });
    const late = await run('acceptWebcamReceivedBooking', 'performer-token', { body: { BookingID: first, Credits: 30 } });
    expect(late.status).toBe(409);
  });

  it('reschedule clones the booking five minutes ahead and leaves the original', async () => {
    const answer = await run('rescheduleWebcamMadeBooking', 'client-token', { body: { BookingID: 6 } });
    expect(answer.json).toMatchObject({ Status: 'Pending', SessionDate: '2018-03-01T10:05:00', AcceptBy: '2018-03-01T10:05:00', IsMulitple: false });
    expect(answer.json.WebcamBookingID).not.toBe(6);
    expect((await run('getWebcamMadeBooking', 'client-token', { query: 'BookingID=6' })).json.Status).toBe('Rejected');
  });
});

describe('credits', () => {
  it('confirming a Webcam booking takes its credits and writes the credit history', async () => {
    const id = (await run('createWebcamBooking', 'client-token', { body: webcam() })).json.WebcamBookingID;
    await run('acceptWebcamReceivedBooking', 'performer-token', { body: { BookingID: id, Credits: 40 } });
    const confirmed = await run('confirmWebcamMadeBooking', 'client-token', { body: { BookingID: id } });
    expect(confirmed.json).toMatchObject({ Status: 'Confirmed', ConfirmedDate: NOW });
    expect((await run('getCurrentCreditBalance', 'client-token')).json).toBe(210);
    const history = await run('listCreditsHistory', 'client-token', { query: 'PageSize=2&PageNumber=' });
    expect(history.json).toMatchObject({ PageCount: 2, PageNumber: 2, PageSize: 2 });
    expect(history.json.CreditHistory).toEqual([{ TransactionDate: NOW, Description: `Webcam booking ${id} confirmed`, Credits: -40, Balance: 210 }]);
    const first = await run('listCreditsHistory', 'client-token', { query: 'PageSize=2&PageNumber=1' });
    expect(first.json.CreditHistory).toHaveLength(2);
  });

  it('refuses to confirm when the balance does not cover the booking', async () => {
    const id = (await run('createWebcamBooking', 'lowcredit-token', { body: webcam() })).json.WebcamBookingID;
    await run('acceptWebcamReceivedBooking', 'performer-token', { body: { BookingID: id, Credits: 30 } });
    const refused = await run('confirmWebcamMadeBooking', 'lowcredit-token', { body: { BookingID: id } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('x-sandbox-prerequisite')).toBe('sufficient-credits');
    expect((await run('getCurrentCreditBalance', 'lowcredit-token')).json).toBe(5);
  });

  it('answers the balance as a bare number, and as <int> in XML', async () => {
    expect((await run('getCurrentCreditBalance', 'client-token')).text).toBe('250');
    const xml = await run('getCurrentCreditBalance', 'client-token', { headers: { Accept: 'application/xml' } });
    expect(xml.text).toBe('<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">250</int>');
    const data = seedData();
    data.users.find((u: { UserID: number }) => u.UserID === 1001).CreditBalance = 299;
    expect((await admin(base, 'PUT', '/state', data)).status).toBe(200);
    const sample = await run('getCurrentCreditBalance', 'client-token', { headers: { Accept: 'application/xml' } });
    expect(normaliseXml(sample.text)).toBe(normaliseXml(example('CreditBalance_seed_xml')));
  });
});

describe('a list record (the DirectChat PINs)', () => {
  it('answers the caller\'s seeded entries whole, as the spec\'s example in JSON and XML', async () => {
    const pins = await run('listDirectChatPins', 'client-token');
    expect(pins.json).toEqual(example('DirectChatPINs_seed'));
    const xml = await run('listDirectChatPins', 'client-token', { headers: { Accept: 'application/xml' } });
    expect(normaliseXml(xml.text)).toBe(normaliseXml(example('DirectChatPINs_seed_xml')));
  });

  it('keeps each user\'s own list, and none for a user whose seed states none', async () => {
    expect((await run('listDirectChatPins', 'booking-user-token')).json.map((pin: { PIN: string }) => pin.PIN)).toEqual(['3391']);
    expect((await run('listDirectChatPins', 'empty-token')).json).toEqual([]);
  });

  it('checks every entry of a seeded list against its schema', async () => {
    const data = seedData();
    data.users.find((u: { UserID: number }) => u.UserID === 1001).Records.DirectChatPINs[0].PIN = 472;
    const refused = await admin(base, 'PUT', '/state', data);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json.ModelState)).toMatch(/DirectChatPINs/);
  });
});

describe('create honours the performer', () => {
  it.each([
    ['a performer who offers no PhoneChat', phoneChat({ BookUserID: 123457 }), 'performer-offers-phonechat'],
    ['a DirectChat-only performer', phoneChat({ BookUserID: 200012 }), 'performer-not-directchat-only'],
    ['a method the performer does not take', phoneChat({ Method: 3, SkypeName: 'me', PhoneNumber: undefined }), 'method-allowed'],
    ['credits below the price per minute times the duration', phoneChat({ Credits: 14 }), 'credits-cover-price'],
    ['an AcceptBy after the session', phoneChat({ AcceptBy: '2018-03-02 21:00' }), 'accept-by-before-session'],
  ])('refuses %s', async (_label, body, rule) => {
    const answer = await run('createPhoneChatBooking', 'client-token', { body });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('x-sandbox-prerequisite')).toBe(rule);
  });

  it('refuses a Webcam booking with a performer who offers no Webcam', async () => {
    const answer = await run('createWebcamBooking', 'client-token', { body: webcam({ BookUserIDs: '123456,123457' }) });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('x-sandbox-prerequisite')).toBe('performers-offer-webcam');
  });

  it('reads the booking requirements of the performers asked about', async () => {
    const phone = await run('getPhoneChatUserBookingRequirements', 'client-token', { query: 'BookUserID=123456' });
    expect(phone.json).toMatchObject({ PhoneChatPPM: 1.5 });
    const cam = await run('getWebcamUserBookingRequirements', 'client-token', { query: 'BookUserIDs=123456,200011' });
    expect(cam.json.Users.map((u: { UserID: number }) => u.UserID)).toEqual([123456, 200011]);
  });
});

describe('settings, account and group managers', () => {
  it('saves and reads the PhoneChat settings, for oneself and for a member', async () => {
    const saved = await run('savePhoneChatSettings', 'performer-token', { body: { OfferDirectChat: false, PhoneChatPPM: 2 } });
    expect(saved.json).toMatchObject({ OfferDirectChat: false, DirectChat: null, PhoneChatPPM: 2 });
    expect((await run('getPhoneChatSettings', 'performer-token')).json.PhoneChatPPM).toBe(2);
    const forMember = await run('saveGroupMemberPhoneChatSettings', 'manager-token', { body: { UserID: 1002, OfferDirectChat: true, DirectChat: { Enabled: true }, PhoneChatPPM: 1 } });
    expect(forMember.json).toMatchObject({ OfferDirectChat: true, DirectChat: { Enabled: true } });
    expect((await run('getGroupMemberPhoneChatSettings', 'manager-token', { query: 'UserID=1002' })).json.PhoneChatPPM).toBe(1);
    expect((await run('getGroupMemberPhoneChatSettings', 'manager-token', { query: 'UserID=1003' })).status).toBe(403);
  });

  it('shows a member’s received Webcam booking to their manager', async () => {
    const id = (await run('createWebcamBooking', 'client-token', { body: webcam() })).json.WebcamBookingID;
    const seen = await run('getGroupMemberWebcamReceivedBooking', 'manager-token', { query: `UserID=123456&BookingID=${id}` });
    expect(seen.json).toMatchObject({ WebcamBookingID: id, Client: { UserID: 1001 } });
  });

  it('lists the granted scopes and hides the group members without account_information', async () => {
    const permissions = await run('getAccountPermissions', 'client-phonechat-token');
    expect(permissions.json).toEqual({ Permissions: [{ Permission: 'account_phonechat_bookings', Status: 'granted' }] });
    const bare = await run('verifyCredentials', 'client-phonechat-token');
    expect(bare.json).toMatchObject({ UserID: 1001, GroupID: null, GroupName: null, IsGroupManager: null });
    const full = await run('verifyCredentials', 'manager-token');
    expect(full.json).toMatchObject({ UserID: 2001, GroupID: 1, GroupName: 'Sandbox Agency', IsGroupManager: true });
  });
});

describe('bad invitee lists', () => {
  it('refuses a user named twice, and an unknown user, with 409', async () => {
    const twice = await run('createWebcamBooking', 'client-token', { body: webcam({ BookUserIDs: '123456, 123456' }) });
    expect(twice.status).toBe(409);
    const unknown = await run('createWebcamBooking', 'client-token', { body: webcam({ BookUserIDs: '999999' }) });
    expect(unknown.status).toBe(409);
    expect(unknown.json.Message).toMatch(/User 999999/);
  });
});

describe('re-invite', () => {
  it('rejects a Pending booking whose session has passed, with the default reason, and the client sees it', async () => {
    const answer = await run('reInvitePhoneChatReceivedBooking', 'performer-token', { body: { BookingID: 50 } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ BookingID: 50, Status: 'Rejected', RejectedReason: 'The booking expired before it could be accepted. Please book again.', Client: { UserID: 1003 } });
    const seen = await run('listGroupMemberPhoneChatMadeBookings', 'other-manager-token', { query: 'UserID=1003&BookingsPerPage=10' });
    expect(seen.json.Bookings.find((b: { BookingID: number }) => b.BookingID === 50).Status).toBe('Rejected');
    expect((await run('reInvitePhoneChatReceivedBooking', 'performer-token', { body: { BookingID: 50 } })).status).toBe(409);
  });
});

describe('IDs stay Int32s', () => {
  it('refuses a multi-performer create that would need an ID past 2147483647, storing none of it', async () => {
    const data = seedData();
    data.bookings.Webcam.find((r: { Item: { WebcamBookingID: number } }) => r.Item.WebcamBookingID === 7).Item.WebcamBookingID = 2147483646;
    expect((await admin(base, 'PUT', '/state', data)).status).toBe(200);
    const before = (await admin(base, 'GET', '/state')).json;
    const answer = await run('createWebcamBooking', 'client-token', { body: webcam({ BookUserIDs: '123456,200011' }) });
    expect(answer.status).toBe(422);
    expect(answer.json.ModelState.BookUserIDs[0]).toMatch(/IDs end at 2147483647/);
    expect((await admin(base, 'GET', '/state')).json).toEqual(before);
    const single = await run('createWebcamBooking', 'client-token', { body: webcam() });
    expect(single.json.WebcamBookingID).toBe(2147483647);
  });
});
