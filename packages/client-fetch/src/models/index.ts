/* tslint:disable */
/* eslint-disable */

/**
 * Where a booking stands. A new booking is `Pending`; the booked user accepts (`Accepted`) or
 * rejects it (`Rejected`, also automatic once `AcceptBy` passes); the client confirms an accepted
 * booking (`Confirmed`); either side may cancel (`Cancelled`).
 * 
 * @export
 */
export const BookingStatus = {
    Pending: 'Pending',
    Accepted: 'Accepted',
    Rejected: 'Rejected',
    Confirmed: 'Confirmed',
    Cancelled: 'Cancelled',
} as const;
export type BookingStatus = typeof BookingStatus[keyof typeof BookingStatus];

/**
 * Which booking to cancel, and why.
 * @export
 * @interface CancelMadeBookingRequest
 */
export interface CancelMadeBookingRequest {
    /**
     * ID of the booking to cancel (for Webcam, the booking's `WebcamBookingID`).
     */
    BookingID: number;
    /**
     * The client's reason for cancelling; shown to the other side.
     */
    Reason: string;
}
/**
 * The outcome of deleting one booking of a bulk delete.
 * @export
 * @interface DeleteBookingResult
 */
export interface DeleteBookingResult {
    /**
     * The booking this result is about.
     */
    BookingID: number;
    /**
     * Whether the booking was deleted.
     */
    Deleted: boolean;
    /**
     * What happened; when `Deleted` is false it says why the booking was kept.
     */
    Message: string;
}
/**
 * The bookings to delete.
 * @export
 * @interface DeleteMadeBookingsRequest
 */
export interface DeleteMadeBookingsRequest {
    /**
     * One or more booking IDs as a single string of comma-separated positive integers, for
     * example `"100,101,102"`. Not a JSON array: the API takes a string.
     * 
     */
    BookingIDs: string;
}
/**
 * **Assumed.** The API does not document its error body. This is the shape ASP.NET Web API, which
 * the API appears to run on, gives by default: a `Message`, and for invalid input a `ModelState`
 * that maps each offending field to its messages. Clients should also cope with an empty or
 * non-JSON error body.
 * 
 * @export
 * @interface ModelError
 */
export interface ModelError {
    /**
     * A human-readable explanation of the error.
     */
    Message: string;
    /**
     * For invalid input, the messages for each offending field, keyed by field name.
     */
    ModelState?: { [key: string]: Array<string>; };
}
/**
 * The user a PhoneChat booking was made with (the candidate), with their feedback counts.
 * In XML the own members are in the `API.Models.PhoneChat.Bookings` namespace (prefix `d4p1`).
 * 
 * @export
 * @interface PhoneChatBookingUser
 */
export interface PhoneChatBookingUser {
    /**
     * The user's overall feedback score.
     */
    Total: number;
    /**
     * Number of positive ratings received.
     */
    Positive: number;
    /**
     * Number of neutral ratings received.
     */
    Neutral: number;
    /**
     * Number of negative ratings received.
     */
    Negative: number;
    /**
     * Number of ratings received in total.
     */
    Ratings: number;
    /**
     * Number of disputes the user has been involved in.
     */
    Disputes: number;
    /**
     * The candidate's user ID.
     */
    UserID: number;
    /**
     * The candidate's nickname.
     */
    Nickname: string;
    /**
     * The candidate's phone number, or `null` when it is not shared with the client.
     */
    PhoneNumber: string | null;
    /**
     * The candidate's Skype name, or `null` when it is not shared with the client.
     */
    SkypeName: string | null;
}

/**
 * How the PhoneChat session is connected:
 * `1` the booked user calls the client on `PhoneNumber`;
 * `2` the client calls the booked user;
 * `3` the session takes place over Skype, on `SkypeName`.
 * 
 * @export
 */
export const PhoneChatCallMethod = {
    /**
    * The booked user calls the client on the client&#39;s phone number.
    */
    BookedUserCallsClient: 1,
    /**
    * The client calls the booked user.
    */
    ClientCallsBookedUser: 2,
    /**
    * The session takes place over Skype.
    */
    Skype: 3,
} as const;
export type PhoneChatCallMethod = typeof PhoneChatCallMethod[keyof typeof PhoneChatCallMethod];

/**
 * A PhoneChat booking made by the authenticated user (the client) with another user (the
 * candidate). Every property is always present; the ones that do not apply are `null`.
 * 
 * @export
 * @interface PhoneChatMadeBooking
 */
export interface PhoneChatMadeBooking {
    /**
     * The booking's ID.
     */
    BookingID: number;
    /**
     * Planned length of the session, in minutes.
     */
    Duration: number;
    /**
     * Credits the client offered, or the amount both sides agreed on once the booking was accepted.
     */
    Credits: number;
    /**
     * 
     */
    Status: BookingStatus;
    /**
     * 
     */
    Method: PhoneChatCallMethod;
    /**
     * The phone number the client gave; `null` unless `Method` is `1` (the booked user calls the client).
     */
    PhoneNumber: string | null;
    /**
     * The Skype name the client gave; `null` unless `Method` is `3` (Skype).
     */
    SkypeName: string | null;
    /**
     * When the booking was created.
     */
    CreateDate: string;
    /**
     * When the session is planned to take place.
     */
    SessionDate: string;
    /**
     * Deadline for the candidate to accept; an unaccepted booking is rejected after it.
     */
    AcceptBy: string;
    /**
     * When the candidate accepted; `null` if the booking was never accepted.
     */
    AcceptedDate: string | null;
    /**
     * When the client confirmed; `null` if the booking was never confirmed.
     */
    ConfirmedDate: string | null;
    /**
     * When the booking was cancelled; `null` if it never was.
     */
    CancelledDate: string | null;
    /**
     * Why the booking was cancelled; `null` if it never was.
     */
    CancelledReason: string | null;
    /**
     * Nickname of the user who cancelled; `null` if the booking was never cancelled.
     */
    CancelledBy: string | null;
    /**
     * Why the candidate rejected the booking; `null` if it was never rejected.
     */
    RejectedReason: string | null;
    /**
     * When the booking last changed.
     */
    LastUpdated: string;
    /**
     * The message the client left when making the booking, or `null`.
     */
    Comments: string | null;
    /**
     * A short note of what the client has to do next, or `null` when nothing is expected of them.
     */
    ActionClient: string | null;
    /**
     * 
     */
    Candidate: PhoneChatBookingUser;
}



/**
 * Sort order of the list: by creation date (`date-*`), by the booked user's nickname
 * (`nickname-*`) or by session date (`sessiondate-*`), ascending or descending.
 * 
 * @export
 */
export const PhoneChatMadeBookingsOrderBy = {
    DateDesc: 'date-desc',
    DateAsc: 'date-asc',
    NicknameAsc: 'nickname-asc',
    NicknameDesc: 'nickname-desc',
    SessionDateAsc: 'sessiondate-asc',
    SessionDateDesc: 'sessiondate-desc',
} as const;
export type PhoneChatMadeBookingsOrderBy = typeof PhoneChatMadeBookingsOrderBy[keyof typeof PhoneChatMadeBookingsOrderBy];

/**
 * One page of the PhoneChat bookings the user made, with the paging totals.
 * @export
 * @interface PhoneChatMadeBookingsPage
 */
export interface PhoneChatMadeBookingsPage {
    /**
     * How many pages the whole result has.
     */
    PageCount: number;
    /**
     * The number of this page, from 1.
     */
    PageNumber: number;
    /**
     * How many bookings the whole result has.
     */
    BookingsTotal: number;
    /**
     * Page size used for this result.
     */
    BookingsPerPage: number;
    /**
     * The bookings on this page.
     */
    Bookings: Array<PhoneChatMadeBooking>;
}
/**
 * Which booking to reschedule.
 * @export
 * @interface RescheduleMadeBookingRequest
 */
export interface RescheduleMadeBookingRequest {
    /**
     * ID of the booking whose session date has passed.
     */
    BookingID: number;
}
/**
 * The feedback counts of a user, shared by every user summary in bookings. In XML these members
 * belong to the `API.Models.Profile` DataContract namespace and come before the members of the
 * type that embeds them.
 * 
 * @export
 * @interface UserFeedbackSummary
 */
export interface UserFeedbackSummary {
    /**
     * The user's overall feedback score.
     */
    Total: number;
    /**
     * Number of positive ratings received.
     */
    Positive: number;
    /**
     * Number of neutral ratings received.
     */
    Neutral: number;
    /**
     * Number of negative ratings received.
     */
    Negative: number;
    /**
     * Number of ratings received in total.
     */
    Ratings: number;
    /**
     * Number of disputes the user has been involved in.
     */
    Disputes: number;
}
/**
 * A Webcam booking made by the authenticated user (the client). Note the wire names: the ID is
 * `WebcamBookingID` (requests say `BookingID`), and `IsMulitple` is spelled as the API spells it.
 * Every property is always present; the ones that do not apply are `null`. The XML namespace is
 * `API.Models.Webcam.Received` even for made bookings, as the API sends it.
 * 
 * @export
 * @interface WebcamBooking
 */
export interface WebcamBooking {
    /**
     * The webcam booking's ID (the value requests send as `BookingID`).
     */
    WebcamBookingID: number;
    /**
     * Length of the session, in minutes.
     */
    Duration: number;
    /**
     * Credits the client offered.
     */
    Credits: number;
    /**
     * 
     */
    Status: BookingStatus;
    /**
     * Whether the booking was also sent to other performers (the first to accept gets it). Spelled `IsMulitple` on the wire.
     */
    IsMulitple: boolean;
    /**
     * 
     */
    SoftwareTypeID: WebcamSoftwareType;
    /**
     * The messenger sign-in name or email for the session.
     */
    SignInNameOrEmail: string;
    /**
     * Whether a PhoneChat booking was requested together with this one.
     */
    AlsoPhoneChat: boolean;
    /**
     * When the booking was made.
     */
    CreateDate: string;
    /**
     * When the webcam session is due.
     */
    SessionDate: string;
    /**
     * Deadline for the performer to accept.
     */
    AcceptBy: string;
    /**
     * When the performer accepted; `null` if never.
     */
    AcceptedDate: string | null;
    /**
     * When the client confirmed; `null` if never.
     */
    ConfirmedDate: string | null;
    /**
     * When the booking was cancelled; `null` if never.
     */
    CancelledDate: string | null;
    /**
     * Why the booking was cancelled; `null` if it never was.
     */
    CancelledReason: string | null;
    /**
     * Nickname of the user who cancelled; `null` if the booking was never cancelled.
     */
    CancelledBy: string | null;
    /**
     * Why the performer rejected the booking; `null` if it was never rejected.
     */
    RejectedReason: string | null;
    /**
     * When the booking last changed.
     */
    LastUpdated: string;
    /**
     * 
     */
    Performer: WebcamBookingPerformer;
}


/**
 * The performer a Webcam booking was sent to, with their feedback counts. In XML the own members
 * are in the booking's namespace (`API.Models.Webcam.Received`).
 * 
 * @export
 * @interface WebcamBookingPerformer
 */
export interface WebcamBookingPerformer {
    /**
     * The user's overall feedback score.
     */
    Total: number;
    /**
     * Number of positive ratings received.
     */
    Positive: number;
    /**
     * Number of neutral ratings received.
     */
    Neutral: number;
    /**
     * Number of negative ratings received.
     */
    Negative: number;
    /**
     * Number of ratings received in total.
     */
    Ratings: number;
    /**
     * Number of disputes the user has been involved in.
     */
    Disputes: number;
    /**
     * The performer's user ID.
     */
    UserID: number;
    /**
     * The performer's nickname.
     */
    Nickname: string;
    /**
     * The performer's messenger sign-in name or email, or `null` when it is not shared.
     */
    SignInNameOrEmail: string | null;
    /**
     * The performer's phone number, or `null` when it is not shared.
     */
    PhoneNumber: string | null;
}

/**
 * The messenger the client wants to use for the webcam session:
 * `1` MSN Messenger, `2` Yahoo Messenger, `3` Skype.
 * 
 * @export
 */
export const WebcamSoftwareType = {
    /**
    * MSN Messenger
    */
    MsnMessenger: 1,
    /**
    * Yahoo Messenger
    */
    YahooMessenger: 2,
    /**
    * Skype
    */
    Skype: 3,
} as const;
export type WebcamSoftwareType = typeof WebcamSoftwareType[keyof typeof WebcamSoftwareType];

