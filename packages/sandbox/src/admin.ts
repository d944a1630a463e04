import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatLocalDateTime, parseLocalDateTime } from './clock.js';
import { FixtureError } from './fixtures.js';
import { BodyTooLarge, readBody, sendJson } from './http.js';
import type { SandboxCore } from './server.js';
import type { SandboxData } from './store.js';

export const ADMIN_PREFIX = '/__sandbox';
/** Reseeding sends a whole data set, so admin bodies may be far larger than API ones. */
const ADMIN_BODY_LIMIT = 64 * 1024 * 1024;

function summary(data: SandboxData) {
  return {
    users: data.users.length,
    tokens: data.tokens.length,
    groups: data.groups.length,
    items: Object.fromEntries(Object.entries(data.items).map(([schema, records]) => [schema, records.length])),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const raw = await readBody(request, ADMIN_BODY_LIMIT);
  if (raw.length === 0) return undefined;
  return JSON.parse(raw.toString('utf8'));
}

/**
 * Routes for tests and demos, outside the API's `/v1/` space:
 *   GET  /__sandbox/health        liveness
 *   GET  /__sandbox/state         the whole current data set (seed format)
 *   PUT  /__sandbox/state         reseed with the data set in the body
 *   POST /__sandbox/reset         back to the seed the sandbox started with
 *   GET  /__sandbox/clock         the sandbox's time, and whether it is frozen
 *   PUT  /__sandbox/clock         {"now": "2018-01-25T14:32:12"} freezes it, {"now": null} thaws it
 */
export async function handleAdmin(core: SandboxCore, request: IncomingMessage, response: ServerResponse, route: string): Promise<void> {
  const method = request.method ?? 'GET';
  const allow = (methods: string) => {
    request.resume();
    sendJson(response, 405, { Message: `The requested resource does not support http method '${method}'.` }, { Allow: methods });
  };
  try {
    switch (route) {
      case '/health':
        if (method !== 'GET') return allow('GET');
        return sendJson(response, 200, { status: 'ok' });
      case '/state':
        if (method === 'GET') return sendJson(response, 200, core.store.snapshot());
        if (method === 'PUT') {
          const data = await readJson(request);
          core.validateData(data);
          await core.store.replace(data);
          return sendJson(response, 200, { Message: 'Reseeded.', ...summary(data) });
        }
        return allow('GET, PUT');
      case '/reset':
        if (method !== 'POST') return allow('POST');
        request.resume();
        await core.store.replace(core.seed);
        return sendJson(response, 200, { Message: 'Reset to the seed.', ...summary(core.seed) });
      case '/clock': {
        if (method === 'GET') return sendJson(response, 200, { now: formatLocalDateTime(core.clock.now()), frozen: core.clock.isFrozen() });
        if (method !== 'PUT') return allow('GET, PUT');
        const body = (await readJson(request)) as { now?: unknown } | undefined;
        if (!body || typeof body !== 'object' || !('now' in body)) {
          return sendJson(response, 422, { Message: 'The request is invalid.', ModelState: { now: ['now is required (a date-time, or null to follow real time).'] } });
        }
        if (body.now === null) core.clock.freeze(undefined);
        else {
          const at = typeof body.now === 'string' ? parseLocalDateTime(body.now) : undefined;
          if (at === undefined) {
            return sendJson(response, 422, { Message: 'The request is invalid.', ModelState: { now: ['now must be a date-time like 2018-01-25T14:32:12, or null.'] } });
          }
          core.clock.freeze(at);
        }
        return sendJson(response, 200, { now: formatLocalDateTime(core.clock.now()), frozen: core.clock.isFrozen() });
      }
      default:
        request.resume();
        return sendJson(response, 404, { Message: `No sandbox admin route ${ADMIN_PREFIX}${route}.` });
    }
  } catch (error) {
    if (error instanceof FixtureError) return sendJson(response, 422, { Message: error.message, ModelState: error.problems });
    if (error instanceof SyntaxError) return sendJson(response, 422, { Message: `The body is not valid JSON: ${error.message}` });
    if (error instanceof BodyTooLarge) return sendJson(response, 413, { Message: 'The body is too large.' }, { Connection: 'close' });
    throw error;
  }
}
