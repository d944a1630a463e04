import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, index: number) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers the next requests in turn; the last handler answers every request after that. */
  respond(...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** A local node:http server whose answers each test scripts, recording every request it gets. */
export async function startFakeServer(): Promise<FakeServer> {
  let handlers: Handler[] = [json(200, {})];
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(recorded) - 1;
      const handler = handlers[Math.min(index, handlers.length - 1)] as Handler;
      void Promise.resolve(handler(recorded, outgoing, index)).catch((error: unknown) => {
        outgoing.destroy(error as Error);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(...next: Handler[]) {
      handlers = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body === undefined ? '' : JSON.stringify(body));
  };
}

/** Answers after `ms`, or never answers if the client gives up first. */
export function slow(ms: number, then: Handler): Handler {
  return (request, response, index) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(then(request, response, index) as void), ms);
      response.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

export function page(pageNumber: number, pageCount: number, ids: number[]): Record<string, unknown> {
  return {
    PageCount: pageCount,
    PageNumber: pageNumber,
    BookingsTotal: pageCount * ids.length,
    BookingsPerPage: ids.length,
    Bookings: ids.map((BookingID) => ({ BookingID })),
  };
}
