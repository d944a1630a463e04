import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize } from './auth.js';
import { parseLocalDateTime } from './clock.js';
import { answerFailure, BodyTooLarge, collectBody, parseContentType, send, sendJson } from './http.js';
import { parseJsonBody } from './json.js';
import type { Outcome } from './operations.js';
import { MEDIA_JSON, MEDIA_XML, type PreparedOperation } from './prepare.js';
import type { SandboxState } from './state.js';
import { StoreUnavailable, type SandboxUser } from './store.js';
import { coerceQueryValue, toModelState, type ModelState } from './validation.js';
import type { DataContractXml } from './xml.js';

export const SANDBOX_NOW_HEADER = 'x-sandbox-now';

export interface PipelineOptions {
  bodyLimit: number;
  jsonDepthLimit: number;
  checkResponses: boolean;
  report: (error: unknown) => void;
}

/**
 * Answers one API request for an operation already routed to: auth → input → clock → handler →
 * commit → answer. An operation without a body is answered before it returns; one with a body
 * once the body is read (and answers its own failures then). The promise, when there is one, is
 * a commit to the state file under way.
 */
export type ApiPipeline = (request: IncomingMessage, response: ServerResponse, entry: PreparedOperation, search: string) => Promise<void> | void;

const NO_BODY: Record<string, unknown> = Object.freeze({});

const VARY_ACCEPT: Record<string, string> = Object.freeze({ Vary: 'Accept' });
/** An answer whose representation depends on `Accept` says so. */
const withVary = (headers: Record<string, string> | undefined) => (headers === undefined ? VARY_ACCEPT : { ...headers, Vary: 'Accept' });

function invalid(modelState: ModelState): Outcome {
  return { status: 422, body: { Message: 'The request is invalid.', ModelState: modelState } };
}

type ParsedQuery = { query: Readonly<Record<string, unknown>> } | { problems: ModelState };

const NO_QUERY: ParsedQuery = Object.freeze({ query: Object.freeze({}) });
const QUERIES_REMEMBERED = 256;
const parsedQueries = new WeakMap<PreparedOperation, Map<string, ParsedQuery>>();

/**
 * The operation's query parameters, read and checked. Clients send the same query strings over
 * and over (the same list, page after page), so each operation remembers its last few answers;
 * they are frozen, as every request that sends the string shares them.
 */
function parseQuery(entry: PreparedOperation, search: string): ParsedQuery {
  // An operation without query parameters ignores the query string, like any other unknown parameter.
  if (entry.validators.queryParameters.length === 0) return NO_QUERY;
  let remembered = parsedQueries.get(entry);
  if (!remembered) parsedQueries.set(entry, (remembered = new Map()));
  let parsed = remembered.get(search);
  if (parsed === undefined) {
    parsed = readQuery(entry, search);
    if ('query' in parsed) Object.freeze(parsed.query);
    // Bounded, so that a client sending endless distinct query strings cannot grow it.
    if (remembered.size >= QUERIES_REMEMBERED) remembered.clear();
    remembered.set(search, Object.freeze(parsed));
  }
  return parsed;
}

function readQuery(entry: PreparedOperation, search: string): ParsedQuery {
  const params = new URLSearchParams(search);
  const query: Record<string, unknown> = {};
  const problems: ModelState = {};
  const empties: string[] = [];
  for (const parameter of entry.validators.queryParameters) {
    const values = params.getAll(parameter.name);
    if (values.length > 1) {
      problems[parameter.name] = [`${parameter.name} must be given at most once.`];
      continue;
    }
    const raw = values[0];
    if (raw === '' && parameter.allowEmptyValue) {
      empties.push(parameter.name);
      continue;
    }
    if (raw === undefined) {
      if (parameter.resolved.default !== undefined) query[parameter.name] = parameter.resolved.default;
      continue;
    }
    // `?StartDate=` sends a value, the empty string, and the schema judges it like any other.
    query[parameter.name] = coerceQueryValue(raw, parameter.resolved);
  }
  if (!entry.validators.query(query)) Object.assign(problems, toModelState(entry.validators.query.errors, 'query'));
  // An empty value the parameter allows reaches the handler as '' once the rest has been checked.
  for (const name of empties) query[name] = '';
  return Object.keys(problems).length > 0 ? { problems } : { query };
}

/** The request's `X-Sandbox-Now`, else the sandbox clock; a header that is not a real date-time is refused. */
function requestTime(request: IncomingMessage, state: SandboxState): number | Outcome {
  const override = request.headers[SANDBOX_NOW_HEADER];
  if (override === undefined) return state.clock.now();
  const parsed = typeof override === 'string' ? parseLocalDateTime(override) : undefined;
  if (parsed !== undefined) return parsed;
  return invalid({ 'X-Sandbox-Now': ['X-Sandbox-Now must be a date-time like 2018-01-25T14:32:12, with every field in range and the year from 0001 to 9999.'] });
}

export function createApiPipeline(state: SandboxState, xml: DataContractXml, options: PipelineOptions): ApiPipeline {
  const { bodyLimit, jsonDepthLimit, checkResponses, report } = options;
  const { store } = state;
  // The connection closes: the rest of the body is not worth reading.
  const tooLarge = (): Outcome => ({ status: 413, body: { Message: `The request body is larger than the limit of ${bodyLimit} bytes.` }, headers: { Connection: 'close' } });

  function reply(request: IncomingMessage, response: ServerResponse, entry: PreparedOperation, outcome: Outcome): void {
    if (checkResponses) {
      const check = entry.validators.responses.get(`${outcome.status} ${MEDIA_JSON}`);
      if (!check || !check(outcome.body)) {
        const detail = check ? JSON.stringify(check.errors) : `status ${outcome.status} is not documented`;
        report(new Error(`${entry.operation.operationId}: response does not match the spec: ${detail}`));
        sendJson(response, 500, { Message: `The sandbox produced a response that does not match the spec (${detail}).` });
        return;
      }
    }
    const wanted = outcome.status === 200 ? entry.choose(request.headers.accept) : MEDIA_JSON;
    const xmlSchema = wanted === MEDIA_XML ? entry.representations.get(String(outcome.status))?.get(MEDIA_XML) : undefined;
    if (xmlSchema) {
      send(response, outcome.status, 'application/xml; charset=utf-8', xml.serialize(outcome.body, xmlSchema), withVary(outcome.headers));
    } else {
      const headers = entry.offers.length > 1 ? withVary(outcome.headers) : outcome.headers;
      if (outcome.json !== undefined) send(response, outcome.status, 'application/json; charset=utf-8', outcome.json, headers);
      else send(response, outcome.status, 'application/json; charset=utf-8', JSON.stringify(outcome.body), headers);
    }
  }

  /** The body as the operation's schema wants it, or the answer that refuses it. */
  function parseBody(entry: PreparedOperation, request: IncomingMessage, raw: Buffer): { body: Record<string, unknown> } | { outcome: Outcome } {
    const requestBody = entry.operation.requestBody!;
    if (raw.length === 0) {
      if (!requestBody.required) return { body: {} };
      return { outcome: invalid({ request: ['A request body is required.'] }) };
    }
    const contentType = parseContentType(request.headers['content-type']);
    if (!contentType || !requestBody.content[contentType.type] || (contentType.charset && contentType.charset !== 'utf-8' && contentType.charset !== 'utf8')) {
      const accepted = Object.keys(requestBody.content).join(', ');
      return { outcome: { status: 415, body: { Message: `The request body must be sent as ${accepted} (UTF-8); got ${request.headers['content-type'] ?? 'no Content-Type'}.` } } };
    }
    const parsed = parseJsonBody(raw, jsonDepthLimit);
    if (!parsed.ok) return { outcome: invalid({ request: [parsed.message] }) };
    const validate = entry.validators.body!;
    if (!validate(parsed.value)) return { outcome: invalid(toModelState(validate.errors, 'request')) };
    return { body: parsed.value as Record<string, unknown> };
  }

  /** Clock → handler → commit → answer, for a request whose token, query and body are good. */
  function perform(request: IncomingMessage, response: ServerResponse, entry: PreparedOperation, caller: SandboxUser, scopes: readonly string[], query: Readonly<Record<string, unknown>>, body: Record<string, unknown>): Promise<void> | void {
    const now = requestTime(request, state);
    if (typeof now !== 'number') return reply(request, response, entry, now);
    const outcome = entry.handler({ caller, tokenUser: caller, scopes, query, body, now });
    if (!outcome.changed) return reply(request, response, entry, outcome);
    // Every change an API call makes is made durable here, before it is acknowledged. One that
    // cannot be is undone by the store and answered 503 (an assumed status: the API documents none).
    const durable = store.commit();
    if (durable === undefined) return reply(request, response, entry, outcome);
    return durable.then(
      () => reply(request, response, entry, outcome),
      (error: unknown) => {
        if (!(error instanceof StoreUnavailable)) throw error;
        sendJson(response, 503, { Message: error.message });
      },
    );
  }

  /**
   * The rest of a call that takes a body, once the body is in. It runs in the stream's callback,
   * outside any promise, so it answers its own failures as the dispatch would.
   */
  function performWithBody(request: IncomingMessage, response: ServerResponse, entry: PreparedOperation, caller: SandboxUser, scopes: readonly string[], parsedQuery: ParsedQuery): void {
    collectBody(request, bodyLimit, (error, raw) => {
      try {
        const pending = afterBody(request, response, entry, caller, scopes, parsedQuery, error, raw);
        if (pending) pending.catch((failure: unknown) => answerFailure(response, failure, report));
      } catch (failure) {
        answerFailure(response, failure, report);
      }
    });
  }

  function afterBody(
    request: IncomingMessage,
    response: ServerResponse,
    entry: PreparedOperation,
    caller: SandboxUser,
    scopes: readonly string[],
    parsedQuery: ParsedQuery,
    error: Error | undefined,
    raw: Buffer | undefined,
  ): Promise<void> | void {
    // Larger than Content-Length said, or sent chunked without one: the connection closes, so
    // its 413 goes before any query problem.
    if (error instanceof BodyTooLarge) return reply(request, response, entry, tooLarge());
    if (error) throw error;
    const parsedBody = parseBody(entry, request, raw!);
    if ('problems' in parsedQuery) return reply(request, response, entry, invalid(parsedQuery.problems));
    if ('outcome' in parsedBody) return reply(request, response, entry, parsedBody.outcome);
    return perform(request, response, entry, caller, scopes, parsedQuery.query, parsedBody.body);
  }

  return function handleApi(request, response, entry, search) {
    const takesBody = entry.operation.requestBody !== undefined;
    // A body declared too large is refused before anything else, without reading it.
    if (takesBody && Number(request.headers['content-length']) > bodyLimit) {
      request.resume();
      return reply(request, response, entry, tooLarge());
    }
    const auth = authorize(entry.operation.security, request.headers.authorization, store);
    if (!auth.ok) {
      request.resume();
      const headers: Record<string, string> = auth.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
      return reply(request, response, entry, { status: auth.status, body: { Message: auth.message }, headers });
    }
    const caller = store.user(auth.token!.UserID)!;
    // The granted scopes travel with the call: answers such as the permissions list reflect them.
    const scopes = auth.token!.Scopes;
    const parsedQuery = parseQuery(entry, search);
    if (takesBody) return performWithBody(request, response, entry, caller, scopes, parsedQuery);
    // The operation takes no body, so the spec documents no 413 or 415 for it: whatever a
    // client sends anyway is drained unread, as most servers do with a GET body.
    request.resume();
    if ('problems' in parsedQuery) return reply(request, response, entry, invalid(parsedQuery.problems));
    return perform(request, response, entry, caller, scopes, parsedQuery.query, NO_BODY);
  };
}
