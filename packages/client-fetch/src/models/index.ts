/* tslint:disable */
/* eslint-disable */
export * from './BookingStatus.js';
export * from './CancelMadeBookingRequest.js';
export * from './DeleteBookingResult.js';
export * from './DeleteMadeBookingsRequest.js';
export * from './ModelError.js';
export * from './PhoneChatBookingUser.js';
export * from './PhoneChatCallMethod.js';
export * from './PhoneChatMadeBooking.js';
export * from './PhoneChatMadeBookingsOrderBy.js';
export * from './PhoneChatMadeBookingsPage.js';
export * from './RescheduleMadeBookingRequest.js';
export * from './UserFeedbackSummary.js';
export * from './WebcamBooking.js';
export * from './WebcamBookingPerformer.js';
export * from './WebcamSoftwareType.js';
