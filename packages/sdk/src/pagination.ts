import { checkHeaders, fail } from './config.js';
import { AdultWorkError } from './errors.js';
import type { Operation, Paging } from './operation.js';
import { checkCall, type CallOptions, type Transport } from './transport.js';
import { checkInput } from './validation.js';

/** Options of the iterators: those of any call, plus headers that may differ from page to page. */
export interface IterateOptions extends CallOptions {
  /**
   * Headers for the request of one page, merged over `headers`. Mostly for the mock, which picks
   * its answer from a header: `(n) => ({ Prefer: `example=page${n}of3` })`. Given `undefined`
   * for the first request of a backward walk that lets the API pick its starting (last) page.
   */
  pageHeaders?: ((pageNumber: number | undefined) => Record<string, string>) | undefined;
  /**
   * `forward` (page after page up to the last) or `backward` (down to page 1). By default a list
   * is walked away from where the API starts it: forward from page 1, or backward from the last
   * page for a list that starts there (the credit history). Backward from a list that starts at
   * page 1 needs a starting page number in the parameters.
   */
  direction?: 'forward' | 'backward' | undefined;
}

type Page = Record<string, unknown>;

/** What an error about a page says of the request (its query is not known here). */
const pageError = (message: string, { id, method, path }: Operation, body: unknown): AdultWorkError =>
  new AdultWorkError(`${id}: ${message}`, { operation: id, method, path, body });

function checkPage(page: unknown, paging: Paging, operation: Operation): asserts page is Page {
  const shaped =
    page !== null &&
    typeof page === 'object' &&
    typeof (page as Page)[paging.number] === 'number' &&
    typeof (page as Page)[paging.count] === 'number' &&
    Array.isArray((page as Page)[paging.items]);
  if (!shaped) throw pageError(`the response is not a page (${paging.number}, ${paging.count}, ${paging.items})`, operation, page);
}

/**
 * Every page of a list, from the page in the parameters (or where the API starts the list) in
 * the walk's direction. The arguments are checked now; each page is requested only when the loop
 * asks for it, so breaking out early costs nothing. `member` is the group view's [name, value].
 */
export function iteratePages(
  operation: Operation,
  transport: Transport,
  input: unknown,
  options: IterateOptions | undefined,
  member?: readonly [string, number],
): AsyncGenerator<Page, void, undefined> {
  const paging = operation.paging ?? fail(`${operation.id} is not a list`);
  if (typeof transport?.send !== 'function') fail('The first argument must be a transport made by createTransport()');
  const { pageHeaders, direction, ...rest } = options ?? {};
  if (pageHeaders !== undefined && typeof pageHeaders !== 'function') fail('pageHeaders must be a function from a page number to headers');
  if (direction !== undefined && direction !== 'forward' && direction !== 'backward') throw new RangeError('direction must be "forward" or "backward"');
  const call = checkCall(options === undefined ? undefined : rest);
  const params: Page = { ...checkInput(operation, input, member?.[0]) };
  if (member) params[member[0]] = member[1];
  const start = params[paging.page] as number | undefined;
  const backward = (direction ?? (paging.last ? 'backward' : 'forward')) === 'backward';
  if (backward && start === undefined && !paging.last) {
    throw new RangeError(`${operation.id} starts at page 1: give ${paging.page} to walk it backward`);
  }
  const fetchPage = (pageNumber: number | undefined): Promise<unknown> => {
    const query = { ...params };
    if (pageNumber === undefined) delete query[paging.page];
    else query[paging.page] = pageNumber;
    const options = pageHeaders ? { ...call, headers: { ...call?.headers, ...checkHeaders(pageHeaders(pageNumber), 'pageHeaders()') } } : call;
    return transport.send(operation, query, undefined, options);
  };
  return walk(fetchPage, backward ? start : (start ?? 1), backward, paging, operation);
}

/**
 * Yields page after page, fetching each only when the consumer asks for it. Forward it stops
 * after the page count or on an empty page; backward after page 1 or on an empty page.
 */
async function* walk(
  fetchPage: (pageNumber: number | undefined) => Promise<unknown>,
  first: number | undefined,
  backward: boolean,
  paging: Paging,
  operation: Operation,
): AsyncGenerator<Page, void, undefined> {
  let asked = first;
  for (;;) {
    const page: unknown = await fetchPage(asked);
    checkPage(page, paging, operation);
    const number = page[paging.number] as number;
    // A server that ignores the page number would otherwise make this loop forever.
    if (asked !== undefined && number !== asked) throw pageError(`asked for page ${asked} but got page ${number}`, operation, page);
    yield page;
    if ((page[paging.items] as unknown[]).length === 0) return;
    if (backward ? number <= 1 : number >= (page[paging.count] as number)) return;
    asked = backward ? number - 1 : number + 1;
  }
}

/** The items of every page, one at a time. */
export async function* iterateItems(pages: AsyncIterable<Page>, operation: Operation): AsyncGenerator<unknown, void, undefined> {
  const items = (operation.paging as Paging).items;
  for await (const page of pages) yield* page[items] as unknown[];
}
