import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may use the admin routes. They can replace every booking and list every token, so they
 * answer only: a peer on this machine (unless `remote` says otherwise), a `Host` that names this
 * machine's loopback at the port the request came in on (a DNS-rebinding page sends its own
 * name), no cross-site browser request (`Origin`, `Sec-Fetch-Site`), and, for everything but
 * the health check, the admin token as a bearer token.
 */
export interface AdminAccess {
  token: string;
  /** Also answer peers that are not on this machine (a sandbox in a container); `Host` and token checks still apply. */
  remote: boolean;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

export const ADMIN_TOKEN_ENV = 'SANDBOX_ADMIN_TOKEN';
const TOKEN_SHAPE = /^[A-Za-z0-9\-._~+/]{16,}=*$/;

/** The admin token to use: the one given, else SANDBOX_ADMIN_TOKEN, else a fresh random one. */
export function resolveAdminToken(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const token = given ?? (env[ADMIN_TOKEN_ENV] || undefined);
  if (token === undefined) return randomBytes(24).toString('base64url');
  if (!TOKEN_SHAPE.test(token)) throw new Error(`The admin token must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (as a bearer token is written)`);
  return token;
}

const LOOPBACK_PEER = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::(\d{1,5}))?$/i;

function hostIsLoopback(host: string | undefined, port: number | undefined): boolean {
  const match = host ? LOOPBACK_HOST.exec(host) : null;
  if (!match) return false;
  return Number(match[2] ?? 80) === port;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearer(header: string | undefined): string | undefined {
  return header ? /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1] : undefined;
}

export function checkAdminAccess(access: AdminAccess, request: IncomingMessage, needsToken: boolean): AccessVerdict {
  const socket = request.socket;
  if (!access.remote && !LOOPBACK_PEER.test(socket.remoteAddress ?? '')) {
    return { ok: false, status: 403, message: 'The sandbox admin routes answer only on this machine (loopback).' };
  }
  const host = request.headers.host;
  if (!access.remote && !hostIsLoopback(host, socket.localPort)) {
    return { ok: false, status: 403, message: `The sandbox admin routes answer only to Host localhost, 127.0.0.1 or [::1] with port ${socket.localPort}; got ${host ?? 'none'}.` };
  }
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if ((origin !== undefined && origin !== `http://${host}`) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    return { ok: false, status: 403, message: 'The sandbox admin routes do not answer requests from other sites.' };
  }
  if (!needsToken) return { ok: true };
  const given = bearer(request.headers.authorization);
  // Compared as digests, so the time taken says nothing about how much of the token matched.
  if (given === undefined || !timingSafeEqual(digest(given), digest(access.token))) {
    return { ok: false, status: 401, message: 'The sandbox admin routes need the admin token: Authorization: Bearer <token> (printed at start-up; --admin-token or SANDBOX_ADMIN_TOKEN sets it).' };
  }
  return { ok: true };
}
