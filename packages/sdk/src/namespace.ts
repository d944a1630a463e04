import { apiPromise } from './apiPromise.js';
import type { Operation } from './operation.js';
import { sendChecked, takesInput, type Member } from './operationFunction.js';
import { iterateItems, iteratePages, type IterateOptions } from './pagination.js';
import type { CallOptions, Transport } from './transport.js';

/**
 * One method of a namespace, as the generated tables list it: its name, its operation, and what
 * it does with it: 0 calls it, 1 iterates its pages, 2 iterates the items of its pages.
 */
export type Method = readonly [name: string, operation: Operation, kind: 0 | 1 | 2];

/**
 * The methods of one namespace bound to a transport (and, for the group view, to a member): the
 * same code for every operation, driven by the generated table.
 */
export function bindNamespace(transport: Transport, methods: readonly Method[], memberId?: number): object {
  const namespace: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, operation, kind] of methods) {
    // The twin's own member parameter (x-adultwork-group-manager's memberParameter).
    const member: Member | undefined = memberId === undefined ? undefined : [operation.member ?? 'UserID', memberId];
    const withInput = takesInput(operation, member);
    namespace[name] = (...args) => {
      const input = withInput ? args[0] : undefined;
      const options = (withInput ? args[1] : args[0]) as (CallOptions & IterateOptions) | undefined;
      if (kind === 0) return apiPromise(sendChecked(operation, transport, input, options, member));
      const pages = iteratePages(operation, transport, input, options, member);
      return kind === 1 ? pages : iterateItems(pages, operation);
    };
  }
  return Object.freeze(namespace);
}
