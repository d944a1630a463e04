import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, type AdminRoutes } from './admin.js';
import { answerFailure, sendJson } from './http.js';
import type { ApiPipeline } from './pipeline.js';
import type { PreparedOperation } from './prepare.js';
import type { OAuthServer } from './oauth/server.js';
import { matchRoute, type RouteTable } from './routes.js';

export interface Dispatch {
  routes: RouteTable;
  prepared: Map<string, PreparedOperation>;
  api: ApiPipeline;
  admin: AdminRoutes;
  /** The authorization server, answering /OAuth/Authorize and /OAuth/token (any case). */
  oauth?: OAuthServer | undefined;
  report: (error: unknown) => void;
}

const notFound = (response: ServerResponse, path: string) => sendJson(response, 404, { Message: `No HTTP resource was found that matches the request URI '${path}'.` });

/**
 * Browsers may call the API routes from another local origin (a docs page, a web app), as they
 * may call Prism; that data is fixture data, so any origin is welcome. Answers a preflight
 * itself and returns true; the admin routes never get here, so they carry no CORS headers.
 */
function answerCors(request: IncomingMessage, response: ServerResponse, routes: RouteTable, path: string): boolean {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, X-Sandbox-Prerequisite');
  const preflight = request.method === 'OPTIONS' ? request.headers['access-control-request-method'] : undefined;
  if (!preflight) return false;
  const allowed = matchRoute(routes, path, preflight === 'HEAD' ? 'GET' : preflight);
  request.resume();
  if (allowed.kind === 'notFound') {
    notFound(response, path);
    return true;
  }
  response.writeHead(204, {
    'Access-Control-Allow-Methods': (allowed.kind === 'found' ? [allowed.operation.method] : allowed.allow).join(', '),
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Accept, X-Sandbox-Now',
    'Access-Control-Max-Age': '600',
  });
  response.end();
  return true;
}

/**
 * A target no API path can be (`*`, `//[`, brackets, a `%` without two hex digits): the request
 * is bad, rather than the resource missing.
 */
function isMalformedTarget(url: string): boolean {
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  return !path.startsWith('/') || path.startsWith('//') || /[\s[\]#\\]/.test(path) || /%(?![0-9A-Fa-f]{2})/.test(url);
}

/** Sends each request to the admin routes or to the operation its path and method name. */
export function createDispatch({ routes, prepared, api, admin, oauth, report }: Dispatch) {
  function route(request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const search = mark === -1 ? '' : url.slice(mark + 1);
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) return admin(request, response, path.slice(ADMIN_PREFIX.length));
    if (oauth && path.slice(0, 7).toLowerCase() === '/oauth/') return oauth.handle(request, response, path, search);
    if (request.headers.origin !== undefined && answerCors(request, response, routes, path)) return;
    const match = matchRoute(routes, path, request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET'));
    if (match.kind === 'found') return api(request, response, prepared.get(match.operation.operationId)!, search);
    request.resume();
    // Checked only here, off the hot path: no route has such a target.
    if (match.kind === 'notFound' && isMalformedTarget(url)) return sendJson(response, 400, { Message: 'Bad request target: expected a path such as /v1/...' });
    if (match.kind === 'notFound') return notFound(response, path);
    sendJson(response, 405, { Message: `The requested resource does not support http method '${request.method}'.` }, { Allow: match.allow.join(', ') });
  }

  const fail = (response: ServerResponse) => (error: unknown) => answerFailure(response, error, report);

  /** Answers a request; a request without a body is answered before this returns, with no promise made. */
  return function dispatch(request: IncomingMessage, response: ServerResponse): void {
    try {
      const pending = route(request, response);
      if (pending) pending.catch(fail(response));
    } catch (error) {
      fail(response)(error);
    }
  };
}
