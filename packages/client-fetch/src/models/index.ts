/* tslint:disable */
/* eslint-disable */
/**
 * Which received booking to accept, and for how many credits.
 * @export
 * @interface AcceptReceivedBookingRequest
 */
export interface AcceptReceivedBookingRequest {
    /**
     * ID of the received booking (for Webcam, its `WebcamBookingID`).
     */
    BookingID: number;
    /**
     * The amount the performer asks for. It may equal the client's offer; when it differs, the client is warned.
     */
    Credits: number;
}
/**
 * The booking the operation acts on.
 * @export
 * @interface BookingIdRequest
 */
export interface BookingIdRequest {
    /**
     * ID of the booking (for Webcam, its `WebcamBookingID`).
     */
    BookingID: number;
}
/**
 * The booking the performer acts on, and the reason they give (required).
 * @export
 * @interface BookingReasonRequest
 */
export interface BookingReasonRequest {
    /**
     * ID of the received booking (its `WebcamBookingID`).
     */
    BookingID: number;
    /**
     * The performer's reason; shown to the client.
     */
    Reason: string;
}

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
 * A new PhoneChat booking. `PhoneNumber` is required when `Method` is `1` and `SkypeName` when it is `3`; otherwise they are ignored.
 * @export
 * @interface CreatePhoneChatBookingRequest
 */
export interface CreatePhoneChatBookingRequest {
    /**
     * The user (performer) to book.
     */
    BookUserID: number;
    /**
     * A date and time as the API takes it in a request body: `yyyy-MM-dd HH:mm`, with a space and no seconds (the pages write `YYYY-MM-DD HH:MM`). No UTC offset; the zone is not documented. Answers write the same moment as a `LocalDateTime` (`yyyy-MM-ddTHH:mm`).
     */
    SessionDate: string;
    /**
     * Length of the session in minutes, 5 or more.
     */
    Duration: number;
    /**
     * 
     */
    Method: PhoneChatCallMethod;
    /**
     * The client's phone number, 10 or 11 digits, for Method `1` (ignored, and not checked, otherwise).
     */
    PhoneNumber?: string;
    /**
     * The client's Skype name, for Method `3`.
     */
    SkypeName?: string;
    /**
     * An amount of AdultWork credits, a decimal number (the XML representation writes four
     * fractional digits, `8.0000`).
     * 
     */
    Credits: number;
    /**
     * A date and time as the API takes it in a request body: `yyyy-MM-dd HH:mm`, with a space and no seconds (the pages write `YYYY-MM-DD HH:MM`). No UTC offset; the zone is not documented. Answers write the same moment as a `LocalDateTime` (`yyyy-MM-ddTHH:mm`).
     */
    AcceptBy: string;
    /**
     * A message for the performer. They may not see it when they answer the booking by SMS.
     */
    Comments?: string;
}


/**
 * A new Webcam booking, sent to up to four performers at once: the first to accept gets it and the others are cancelled. There is no `AcceptBy` input. `PhoneNumber` is required when `AlsoPhoneChat` is true, and `SignInNameOrEmail` must be an email address when `SoftwareTypeID` is `1` (MSN).
 * @export
 * @interface CreateWebcamBookingRequest
 */
export interface CreateWebcamBookingRequest {
    /**
     * One to four performer IDs as a single comma-separated string, e.g. `"123,456"`.
     */
    BookUserIDs: string;
    /**
     * Also make a PhoneChat booking for the same session; `PhoneNumber` is then required.
     */
    AlsoPhoneChat?: boolean;
    /**
     * The client's phone number, for the PhoneChat booking `AlsoPhoneChat` asks for.
     */
    PhoneNumber?: string;
    /**
     * A date and time as the API takes it in a request body: `yyyy-MM-dd HH:mm`, with a space and no seconds (the pages write `YYYY-MM-DD HH:MM`). No UTC offset; the zone is not documented. Answers write the same moment as a `LocalDateTime` (`yyyy-MM-ddTHH:mm`).
     */
    SessionDate: string;
    /**
     * Length of the session in minutes (a performer may ask for a minimum, see the booking requirements).
     */
    Duration: number;
    /**
     * An amount of AdultWork credits, a decimal number (the XML representation writes four
     * fractional digits, `8.0000`).
     * 
     */
    Credits: number;
    /**
     * 
     */
    SoftwareTypeID: WebcamSoftwareType;
    /**
     * The messenger sign-in name or email the client will use, so that the performer can recognise them; an email address for MSN.
     */
    SignInNameOrEmail: string;
    /**
     * Text the client when a performer accepts; needs the client's verified mobile number.
     */
    SendSMSOnAccept?: boolean;
}


/**
 * **Assumed members.** One movement of the user's credits (`aws:CreditHistory` on the page, whose members were not seen): when, what, how many credits (negative when spent) and the balance after it. `TransactionDate` follows the sort key `transactiondate`.
 * @export
 * @interface CreditHistoryEntry
 */
export interface CreditHistoryEntry {
    /**
     * When the credits moved.
     */
    TransactionDate: string;
    /**
     * What the movement was for.
     */
    Description: string;
    /**
     * The credits added (positive) or spent (negative).
     */
    Credits: number;
    /**
     * The balance after the movement.
     */
    Balance: number;
}

/**
 * Sort order of the credit history by transaction date: `transactiondate-asc` (oldest first, the default) or `transactiondate-desc`.
 * @export
 */
export const CreditHistoryOrderBy = {
    TransactionDateAsc: 'transactiondate-asc',
    TransactionDateDesc: 'transactiondate-desc',
} as const;
export type CreditHistoryOrderBy = typeof CreditHistoryOrderBy[keyof typeof CreditHistoryOrderBy];

/**
 * One page of the credit history, with the paging fields. **Assumed:** the XML names.
 * @export
 * @interface CreditHistoryPage
 */
export interface CreditHistoryPage {
    /**
     * How many pages the whole history has.
     */
    PageCount: number;
    /**
     * The number of this page, from 1.
     */
    PageNumber: number;
    /**
     * Page size used for this result.
     */
    PageSize: number;
    /**
     * The movements on this page.
     */
    CreditHistory: Array<CreditHistoryEntry>;
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
 * One DirectChat PIN and how it has been used. **Assumed:** the XML names.
 * @export
 * @interface DirectChatPIN
 */
export interface DirectChatPIN {
    /**
     * The user the PIN was made for.
     */
    User: DirectChatPINUser;
    /**
     * The PIN to key in when calling the DirectChat number. A string, so leading zeros survive.
     */
    PIN: string;
    /**
     * When the PIN was associated with the user.
     */
    CreatedDate: string;
    /**
     * How many calls have been made with this PIN.
     */
    NumberOfCalls: number;
    /**
     * When the PIN was last used. **Assumed:** `null` for a PIN that was never used (the page types it as a plain date-time and does not say).
     */
    LastCallDate: string | null;
    /**
     * Whether a call with this PIN is going on now.
     */
    InProgress: boolean;
}
/**
 * The user a DirectChat PIN was made for. The members are `Id` and `Username`, exactly as the
 * API's sample writes them, where the rest of the API says `UserID` and `Nickname`.
 * **Assumed:** their types, from the sample's values, and the XML names.
 * 
 * @export
 * @interface DirectChatPINUser
 */
export interface DirectChatPINUser {
    /**
     * The user's ID (what other operations call `UserID`).
     */
    Id: number;
    /**
     * The user's name (what other operations call `Nickname`).
     */
    Username: string;
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
 * The OAuth error body of the token endpoint. Only `refresh_token_has_expired` is documented.
 * 
 * **Assumed:** the other codes and `error_description` follow RFC 6749 section 5.2.
 * @export
 * @interface OAuthError
 */
export interface OAuthError {
    /**
     * What went wrong, as a code.
     */
    error: OAuthErrorErrorEnum;
    /**
     * A human-readable explanation, for developers.
     */
    error_description?: string;
}


/**
 * @export
 */
export const OAuthErrorErrorEnum = {
    RefreshTokenHasExpired: 'refresh_token_has_expired',
    InvalidRequest: 'invalid_request',
    InvalidClient: 'invalid_client',
    InvalidGrant: 'invalid_grant',
    UnauthorizedClient: 'unauthorized_client',
    UnsupportedGrantType: 'unsupported_grant_type',
    InvalidScope: 'invalid_scope',
} as const;
export type OAuthErrorErrorEnum = typeof OAuthErrorErrorEnum[keyof typeof OAuthErrorErrorEnum];

/**
 * New tokens from `POST /OAuth/token`.
 * 
 * **Assumed:** `scope` (the granted scopes, separated by spaces) follows RFC 6749 section 5.1; the pages' sample leaves it out.
 * @export
 * @interface OAuthTokenResponse
 */
export interface OAuthTokenResponse {
    /**
     * The opaque access token, sent as `Authorization: bearer <access_token>`.
     */
    access_token: string;
    /**
     * Always `bearer`.
     */
    token_type: OAuthTokenResponseTokenTypeEnum;
    /**
     * Seconds until the access token expires.
     */
    expires_in: number;
    /**
     * The new refresh token (14 days); the one the request used no longer works.
     */
    refresh_token?: string;
    /**
     * The scopes granted, separated by spaces.
     */
    scope?: string;
}


/**
 * @export
 */
export const OAuthTokenResponseTokenTypeEnum = {
    Bearer: 'bearer',
} as const;
export type OAuthTokenResponseTokenTypeEnum = typeof OAuthTokenResponseTokenTypeEnum[keyof typeof OAuthTokenResponseTokenTypeEnum];

/**
 * One scope and whether the user granted it to the application. **Assumed:** the XML names, and that states other than `granted` exist.
 * @export
 * @interface Permission
 */
export interface Permission {
    /**
     * The scope name, e.g. `userid` or `account_webcam_bookings`.
     */
    Permission: string;
    /**
     * The state of the grant. Only `granted` was seen; other values are not documented (**assumed** to exist, e.g. for a revoked scope).
     */
    Status: string;
}
/**
 * The scopes the user granted to the application that owns the token. **Assumed:** the XML names (the page shows JSON only).
 * @export
 * @interface Permissions
 */
export interface Permissions {
    /**
     * One entry per scope.
     */
    Permissions: Array<Permission>;
}
/**
 * What a client must meet to book a performer for PhoneChat: the price per minute and the calling methods the performer takes. **Assumed:** the XML names.
 * @export
 * @interface PhoneChatBookingRequirements
 */
export interface PhoneChatBookingRequirements {
    /**
     * Price per minute in credits, VAT included. A booking must offer at least this times its `Duration`. `null` when the performer set no price: then no such floor applies.
     */
    PhoneChatPPM: number | null;
    /**
     * One entry per calling method (1, 2, 3) with whether the performer allows it.
     */
    Methods: Array<PhoneChatMethodOption>;
}
/**
 * The other party of a PhoneChat booking, with their feedback counts: on a made booking the
 * user it was made with (the candidate), on a received booking the client who made it.
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
 * **Assumed member names.** One calling method and whether the performer takes bookings by it (`aws:PhoneChatMethod` on the page, whose members were not seen).
 * @export
 * @interface PhoneChatMethodOption
 */
export interface PhoneChatMethodOption {
    /**
     * 
     */
    Method: PhoneChatCallMethod;
    /**
     * Whether the performer can be booked by this method.
     */
    Allowed: boolean;
}


/**
 * A PhoneChat booking the authenticated user received as the booked user (the performer). `BookingID` to `SkypeName` were seen on the received-side pages. **Assumed:** the remaining members mirror the made booking, with the client in `Client` where the made booking has `Candidate`; the XML element name and namespace follow the made booking's pattern.
 * @export
 * @interface PhoneChatReceivedBooking
 */
export interface PhoneChatReceivedBooking {
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
     * The phone number the client gave, for the performer to call; `null` unless `Method` is `1`.
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
     * Deadline for the authenticated user (the booked performer) to accept; an unaccepted booking is rejected after it.
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
     * A short note of what the client has to do next, or `null`. **Assumed** to be present on the received side too.
     */
    ActionClient: string | null;
    /**
     * **Assumed.** The client who made the booking (the candidate object of the made side, seen from the other side).
     */
    Client: PhoneChatBookingUser;
}


/**
 * The PhoneChat settings of the authenticated user (or of the group member acted for). **Assumed:** the XML names.
 * @export
 * @interface PhoneChatSettings
 */
export interface PhoneChatSettings {
    /**
     * Whether the user takes part in DirectChat.
     */
    OfferDirectChat: boolean;
    /**
     * The DirectChat options (a `DirectChatSettings` object), given only when `OfferDirectChat` is true; otherwise `null` (**assumed**: the page only says the member is there in that case).
     */
    DirectChat: { [key: string]: any; } | null;
    /**
     * The number clients call once a booking is confirmed; `null` when there is none, in which case the performer calls the client.
     */
    PhoneChatNumber: string | null;
    /**
     * Whether the number is shown on the profile and in emails (a paid option). Read only: the save operation does not take it.
     */
    ShowPhoneChatNumber: boolean;
    /**
     * Price per minute of normal PhoneChat, in credits.
     */
    PhoneChatPPM: number;
}
/**
 * Which expired PhoneChat booking to reject and re-invite, and optionally why.
 * @export
 * @interface ReInviteRequest
 */
export interface ReInviteRequest {
    /**
     * ID of the booking to reject and re-invite.
     */
    BookingID: number;
    /**
     * The performer's reason; the API uses a default one when it is left out.
     */
    Reason?: string;
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
 * New PhoneChat settings for a member of the manager's group: the same members as for oneself, plus the member's `UserID`. **Assumed:** `UserID` goes in the JSON body, like every parameter of a POST; the pages only show it in a query string.
 * @export
 * @interface SaveGroupMemberPhoneChatSettingsRequest
 */
export interface SaveGroupMemberPhoneChatSettingsRequest {
    /**
     * The member of the manager's group to act for (in the body: **assumed**).
     */
    UserID: number;
    /**
     * Whether to take part in DirectChat.
     */
    OfferDirectChat: boolean;
    /**
     * **Assumed open object.** The DirectChat options of a performer (`aws:DirectChatSettings`); its members were not seen, so any are accepted and passed on unchanged.
     */
    DirectChat?: { [key: string]: any; };
    /**
     * The number clients call: digits with an optional leading `+`, country code included.
     */
    PhoneChatNumber?: string;
    /**
     * Price per minute of normal PhoneChat, in credits.
     */
    PhoneChatPPM: number;
}
/**
 * New PhoneChat settings. `DirectChat` must be sent when `OfferDirectChat` is true, and only then. `ShowPhoneChatNumber` cannot be set here.
 * @export
 * @interface SavePhoneChatSettingsRequest
 */
export interface SavePhoneChatSettingsRequest {
    /**
     * Whether to take part in DirectChat.
     */
    OfferDirectChat: boolean;
    /**
     * **Assumed open object.** The DirectChat options of a performer (`aws:DirectChatSettings`); its members were not seen, so any are accepted and passed on unchanged.
     */
    DirectChat?: { [key: string]: any; };
    /**
     * The number clients call: digits with an optional leading `+`, country code included.
     */
    PhoneChatNumber?: string;
    /**
     * Price per minute of normal PhoneChat, in credits.
     */
    PhoneChatPPM: number;
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
 * Who the access token belongs to. The members up to `UserType` were seen; the page is cut off after them. The group members are filled only when the token has the `account_information` scope; **assumed:** they are `null` otherwise, and the XML names.
 * @export
 * @interface VerifiedCredentials
 */
export interface VerifiedCredentials {
    /**
     * The user the token belongs to.
     */
    UserID: number;
    /**
     * The user's email address.
     */
    EmailAddress: string;
    /**
     * Whether the user has passed age verification.
     */
    IsAgeVerified: boolean;
    /**
     * The group the user belongs to; `null` without the `account_information` scope or outside any group (**assumed**).
     */
    GroupID: number | null;
    /**
     * The name of that group; `null` like `GroupID` (**assumed**).
     */
    GroupName: string | null;
    /**
     * Whether the user manages the group (and may use the `/v1/Groups/...` operations); `null` without the `account_information` scope (**assumed**).
     */
    IsGroupManager: boolean | null;
    /**
     * The numeric type of the account.
     */
    UserTypeID: number;
    /**
     * The type of the account, in words.
     */
    UserType: string;
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
 * **Assumed.** The client of a received Webcam booking, with their feedback counts; the pages are cut off before this object. In XML its own members are in the booking's namespace.
 * @export
 * @interface WebcamBookingClient
 */
export interface WebcamBookingClient {
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
     * The client's user ID.
     */
    UserID: number;
    /**
     * The client's nickname.
     */
    Nickname: string;
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
 * The booking requirements of each requested performer, one entry per ID in request order. **Assumed:** the XML names.
 * @export
 * @interface WebcamBookingRequirements
 */
export interface WebcamBookingRequirements {
    /**
     * One entry per requested performer.
     */
    Users: Array<WebcamUserRequirements>;
}
/**
 * The outcome of deleting one Webcam booking of a bulk delete. The members were seen; **assumed:** the XML names and namespace, by analogy with the PhoneChat delete.
 * @export
 * @interface WebcamDeleteBookingResult
 */
export interface WebcamDeleteBookingResult {
    /**
     * The booking this result is about (its `WebcamBookingID`).
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
 * Sort order of the Webcam made-bookings list: by creation date (`createddate-*`), by acceptance date (`acceptdate-*`) or by the performer's nickname (`nickname-*`), ascending or descending.
 * @export
 */
export const WebcamMadeBookingsOrderBy = {
    CreatedDateDesc: 'createddate-desc',
    CreatedDateAsc: 'createddate-asc',
    AcceptDateAsc: 'acceptdate-asc',
    AcceptDateDesc: 'acceptdate-desc',
    NicknameAsc: 'nickname-asc',
    NicknameDesc: 'nickname-desc',
} as const;
export type WebcamMadeBookingsOrderBy = typeof WebcamMadeBookingsOrderBy[keyof typeof WebcamMadeBookingsOrderBy];

/**
 * One page of the Webcam bookings the user made. `PageCount` and `PageNumber` were seen. **Assumed:** the other members (`BookingsTotal`, `BookingsPerPage`, `Bookings`) and the XML names follow the PhoneChat made-bookings list.
 * @export
 * @interface WebcamMadeBookingsPage
 */
export interface WebcamMadeBookingsPage {
    /**
     * How many pages the whole result has.
     */
    PageCount: number;
    /**
     * The number of this page, from 1.
     */
    PageNumber: number;
    /**
     * How many bookings the whole result has. **Assumed** name.
     */
    BookingsTotal: number;
    /**
     * Page size used for this result. **Assumed** name.
     */
    BookingsPerPage: number;
    /**
     * The bookings on this page. **Assumed** name.
     */
    Bookings: Array<WebcamBooking>;
}
/**
 * A Webcam booking the authenticated user received as a performer. The pages give the same booking members as on the made side (`WebcamBookingID` to `AcceptedDate` seen). **Assumed:** the other party is the client, in `Client`, where the made booking has `Performer`. The XML namespace is `API.Models.Webcam.Received`, as on the made side.
 * @export
 * @interface WebcamReceivedBooking
 */
export interface WebcamReceivedBooking {
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
     * The messenger sign-in name or email the client gave for the session, so that the performer can recognise them.
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
     * **Assumed.** The client who made the booking.
     */
    Client: WebcamBookingClient;
}


/**
 * A messenger the performer can be booked on. Only `SoftwareTypeID` was seen; the page is cut off after it. **Assumed:** the XML names.
 * @export
 * @interface WebcamSoftwareOption
 */
export interface WebcamSoftwareOption {
    /**
     * 
     */
    SoftwareTypeID: WebcamSoftwareType;
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

/**
 * What a client must meet to book one performer for Webcam (`aws:WebCamUser` on the page): the messengers they take and the shortest session. `UserID` and `SoftwareTypeIDs` were seen. **Assumed:** the name `MinimumDuration` (the page's sample speaks of a minimum of 10 minutes) and the XML names.
 * @export
 * @interface WebcamUserRequirements
 */
export interface WebcamUserRequirements {
    /**
     * The performer these requirements belong to.
     */
    UserID: number;
    /**
     * The messengers the performer can be booked on.
     */
    SoftwareTypeIDs: Array<WebcamSoftwareOption>;
    /**
     * **Assumed name.** The shortest session, in minutes, the performer takes.
     */
    MinimumDuration: number;
}
