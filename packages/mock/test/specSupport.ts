// What the mock tests need from the bundled spec: its operations, examples and response validators.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { defaultSpecPath } from '../src/index.js';

export const spec: any = JSON.parse(readFileSync(defaultSpecPath(), 'utf8'));

export function resolve(node: any): any {
  if (typeof node?.$ref !== 'string') return node;
  return resolve(node.$ref.slice(2).split('/').reduce((at: any, key: string) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec));
}

export interface Operation {
  path: string;
  method: string;
  operationId: string;
  op: any;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const everyOperation: Operation[] = Object.entries(spec.paths).flatMap(([path, item]: [string, any]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]: [string, any]) => ({ path, method, operationId: op.operationId, op })),
);
/** The API operations; the two OAuth endpoints (x-adultwork-oauth) follow other rules and are tested apart. */
export const operations: Operation[] = everyOperation.filter((o) => o.op['x-adultwork-oauth'] === undefined);
export const oauthOperations: Operation[] = everyOperation.filter((o) => o.op['x-adultwork-oauth'] !== undefined);

export function operation(operationId: string): Operation {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId}`);
  return found;
}

export function examples(op: Operation, status: string, mediaType: string): Record<string, unknown> {
  const content = resolve(op.op.responses[status]).content[mediaType];
  return Object.fromEntries(Object.entries(content.examples).map(([name, e]) => [name, resolve(e).value]));
}

export function requestExample(op: Operation, name = 'seed'): unknown {
  return resolve(op.op.requestBody.content['application/json'].examples[name]).value;
}

const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateSchema: false });
addFormats.default(ajv);
ajv.addSchema(spec, 'spec');

/** Validates a JSON body against the schema the spec gives for this operation and status. */
export function conforms(op: Operation, status: number, body: unknown): string[] {
  const response = op.op.responses[String(status)];
  if (!response) return [`the spec has no ${status} response for ${op.operationId}`];
  const ref = response.$ref ? `${response.$ref}/content/application~1json/schema` : `#/paths/${op.path.replace(/\//g, '~1')}/${op.method}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(`spec${ref}`);
  if (!validate) return [`no schema at ${ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The operation's parameters, resolved. */
export function parameters(op: Operation): any[] {
  return (op.op.parameters ?? []).map(resolve);
}

/** A valid query string from the spec: every parameter that gives an example, required ones first. */
export function seedQuery(op: Operation): string {
  const given = parameters(op).filter((p) => p.in === 'query' && p.example !== undefined);
  given.sort((a, b) => Number(b.required === true) - Number(a.required === true));
  return given.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.example))}`).join('&');
}

/** A string the pattern refuses (the first of a few that break the patterns this spec uses). */
function refusedBy(pattern: string): string {
  const found = ['1;2', '   ', 'abc'].find((candidate) => !new RegExp(pattern, 'u').test(candidate));
  if (found === undefined) throw new Error(`No refused value known for the pattern ${pattern}`);
  return found;
}

export interface InvalidCase {
  label: string;
  query?: string;
  body?: unknown;
}

/**
 * Requests the spec itself declares invalid, derived from it so that every operation is covered:
 * each required input left out, and each constrained input given a value its schema refuses.
 */
export function invalidCases(op: Operation): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const query = parameters(op).filter((p) => p.in === 'query');
  const withExamples = (replace: Record<string, string | undefined>) =>
    query
      .filter((p) => p.example !== undefined || p.name in replace)
      .filter((p) => !(p.name in replace) || replace[p.name] !== undefined)
      .map((p) => `${p.name}=${encodeURIComponent(p.name in replace ? replace[p.name]! : String(p.example))}`)
      .join('&');
  for (const p of query) {
    const schema = resolve(p.schema);
    if (p.required) cases.push({ label: `without the required ${p.name}`, query: withExamples({ [p.name]: undefined }) });
    if (schema.type === 'integer') cases.push({ label: `${p.name} not a number`, query: withExamples({ [p.name]: 'ten' }) });
    if (schema.minimum !== undefined) cases.push({ label: `${p.name} below ${schema.minimum}`, query: withExamples({ [p.name]: String(schema.minimum - 1) }) });
    if (schema.maximum !== undefined) cases.push({ label: `${p.name} above ${schema.maximum}`, query: withExamples({ [p.name]: String(schema.maximum + 1) }) });
    if (schema.enum) cases.push({ label: `${p.name} outside its values`, query: withExamples({ [p.name]: 'no-such-value' }) });
    if (schema.pattern) cases.push({ label: `${p.name} not matching its pattern`, query: withExamples({ [p.name]: refusedBy(schema.pattern) }) });
  }
  if (op.op.requestBody) {
    const seed = requestExample(op) as Record<string, unknown>;
    const schema = resolve(op.op.requestBody.content['application/json'].schema);
    const properties: Record<string, any> = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, resolve(v)]));
    for (const name of schema.required ?? []) {
      const { [name]: _left, ...rest } = seed;
      cases.push({ label: `without the required ${name}`, body: rest });
    }
    for (const [name, property] of Object.entries(properties)) {
      if (property.type === 'integer') cases.push({ label: `${name} not an integer`, body: { ...seed, [name]: 'one' } });
      if (property.minimum !== undefined && property.type === 'integer') cases.push({ label: `${name} below ${property.minimum}`, body: { ...seed, [name]: property.minimum - 1 } });
      if (property.pattern) cases.push({ label: `${name} not matching its pattern`, body: { ...seed, [name]: refusedBy(property.pattern) } });
      if (property.enum) cases.push({ label: `${name} outside its values`, body: { ...seed, [name]: 99 } });
    }
    cases.push({ label: 'a JSON array instead of an object', body: [seed] });
  }
  return cases;
}
