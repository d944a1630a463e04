import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { JsonObject, OpenApiDocument, Operation, Parameter } from './spec.js';
import { resolveRef } from './spec.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS with a default export; under NodeNext that default sits one level down.
const addFormats = (addFormatsModule as unknown as { default: AddFormats }).default;

const COMPONENTS_ID = 'urn:adultwork-api:components';

/** Field name → messages, the `ModelState` of the error body. */
export type ModelState = Record<string, string[]>;

export interface CompiledOperationValidators {
  query: ValidateFunction;
  queryParameters: Array<Parameter & { resolved: JsonObject }>;
  body?: ValidateFunction;
  responses: Map<string, ValidateFunction>;
}

/** Rewrites `#/components/schemas/X` into the id the components were registered under. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')) {
      out[key] = `${COMPONENTS_ID}#/$defs/${inner.slice('#/components/schemas/'.length)}`;
    } else {
      out[key] = rewriteRefs(inner);
    }
  }
  return out;
}

function collectExtensionKeywords(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const inner of value) collectExtensionKeywords(inner, into);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('x-')) into.add(key);
    collectExtensionKeywords(inner, into);
  }
}

/**
 * One Ajv (JSON Schema 2020-12) instance for the whole spec. Every schema is compiled once, when
 * the sandbox starts, so a broken schema stops the start rather than a request.
 */
export class SpecValidator {
  readonly ajv: Ajv2020;
  private readonly byOperation = new Map<string, CompiledOperationValidators>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, strictTuples: false });
    addFormats(this.ajv);
    // OpenAPI's own schema keywords and the spec's extensions annotate; they never constrain.
    const extensions = new Set<string>(['xml', 'example', 'discriminator', 'externalDocs']);
    collectExtensionKeywords(doc.components.schemas, extensions);
    for (const operation of Object.values(doc.paths)) collectExtensionKeywords(operation, extensions);
    collectExtensionKeywords(doc.components.parameters, extensions);
    this.ajv.addVocabulary([...extensions]);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components.schemas) as JsonObject });
  }

  compile(schema: unknown): ValidateFunction {
    return this.ajv.compile(rewriteRefs(schema) as JsonObject);
  }

  /** The component schema `name`, compiled. */
  component(name: string): ValidateFunction {
    const validate = this.ajv.getSchema(`${COMPONENTS_ID}#/$defs/${name}`);
    if (!validate) throw new Error(`No component schema ${name}`);
    return validate;
  }

  prepare(operation: Operation): CompiledOperationValidators {
    const queryParameters = operation.parameters
      .filter((p) => p.in === 'query')
      .map((p) => ({ ...p, resolved: resolveRef(this.doc, p.schema) }));
    const query = this.compile({
      type: 'object',
      properties: Object.fromEntries(queryParameters.map((p) => [p.name, p.schema])),
      required: queryParameters.filter((p) => p.required).map((p) => p.name),
    });
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    const responses = new Map<string, ValidateFunction>();
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        if (media.schema) responses.set(`${status} ${mediaType}`, this.compile(media.schema));
      }
    }
    const compiled: CompiledOperationValidators = {
      query,
      queryParameters,
      ...(bodySchema ? { body: this.compile(bodySchema) } : {}),
      responses,
    };
    this.byOperation.set(operation.operationId, compiled);
    return compiled;
  }

  forOperation(operationId: string): CompiledOperationValidators {
    const compiled = this.byOperation.get(operationId);
    if (!compiled) throw new Error(`Operation ${operationId} was not prepared`);
    return compiled;
  }
}

function schemaTypes(schema: JsonObject): string[] {
  const type = schema.type;
  if (Array.isArray(type)) return type as string[];
  return typeof type === 'string' ? [type] : [];
}

/**
 * Query strings carry text only; a parameter whose schema says integer or number is read as one
 * when the text is exactly such a literal, and otherwise left as text so the schema rejects it.
 */
export function coerceQueryValue(raw: string, schema: JsonObject): unknown {
  const types = schemaTypes(schema);
  // Integers are written as digits only, as .NET's Int32 binder expects: "1e2" and "1.0" stay text.
  const literal = types.includes('number') ? /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/ : types.includes('integer') ? /^-?\d+$/ : undefined;
  if (literal?.test(raw)) {
    const number = Number(raw);
    if (Number.isFinite(number)) return number;
  }
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function fieldOf(error: ErrorObject, root: string): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') path.push(String((error.params as { missingProperty: string }).missingProperty));
  if (path.length === 0) return root;
  return path.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function describe(error: ErrorObject, field: string): string {
  const parent = (error.parentSchema ?? {}) as JsonObject;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field} is required.`;
    case 'type':
      return `${field} must be of type ${String(params.type).replace(',', ' or ')}.`;
    case 'minimum':
    case 'maximum':
      if (typeof parent.minimum === 'number' && typeof parent.maximum === 'number') {
        return `${field} must be between ${parent.minimum} and ${parent.maximum}.`;
      }
      return error.keyword === 'minimum' ? `${field} must be at least ${String(params.limit)}.` : `${field} must be at most ${String(params.limit)}.`;
    case 'enum':
      return `${field} must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'pattern':
      return `${field} is not in the expected format (${String(params.pattern)}).`;
    case 'format':
      return `${field} must be a valid ${String(params.format)}.`;
    case 'minLength':
      return params.limit === 1 ? `${field} must not be empty.` : `${field} must be at least ${String(params.limit)} characters long.`;
    default:
      return `${field} ${error.message ?? 'is invalid'}.`;
  }
}

export function toModelState(errors: ErrorObject[] | null | undefined, root: string): ModelState {
  const state: ModelState = {};
  for (const error of errors ?? []) {
    // Ajv repeats a failed `allOf`/`if` branch as its own error; the specific error already says it.
    if (error.keyword === 'if' || error.keyword === 'allOf' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const field = fieldOf(error, root);
    const message = describe(error, field);
    const list = (state[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  if (Object.keys(state).length === 0) state[root] = [`${root} is invalid.`];
  return state;
}
