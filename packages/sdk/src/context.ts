import type { PhoneChatApi, WebcamApi } from '@adultwork-api/client-fetch';
import type { Transport } from './transport.js';

/** What every namespace needs: the generated request builders and the transport that sends them. */
export interface Context {
  readonly transport: Transport;
  readonly phoneChatApi: PhoneChatApi;
  readonly webcamApi: WebcamApi;
}
