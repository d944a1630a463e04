// A consumer of the published packages, compiled by types.test.ts in several configurations
// (nodenext as ESM and as CommonJS, bundler), each with strict, exactOptionalPropertyTypes and
// noUncheckedIndexedAccess, and with skipLibCheck off so that the packages' own declarations are
// checked too. Each @ts-expect-error line must NOT compile; if one ever does, tsc reports the
// directive as unused and the test fails.
import {
  AdultWorkClient,
  AdultWorkError,
  BadRequestError,
  BookingStatus,
  ConflictError,
  PhoneChatMadeBookingsOrderBy,
  PrerequisiteFailedError,
  RateLimitError,
  ValidationError,
  type ApiPromise,
  type CallOptions,
  type ClientOptions,
  type ListPhoneChatMadeBookingsParams,
  type PhoneChatMadeBooking,
  type PhoneChatMadeBookingsPage,
  type WithResponse,
  type CreditHistoryEntry,
  type Permissions,
  type PhoneChatSettings,
  type VerifiedCredentials,
  type WebcamBooking,
  type WebcamReceivedBooking,
} from '@adultwork-api/sdk';
import { asResponse, createTransport, listPhoneChatMadeBookings, withResponse, type IterateOptions } from '@adultwork-api/sdk/operations';
import { Configuration, PhoneChatApi, type ListPhoneChatMadeBookingsRequest } from '@adultwork-api/client-fetch';

declare const maybeSignal: AbortSignal | undefined;
declare const maybeTimeout: number | undefined;
declare const maybeHeaders: Record<string, string> | undefined;

const options: ClientOptions = { accessToken: 't', environment: 'http://127.0.0.1:4010', timeoutMs: maybeTimeout, retry: { maxRetries: maybeTimeout } };
const aw = new AdultWorkClient(options);

export async function usage(): Promise<void> {
  // Enum parameters take plain string literals as well as the generated constants.
  await aw.phoneChat.listMadeBookings({ OrderBy: 'sessiondate-asc' });
  await aw.phoneChat.listMadeBookings({ OrderBy: PhoneChatMadeBookingsOrderBy.SessionDateAsc });
  const params: ListPhoneChatMadeBookingsParams = { OrderBy: 'date-desc', BookingsPerPage: 10 };
  const wire: ListPhoneChatMadeBookingsRequest = { OrderBy: 'nickname-asc' };
  // @ts-expect-error only the spec's values
  await aw.phoneChat.listMadeBookings({ OrderBy: 'newest' });

  // Call options whose values may be undefined, as callers with exactOptionalPropertyTypes write them.
  const call: CallOptions = { signal: maybeSignal, timeoutMs: maybeTimeout, headers: maybeHeaders };
  await aw.phoneChat.listMadeBookings(params, { signal: maybeSignal });
  await aw.phoneChat.cancelMadeBooking({ BookingID: 1, Reason: 'x' }, call);
  const iterate: IterateOptions = { ...call, pageHeaders: undefined };
  for await (const booking of aw.phoneChat.iterateMadeBookings(wire, iterate)) {
    const status: BookingStatus = booking.Status;
    const literal: BookingStatus = 'Cancelled';
    const constant: 'Cancelled' = BookingStatus.Cancelled;
    void [status, literal, constant];
  }

  // noUncheckedIndexedAccess: an element of a page may be missing.
  const page: PhoneChatMadeBookingsPage = await listPhoneChatMadeBookings(createTransport(options), params, call);
  const first: PhoneChatMadeBooking | undefined = page.Bookings[0];
  // @ts-expect-error the first booking may not exist
  const surely: PhoneChatMadeBooking = page.Bookings[0];
  void [first, surely];

  // The raw response beside the parsed answer.
  const pending: ApiPromise<PhoneChatMadeBookingsPage> = aw.phoneChat.listMadeBookings();
  const { data, response, requestId }: WithResponse<PhoneChatMadeBookingsPage> = await pending.withResponse();
  const remaining: string | null = response.headers.get('x-ratelimit-remaining');
  const raw: Response = await aw.webcam.cancelMadeBooking({ BookingID: 1, Reason: 'x' }).asResponse();
  const functional: WithResponse<PhoneChatMadeBookingsPage> = await withResponse(listPhoneChatMadeBookings(createTransport(options)));
  const copy: Response = await asResponse(listPhoneChatMadeBookings(createTransport(options), { OrderBy: 'date-asc' }));
  // @ts-expect-error the operation functions return plain promises: use withResponse(promise)
  await listPhoneChatMadeBookings(createTransport(options)).withResponse();
  void [data.PageCount, remaining, requestId, raw.status, functional.response.status, copy.ok];

  try {
    await aw.phoneChat.rescheduleMadeBooking({ BookingID: 1 });
  } catch (error) {
    if (error instanceof ValidationError) {
      const messages: readonly string[] | undefined = error.fieldErrors['BookingID'];
      const same: BadRequestError = error;
      void [messages, same];
    } else if (error instanceof PrerequisiteFailedError) {
      const conflict: ConflictError = error;
      void conflict;
    } else if (error instanceof RateLimitError) {
      const wait: number | undefined = error.retryAfterMs;
      void wait;
    } else if (error instanceof AdultWorkError) {
      const what: [number | undefined, Headers | undefined, unknown, string, string] = [error.status, error.headers, error.body, error.method, error.path];
      void what;
    }
  }
}

// Every area of the API, generated from the spec: enum parameters and enum body members take
// their wire values as plain literals (strings or numbers), and nothing else.
export async function everyArea(): Promise<void> {
  await aw.credits.listHistory({ OrderBy: 'transactiondate-desc', PageSize: 100 });
  // @ts-expect-error the credit history sorts by transaction date only
  await aw.credits.listHistory({ OrderBy: 'date-desc' });
  await aw.webcam.listMadeBookings({ OrderBy: 'acceptdate-asc', StartDate: undefined });
  // @ts-expect-error sessiondate is a key of the PhoneChat list, not the Webcam one
  await aw.webcam.listMadeBookings({ OrderBy: 'sessiondate-asc' });
  const booking = { BookUserID: 1, SessionDate: '2030-01-01 21:00', Duration: 10, Credits: 10, AcceptBy: '2030-01-01 18:00' };
  await aw.phoneChat.createBooking({ ...booking, Method: 1, PhoneNumber: '07700900123' });
  // @ts-expect-error Method is 1, 2 or 3
  await aw.phoneChat.createBooking({ ...booking, Method: 4 });
  await aw.webcam.createBooking({ BookUserIDs: [1, 2], SessionDate: '2030-01-01 21:00', Duration: 5, Credits: 5, SoftwareTypeID: 3, SignInNameOrEmail: 'me' });
  // @ts-expect-error SoftwareTypeID takes the spec's values only
  await aw.webcam.createBooking({ BookUserIDs: '1', SessionDate: '2030-01-01 21:00', Duration: 5, Credits: 5, SoftwareTypeID: 9, SignInNameOrEmail: 'me' });

  // Answers are the generated models; a bare-number answer is a number.
  const balance: number = await aw.credits.getCurrentCreditBalance();
  for await (const entry of aw.credits.iterateHistory()) {
    const entryType: CreditHistoryEntry = entry;
    void entryType;
  }
  for await (const history of aw.credits.iterateHistoryPages({}, { direction: 'forward' })) void history.PageCount;
  // @ts-expect-error a walk goes forward or backward
  aw.credits.iterateHistoryPages({}, { direction: 'sideways' });
  const permissions: Permissions = await aw.account.getPermissions();
  const me: VerifiedCredentials = await aw.account.verifyCredentials({ timeoutMs: 1000 });
  const received: WebcamReceivedBooking = await aw.webcam.rejectReceivedBooking({ BookingID: 1, Reason: 'No' });
  // @ts-expect-error Reason is required
  await aw.webcam.rejectReceivedBooking({ BookingID: 1 });

  // The group view: the member's UserID comes from the view, in the query or the body.
  const member = aw.asGroupMember(42);
  const settings: PhoneChatSettings = await member.phoneChat.getSettings();
  await member.phoneChat.saveSettings({ OfferDirectChat: false, PhoneChatPPM: 1.5 });
  // @ts-expect-error the view names the member: no UserID in the parameters
  await member.phoneChat.saveSettings({ UserID: 7, OfferDirectChat: false, PhoneChatPPM: 1.5 });
  const webcamBooking: WebcamBooking = await member.webcam.getMadeBooking({ BookingID: 1 });
  // @ts-expect-error the group view has no create
  await member.phoneChat.createBooking({ ...booking, Method: 1 });
  void [balance, permissions, me, received, settings, webcamBooking];
}

// The generated client's own types compile in the same configuration.
export const api = new PhoneChatApi(new Configuration({ basePath: 'http://127.0.0.1:4010', accessToken: async () => 'Bearer t' }));
export const generated: Promise<PhoneChatMadeBookingsPage> = api.listPhoneChatMadeBookings({ OrderBy: 'sessiondate-asc' });
