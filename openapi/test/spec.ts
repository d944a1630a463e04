// Loads the bundled spec and answers questions tests ask about it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Node = Record<string, any>;

export const specPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));
export const spec: Node = JSON.parse(readFileSync(specPath, 'utf8'));

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointer = (segments: string[]) => `#/${segments.map(escape).join('/')}`;

/** Follows a local `$ref` (one level) and returns the target with its JSON pointer. */
export function deref(node: Node, at: string[]): { node: Node; at: string[] } {
  if (typeof node?.$ref !== 'string') return { node, at };
  const path = node.$ref.replace(/^#\//, '').split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target: any = spec;
  for (const segment of path) target = target?.[segment];
  if (target === undefined) throw new Error(`Unresolved $ref ${node.$ref}`);
  return deref(target, path);
}

export interface MediaExample {
  where: string;
  mediaType: string;
  name: string;
  value: Json;
  schemaAt: string[];
  schema: Node;
  /** The examples map this example belongs to, keyed by name, for finding its JSON twin. */
  siblings: Record<string, Json>;
  parentAt: string[];
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function operations(): { path: string; method: string; operation: Node; at: string[] }[] {
  return Object.entries(spec.paths as Node).flatMap(([path, item]) =>
    Object.entries(item as Node)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as Node, at: ['paths', path, method] })),
  );
}

/** Every example of every request body and response, with the schema it must satisfy. */
export function mediaExamples(): MediaExample[] {
  const found: MediaExample[] = [];
  for (const { path, method, operation, at } of operations()) {
    const containers: { label: string; node: Node; at: string[] }[] = [];
    if (operation.requestBody) {
      const body = deref(operation.requestBody, [...at, 'requestBody']);
      containers.push({ label: 'request', ...body });
    }
    for (const [status, response] of Object.entries(operation.responses as Node)) {
      containers.push({ label: status, ...deref(response as Node, [...at, 'responses', status]) });
    }
    for (const container of containers) {
      for (const [mediaType, media] of Object.entries((container.node.content ?? {}) as Node)) {
        const m = media as Node;
        const mediaAt = [...container.at, 'content', mediaType];
        const values: Record<string, Json> = {};
        for (const [name, example] of Object.entries((m.examples ?? {}) as Node)) {
          values[name] = deref(example as Node, [...mediaAt, 'examples', name]).node.value as Json;
        }
        for (const [name, value] of Object.entries(values)) {
          found.push({
            where: `${method.toUpperCase()} ${path} ${container.label} ${mediaType} example "${name}"`,
            mediaType,
            name,
            value,
            schemaAt: [...mediaAt, 'schema'],
            schema: m.schema,
            siblings: values,
            parentAt: [...container.at, 'content'],
          });
        }
      }
    }
  }
  return found;
}

/** An Ajv instance that knows the whole spec, so any schema in it can be used by pointer. */
export function specAjv() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(spec, 'spec');
  return ajv;
}

export function validatorAt(ajv: ReturnType<typeof specAjv>, at: string[]) {
  const validate = ajv.getSchema(`spec${pointer(at)}`);
  if (!validate) throw new Error(`No schema at ${pointer(at)}`);
  return validate;
}
