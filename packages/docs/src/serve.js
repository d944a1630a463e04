// @ts-check
// Serves the rendered reference page, plus the bundled spec for download.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const docsPage = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.html');

/**
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void> }>}
 */
export async function startDocsServer(options = {}) {
  if (!existsSync(docsPage)) {
    throw new Error(`The docs page has not been built yet: run "npm run build -w @adultwork-api/docs"`);
  }
  /** @type {Record<string, { type: string, body: Buffer }>} */
  const files = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(docsPage) },
    '/openapi.json': { type: 'application/json', body: readFileSync(require.resolve('@adultwork-api/openapi/openapi.json')) },
    '/openapi.yaml': { type: 'application/yaml', body: readFileSync(require.resolve('@adultwork-api/openapi/openapi.yaml')) },
  };
  files['/index.html'] = files['/'];
  const server = createServer((request, response) => {
    try {
      answer(request, response);
    } catch (error) {
      // One request going wrong must not take the server (or anything sharing its process) down.
      console.error('[docs] error while answering', request.method, JSON.stringify(request.url), error);
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { 'content-type': 'text/plain', connection: 'close' }).end('Internal error\n');
    }
  });
  /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
  function answer(request, response) {
    const path = requestPath(request.url ?? '');
    const file = path === undefined ? undefined : files[path];
    if (path === undefined) {
      response.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('Bad request target\n');
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed\n');
    } else if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the docs live at /\n');
    } else {
      response.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    }
  }
  const host = options.host ?? '127.0.0.1';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The path of a request target, or undefined when the target is not one a browser would send.
 * Origin-form ("/x?y") is checked by hand rather than with `new URL`, which reads "//[" as a host
 * and throws; absolute-form ("http://host/x") is parsed; anything else ("*", garbage, brackets in
 * the path or a "%" not followed by two hex digits) is refused.
 * @param {string} target
 * @returns {string | undefined}
 */
export function requestPath(target) {
  if (target.startsWith('/')) {
    const path = target.split('?', 1)[0] ?? '';
    return /^\/[^\s[\]#\\]*$/.test(path) && !/%(?![0-9A-Fa-f]{2})/.test(target) ? path : undefined;
  }
  if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return undefined;
  return new URL(target).pathname;
}
