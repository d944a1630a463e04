import { checkedSend } from './checkedSend.js';
import type { Operation } from './operation.js';
import { iterateItems, iteratePages, type IterateOptions } from './pagination.js';
import type { CallOptions, Transport } from './transport.js';
import { checkInput } from './validation.js';

/** The group member a call is made for: the member parameter's name and the member's ID. */
export type Member = readonly [name: string, userId: number];

/**
 * Checks an operation's input against its generated rules and sends it: the query parameters of
 * a GET, the JSON body of a POST. The group view passes the member, which the input may not name.
 */
export function sendChecked<Result>(
  operation: Operation<unknown, unknown, Result>,
  transport: Transport,
  input: unknown,
  options: CallOptions | undefined,
  member?: Member,
): Promise<Result> {
  return checkedSend(transport, () => {
    let value = checkInput(operation, input, member?.[0]);
    if (member) value = { ...value, [member[0]]: member[1] };
    return operation.body
      ? transport.send(operation, undefined, value ?? {}, options)
      : transport.send(operation, value, undefined, options);
  });
}

/** Whether a call takes an input argument before its options: not when it has no parameters left. */
export const takesInput = (operation: Operation, member?: Member): boolean => operation.fields.some((rule) => rule.name !== member?.[0]);

type Args = [input: unknown, options?: CallOptions | IterateOptions];
const split = (operation: Operation, args: unknown[], member?: Member): Args =>
  (takesInput(operation, member) ? args : [undefined, ...args]) as Args;

// The three makers of the generated operation functions; the generated code gives each its type.

/** `listPhoneChatMadeBookings(transport, params?, options?)` and the like. */
export const callOf =
  (operation: Operation): ((transport: Transport, ...args: any[]) => Promise<any>) =>
  (transport, ...args) => {
    const [input, options] = split(operation, args);
    return sendChecked(operation, transport, input, options);
  };

/** `iteratePhoneChatMadeBookingPages(transport, params?, options?)` and the like. */
export const pagesOf =
  (operation: Operation): ((transport: Transport, ...args: any[]) => AsyncGenerator<any, void, undefined>) =>
  (transport, ...args) => {
    const [input, options] = split(operation, args);
    return iteratePages(operation, transport, input, options);
  };

/** `iteratePhoneChatMadeBookings(transport, params?, options?)` and the like. */
export const itemsOf =
  (operation: Operation): ((transport: Transport, ...args: any[]) => AsyncGenerator<any, void, undefined>) =>
  (transport, ...args) => {
    const [input, options] = split(operation, args);
    return iterateItems(iteratePages(operation, transport, input, options), operation);
  };
