// Compiled with `tsc --noEmit` by types.test.ts. Each @ts-expect-error line must NOT compile;
// if one ever does, tsc reports the directive as unused and the test fails.
import {
  AdultWorkClient,
  BookingStatus,
  PhoneChatMadeBookingsOrderBy,
  ValidationError,
  type DeleteBookingResult,
  type PhoneChatMadeBooking,
  type WebcamBooking,
} from '../../src/index.js';

const aw = new AdultWorkClient({ accessToken: async () => 'token', environment: 'production', timeoutMs: 5000 });
new AdultWorkClient({ accessToken: 'token', environment: 'http://127.0.0.1:4010', retry: false });

// @ts-expect-error the access token is required
new AdultWorkClient({ environment: 'sandbox' });
// @ts-expect-error the token is a string or a function, not a number
new AdultWorkClient({ accessToken: 123 });
// @ts-expect-error unknown option
new AdultWorkClient({ accessToken: 't', retries: 3 });
// @ts-expect-error retry policy fields are numbers
new AdultWorkClient({ accessToken: 't', retry: { maxRetries: 'many' } });

export async function wellTyped(): Promise<void> {
  const page = await aw.phoneChat.listMadeBookings({ OrderBy: PhoneChatMadeBookingsOrderBy.DateAsc, PageNumber: 2 });
  const first: PhoneChatMadeBooking | undefined = page.Bookings[0];
  const status: BookingStatus | undefined = first?.Status;
  // Date-times stay strings: the API sends them without an offset.
  const when: string | undefined = first?.SessionDate;
  // @ts-expect-error SessionDate is not a Date
  const asDate: Date | undefined = first?.SessionDate;

  for await (const booking of aw.phoneChat.iterateMadeBookings({ BookingsPerPage: 50 })) {
    const id: number = booking.BookingID;
    // @ts-expect-error wire names are kept: BookingID, not bookingId
    booking.bookingId;
    void id;
  }

  const results: DeleteBookingResult[] = await aw.phoneChat.deleteMadeBookings([1, 2, 3]);
  // @ts-expect-error IDs are numbers, not a comma-separated string
  await aw.phoneChat.deleteMadeBookings('1,2,3');
  // @ts-expect-error IDs are numbers
  await aw.phoneChat.deleteMadeBookings(['1']);

  await aw.phoneChat.cancelMadeBooking({ BookingID: 1, Reason: 'Ill' });
  // @ts-expect-error Reason is required
  await aw.phoneChat.cancelMadeBooking({ BookingID: 1 });
  // @ts-expect-error BookingID is a number
  await aw.phoneChat.rescheduleMadeBooking({ BookingID: '1' });

  const webcam: WebcamBooking = await aw.webcam.cancelMadeBooking({ BookingID: 1, Reason: 'x' });
  const typo: boolean = webcam.IsMulitple;
  // @ts-expect-error the webcam answer names the ID WebcamBookingID, not BookingID
  webcam.BookingID;

  // OrderBy takes the wire values, as string literals or through the generated constant.
  await aw.phoneChat.listMadeBookings({ OrderBy: 'sessiondate-asc' });
  // @ts-expect-error OrderBy takes the enum's wire values only
  await aw.phoneChat.listMadeBookings({ OrderBy: 'newest' });
  // @ts-expect-error UserID belongs to the group view, not the user's own list
  await aw.phoneChat.listMadeBookings({ UserID: 5 });
  // @ts-expect-error each list has its own sort keys: sessiondate is PhoneChat's
  await aw.webcam.listMadeBookings({ OrderBy: 'sessiondate-asc' });

  const member = aw.asGroupMember(42);
  await member.phoneChat.listMadeBookings({ PageNumber: 1 });
  // @ts-expect-error the group view can only list
  await member.phoneChat.cancelMadeBooking({ BookingID: 1, Reason: 'x' });
  // @ts-expect-error the user ID is a number
  aw.asGroupMember('42');

  const controller = new AbortController();
  await aw.phoneChat.listMadeBookings({}, { signal: controller.signal, timeoutMs: 1000, headers: { Prefer: 'code=404' } });
  // @ts-expect-error header values are strings
  await aw.phoneChat.listMadeBookings({}, { headers: { 'X-Count': 1 } });

  try {
    await aw.phoneChat.listMadeBookings();
  } catch (error) {
    if (error instanceof ValidationError) {
      const messages: readonly string[] | undefined = error.fieldErrors['BookingsPerPage'];
      const status: number | undefined = error.status;
      void messages;
      void status;
    }
  }
  void [status, when, asDate, results, typo];
}

// The operation functions: the same types, the transport first.
import {
  createTransport,
  deletePhoneChatMadeBookings as deleteBookings,
  listGroupMemberPhoneChatMadeBookings,
  listPhoneChatMadeBookings,
  type PhoneChatMadeBookingsPage as Page,
} from '../../src/index.js';

export async function functional(): Promise<void> {
  const transport = createTransport({ accessToken: 't', timeoutMs: 0 });
  const page: Page = await listPhoneChatMadeBookings(transport, { PageNumber: 1 });
  await listPhoneChatMadeBookings(aw.transport);
  await listGroupMemberPhoneChatMadeBookings(transport, { UserID: 5, BookingsPerPage: 10 });
  // @ts-expect-error the group list needs the member's UserID
  await listGroupMemberPhoneChatMadeBookings(transport, { BookingsPerPage: 10 });
  // @ts-expect-error the transport comes first
  await listPhoneChatMadeBookings({ PageNumber: 1 });
  // @ts-expect-error IDs are numbers
  await deleteBookings(transport, ['1']);
  void page;
}
