import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authorize, UNAUTHORIZED_MESSAGE } from './auth.js';
import { handleAdmin, ADMIN_PREFIX } from './admin.js';
import { parseLocalDateTime, SandboxClock } from './clock.js';
import { defaultSeedPath, makeDataValidator, readSeed } from './fixtures.js';
import { BodyTooLarge, parseContentType, readBody, send, sendJson } from './http.js';
import { negotiate } from './negotiation.js';
import { buildHandlers, planOperations, type Handler, type Outcome } from './operations.js';
import { collectionsOf } from './resources.js';
import { matchRoute, buildRoutes } from './routes.js';
import { defaultSpecPath, listOperations, loadSpec, type JsonObject, type Operation } from './spec.js';
import { Store, StoreUnavailable, type SandboxData, type StoreIo } from './store.js';
import type { CompactionPolicy } from './store/journal.js';
import { coerceQueryValue, SpecValidator, toModelState, type CompiledOperationValidators, type ModelState } from './validation.js';
import { DataContractXml } from './xml.js';

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 0 (the CLI defaults to 4020). */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Persist the state in this journal file (see docs/sandbox.md); in memory only when left out. */
  stateFile?: string;
  /** The state file's I/O (tests inject failures); node:fs by default. */
  storeIo?: StoreIo;
  /** When the state file is compacted; 16 MiB and 1× the snapshot by default. */
  compaction?: Partial<CompactionPolicy>;
  /** The bundled OpenAPI document to serve; `@adultwork-api/openapi`'s by default. */
  spec?: string;
  /** Seed data file (the format of fixtures/seed.json); the package's own by default. */
  seed?: string;
  /** Wall-clock source: a fixed `LocalDateTime` string to freeze at, or a function of real time. */
  clock?: string | (() => number);
  /** Time zone of the sandbox's wall clock when it is not frozen. Default Europe/London. */
  timeZone?: string;
  /** Largest accepted request body of an API operation, in bytes. Default 64 KiB. */
  bodyLimit?: number;
  /** Check every response against the spec and answer 500 on a mismatch (for tests). */
  checkResponses?: boolean;
  /** Where to report internal errors; console.error by default. */
  onError?: (error: unknown) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const SANDBOX_NOW_HEADER = 'x-sandbox-now';
const MEDIA_JSON = 'application/json';
const MEDIA_XML = 'application/xml';

interface PreparedOperation {
  operation: Operation;
  validators: CompiledOperationValidators;
  handler: Handler;
  /** Status → schema per media type, for serialising and checking answers. */
  representations: Map<string, Map<string, JsonObject>>;
  offers: string[];
}

export interface SandboxCore {
  store: Store;
  clock: SandboxClock;
  seed: SandboxData;
  validateData: (data: unknown) => asserts data is SandboxData;
}

function invalid(modelState: ModelState): Outcome {
  return { status: 422, body: { Message: 'The request is invalid.', ModelState: modelState } };
}

/**
 * The pipeline itself answers 413 to a body over the limit and 415 to one not sent as JSON, on
 * every operation that takes a body; a spec that does not document both there could never be
 * answered conformingly, so it is refused like any other spec the sandbox cannot serve.
 */
function checkDocumentedStatuses(operations: Operation[]): void {
  for (const operation of operations) {
    if (!operation.requestBody) continue;
    const missing = ['413', '415'].filter((status) => !operation.responses[status]?.content?.[MEDIA_JSON]?.schema);
    if (missing.length > 0) {
      throw new Error(
        `${operation.operationId}: takes a request body but documents no JSON ${missing.join(' or ')} response; the sandbox answers 413 to a body over its limit and 415 to one not sent as JSON`,
      );
    }
  }
}

/** Builds everything from the spec; any problem with the spec or the seed throws here, not later. */
export function createSandbox(options: SandboxOptions = {}) {
  const doc = loadSpec(options.spec ?? defaultSpecPath());
  const operations = listOperations(doc);
  checkDocumentedStatuses(operations);
  const plans = planOperations(doc, operations);
  const idProperties = collectionsOf(plans.map(({ operation, resource }) => ({ operationId: operation.operationId, resource })));
  const validator = new SpecValidator(doc);
  const validateData: (data: unknown) => asserts data is SandboxData = makeDataValidator(validator, idProperties);
  const seed: unknown = readSeed(options.seed ?? defaultSeedPath());
  validateData(seed);

  const store = new Store(idProperties, options.stateFile, {
    ...(options.storeIo ? { io: options.storeIo } : {}),
    ...(options.compaction ? { compaction: options.compaction } : {}),
    ...(options.onError ? { report: options.onError } : {}),
  });
  store.open(seed, validateData);

  const clock = new SandboxClock(options.timeZone, typeof options.clock === 'function' ? options.clock : undefined);
  if (typeof options.clock === 'string') {
    const frozen = parseLocalDateTime(options.clock);
    if (frozen === undefined) throw new Error(`clock "${options.clock}" is not a date-time like 2018-01-25T14:32:12`);
    clock.freeze(frozen);
  }

  const handlers = buildHandlers(plans, store);
  const prepared = new Map<string, PreparedOperation>();
  for (const operation of operations) {
    const representations = new Map<string, Map<string, JsonObject>>();
    for (const [status, response] of Object.entries(operation.responses)) {
      const media = new Map<string, JsonObject>();
      for (const [type, content] of Object.entries(response.content ?? {})) if (content.schema) media.set(type, content.schema);
      representations.set(status, media);
    }
    const success = representations.get('200');
    prepared.set(operation.operationId, {
      operation,
      validators: validator.prepare(operation),
      handler: handlers.get(operation.operationId)!,
      representations,
      offers: success?.has(MEDIA_XML) ? [MEDIA_JSON, MEDIA_XML] : [MEDIA_JSON],
    });
  }
  const routes = buildRoutes(operations);
  const xml = new DataContractXml(doc);
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const report = options.onError ?? ((error: unknown) => console.error('[sandbox]', error));
  const core: SandboxCore = { store, clock, seed, validateData };
  // The connection closes: the rest of the body is not worth reading.
  const tooLarge = (): Outcome => ({ status: 413, body: { Message: `The request body is larger than the limit of ${bodyLimit} bytes.` }, headers: { Connection: 'close' } });

  function reply(request: IncomingMessage, response: ServerResponse, entry: PreparedOperation, outcome: Outcome): void {
    const media = entry.representations.get(String(outcome.status));
    if (options.checkResponses) {
      const check = entry.validators.responses.get(`${outcome.status} ${MEDIA_JSON}`);
      if (!check || !check(outcome.body)) {
        const detail = check ? JSON.stringify(check.errors) : `status ${outcome.status} is not documented`;
        report(new Error(`${entry.operation.operationId}: response does not match the spec: ${detail}`));
        sendJson(response, 500, { Message: `The sandbox produced a response that does not match the spec (${detail}).` });
        return;
      }
    }
    const wanted = outcome.status === 200 ? negotiate(request.headers.accept, entry.offers) : MEDIA_JSON;
    const xmlSchema = wanted === MEDIA_XML ? media?.get(MEDIA_XML) : undefined;
    if (xmlSchema) {
      send(response, outcome.status, 'application/xml; charset=utf-8', xml.serialize(outcome.body, xmlSchema), { ...outcome.headers, Vary: 'Accept' });
    } else {
      const headers = entry.offers.length > 1 ? { ...outcome.headers, Vary: 'Accept' } : outcome.headers;
      send(response, outcome.status, 'application/json; charset=utf-8', outcome.json ?? JSON.stringify(outcome.body), headers);
    }
  }

  function parseQuery(entry: PreparedOperation, search: string): { query: Record<string, unknown> } | { problems: ModelState } {
    const params = new URLSearchParams(search);
    const query: Record<string, unknown> = {};
    const problems: ModelState = {};
    for (const parameter of entry.validators.queryParameters) {
      const values = params.getAll(parameter.name);
      if (values.length > 1) {
        problems[parameter.name] = [`${parameter.name} must be given at most once.`];
        continue;
      }
      const raw = values[0];
      if (raw === undefined) {
        if (parameter.resolved.default !== undefined) query[parameter.name] = parameter.resolved.default;
        continue;
      }
      // `?StartDate=` sends a value, the empty string, and the schema judges it like any other.
      query[parameter.name] = coerceQueryValue(raw, parameter.resolved);
    }
    if (!entry.validators.query(query)) Object.assign(problems, toModelState(entry.validators.query.errors, 'query'));
    return Object.keys(problems).length > 0 ? { problems } : { query };
  }

  async function parseBody(entry: PreparedOperation, request: IncomingMessage): Promise<{ body: Record<string, unknown> } | { outcome: Outcome }> {
    const requestBody = entry.operation.requestBody;
    if (!requestBody) {
      // The operation takes no body, so the spec documents no 413 or 415 for it: whatever a
      // client sends anyway is drained unread, as most servers do with a GET body.
      request.resume();
      return { body: {} };
    }
    let raw: Buffer;
    try {
      raw = await readBody(request, bodyLimit);
    } catch (error) {
      // Larger than Content-Length said, or sent chunked without one.
      if (error instanceof BodyTooLarge) return { outcome: tooLarge() };
      throw error;
    }
    if (raw.length === 0) {
      if (!requestBody.required) return { body: {} };
      return { outcome: invalid({ request: ['A request body is required.'] }) };
    }
    const contentType = parseContentType(request.headers['content-type']);
    if (!contentType || !requestBody.content[contentType.type] || (contentType.charset && contentType.charset !== 'utf-8' && contentType.charset !== 'utf8')) {
      const accepted = Object.keys(requestBody.content).join(', ');
      return { outcome: { status: 415, body: { Message: `The request body must be sent as ${accepted} (UTF-8); got ${request.headers['content-type'] ?? 'no Content-Type'}.` } } };
    }
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      return { outcome: invalid({ request: [`The request body is not valid JSON: ${(error as Error).message}`] }) };
    }
    const validate = entry.validators.body!;
    if (!validate(value)) return { outcome: invalid(toModelState(validate.errors, 'request')) };
    return { body: value as Record<string, unknown> };
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, entry: PreparedOperation, search: string): Promise<void> {
    // A body declared too large is refused before anything else, without reading it.
    const declared = Number(request.headers['content-length']);
    if (entry.operation.requestBody && Number.isFinite(declared) && declared > bodyLimit) {
      request.resume();
      return reply(request, response, entry, tooLarge());
    }
    const auth = authorize(entry.operation.security, request.headers.authorization, store);
    if (!auth.ok) {
      request.resume();
      const headers: Record<string, string> = auth.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
      return reply(request, response, entry, { status: auth.status, body: { Message: auth.message }, headers });
    }
    const parsedQuery = parseQuery(entry, search);
    const parsedBody = await parseBody(entry, request);
    // A body over the limit closes the connection, so its 413 goes before any query problem.
    if ('outcome' in parsedBody && parsedBody.outcome.status === 413) return reply(request, response, entry, parsedBody.outcome);
    if ('problems' in parsedQuery) {
      return reply(request, response, entry, invalid(parsedQuery.problems));
    }
    if ('outcome' in parsedBody) return reply(request, response, entry, parsedBody.outcome);

    let now = clock.now();
    const override = request.headers[SANDBOX_NOW_HEADER];
    if (override !== undefined) {
      const parsed = typeof override === 'string' ? parseLocalDateTime(override.trim()) : undefined;
      if (parsed === undefined) {
        return reply(request, response, entry, invalid({ 'X-Sandbox-Now': ['X-Sandbox-Now must be a date-time like 2018-01-25T14:32:12.'] }));
      }
      now = parsed;
    }
    const caller = store.user(auth.token!.UserID)!;
    const outcome = await entry.handler({ caller, client: caller, query: parsedQuery.query, body: parsedBody.body, now });
    reply(request, response, entry, outcome);
  }

  async function listener(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = request.url ?? '/';
      const mark = url.indexOf('?');
      const path = mark === -1 ? url : url.slice(0, mark);
      const search = mark === -1 ? '' : url.slice(mark + 1);
      if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
        await handleAdmin(core, request, response, path.slice(ADMIN_PREFIX.length));
        return;
      }
      const origin = request.headers.origin;
      if (origin !== undefined) {
        // Browsers may call the sandbox from another local origin (a docs page, a web app), as
        // they may call Prism; the data is fixture data, so any origin is welcome.
        response.setHeader('Access-Control-Allow-Origin', '*');
        response.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, X-Sandbox-Prerequisite');
        const preflight = request.method === 'OPTIONS' ? request.headers['access-control-request-method'] : undefined;
        if (preflight) {
          const allowed = matchRoute(routes, path, preflight === 'HEAD' ? 'GET' : preflight);
          request.resume();
          if (allowed.kind === 'notFound') {
            sendJson(response, 404, { Message: `No HTTP resource was found that matches the request URI '${path}'.` });
            return;
          }
          const methods = allowed.kind === 'found' ? [allowed.operation.method] : allowed.allow;
          response.writeHead(204, {
            'Access-Control-Allow-Methods': methods.join(', '),
            'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Accept, X-Sandbox-Now',
            'Access-Control-Max-Age': '600',
          });
          response.end();
          return;
        }
      }
      const match = matchRoute(routes, path, request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET'));
      if (match.kind === 'notFound') {
        request.resume();
        sendJson(response, 404, { Message: `No HTTP resource was found that matches the request URI '${path}'.` });
        return;
      }
      if (match.kind === 'methodNotAllowed') {
        request.resume();
        sendJson(response, 405, { Message: `The requested resource does not support http method '${request.method}'.` }, { Allow: match.allow.join(', ') });
        return;
      }
      await handleApi(request, response, prepared.get(match.operation.operationId)!, search);
    } catch (error) {
      // Assumed status: the spec documents no answer for a change the sandbox could not save.
      if (error instanceof StoreUnavailable) return sendJson(response, 503, { Message: error.message });
      report(error);
      sendJson(response, 500, { Message: 'An error has occurred.' });
    }
  }

  const server = createServer({ keepAliveTimeout: 5000 }, (request, response) => {
    void listener(request, response);
  });
  // A request Node's parser rejects still gets the error body, not a bare 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({ Message: `The request could not be read: ${error.code ?? error.message}.` });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return { server, core, doc };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { server, core } = createSandbox(options);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    stop: () => stopServer(server).then(() => core.store.close()),
  };
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests in flight get a moment to finish; then their sockets go too.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}

export { UNAUTHORIZED_MESSAGE };
