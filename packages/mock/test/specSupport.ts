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

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]: [string, any]) =>
  Object.entries(item).map(([method, op]: [string, any]) => ({ path, method, operationId: op.operationId, op })),
);

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
