import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
export const specPath = require.resolve('@adultwork-api/openapi/openapi.json');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const spec: any = JSON.parse(readFileSync(specPath, 'utf8'));

/**
 * An independent reading of the spec (its own Ajv, not the sandbox's) so that a response the
 * sandbox gets wrong cannot pass because both sides share a bug.
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormatsModule as unknown as { default: (a: Ajv2020) => void }).default(ajv);
ajv.addSchema({ ...spec, $id: 'urn:test:spec' });

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
export const operations = new Map<string, { method: string; path: string; op: any }>();
for (const [path, item] of Object.entries<any>(spec.paths)) {
  // A path item may also hold `servers` (the OAuth paths live on another host): not an operation.
  for (const [method, op] of Object.entries<any>(item)) {
    if (HTTP_METHODS.has(method)) operations.set(op.operationId, { method: method.toUpperCase(), path, op });
  }
}

function resolve(value: any): any {
  while (value && value.$ref) {
    value = value.$ref
      .slice(2)
      .split('/')
      .reduce((node: any, key: string) => node[key], spec);
  }
  return value;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  json?: any;
  headers: Headers;
}

export async function call(base: string, operationId: string, init: { token?: string | null; query?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { method, path } = operations.get(operationId)!;
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== null) headers.Authorization ??= `bearer ${init.token ?? 'client-token'}`;
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}${init.query ? `?${init.query}` : ''}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  return answerOf(response);
}

/** Reads a fetch response into an `Answer` (for requests `call` cannot make, such as a streamed body). */
export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: any;
  if (contentType.startsWith('application/json')) json = JSON.parse(text);
  return { status: response.status, contentType, text, json, headers: response.headers };
}

/** Fails unless the answer is one the spec documents for the operation: status, media type and body. */
export function expectConforms(operationId: string, answer: Answer): void {
  const { op } = operations.get(operationId)!;
  const response = resolve(op.responses[String(answer.status)]);
  expect(response, `status ${answer.status} is documented for ${operationId}: ${answer.text}`).toBeDefined();
  const mediaType = answer.contentType.split(';')[0]!.trim();
  const media = response.content?.[mediaType];
  expect(media, `${mediaType} is documented for ${operationId} ${answer.status}`).toBeDefined();
  if (mediaType === 'application/json') {
    expect(media.schema.$ref, 'response schemas are component references').toMatch(/^#\/components\/schemas\//);
    const validate = ajv.getSchema(`urn:test:spec${media.schema.$ref}`)!;
    const ok = validate(answer.json);
    expect(ok, `${operationId} ${answer.status} body matches the schema: ${JSON.stringify(validate.errors)}`).toBe(true);
  } else {
    expect(XMLValidator.validate(answer.text), 'the XML is well-formed').toBe(true);
    const schema = resolve(media.schema);
    const root = Object.keys(new XMLParser({ ignoreAttributes: false }).parse(answer.text)).find((k) => !k.startsWith('?'));
    expect(root).toBe(schema.xml.name);
  }
}

export const example = (name: string) => spec.components.examples[name].value;

/** Whitespace between tags is not significant; everything else is compared byte for byte. */
export function normaliseXml(xml: string): string {
  return xml.replace(/>\s+</g, '><').trim();
}

/**
 * The admin token every sandbox of the test run uses: vitest.config.ts sets SANDBOX_ADMIN_TOKEN,
 * which the library (and the CLI children the tests spawn) take when no token is given.
 */
export const ADMIN_TOKEN = process.env.SANDBOX_ADMIN_TOKEN!;

export async function admin(base: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${base}/__sandbox${route}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

export function seedData(): any {
  return JSON.parse(readFileSync(new URL('../fixtures/seed.json', import.meta.url), 'utf8'));
}
