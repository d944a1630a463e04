// The generator of the SDK's surface, run on the bundled spec with operations added to it: a new
// operation (even in a new area) needs no hand-written SDK code, OAuth endpoints get no method,
// and what the SDK cannot send is refused with a message rather than generated wrong.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindNamespace, type Method } from '../src/namespace.js';
import { createTransport } from '../src/transport.js';
import { startFakeServer, type FakeServer } from './helpers/fakeServer.js';

type Json = Record<string, any>;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'scripts/generate-sdk-operations.mjs');
const bundled = JSON.parse(readFileSync(join(root, 'openapi/dist/openapi.json'), 'utf8')) as Json;
// Inside src, so that the generated files' imports of the SDK's core (../operation.js) resolve.
const work = mkdtempSync(join(root, 'packages/sdk/src/.generator-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (spec: Json, name: string) => {
  const specFile = join(work, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return promisify(execFile)(process.execPath, [script, specFile, join(work, name)]).then(
    ({ stdout }) => ({ ok: true, output: stdout }),
    (error: { stderr?: string }) => ({ ok: false, output: error.stderr ?? String(error) }),
  );
};

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/CreditHistoryPage' } } } } };

function extended(): Json {
  const spec = structuredClone(bundled);
  spec.tags.push({ name: 'Gifts', 'x-displayName': 'Gifts sent' });
  spec.paths['/OAuth/token'] = {
    post: {
      operationId: 'requestOAuthToken',
      tags: ['Account'],
      'x-adultwork-oauth': 'token',
      requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/BookingIdRequest' } } } },
      responses: ok,
    },
  };
  spec.paths['/v1/Gifts/History'] = {
    get: {
      operationId: 'listGiftsHistory',
      tags: ['Gifts'],
      parameters: [
        { name: 'PageNumber', in: 'query', schema: { type: 'integer', minimum: 1 } },
        { name: 'PageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        { name: 'Kind', in: 'query', schema: { type: 'string', enum: ['flowers', 'credits'] } },
      ],
      'x-adultwork-pagination': {
        pageParameter: 'PageNumber',
        sizeParameter: 'PageSize',
        itemsProperty: 'CreditHistory',
        pageCountProperty: 'PageCount',
        pageNumberProperty: 'PageNumber',
        startsAt: 'last',
      },
      responses: ok,
    },
  };
  return spec;
}

describe('a spec with a new area, a new list and an OAuth endpoint', () => {
  let result: { ok: boolean; output: string };
  let server: FakeServer;
  beforeAll(async () => {
    result = await run(extended(), 'extended');
    server = await startFakeServer();
  });
  afterAll(() => server?.close());

  it('generates the new operation and skips the OAuth one', () => {
    // Every operation of the bundled spec but its OAuth ones, and the new one.
    const api = Object.values(bundled.paths as Record<string, Record<string, { 'x-adultwork-oauth'?: string }>>).filter(
      (item) => !Object.values(item).some((op) => typeof op === 'object' && op !== null && 'x-adultwork-oauth' in op),
    );
    expect(result.output).toMatch(new RegExp(`wrote ${api.length + 1} operations`));
    for (const file of ['operations.ts', 'functions.ts', 'namespaces.ts']) {
      const text = readFileSync(join(work, 'extended', file), 'utf8');
      expect(text).not.toMatch(/OAuth/);
      expect(text).toMatch(/listGiftsHistory/);
    }
    const namespaces = readFileSync(join(work, 'extended', 'namespaces.ts'), 'utf8');
    expect(namespaces).toMatch(/readonly gifts: GiftsOperations;/);
    // The method is named without the area's word: gifts.listHistory, gifts.iterateHistoryPages.
    expect(namespaces).toMatch(/iterateHistoryPages\(params\?: ListGiftsHistoryParams, options\?: IterateOptions\)/);
    expect(readFileSync(join(work, 'extended', 'functions.ts'), 'utf8')).toMatch(/export const iterateGiftsHistoryPages:/);
    expect(readFileSync(join(work, 'extended', 'operations.ts'), 'utf8')).toMatch(/Kind\?: 'flowers' \| 'credits' \| undefined;/);
  });

  it('walks the new list with the SDK\'s core, backward as its extension says', async () => {
    const { giftsOperations } = (await import(join(work, 'extended', 'namespaces.ts'))) as { giftsOperations: readonly Method[] };
    server.respond((request, response) => {
      const asked = new URL(request.url, 'http://x').searchParams.get('PageNumber');
      const PageNumber = asked ? Number(asked) : 2;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ PageNumber, PageCount: 2, PageSize: 1, CreditHistory: [{ TransactionDate: `day ${PageNumber}` }] }));
    });
    const gifts = bindNamespace(createTransport({ accessToken: 't', environment: server.url, retry: false }), giftsOperations) as Json;
    const dates: string[] = [];
    for await (const entry of gifts.iterateHistory({ Kind: 'flowers' })) dates.push(entry.TransactionDate);
    expect(dates).toEqual(['day 2', 'day 1']);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/Gifts/History?Kind=flowers', '/v1/Gifts/History?PageNumber=1&Kind=flowers']);
    await expect(gifts.listHistory({ Kind: 'chocolates' })).rejects.toThrow(/Kind must be one of flowers, credits/);
  });
});

describe('what the SDK cannot send is refused', () => {
  it.each([
    ['a path template', (spec: Json) => void (spec.paths['/v1/Things/{id}'] = { get: { operationId: 'getThing', tags: ['Account'], responses: ok } }), /path templates are not supported/],
    [
      'a header parameter',
      (spec: Json) =>
        void (spec.paths['/v1/Things'] = { get: { operationId: 'getThings', tags: ['Account'], parameters: [{ name: 'X', in: 'header', schema: { type: 'string' } }], responses: ok } }),
      /only query parameters are supported/,
    ],
    [
      'two operations with one method name',
      (spec: Json) => void (spec.paths['/v1/Account/Permissions2'] = { get: { operationId: 'getPermissions', tags: ['Account'], responses: ok } }),
      /account\.getPermissions is taken by another operation/,
    ],
    ['an operation without a tag', (spec: Json) => void (spec.paths['/v1/Things'] = { get: { operationId: 'getThings', responses: ok } }), /needs a tag/],
  ])('%s', async (name, change, message) => {
    const spec = structuredClone(bundled);
    change(spec);
    const result = await run(spec, name.replace(/\W+/g, '-'));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(message);
  });
});
