import { describe, fail } from './config.js';
import type { Transport } from './transport.js';

/**
 * Runs an operation's checks and sends it. Not an async function, so a call costs no more promise
 * turns than the transport's own; a failed check still comes back as a rejected promise, like any
 * other failure of the call, never as a throw.
 */
export function checkedSend<Result>(transport: Transport, checkAndSend: () => Promise<Result>): Promise<Result> {
  try {
    if (typeof transport?.send !== 'function') fail(`The first argument must be a transport made by createTransport(), got ${describe(transport)}`);
    return checkAndSend();
  } catch (error) {
    return Promise.reject(error);
  }
}
