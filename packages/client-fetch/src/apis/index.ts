/* tslint:disable */
/* eslint-disable */
export * from './PhoneChatApi.js';
export * from './WebcamApi.js';
