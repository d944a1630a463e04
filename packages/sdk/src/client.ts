import type { ClientOptions } from './config.js';
import { groupMemberNamespaceTables, namespaceTables, type GroupMemberNamespaces, type Namespaces } from './generated/namespaces.js';
import { bindNamespace } from './namespace.js';
import { createTransport, type Transport } from './transport.js';
import { checkId } from './validation.js';

/** What a group manager can do for one member of the group: the `/v1/Groups/...` operations. */
export type GroupMemberView = GroupMemberNamespaces & { readonly userId: number };

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

function bindAll(transport: Transport, tables: object, memberId?: number): Record<string, object> {
  const bound: Record<string, object> = {};
  for (const [name, methods] of Object.entries(tables)) bound[name] = bindNamespace(transport, methods, memberId);
  return bound;
}

// The namespaces (phoneChat, webcam, account, credits, ...) are generated from the spec's tags.
export interface AdultWorkClient extends Namespaces {}

/**
 * The AdultWork API client: one namespace per area of the API, generated from the spec.
 *
 * ```ts
 * const aw = new AdultWorkClient({ accessToken: 'token', environment: 'sandbox' });
 * const page = await aw.phoneChat.listMadeBookings({ BookingsPerPage: 20 });
 * ```
 */
export class AdultWorkClient {
  readonly #transport: Transport;

  constructor(options: ClientOptions) {
    this.#transport = createTransport(options);
    Object.assign(this, bindAll(this.#transport, namespaceTables));
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
   * routes with that member's `UserID` (in the query of a GET, the body of a POST).
   */
  asGroupMember(userId: number): GroupMemberView {
    const id = checkId(userId, 'userId');
    return Object.freeze({ userId: id, ...bindAll(this.#transport, groupMemberNamespaceTables, id) }) as GroupMemberView;
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
