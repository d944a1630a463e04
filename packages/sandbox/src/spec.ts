import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The parts of an OpenAPI 3.1 document the sandbox reads; everything else is carried along untouched. */
export type JsonObject = Record<string, unknown>;

export interface OpenApiDocument extends JsonObject {
  paths: Record<string, Record<string, JsonObject>>;
  components: {
    schemas: Record<string, JsonObject>;
    parameters?: Record<string, JsonObject>;
    responses?: Record<string, JsonObject>;
    examples?: Record<string, JsonObject>;
    securitySchemes?: Record<string, JsonObject>;
  } & JsonObject;
  security?: SecurityRequirement[];
}

export type SecurityRequirement = Record<string, string[]>;

export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  /** `?Name=` counts as leaving the parameter out (the list then says what an empty value means). */
  allowEmptyValue?: boolean;
  schema: JsonObject;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  tags: string[];
  parameters: Parameter[];
  security: SecurityRequirement[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
  raw: JsonObject;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const require = createRequire(import.meta.url);

export function defaultSpecPath(): string {
  return require.resolve('@adultwork-api/openapi/openapi.json');
}

export function loadSpec(path = defaultSpecPath()): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI document at ${path}: run "npm run bundle" first (${(error as Error).message})`);
  }
  const doc = JSON.parse(text) as OpenApiDocument;
  if (!doc || typeof doc !== 'object' || !doc.paths || !doc.components?.schemas) {
    throw new Error(`${path} is not a bundled OpenAPI document with paths and component schemas`);
  }
  return doc;
}

/** Follows a local `$ref` chain (`#/components/...`) to the object it names. */
export function resolveRef<T = JsonObject>(doc: OpenApiDocument, value: unknown): T {
  let current = value as JsonObject;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`Circular $ref ${ref}`);
    seen.add(ref);
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = (target as JsonObject | undefined)?.[key];
    }
    if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
    current = target as JsonObject;
  }
  return current as T;
}

/** Name of the component schema a `$ref` points at, e.g. `PhoneChatMadeBooking`. */
export function schemaRefName(schema: unknown): string | undefined {
  const ref = (schema as JsonObject | undefined)?.$ref;
  if (typeof ref !== 'string') return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match?.[1];
}

export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as unknown as unknown[] | undefined) ?? []).map((p) => resolveRef<Parameter>(doc, p));
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const own = ((raw.parameters as unknown[]) ?? []).map((p) => resolveRef<Parameter>(doc, p));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own].map((p) => ({
        ...p,
        required: Boolean(p.required),
        ...(p.allowEmptyValue === true ? { allowEmptyValue: true } : {}),
        schema: (p.schema ?? {}) as JsonObject,
      }));
      const responses: Operation['responses'] = {};
      for (const [status, response] of Object.entries((raw.responses ?? {}) as JsonObject)) {
        responses[status] = resolveRef(doc, response);
      }
      const body = raw.requestBody ? resolveRef<NonNullable<Operation['requestBody']>>(doc, raw.requestBody) : undefined;
      operations.push({
        operationId: String(raw.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        tags: (raw.tags as string[]) ?? [],
        parameters,
        security: (raw.security as SecurityRequirement[] | undefined) ?? doc.security ?? [],
        ...(body ? { requestBody: { required: Boolean(body.required), content: body.content } } : {}),
        responses,
        raw,
      });
    }
  }
  return operations;
}
