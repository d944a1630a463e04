import { Configuration, PhoneChatApi, WebcamApi } from '@adultwork-api/client-fetch';
import { resolveOptions, type ClientOptions } from './config.js';
import type { Context } from './context.js';
import { GroupMemberPhoneChatBookings, PhoneChatBookings } from './phoneChat.js';
import { Transport } from './transport.js';
import { checkId } from './validation.js';
import { WebcamBookings } from './webcam.js';

/** What a group manager can do for one member of the group. */
export interface GroupMemberView {
  readonly userId: number;
  readonly phoneChat: GroupMemberPhoneChatBookings;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * The AdultWork API client.
 *
 * ```ts
 * const aw = new AdultWorkClient({ accessToken: 'token', environment: 'sandbox' });
 * const page = await aw.phoneChat.listMadeBookings({ BookingsPerPage: 20 });
 * ```
 */
export class AdultWorkClient {
  /** PhoneChat bookings the user made. */
  readonly phoneChat: PhoneChatBookings;
  /** Webcam bookings the user made. */
  readonly webcam: WebcamBookings;
  readonly #ctx: Context;

  constructor(options: ClientOptions) {
    const transport = new Transport(resolveOptions(options));
    // No accessToken here on purpose: the generated builders would ask the token function twice
    // per request (they emit the security requirement twice), so the transport adds the header.
    const configuration = new Configuration({ basePath: transport.baseUrl });
    this.#ctx = { transport, phoneChatApi: new PhoneChatApi(configuration), webcamApi: new WebcamApi(configuration) };
    this.phoneChat = new PhoneChatBookings(this.#ctx);
    this.webcam = new WebcamBookings(this.#ctx);
  }

  /** Base URL requests go to, e.g. `https://api-sandbox.adultwork.com`. */
  get baseUrl(): string {
    return this.#ctx.transport.baseUrl;
  }

  /**
   * Acts as the manager of a group for one of its members: calls go to the `/v1/Groups/...`
   * routes with that member's `UserID`.
   */
  asGroupMember(userId: number): GroupMemberView {
    const id = checkId(userId, 'userId');
    return Object.freeze({ userId: id, phoneChat: new GroupMemberPhoneChatBookings(this.#ctx, id) });
  }

  toString(): string {
    return `AdultWorkClient(${this.baseUrl})`;
  }

  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}
