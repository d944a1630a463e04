import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataContractXml, startSandbox, type RunningSandbox } from '../src/index.js';
import { admin, call, example, expectConforms, normaliseXml, seedData, spec } from './helpers.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('DataContract serializer, from the spec alone', () => {
  const xml = new DataContractXml(spec);
  it.each([
    ['PhoneChatMadeBookings_seed', 'PhoneChatMadeBookingsPage'],
    ['PhoneChatMadeBooking_cancelled', 'PhoneChatMadeBooking'],
    ['PhoneChatMadeBooking_rescheduled', 'PhoneChatMadeBooking'],
    ['DeleteMadeBookings_seed', 'DeleteBookingResults'],
    ['WebcamBooking_cancelled', 'WebcamBooking'],
  ])('writes the JSON example %s exactly as its XML twin', (name, schema) => {
    expect(xml.serialize(example(name), ref(schema))).toBe(normaliseXml(example(`${name}_xml`)));
  });

  it('writes an empty page with an empty Bookings element', () => {
    const out = xml.serialize(example('PhoneChatMadeBookings_empty'), ref('PhoneChatMadeBookingsPage'));
    expect(out).toContain('<Bookings />');
    expect(XMLValidator.validate(out)).toBe(true);
  });

  it('escapes markup and replaces characters XML cannot carry', () => {
    const booking = { ...example('PhoneChatMadeBooking_cancelled'), CancelledReason: 'a < b & c > "d"\u0001\r\n' };
    const out = xml.serialize(booking, ref('PhoneChatMadeBooking'));
    expect(XMLValidator.validate(out)).toBe(true);
    const parsed = new XMLParser({ trimValues: false, htmlEntities: true }).parse(out);
    expect(parsed.MadeBooking.CancelledReason).toBe('a < b & c > "d"\uFFFD\r\n');
  });
});

describe('XML from the running sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ checkResponses: true });
  });
  afterAll(() => sandbox.stop());
  beforeEach(async () => {
    await admin(sandbox.url, 'POST', '/reset');
  });
  const xmlCall = (operationId: string, init: Parameters<typeof call>[2]) =>
    call(sandbox.url, operationId, { ...init, headers: { Accept: 'application/xml', ...init?.headers } });

  it('cancels into the documented XML sample', async () => {
    const answer = await xmlCall('cancelPhoneChatMadeBooking', {
      token: 'booking-user-token',
      body: { BookingID: 1, Reason: "I've had something come up" },
      headers: { 'X-Sandbox-Now': '2018-01-22T18:24:11' },
    });
    expect(answer.contentType).toBe('application/xml; charset=utf-8');
    expect(normaliseXml(answer.text)).toBe(normaliseXml(example('PhoneChatMadeBooking_cancelled_xml')));
  });

  it('deletes into the documented XML sample', async () => {
    const answer = await xmlCall('deletePhoneChatMadeBookings', { token: 'booking-user-token', body: { BookingIDs: '100,101,102' }, headers: { 'X-Sandbox-Now': '2018-01-01T00:00:00' } });
    expect(normaliseXml(answer.text)).toBe(normaliseXml(example('DeleteMadeBookings_seed_xml')));
  });

  it('cancels a webcam booking into the documented XML sample (seconds written out)', async () => {
    const answer = await xmlCall('cancelWebcamMadeBooking', { body: { BookingID: 1, Reason: "I can't make it." }, headers: { 'X-Sandbox-Now': '2018-01-01T16:00' } });
    const expected = normaliseXml(example('WebcamBooking_cancelled_xml'))
      .replace('<CancelledDate>2018-01-01T16:00<', '<CancelledDate>2018-01-01T16:00:00<')
      .replace('<LastUpdated>2018-01-01T16:00<', '<LastUpdated>2018-01-01T16:00:00<');
    expect(normaliseXml(answer.text)).toBe(expected);
  });

  it('reschedules into the documented XML sample (with its own ID and session time)', async () => {
    const answer = await xmlCall('reschedulePhoneChatMadeBooking', { token: 'booking-user-token', body: { BookingID: 1 }, headers: { 'X-Sandbox-Now': '2018-01-25T14:32:12.456' } });
    const expected = normaliseXml(example('PhoneChatMadeBooking_rescheduled_xml'))
      .replace('<BookingID>2<', '<BookingID>302<')
      .replace('<SessionDate>2018-01-25T14:41:00<', '<SessionDate>2018-01-25T14:38:00<')
      .replace('<AcceptBy>2018-01-25T14:40:00<', '<AcceptBy>2018-01-25T14:37:00<');
    expect(normaliseXml(answer.text)).toBe(expected);
  });

  it('lists into the documented XML sample', async () => {
    const data = seedData();
    data.bookings.PhoneChat = [{ ClientUserID: 1001, PerformerUserID: example('PhoneChatMadeBookings_seed').Bookings[0].Candidate.UserID, Item: example('PhoneChatMadeBookings_seed').Bookings[0] }];
    expect((await admin(sandbox.url, 'PUT', '/state', data)).status).toBe(200);
    const answer = await xmlCall('listPhoneChatMadeBookings', { query: 'OrderBy=sessiondate-asc&BookingsPerPage=10' });
    // The sample is page 1 of a 30-booking result; this data set has the one booking it shows.
    const expected = normaliseXml(example('PhoneChatMadeBookings_seed_xml'))
      .replace('<BookingsTotal>30<', '<BookingsTotal>1<')
      .replace('<PageCount>3<', '<PageCount>1<');
    expect(normaliseXml(answer.text)).toBe(expected);
  });

  it.each([
    ['application/xml', 'xml'],
    ['application/json', 'json'],
    [undefined, 'json'],
    ['*/*', 'json'],
    ['text/html', 'json'],
    ['application/xml;q=0.5, application/json', 'json'],
    ['application/json;q=0.1, application/xml', 'xml'],
    ['application/*', 'json'],
    ['text/html, application/xml;q=0.9', 'xml'],
    ['application/json, application/xml', 'json'],
    ['application/xml, application/json', 'xml'],
    ['application/xml;q=0', 'json'],
  ])('Accept %s → %s', async (accept, kind) => {
    const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { ...(accept ? { headers: { Accept: accept } } : {}) });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe(`application/${kind}; charset=utf-8`);
    expect(answer.headers.get('vary')).toBe('Accept');
    expectConforms('listPhoneChatMadeBookings', answer);
  });

  it('answers errors in JSON even when XML is asked for (the spec documents JSON errors only)', async () => {
    const answer = await xmlCall('cancelPhoneChatMadeBooking', { body: { BookingID: 14, Reason: 'x' } });
    expect(answer.status).toBe(409);
    expect(answer.contentType).toMatch(/^application\/json/);
  });
});
