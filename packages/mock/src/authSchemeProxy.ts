import { createServer, request, type IncomingHttpHeaders, type ServerResponse, type Server } from 'node:http';

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

/**
 * The origin-form target ("/path?query") to forward, or undefined for a target the API could
 * never be called with. Absolute-form ("http://host/path") is valid HTTP/1.1 and is reduced to its
 * path; "*", protocol-relative ("//host"), brackets in the path, a "%" not followed by two hex digits and
 * unparsable targets are refused here, because Prism answers some of them with a 500 instead of
 * saying the request is bad.
 */
export function originFormTarget(target: string): string | undefined {
  if (target.startsWith('/')) {
    const path = target.split('?', 1)[0] ?? '';
    const wellFormed = !path.startsWith('//') && /^\/[^\s[\]#\\]*$/.test(path) && !/%(?![0-9A-Fa-f]{2})/.test(target);
    return wellFormed ? target : undefined;
  }
  if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return undefined;
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}

function answerJson(outgoing: ServerResponse, status: number, message: string): void {
  if (outgoing.headersSent) {
    outgoing.destroy();
    return;
  }
  outgoing.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  outgoing.end(JSON.stringify({ Message: message }));
}

/** Starts an HTTP proxy on `host:port` that forwards every request to `target` with the scheme fixed. */
export function startAuthSchemeProxy(
  target: { host: string; port: number },
  listen: { host: string; port: number },
): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const path = originFormTarget(incoming.url ?? '');
    if (path === undefined) {
      incoming.resume();
      answerJson(outgoing, 400, 'Bad request target: expected a path such as /v1/...');
      return;
    }
    let upstream;
    try {
      upstream = request(
        {
          host: target.host,
          port: target.port,
          method: incoming.method,
          path,
          headers: normaliseAuthorization(incoming.headers),
        },
        (answer) => {
          answer.on('error', () => outgoing.destroy());
          outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(outgoing);
        },
      );
    } catch (error) {
      // http.request refuses some paths and header values that the server-side parser let through.
      incoming.resume();
      answerJson(outgoing, 400, `Bad request: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    upstream.on('error', (error) => answerJson(outgoing, 502, `The mock could not reach Prism: ${error.message}`));
    // A client that goes away half-way must not leave the request to Prism hanging.
    incoming.on('error', () => upstream.destroy());
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) upstream.destroy();
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
