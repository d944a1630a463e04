import { makeDataValidator } from './fixtures.js';
import { buildHandlers, engineOperations, planOperations, type Handler, type Plan } from './operations.js';
import { readWorld, type WorldModel } from './world.js';
import { buildRoutes, type RouteTable } from './routes.js';
import { negotiator } from './negotiation.js';
import { listOperations, loadSpec, type JsonObject, type OpenApiDocument, type Operation } from './spec.js';
import type { SandboxData, Store } from './store.js';
import { SpecValidator, type CompiledOperationValidators } from './validation.js';
import { DataContractXml } from './xml.js';

export const MEDIA_JSON = 'application/json';
export const MEDIA_XML = 'application/xml';

/** What the spec says, read and checked once at start-up; nothing here changes afterwards. */
export interface SpecModel {
  doc: OpenApiDocument;
  operations: Operation[];
  plans: Plan[];
  /** The booking services, their views and expiry, and what the rules know about users. */
  world: WorldModel;
  validator: SpecValidator;
  validateData: (data: unknown) => asserts data is SandboxData;
  routes: RouteTable;
  xml: DataContractXml;
}

/** One operation, ready to serve: its validators, its handler and how its answers are written. */
export interface PreparedOperation {
  operation: Operation;
  validators: CompiledOperationValidators;
  handler: Handler;
  /** Status → schema per media type, for serialising and checking answers. */
  representations: Map<string, Map<string, JsonObject>>;
  offers: string[];
  /** The representation of a 200 the request's `Accept` header picks from `offers`. */
  choose: (accept: string | undefined) => string;
}

/**
 * The pipeline itself answers 413 to a body over the limit and 415 to one not sent as JSON, on
 * every operation that takes a body; a spec that does not document both there could never be
 * answered conformingly, so it is refused like any other spec the sandbox cannot serve.
 */
function checkDocumentedStatuses(operations: Operation[]): void {
  for (const operation of operations) {
    if (!operation.requestBody) continue;
    const missing = ['413', '415'].filter((status) => !operation.responses[status]?.content?.[MEDIA_JSON]?.schema);
    if (missing.length > 0) {
      throw new Error(
        `${operation.operationId}: takes a request body but documents no JSON ${missing.join(' or ')} response; the sandbox answers 413 to a body over its limit and 415 to one not sent as JSON`,
      );
    }
  }
}

/** Reads the bundled spec and everything derived from it; any problem with the spec throws here. */
export function loadSpecModel(specPath: string): SpecModel {
  const doc = loadSpec(specPath);
  const operations = engineOperations(listOperations(doc));
  checkDocumentedStatuses(operations);
  const world = readWorld(doc);
  const plans = planOperations(doc, operations, world);
  const validator = new SpecValidator(doc);
  const validateData: (data: unknown) => asserts data is SandboxData = makeDataValidator(validator, doc, world);
  return { doc, operations, plans, world, validator, validateData, routes: buildRoutes(operations), xml: new DataContractXml(doc) };
}

/** Binds every operation's handler to the store and compiles what answering it needs. */
export function prepareOperations(model: SpecModel, store: Store): Map<string, PreparedOperation> {
  const handlers = buildHandlers(model.plans, store, model.doc, model.world);
  const prepared = new Map<string, PreparedOperation>();
  for (const operation of model.operations) {
    const representations = new Map<string, Map<string, JsonObject>>();
    for (const [status, response] of Object.entries(operation.responses)) {
      const media = new Map<string, JsonObject>();
      for (const [type, content] of Object.entries(response.content ?? {})) if (content.schema) media.set(type, content.schema);
      representations.set(status, media);
    }
    const offers = representations.get('200')?.has(MEDIA_XML) ? [MEDIA_JSON, MEDIA_XML] : [MEDIA_JSON];
    prepared.set(operation.operationId, {
      operation,
      validators: model.validator.prepare(operation),
      handler: handlers.get(operation.operationId)!,
      representations,
      offers,
      choose: negotiator(offers),
    });
  }
  return prepared;
}
