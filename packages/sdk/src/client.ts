import type { ClientOptions } from './config.js';
import { GroupMemberPhoneChatBookings, PhoneChatBookings } from './phoneChat.js';
import { createTransport, type Transport } from './transport.js';
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
  readonly #transport: Transport;

  constructor(options: ClientOptions) {
    this.#transport = createTransport(options);
    this.phoneChat = new PhoneChatBookings(this.#transport);
    this.webcam = new WebcamBookings(this.#transport);
  }

  /** Base URL requests go to, e.g. `https://api-sandbox.adultwork.com`. */
  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  /**
   * The transport this client sends with, for the operation functions of
   * `@adultwork-api/sdk/operations`: `listPhoneChatMadeBookings(aw.transport, params)`.
   */
  get transport(): Transport {
    return this.#transport;
  }

  /**
   * Acts as the manager of a group for one of its members: calls go to the `/v1/Groups/...`
   * routes with that member's `UserID`.
   */
  asGroupMember(userId: number): GroupMemberView {
    const id = checkId(userId, 'userId');
    return Object.freeze({ userId: id, phoneChat: new GroupMemberPhoneChatBookings(this.#transport, id) });
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
