import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAdminAccess, type AdminAccess } from './admin-access.js';
import { formatLocalDateTime, parseLocalDateTime } from './clock.js';
import { FixtureError } from './fixtures.js';
import { BodyTooLarge, readBody, sendJson } from './http.js';
import { parseJsonBody } from './json.js';
import type { SandboxState } from './state.js';
import { StoreUnavailable, type SandboxData } from './store.js';

export const ADMIN_PREFIX = '/__sandbox';

export interface AdminOptions extends AdminAccess {
  /** Reseeding sends a whole data set, so admin bodies may be far larger than API ones. */
  bodyLimit: number;
  jsonDepthLimit: number;
}

export type AdminRoutes = (request: IncomingMessage, response: ServerResponse, route: string) => Promise<void>;

/** An admin body that is not JSON, or nests too deep; answered 422. */
class AdminInputError extends Error {}

function summary(data: SandboxData) {
  return {
    users: data.users.length,
    tokens: data.tokens.length,
    groups: data.groups.length,
    bookings: Object.fromEntries(Object.entries(data.bookings).map(([service, records]) => [service, records.length])),
  };
}

const invalid = (field: string, message: string) => ({ Message: 'The request is invalid.', ModelState: { [field]: [message] } });

/**
 * Routes for tests and demos, outside the API's `/v1/` space (who may call them: admin-access.ts):
 *   GET  /__sandbox/health        liveness (no token needed)
 *   GET  /__sandbox/state         the whole current data set (seed format)
 *   PUT  /__sandbox/state         reseed with the data set in the body
 *   POST /__sandbox/reset         back to the seed the sandbox started with
 *   GET  /__sandbox/clock         the sandbox's time, and whether it is frozen
 *   PUT  /__sandbox/clock         {"now": "2018-01-25T14:32:12"} freezes it, {"now": null} thaws it
 */
export function createAdminRoutes(state: SandboxState, options: AdminOptions): AdminRoutes {
  const { clock, store } = state;
  const clockView = () => ({ now: formatLocalDateTime(clock.now()), frozen: clock.isFrozen() });

  async function readJson(request: IncomingMessage): Promise<unknown> {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.bodyLimit) throw new BodyTooLarge();
    const raw = await readBody(request, options.bodyLimit);
    if (raw.length === 0) return undefined;
    const parsed = parseJsonBody(raw, options.jsonDepthLimit);
    if (!parsed.ok) throw new AdminInputError(parsed.message);
    return parsed.value;
  }

  /** Reset and reseed replace the whole data set (and the store persists it) here and nowhere else. */
  function reseed(data: SandboxData): Promise<void> {
    return store.replace(data);
  }

  async function route(request: IncomingMessage, response: ServerResponse, path: string, method: string): Promise<void> {
    const allow = (methods: string) => {
      request.resume();
      sendJson(response, 405, { Message: `The requested resource does not support http method '${method}'.` }, { Allow: methods });
    };
    switch (path) {
      case '/health':
        if (method !== 'GET') return allow('GET');
        request.resume();
        return sendJson(response, 200, { status: 'ok' });
      case '/state':
        if (method === 'GET') {
          request.resume();
          return sendJson(response, 200, store.snapshot());
        }
        if (method !== 'PUT') return allow('GET, PUT');
        {
          const data = await readJson(request);
          state.validateData(data);
          await reseed(data);
          return sendJson(response, 200, { Message: 'Reseeded.', ...summary(data) });
        }
      case '/reset': {
        if (method !== 'POST') return allow('POST');
        request.resume();
        const seed = state.seed();
        await reseed(seed);
        return sendJson(response, 200, { Message: 'Reset to the seed.', ...summary(seed) });
      }
      case '/clock': {
        if (method === 'GET') {
          request.resume();
          return sendJson(response, 200, clockView());
        }
        if (method !== 'PUT') return allow('GET, PUT');
        const body = await readJson(request);
        if (!body || typeof body !== 'object' || Array.isArray(body) || !('now' in body)) {
          return sendJson(response, 422, invalid('now', 'now is required (a date-time, or null to follow real time).'));
        }
        const now = (body as { now: unknown }).now;
        const at = typeof now === 'string' ? parseLocalDateTime(now) : undefined;
        if (now !== null && at === undefined) {
          return sendJson(response, 422, invalid('now', 'now must be a date-time like 2018-01-25T14:32:12 (every field in range, years 0001 to 9999), or null.'));
        }
        clock.freeze(at);
        return sendJson(response, 200, clockView());
      }
      default:
        request.resume();
        return sendJson(response, 404, { Message: `No sandbox admin route ${ADMIN_PREFIX}${path}.` });
    }
  }

  return async (request, response, path) => {
    const method = request.method ?? 'GET';
    const verdict = checkAdminAccess(options, request, path !== '/health');
    if (!verdict.ok) {
      request.resume();
      // The connection closes, so a refused body is never read.
      return sendJson(response, verdict.status, { Message: verdict.message }, verdict.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="sandbox-admin"', Connection: 'close' } : { Connection: 'close' });
    }
    try {
      await route(request, response, path, method);
    } catch (error) {
      if (error instanceof FixtureError) return sendJson(response, 422, { Message: error.message, ModelState: error.problems });
      if (error instanceof AdminInputError) return sendJson(response, 422, invalid('body', error.message));
      // The store undid the replacement it could not make durable (an assumed status, as for the API).
      if (error instanceof StoreUnavailable) return sendJson(response, 503, { Message: error.message });
      if (error instanceof BodyTooLarge) {
        request.resume();
        return sendJson(response, 413, { Message: `The body is larger than the admin limit of ${options.bodyLimit} bytes.` }, { Connection: 'close' });
      }
      throw error;
    }
  };
}
