// The SDK's whole surface, driven by the bundled spec rather than written per operation: every
// operation is called through the client's namespaces (or the group view) and through its
// operation function against a real Prism mock, and every list is walked across pages, forward or
// (for lists that start at their last page) backward. Adding an operation to the spec adds its
// cases here without touching this file.
import { startMock, type RunningMock } from '@adultwork-api/mock';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient } from '../src/index.js';
import * as functions from '../src/generated/functions.js';
import { groupMemberNamespaceTables, namespaceTables } from '../src/generated/namespaces.js';
import type { Method } from '../src/namespace.js';
import type { Operation } from '../src/operation.js';
import { createTransport } from '../src/transport.js';
import { startFakeServer, type FakeServer } from './helpers/fakeServer.js';

type Json = Record<string, any>;
const spec = JSON.parse(readFileSync(new URL('../../../openapi/dist/openapi.json', import.meta.url), 'utf8')) as Json;

function deref(value: any): any {
  let current = value;
  while (current?.$ref) current = (current.$ref as string).slice(2).split('/').reduce((node: any, key: string) => node?.[key], spec);
  return current;
}

interface SpecOperation {
  id: string;
  method: string;
  path: string;
  op: Json;
}

const specOperations: SpecOperation[] = Object.entries(spec.paths as Json).flatMap(([path, item]) =>
  ['get', 'post', 'put', 'patch', 'delete']
    .filter((method) => item[method] && !item[method]['x-adultwork-oauth'])
    .map((method) => ({ id: item[method].operationId as string, method: method.toUpperCase(), path, op: item[method] as Json })),
);

/** Where each operation is in the client: [namespace, method, group view?]. */
const places = new Map<string, [string, string, boolean]>();
for (const [tables, group] of [[namespaceTables, false], [groupMemberNamespaceTables, true]] as const) {
  for (const [namespace, methods] of Object.entries(tables) as [string, readonly Method[]][]) {
    for (const [name, operation, kind] of methods) if (kind === 0) places.set(operation.id, [namespace, name, group]);
  }
}

/** The input the mock accepts: each parameter's example, or the request body's first example. */
function exampleInput({ op }: SpecOperation): Json | undefined {
  if (op.requestBody) {
    const examples = deref(op.requestBody).content['application/json'].examples as Json;
    return deref(examples.seed ?? Object.values(examples)[0]).value as Json;
  }
  const input: Json = {};
  for (const parameter of (op.parameters ?? []).map(deref)) {
    const schema = deref(parameter.schema);
    const value = parameter.example ?? schema.examples?.[0] ?? (parameter.required ? schema.enum?.[0] ?? schema.minimum : undefined);
    if (value !== undefined) input[parameter.name] = value;
  }
  return Object.keys(input).length ? input : undefined;
}

/** What Prism answers by default: the first JSON example of the success response. */
function firstExample({ op }: SpecOperation): unknown {
  const examples = deref(op.responses['200']).content['application/json'].examples as Json;
  return deref(Object.values(examples)[0]).value;
}

let mock: RunningMock;
let aw: AdultWorkClient;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
  aw = new AdultWorkClient({ accessToken: 'surface-token', environment: mock.url, retry: false });
});
afterAll(() => mock?.stop());

describe('the surface covers the spec', () => {
  it('has every operation of the spec once, in a namespace or the group view', () => {
    expect([...places.keys()].sort()).toEqual(specOperations.map((o) => o.id).sort());
    expect(specOperations.length).toBeGreaterThanOrEqual(36);
  });

  it('puts every group-manager twin in the group view under its original\'s name', () => {
    for (const { id, op } of specOperations) {
      const twin = op['x-adultwork-group-manager'];
      const [namespace, name, group] = places.get(id) as [string, string, boolean];
      expect(group, id).toBe(Boolean(twin));
      if (twin) expect(places.get(twin.variantOf)?.slice(0, 2), id).toEqual([namespace, name]);
    }
  });

  it('has an operation function for every operation and two iterators for every list', () => {
    for (const { id, op } of specOperations) {
      expect(typeof (functions as Json)[id], id).toBe('function');
      if (op['x-adultwork-pagination']) {
        const [namespace, name, group] = places.get(id) as [string, string, boolean];
        const table = (group ? groupMemberNamespaceTables : namespaceTables) as Json;
        const kinds = (table[namespace] as Method[]).filter(([, operation]) => operation.id === id).map(([, , kind]) => kind);
        expect(kinds.sort(), `${namespace}.${name}`).toEqual([0, 1, 2]);
        const rest = id.replace(/^list/, '');
        for (const iterator of [`iterate${rest}`, `iterate${rest.replace(/s$/, '')}Pages`]) expect(typeof (functions as Json)[iterator], iterator).toBe('function');
      }
    }
  });
});

describe.each(specOperations.map((o) => [o.id, o] as const))('%s against the Prism mock', (id, operation) => {
  const member = (input: Json | undefined): [number | undefined, Json | undefined] => {
    const twin = operation.op['x-adultwork-group-manager'];
    if (!twin || !input) return [undefined, input];
    const { [twin.memberParameter]: userId, ...rest } = input;
    return [userId as number, Object.keys(rest).length ? rest : undefined];
  };

  it('answers through the client with the example, typed as the generated model', async () => {
    const [namespace, name, group] = places.get(id) as [string, string, boolean];
    const input = exampleInput(operation);
    const [userId, rest] = member(input);
    const target = (group ? (aw.asGroupMember(userId as number) as unknown as Json) : (aw as unknown as Json))[namespace];
    // A call with no parameter left (the group view fills UserID) takes its options first.
    const memberParameter = operation.op['x-adultwork-group-manager']?.memberParameter;
    const takesInput = operation.op.requestBody || (operation.op.parameters ?? []).some((p: Json) => deref(p).name !== memberParameter);
    const call = takesInput ? target[name](rest ?? {}) : target[name]();
    const { data, response } = await call.withResponse();
    expect(response.status).toBe(200);
    expect(data).toEqual(firstExample(operation));
  });

  it('answers through its operation function with the same example', async () => {
    const transport = createTransport({ accessToken: 'surface-token', environment: mock.url, retry: false });
    const input = exampleInput(operation);
    const fn = (functions as Json)[id] as (...args: unknown[]) => Promise<unknown>;
    const data = await (input === undefined ? fn(transport) : fn(transport, input));
    expect(data).toEqual(firstExample(operation));
  });
});

const lists = specOperations.filter((o) => o.op['x-adultwork-pagination']);

describe.each(lists.map((o) => [o.id, o] as const))('%s walked across pages', (id, operation) => {
  const paging = operation.op['x-adultwork-pagination'] as Json;
  const startsAtLast = paging.startsAt === 'last';
  const pageCount = 3;
  const example = firstExample(operation) as Json;
  const itemOf = (pageNumber: number) => ({ ...(example[paging.itemsProperty][0] as Json), Marker: pageNumber });
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer();
  });
  afterAll(() => server.close());

  /** A fake API that pages the list as x-adultwork-pagination says, two items a page. */
  const serve = () =>
    server.respond((request, response) => {
      const asked = new URL(request.url, 'http://x').searchParams.get(paging.pageParameter);
      const pageNumber = asked ? Number(asked) : startsAtLast ? pageCount : 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ...example,
          [paging.pageNumberProperty]: pageNumber,
          [paging.pageCountProperty]: pageCount,
          [paging.itemsProperty]: [itemOf(pageNumber), itemOf(pageNumber)],
        }),
      );
    });

  const walk = async (items: boolean, options?: Json) => {
    const client = new AdultWorkClient({ accessToken: 't', environment: server.url, retry: false });
    const [namespace, name, group] = places.get(id) as [string, string, boolean];
    const twin = operation.op['x-adultwork-group-manager'];
    const target = (group ? (client.asGroupMember(5) as unknown as Json) : (client as unknown as Json))[namespace];
    const iterator = `iterate${name.replace(/^list/, '')}`;
    const method = items ? iterator : `${iterator.replace(/s$/, '')}Pages`;
    const seen: number[] = [];
    for await (const value of target[method]({}, options) as AsyncIterable<Json>) {
      seen.push(items ? value.Marker : value[paging.pageNumberProperty]);
    }
    const asked = server.requests.map((r) => new URL(r.url, 'http://x').searchParams);
    if (twin) for (const query of asked) expect(query.get(twin.memberParameter)).toBe('5');
    return { seen, asked: asked.map((query) => query.get(paging.pageParameter)) };
  };

  it(`walks every page ${startsAtLast ? 'from the last back to the first' : 'from the first to the last'}, one request a page`, async () => {
    serve();
    const { seen, asked } = await walk(false);
    expect(seen).toEqual(startsAtLast ? [3, 2, 1] : [1, 2, 3]);
    // A list that starts at its last page is asked without a page number first: the API picks.
    expect(asked).toEqual(startsAtLast ? [null, '2', '1'] : ['1', '2', '3']);
  });

  it('yields every item of every page in the same order', async () => {
    serve();
    const { seen } = await walk(true);
    expect(seen).toEqual(startsAtLast ? [3, 3, 2, 2, 1, 1] : [1, 1, 2, 2, 3, 3]);
  });

  it('walks the other way when told to', async () => {
    serve();
    const { seen } = await walk(false, { direction: startsAtLast ? 'forward' : 'backward' }).catch((error: Error) => ({ seen: error }));
    if (startsAtLast) expect(seen).toEqual([1, 2, 3]);
    // Backward from a list that starts at page 1 needs the page to start from.
    else expect(String(seen)).toMatch(/walk it backward/);
  });
});

describe('pages served by the mock', () => {
  it.each(lists.map((o) => [o.id, o] as const))('%s iterates to the end of what the mock serves', async (id, operation) => {
    const paging = operation.op['x-adultwork-pagination'] as Json;
    const examples = deref(operation.op.responses['200']).content['application/json'].examples as Json;
    const paged = ['page1of3', 'page2of3', 'page3of3'].every((name) => examples[name]);
    const [namespace, name, group] = places.get(id) as [string, string, boolean];
    const [userId] = [exampleInput(operation)?.[operation.op['x-adultwork-group-manager']?.memberParameter ?? '']];
    const target = (group ? (aw.asGroupMember(userId as number) as unknown as Json) : (aw as unknown as Json))[namespace];
    const iterator = `iterate${name.replace(/^list/, '')}`;
    const items: unknown[] = [];
    // The mock picks its answer from a Prefer header: one example per page where the spec has them.
    const options = paged ? { pageHeaders: (n: number | undefined) => ({ Prefer: `example=page${n}of3` }) } : undefined;
    for await (const item of target[iterator]({}, options) as AsyncIterable<unknown>) items.push(item);
    const expected = paged
      ? ['page1of3', 'page2of3', 'page3of3'].flatMap((n) => deref(examples[n]).value[paging.itemsProperty])
      : (firstExample(operation) as Json)[paging.itemsProperty];
    expect(items).toEqual(expected);
  });
});

// Keeps the type import used: the constants are Operation values.
export type { Operation };
