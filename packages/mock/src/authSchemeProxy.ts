import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';

/**
 * The auth scheme is case-insensitive (RFC 9110, section 11.1) and the API's own samples send
 * `bearer`, but Prism 5 only accepts `Bearer` (stoplightio/prism#2722). Rewriting the scheme
 * name, and nothing else, lets the documented requests work against the mock unchanged.
 */
export function normaliseAuthorization(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const value = headers.authorization;
  if (typeof value !== 'string') return headers;
  return { ...headers, authorization: value.replace(/^bearer(?=\s)/i, 'Bearer') };
}

/** Starts an HTTP proxy on `host:port` that forwards every request to `target` with the scheme fixed. */
export function startAuthSchemeProxy(
  target: { host: string; port: number },
  listen: { host: string; port: number },
): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: target.host,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: normaliseAuthorization(incoming.headers),
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => {
      if (outgoing.headersSent) {
        outgoing.destroy(error);
        return;
      }
      outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ Message: `The mock could not reach Prism: ${error.message}` }));
    });
    incoming.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
