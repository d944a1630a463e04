/* tslint:disable */
/* eslint-disable */
export * from './AccountApi.js';
export * from './CreditHistoryApi.js';
export * from './DirectChatApi.js';
export * from './OAuthApi.js';
export * from './PhoneChatApi.js';
export * from './WebcamApi.js';
