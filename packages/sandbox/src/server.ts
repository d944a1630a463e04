import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdminRoutes } from './admin.js';
import { resolveAdminToken } from './admin-access.js';
import { createDispatch } from './dispatch.js';
import { DEFAULT_JSON_DEPTH_LIMIT } from './json.js';
import { createApiPipeline } from './pipeline.js';
import { createSandboxOAuthServer } from './oauth/attach.js';
import { loadSpecModel, prepareOperations } from './prepare.js';
import { defaultSpecPath } from './spec.js';
import { openState, type SandboxState } from './state.js';
import type { StoreIo } from './store.js';
import type { CompactionPolicy } from './store/journal.js';

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
  /** OAuth client applications (the format of fixtures/oauth-clients.json); the package's own by default. */
  oauthClients?: string;
  /** Wall-clock source: a fixed `LocalDateTime` string to freeze at, or a function of real time. */
  clock?: string | (() => number);
  /** Time zone of the sandbox's wall clock when it is not frozen. Default Europe/London. */
  timeZone?: string;
  /** Largest accepted request body of an API operation, in bytes. Default 64 KiB. */
  bodyLimit?: number;
  /** Largest accepted body of an admin route (a reseed), in bytes. Default 64 MiB. */
  adminBodyLimit?: number;
  /** Deepest nesting of arrays and objects accepted in any JSON body. Default 32. */
  jsonDepthLimit?: number;
  /**
   * Bearer token the admin routes (`/__sandbox/...`) require. Default: SANDBOX_ADMIN_TOKEN from
   * the environment, else a random one; read it back from `adminToken` of the result.
   */
  adminToken?: string;
  /** Answer admin routes from other machines too (with the token). Default false: loopback only. */
  adminRemote?: boolean;
  /** Check every response against the spec and answer 500 on a mismatch (for tests). */
  checkResponses?: boolean;
  /** Where to report internal errors; console.error by default. */
  onError?: (error: unknown) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  /** The bearer token of the admin routes. */
  adminToken: string;
  stop(): Promise<void>;
}

export interface Sandbox {
  server: Server;
  state: SandboxState;
  adminToken: string;
}

/** A request Node's parser rejects still gets the error body, not a bare 400. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({ Message: `The request could not be read: ${error.code ?? error.message}.` });
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * Builds the sandbox, not yet listening: the spec model (prepare.ts), the state (state.ts),
 * the API pipeline (pipeline.ts), the admin routes (admin.ts) and the dispatch between them
 * (dispatch.ts). Any problem with the spec, the seed or the options throws here, not later.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const adminToken = resolveAdminToken(options.adminToken);
  const jsonDepthLimit = options.jsonDepthLimit ?? DEFAULT_JSON_DEPTH_LIMIT;
  const report = options.onError ?? ((error: unknown) => console.error('[sandbox]', error));
  const model = loadSpecModel(options.spec ?? defaultSpecPath());
  const state = openState(model, options);
  const api = createApiPipeline(state, model.xml, { bodyLimit: options.bodyLimit ?? 64 * 1024, jsonDepthLimit, checkResponses: Boolean(options.checkResponses), report });
  const admin = createAdminRoutes(state, { token: adminToken, remote: Boolean(options.adminRemote), bodyLimit: options.adminBodyLimit ?? 64 * 1024 * 1024, jsonDepthLimit });
  const oauth = createSandboxOAuthServer(state, model.doc, options.oauthClients);
  // Issued tokens join the seed's static ones in the store's one token lookup, with the same scope checks.
  state.store.addTokenSource((value) => oauth.registry.accessToken(value));
  const dispatch = createDispatch({ routes: model.routes, prepared: prepareOperations(model, state.store), api, admin, oauth, report });
  const server = createServer({ keepAliveTimeout: 5000 }, dispatch);
  server.on('clientError', answerClientError);
  return { server, state, adminToken };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { server, state, adminToken } = createSandbox(options);
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
  return { url: `http://${shownHost}:${port}`, port, adminToken, stop: () => stopServer(server).then(() => state.store.close()) };
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests in flight get a moment to finish; then their sockets go too.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
