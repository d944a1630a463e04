import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {}

/**
 * Reads the request body, refusing to buffer more than `limit` bytes: `done` gets the bytes, or
 * BodyTooLarge, or the stream's error, exactly once. A callback rather than a promise, so that
 * the API's hot path makes no promise for a body.
 */
export function collectBody(request: IncomingMessage, limit: number, done: (error: Error | undefined, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  request.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      finished = true;
      done(new BodyTooLarge());
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (finished) return;
    finished = true;
    done(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
  request.on('error', (error) => {
    if (finished) return;
    finished = true;
    done(error);
  });
}

/** `collectBody` as a promise. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => collectBody(request, limit, (error, body) => (error ? reject(error) : resolve(body!))));
}

/**
 * Writes the whole answer at once. A string goes with the head in one write; a payload with as
 * many UTF-8 bytes as characters is plain ASCII (the usual case), and its latin1 bytes are the
 * same, so latin1 copies it as it is where utf8 would encode it character by character. Bytes
 * (an answer kept from before) are sent as they are.
 */
export function send(response: ServerResponse, status: number, contentType: string, payload: string | Buffer, headers?: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return;
  const length = typeof payload === 'string' ? Buffer.byteLength(payload, 'utf8') : payload.length;
  if (headers === undefined) response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': length });
  else response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': length, ...headers });
  if (typeof payload !== 'string') response.end(payload);
  else response.end(payload, length === payload.length ? 'latin1' : 'utf8');
}

/** Whatever goes wrong inside is the sandbox's fault: it is reported and answered 500. */
export function answerFailure(response: ServerResponse, error: unknown, report: (error: unknown) => void): void {
  report(error);
  sendJson(response, 500, { Message: 'An error has occurred.' });
}

export function sendJson(response: ServerResponse, status: number, value: unknown, headers?: Record<string, string>): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

/** `application/json; charset=utf-8` → `{type: 'application/json', charset: 'utf-8'}`. */
export function parseContentType(header: string | undefined): { type: string; charset?: string } | undefined {
  if (!header) return undefined;
  // Clients send the same header on every request.
  if (header === lastContentType.header) return lastContentType.parsed;
  const parsed = readContentType(header);
  lastContentType = { header, parsed };
  return parsed;
}
let lastContentType: { header: string; parsed: { type: string; charset?: string } } = { header: '', parsed: { type: '' } };

function readContentType(header: string): { type: string; charset?: string } {
  const [type, ...params] = header.split(';');
  const result: { type: string; charset?: string } = { type: (type ?? '').trim().toLowerCase() };
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'charset' && value) result.charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return result;
}
