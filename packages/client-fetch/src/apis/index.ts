/* tslint:disable */
/* eslint-disable */
export * from './AccountApi.js';
export * from './CreditHistoryApi.js';
export * from './PhoneChatApi.js';
export * from './WebcamApi.js';
