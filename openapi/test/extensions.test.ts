// The x-adultwork-* extensions are the contract the sandbox and the SDK are built on: their shape
// (extensions/x-adultwork.schema.json) and their agreement with the rest of the spec.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { deref, operations, spec, type Node } from './spec.js';

const contract = JSON.parse(readFileSync(new URL('../extensions/x-adultwork.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
ajv.addSchema(contract, 'contract');
const validateOperation = ajv.getSchema('contract#/$defs/operation')!;
const validateRoot = ajv.compile(contract);

const allOps = operations();
// The OAuth endpoints are not API operations: every API rule below skips them.
const ops = allOps.filter((o) => o.operation['x-adultwork-oauth'] === undefined);
const oauthOps = allOps.filter((o) => o.operation['x-adultwork-oauth'] !== undefined);
const byId = new Map(ops.map((o) => [o.operation.operationId as string, o]));
const services = spec['x-adultwork-bookings'] as Node;
const userFields = Object.keys(spec['x-adultwork-users'].fields);
// A caller.X / bookedUser.X reference reads a user field or a member of one of the user's records.
const userReadable = () => [
  ...userFields,
  ...(spec['x-adultwork-users'].records as string[]).flatMap((record) => Object.keys(propertiesOf(schemaNamed(record)))),
];
const assumptions: string[] = spec.info['x-adultwork-assumptions'];

const schemaNamed = (name: string) => {
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`No component schema ${name}`);
  return found as Node;
};
/** Every property name of an object schema, allOf parts included. */
function propertiesOf(schema: Node): Record<string, Node> {
  const resolved = deref(schema, []).node;
  const own = { ...(resolved.properties ?? {}) };
  for (const part of (resolved.allOf ?? []) as Node[]) Object.assign(own, propertiesOf(part));
  return own;
}
const requestSchema = (operation: Node) => {
  const body = operation.requestBody && deref(operation.requestBody, []).node;
  return body ? (body.content['application/json'].schema as Node) : undefined;
};
const parameters = (operation: Node) => ((operation.parameters ?? []) as Node[]).map((p) => deref(p, []).node);
const okSchema = (operation: Node) => deref(operation.responses['200'], []).node.content['application/json'].schema as Node;

describe('the extension contract', () => {
  it('holds for the document root (x-adultwork-bookings, x-adultwork-users)', () => {
    validateRoot(spec);
    expect(validateRoot.errors ?? []).toEqual([]);
  });

  it.each(allOps.map((o) => [o.operation.operationId, o] as const))('holds for %s', (_id, { operation }) => {
    validateOperation(operation);
    expect(validateOperation.errors ?? []).toEqual([]);
  });

  it('wants either x-adultwork-resource or x-adultwork-oauth on an operation, never both', () => {
    const read = structuredClone(byId.get('getAccountPermissions')!.operation);
    expect(validateOperation({ ...read, 'x-adultwork-oauth': 'token' })).toBe(false);
    const { 'x-adultwork-resource': _resource, ...bare } = read;
    expect(validateOperation(bare)).toBe(false);
    expect(validateOperation({ ...bare, 'x-adultwork-oauth': 'token' })).toBe(true);
    expect(validateOperation({ ...bare, 'x-adultwork-oauth': 'refresh' })).toBe(false);
  });

  it('rejects an unknown key and an unknown operator', () => {
    const cancel = structuredClone(byId.get('cancelPhoneChatMadeBooking')!.operation);
    expect(validateOperation({ ...cancel, 'x-adultwork-rules': [] })).toBe(false);
    cancel['x-adultwork-prerequisites'][0].operator = 'isNot';
    expect(validateOperation(cancel)).toBe(false);
  });
});

describe('the operations', () => {
  it('keep the operationIds the SDK and the clients already use', () => {
    for (const id of [
      'listPhoneChatMadeBookings',
      'listGroupMemberPhoneChatMadeBookings',
      'cancelPhoneChatMadeBooking',
      'reschedulePhoneChatMadeBooking',
      'deletePhoneChatMadeBookings',
      'cancelWebcamMadeBooking',
    ]) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(byId.size).toBe(ops.length);
  });

  it.each(ops.map((o) => [o.operation.operationId, o] as const))('%s names only scopes the scheme declares', (_id, { operation }) => {
    const declared = Object.keys(spec.components.securitySchemes.AdultWorkOAuth.flows.authorizationCode.scopes);
    const scopes: string[] = operation.security.flatMap((requirement: Node) => requirement.AdultWorkOAuth);
    for (const scope of scopes) expect(declared).toContain(scope);
    expect(scopes.length === 0).toBe(operation['x-adultwork-token-only'] === true);
    for (const scope of Object.keys(operation['x-adultwork-optional-scopes'] ?? {})) expect(declared).toContain(scope);
  });
});

describe('x-adultwork-resource', () => {
  const bookingOps = ops.filter((o) => o.operation['x-adultwork-resource'].kind === 'booking');

  it.each(bookingOps.map((o) => [o.operation.operationId, o] as const))('%s names the view of its side', (_id, { operation }) => {
    const resource = operation['x-adultwork-resource'];
    const view = services[resource.service].views[resource.side];
    expect([resource.schema, resource.idProperty]).toEqual([view.schema, view.idProperty]);
    expect(propertiesOf(schemaNamed(resource.schema))).toHaveProperty(resource.idProperty);
    const body = requestSchema(operation);
    const inputs = [...Object.keys(body ? propertiesOf(body) : {}), ...parameters(operation).map((p) => p.name)];
    for (const key of ['requestIdProperty', 'requestIdsProperty', 'requestInviteeProperty']) {
      if (resource[key]) expect(inputs, key).toContain(resource[key]);
    }
  });

  it('gives each side of each service its own schema, whose other party exists', () => {
    for (const service of Object.values(services) as Node[]) {
      for (const view of Object.values(service.views) as Node[]) expect(propertiesOf(schemaNamed(view.schema))).toHaveProperty(view.otherParty);
      expect(service.views.client.schema).not.toBe(service.views.performer.schema);
    }
  });

  it('names records the user model lists, and owners that are parameters', () => {
    for (const { operation } of ops) {
      const resource = operation['x-adultwork-resource'];
      schemaNamed(resource.schema);
      if (resource.kind === 'record') expect(spec['x-adultwork-users'].records).toContain(resource.record);
      if (typeof resource.owner === 'object') expect(parameters(operation).map((p) => p.name)).toContain(resource.owner.parameter);
    }
  });
});

describe('x-adultwork-prerequisites and x-adultwork-effect', () => {
  const fieldsOf = (operation: Node, subject: string | undefined): string[] => {
    const resource = operation['x-adultwork-resource'];
    if (!subject || subject === 'booking') return Object.keys(propertiesOf(schemaNamed(resource.schema)));
    if (subject === 'request') return Object.keys(propertiesOf(requestSchema(operation)!));
    return userFields;
  };
  const reference = (operation: Node, ref: string) => {
    const [source, field] = ref.includes('.') ? ref.split('.') : ['booking', ref];
    if (source === 'caller' || source === 'bookedUser') return userReadable().includes(field!);
    return fieldsOf(operation, source).includes(field!);
  };

  it.each(ops.filter((o) => o.operation['x-adultwork-prerequisites']).map((o) => [o.operation.operationId, o] as const))(
    '%s checks fields that exist',
    (_id, { operation }) => {
      for (const rule of operation['x-adultwork-prerequisites']) {
        expect(fieldsOf(operation, rule.subject), rule.id).toContain(rule.field);
        const refs = typeof rule.than === 'string' ? [rule.than] : (rule.than?.multiply ?? []);
        for (const ref of refs) expect(reference(operation, ref), `${rule.id}: ${ref}`).toBe(true);
        if (rule.when) expect(fieldsOf(operation, 'booking')).toContain(rule.when.field);
      }
    },
  );

  it.each(ops.filter((o) => o.operation['x-adultwork-effect']).map((o) => [o.operation.operationId, o] as const))(
    '%s writes fields of its resource from inputs that exist',
    (_id, { operation }) => {
      const effect = operation['x-adultwork-effect'];
      const resource = operation['x-adultwork-resource'];
      const target = effect.action === 'save' ? schemaNamed(effect.record) : schemaNamed(resource.schema);
      const fields = Object.keys(propertiesOf(target));
      const request = requestSchema(operation);
      const requestFields = Object.keys(request ? propertiesOf(request) : {});
      const templates: string[] = [];
      const check = (set: Node | undefined, schemaFields: string[]) => {
        for (const [key, value] of Object.entries(set ?? {})) {
          expect(schemaFields, key).toContain(key);
          const text = typeof value === 'object' && value !== null ? (value as Node).template : value;
          if (typeof text === 'string') templates.push(text);
        }
      };
      check(effect.set, fields);
      check(effect.siblings?.set, fields);
      if (effect.companion) check(effect.companion.set, Object.keys(propertiesOf(schemaNamed(services[effect.companion.service].views.client.schema))));
      if (effect.credits) {
        check(effect.credits.historyEntry, Object.keys(propertiesOf(schemaNamed('CreditHistoryEntry'))));
        templates.push(effect.credits.amount);
      }
      for (const field of effect.fields ?? []) expect(requestFields).toContain(field);
      for (const text of templates) {
        for (const [, source, field] of text.matchAll(/\{(\w+)(?:\.(\w+))?\}/g)) {
          expect(['now', 'request', 'booking', 'caller', 'invitee'], text).toContain(source);
          if (source === 'request') expect(requestFields, text).toContain(field);
          if (source === 'booking') expect(fields, text).toContain(field);
          if (source === 'caller' || source === 'invitee') expect(userFields, text).toContain(field);
        }
      }
      if (effect.invitees) expect(requestFields).toContain(effect.invitees.parameter);
      if (effect.invitees?.multipleFlag) expect(fields).toContain(effect.invitees.multipleFlag);
    },
  );

  it('moves bookings only between the five statuses, along declared transitions', () => {
    for (const { operation } of ops) {
      const effect = operation['x-adultwork-effect'];
      const resource = operation['x-adultwork-resource'];
      const status = effect?.set?.Status;
      if (!status) continue;
      const service = services[resource.service];
      expect(service.statuses).toContain(status);
      const transition = service.transitions.find((t: Node) => t.operationId === operation.operationId);
      expect(transition, operation.operationId).toBeDefined();
      expect(transition.to).toBe(status);
      expect(transition.by).toBe(resource.side === 'client' ? 'client' : 'performer');
    }
    for (const service of Object.values(services) as Node[]) {
      expect(service.statuses).toEqual(['Pending', 'Accepted', 'Rejected', 'Confirmed', 'Cancelled']);
      for (const transition of service.transitions) {
        if (transition.operationId) expect(byId.has(transition.operationId), transition.operationId).toBe(true);
        if (transition.sibling) expect(byId.get(transition.sibling)!.operation['x-adultwork-effect'].siblings).toBeDefined();
        if (transition.expiry) expect(service.expiry.map((e: Node) => e.id)).toContain(transition.expiry);
      }
    }
  });
});

describe('x-adultwork-pagination and x-adultwork-list', () => {
  const lists = ops.filter((o) => o.operation['x-adultwork-pagination']);

  it('is on every operation that answers a page', () => {
    const pages = ops.filter((o) => 'PageCount' in propertiesOf(okSchema(o.operation)));
    expect(pages.map((o) => o.operation.operationId).sort()).toEqual(lists.map((o) => o.operation.operationId).sort());
  });

  it.each(lists.map((o) => [o.operation.operationId, o] as const))('%s names parameters and members that exist', (_id, { operation }) => {
    const pagination = operation['x-adultwork-pagination'];
    const names = parameters(operation).map((p) => p.name);
    expect(names).toContain(pagination.pageParameter);
    expect(names).toContain(pagination.sizeParameter);
    const members = Object.keys(propertiesOf(okSchema(operation)));
    for (const key of ['itemsProperty', 'pageCountProperty', 'pageNumberProperty', 'pageSizeProperty', 'totalProperty']) {
      if (pagination[key]) expect(members, key).toContain(pagination[key]);
    }
    const page = parameters(operation).find((p) => p.name === pagination.pageParameter)!;
    // A list that starts at the last page cannot default PageNumber to 1.
    expect(page.schema.default).toBe(pagination.startsAt === 'last' ? undefined : 1);
    const sort = operation['x-adultwork-list']?.sort;
    if (sort) {
      const order = parameters(operation).find((p) => p.name === sort.parameter)!;
      const values: string[] = deref(order.schema, []).node.enum;
      for (const value of values) expect(Object.keys(sort.fields)).toContain(value.replace(/-(asc|desc)$/, ''));
    }
  });
});

describe('x-adultwork-group-manager', () => {
  const twins = ops.filter((o) => o.operation['x-adultwork-group-manager']);

  it.each(twins.map((o) => [o.operation.operationId, o] as const))('%s mirrors its operation and takes UserID', (_id, { path, method, operation }) => {
    const manager = operation['x-adultwork-group-manager'];
    const original = byId.get(manager.variantOf)!;
    expect(original.operation['x-adultwork-group-manager-variant']).toBe(operation.operationId);
    expect(path).toBe(original.path.replace('/v1/', '/v1/Groups/'));
    expect(method).toBe(original.method);
    if (manager.memberIn === 'query') {
      expect(parameters(operation).find((p) => p.name === 'UserID')).toMatchObject({ in: 'query', required: true });
    } else {
      expect(deref(requestSchema(operation)!, []).node.required).toContain('UserID');
      expect(manager['x-adultwork-assumed']).toBeDefined();
    }
  });
});

describe('x-adultwork-assumed', () => {
  const found: { at: string; node: Node }[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    if (!Array.isArray(node) && 'x-adultwork-assumed' in (node as Node)) found.push({ at, node: node as Node });
    for (const [key, value] of Object.entries(node as Node)) walk(value, `${at}/${key}`);
  };
  walk(spec, '#');

  it('is used', () => {
    expect(found.length).toBeGreaterThan(20);
  });

  it.each(found.map((f) => [f.at, f] as const))('%s gives reasons from info.x-adultwork-assumptions and says Assumed', (_at, { node }) => {
    const reasons = ([] as string[]).concat(node['x-adultwork-assumed']);
    for (const reason of reasons) expect(assumptions).toContain(reason);
    if (typeof node.description === 'string') expect(node.description).toMatch(/assumed/i);
  });
});

describe('assumptions told in prose', () => {
  it.each(ops.map((o) => [o.operation.operationId, o] as const))('%s carries x-adultwork-assumed when its description says Assumed', (_id, { operation }) => {
    if (/\*\*Assumed/.test(operation.description)) expect(operation['x-adultwork-assumed']).toBeDefined();
  });
});

describe('enum parameters', () => {
  it('name every value for the generated clients', () => {
    for (const { operation } of ops) {
      for (const parameter of parameters(operation)) {
        const schema = deref(parameter.schema, []).node;
        if (schema.enum) expect(schema['x-enum-varnames'], parameter.name).toHaveLength(schema.enum.length);
      }
    }
  });
});

describe('x-adultwork-oauth', () => {
  const flows = spec.components.securitySchemes.AdultWorkOAuth.flows;

  it('marks exactly the authorize page and the token endpoint, on the Unified Login host', () => {
    expect(oauthOps.map((o) => [o.method, o.path, o.operation['x-adultwork-oauth']])).toEqual([
      ['get', '/OAuth/Authorize', 'authorize'],
      ['post', '/OAuth/token', 'token'],
    ]);
    for (const { path, operation } of oauthOps) {
      expect(operation.security).toEqual([]);
      expect(spec.paths[path].servers[0].url).toBe('https://platform.adultwork.com');
    }
  });

  it("agrees with the security scheme's URLs and offers both flows with the same scopes", () => {
    expect(new URL(flows.authorizationCode.authorizationUrl).pathname).toBe('/OAuth/Authorize');
    expect(new URL(flows.authorizationCode.tokenUrl).pathname).toBe('/OAuth/token');
    expect(flows.authorizationCode.refreshUrl).toBe(flows.authorizationCode.tokenUrl);
    expect(flows.implicit.authorizationUrl).toBe(flows.authorizationCode.authorizationUrl);
    expect(Object.keys(flows.implicit.scopes)).toEqual(Object.keys(flows.authorizationCode.scopes));
  });

  it("documents the token answer's no-store headers and the expired refresh token body", () => {
    const token = spec.paths['/OAuth/token'].post;
    expect(Object.keys(token.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(token.responses['200'].headers).sort()).toEqual(['Cache-Control', 'Pragma']);
    const expired = deref(token.responses['401'], []).node.content['application/json'].examples.refreshTokenHasExpired;
    expect(deref(expired, []).node.value).toEqual({ error: 'refresh_token_has_expired' });
  });
});
