// Writes adultwork/zz_generated_operations.go from the bundled spec: the model types and enum
// constants of the generated client under the layer's package name, one service per tag
// (client.PhoneChat, client.Webcam, ...) with one method and one params struct per operation
// (over the generated request builders), the group-manager view (client.AsGroupMember(id)) over
// the /v1/Groups twins, and for every operation with x-adultwork-pagination an iterator over all
// its items, walked forward or backward as the extension's startsAt says. It also writes
// OPERATIONS.md, the table of every call. Everything that differs per operation comes from the
// spec; the concepts (transport, errors, paging) are hand-written next to it.
//
// Usage: node scripts/generate-operations.mjs          write the files
//        node scripts/generate-operations.mjs --check  fail if a committed file differs
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
const specPath = join(root, 'openapi', 'dist', 'openapi.json');
const outPath = join(pkg, 'adultwork', 'zz_generated_operations.go');
const tablePath = join(pkg, 'OPERATIONS.md');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function fail(message) {
  console.error(`generate-operations: ${message}`);
  process.exit(1);
}

if (!existsSync(specPath)) fail(`${specPath} is missing; run "npm run bundle" first.`);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));

function deref(value) {
  let current = value;
  for (let depth = 0; current?.$ref; depth += 1) {
    if (depth > 10 || !current.$ref.startsWith('#/')) fail(`cannot follow ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
    if (current === undefined) fail(`dangling reference ${value.$ref}`);
  }
  return current;
}

const refName = (schema) => schema?.$ref?.startsWith('#/components/schemas/') ? schema.$ref.slice('#/components/schemas/'.length) : undefined;
// The generated client's Go name of a wire name: first letter up, the rest as written.
const exported = (name) => name.charAt(0).toUpperCase() + name.slice(1);
const pascal = (value) => String(value).split(/[^A-Za-z0-9]+/).filter(Boolean).map(exported).join('');
const comment = (text, indent = '') =>
  String(text ?? '')
    .trim()
    .split('\n')
    .map((line) => `${indent}//${line.trim() ? ` ${line.trimEnd()}` : ''}`)
    .join('\n');
const goString = (value) => JSON.stringify(value);
const oneLine = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').trim();
const typesOf = (schema) => (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== 'null');

// Whether the generated client writes a Go type for a component schema: objects with members,
// compositions and enums. A scalar schema (Credits, LocalDateTime, CreditBalance) is inlined as
// its Go scalar type, a named array as a slice, and an object with no members (DirectChatSettings,
// open) as map[string]interface{}.
const hasGoType = (schema) =>
  Boolean(schema.enum || (typesOf(schema).includes('object') && schema.properties) || schema.allOf || schema.oneOf || schema.anyOf);

// The Go type the generated client uses for a schema.
function goType(schema, where) {
  const name = refName(schema);
  const target = deref(schema);
  const [type] = typesOf(target);
  if (type === 'array') return `[]${goType(target.items, where)}`;
  if (name && hasGoType(target)) return name;
  switch (type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return target.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'object':
      return 'map[string]interface{}';
    default:
      return fail(`${where}: no Go type for schema ${JSON.stringify(schema)}`);
  }
}

// Whether the zero value of a parameter's Go type is a value the API accepts: then "unset" needs
// a pointer, otherwise the zero value means "leave it out".
function zeroIsValid(schema) {
  const target = deref(schema);
  if (target.enum) return target.enum.includes(typesOf(target)[0] === 'string' ? '' : 0);
  switch (typesOf(target)[0]) {
    case 'string':
      return target.minLength === undefined && target.pattern === undefined;
    case 'integer':
    case 'number':
      return target.minimum === undefined || target.minimum <= 0;
    default:
      return true;
  }
}

function zeroOf(schema) {
  const type = typesOf(deref(schema))[0];
  if (type === 'string') return '""';
  if (type === 'boolean') return 'false';
  if (type === 'integer' || type === 'number') return '0';
  return fail(`no zero value for ${JSON.stringify(schema)}`);
}

// The service an operation belongs to: its one tag, as the generated client groups them.
function serviceOf(tag) {
  const name = pascal(tag);
  if (!name) fail(`tag ${JSON.stringify(tag)} gives no Go name`);
  return { tag, name, api: `${exported(tag)}API` };
}

// The method's name inside its service: the operationId without the service's name, so that
// client.PhoneChat.ListMadeBookings reads once what listPhoneChatMadeBookings said twice.
function shortName(operationId, service) {
  const name = exported(operationId);
  const at = name.search(new RegExp(`${service.name}(?=[A-Z]|$)`));
  if (at < 1) return name;
  const short = name.slice(0, at) + name.slice(at + service.name.length);
  return short;
}

// The iterator's name: ListMadeBookings -> AllMadeBookings; any other name gets "All" after it.
const iteratorName = (short) => (/^List[A-Z]/.test(short) ? `All${short.slice(4)}` : `${short}All`);

// --- Reading the operations -------------------------------------------------------------------

const operations = [];
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    // OAuth endpoints live on the login host and are no API call: the layer has no method for them.
    if (op['x-adultwork-oauth']) continue;
    const where = `${method.toUpperCase()} ${path}`;
    if (!op.operationId) fail(`${where} has no operationId`);
    if (op.tags?.length !== 1) fail(`${where}: the generated client groups operations by their one tag; found ${JSON.stringify(op.tags)}`);
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    for (const p of params) {
      if (p.in !== 'query') fail(`${where}: parameter ${p.name} is in ${p.in}; only query parameters are supported so far`);
    }
    let body;
    if (op.requestBody) {
      const schema = deref(op.requestBody).content?.['application/json']?.schema;
      if (!refName(schema)) fail(`${where}: the request body must be a $ref to a component schema`);
      if (!hasGoType(deref(schema))) fail(`${where}: the request body ${refName(schema)} must be an object with members`);
      body = { type: refName(schema), schema: deref(schema) };
    }
    const ok = deref(op.responses?.['200'] ?? op.responses?.['201']);
    const okSchema = ok?.content?.['application/json']?.schema;
    const result = okSchema ? goType(okSchema, where) : undefined;
    const resultKind = !result ? 'none' : result.startsWith('[]') || result.startsWith('map[') ? 'plain' : hasGoType(deref(okSchema)) ? 'model' : 'plain';
    const service = serviceOf(op.tags[0]);
    const paging = op['x-adultwork-pagination'] ? { ...op['x-adultwork-pagination'] } : undefined;
    if (paging) {
      const page = params.find((p) => p.name === paging.pageParameter);
      if (!page) fail(`${where}: x-adultwork-pagination names pageParameter ${paging.pageParameter}, which the operation does not have`);
      const pageSchema = refName(okSchema) ? deref(okSchema) : {};
      const itemsSchema = pageSchema.properties?.[paging.itemsProperty];
      if (!itemsSchema || typesOf(deref(itemsSchema))[0] !== 'array') fail(`${where}: itemsProperty ${paging.itemsProperty} is not an array of the answer`);
      for (const key of ['pageCountProperty', 'pageNumberProperty']) {
        if (paging[key] !== undefined && !pageSchema.properties?.[paging[key]]) fail(`${where}: ${key} ${paging[key]} is not a property of the answer`);
      }
      if (!paging.pageCountProperty) fail(`${where}: x-adultwork-pagination has no pageCountProperty`);
      const startsAt = paging.startsAt ?? 'first';
      if (!['first', 'last'].includes(startsAt)) fail(`${where}: startsAt ${JSON.stringify(startsAt)} is neither first nor last`);
      if (paging.emptyPageNumberMeans !== undefined && paging.emptyPageNumberMeans !== startsAt) {
        fail(`${where}: emptyPageNumberMeans ${paging.emptyPageNumberMeans} differs from startsAt ${startsAt}; the iterators leave the page parameter out, so they need the two to agree`);
      }
      if (startsAt === 'last' && !paging.pageNumberProperty) fail(`${where}: a list that starts at its last page needs pageNumberProperty to know where it is`);
      paging.startsAt = startsAt;
      paging.itemType = goType(deref(itemsSchema).items, where);
      paging.pageType = goType(page.schema, where);
      if (!['int32', 'int64'].includes(paging.pageType)) fail(`${where}: the page parameter must be an integer`);
    }
    operations.push({
      id: op.operationId,
      name: exported(op.operationId),
      service,
      method: method.toUpperCase(),
      path,
      summary: op.summary,
      description: op.description,
      twinOf: op['x-adultwork-group-manager'],
      params: params.map((p) => ({
        wire: p.name,
        field: exported(p.name),
        type: goType(p.schema, `${where} ${p.name}`),
        schema: p.schema,
        required: p.required === true,
        pointer: p.required !== true && zeroIsValid(p.schema),
        zero: zeroOf(p.schema),
        description: p.description,
      })),
      body,
      result,
      resultKind,
      paging,
    });
  }
}
operations.sort((a, b) => a.name.localeCompare(b.name));
const byId = new Map(operations.map((op) => [op.id, op]));

// The group-manager twins: each mirrors an operation of the same service, with the member
// parameter added (in the query for GET, in the body for POST). The view sets the member, so a
// twin's method takes its original's params and body; anything else would be a spec the view
// cannot serve, and fails here.
for (const op of operations) {
  if (!op.twinOf) continue;
  const where = `${op.method} ${op.path}`;
  const original = byId.get(op.twinOf.variantOf);
  if (!original) fail(`${where}: x-adultwork-group-manager.variantOf ${op.twinOf.variantOf} is not an operation`);
  if (original.service.name !== op.service.name) fail(`${where}: the twin's tag differs from ${original.id}'s`);
  const member = op.twinOf.memberParameter;
  op.original = original;
  op.member = { wire: member, field: exported(member), in: op.twinOf.memberIn };
  const sameParams = (a, b) => a.map((p) => `${p.wire}:${p.type}:${p.required}`).join() === b.map((p) => `${p.wire}:${p.type}:${p.required}`).join();
  if (op.twinOf.memberIn === 'query') {
    const memberParam = op.params.find((p) => p.wire === member);
    if (!memberParam?.required) fail(`${where}: the member parameter ${member} must be a required query parameter`);
    op.member.type = memberParam.type;
    op.member.schema = memberParam.schema;
    if (!sameParams(op.params.filter((p) => p.wire !== member), original.params)) fail(`${where}: besides ${member}, the twin's parameters must be ${original.id}'s`);
    if (op.body?.type !== original.body?.type) fail(`${where}: the twin's body must be ${original.id}'s`);
  } else if (op.twinOf.memberIn === 'body') {
    const memberSchema = op.body?.schema.properties?.[member];
    if (!memberSchema || !op.body.schema.required?.includes(member)) fail(`${where}: the member ${member} must be a required member of the body`);
    op.member.type = goType(memberSchema, where);
    op.member.schema = memberSchema;
    const theirs = Object.keys(original.body?.schema.properties ?? {}).sort().join();
    const ours = Object.keys(op.body.schema.properties).filter((k) => k !== member).sort().join();
    if (!original.body || theirs !== ours) fail(`${where}: besides ${member}, the twin's body must have ${original.id}'s members`);
    if (!sameParams(op.params, original.params)) fail(`${where}: the twin's parameters must be ${original.id}'s`);
  } else {
    fail(`${where}: memberIn ${JSON.stringify(op.twinOf.memberIn)} is neither query nor body`);
  }
  if (op.result !== original.result) fail(`${where}: the twin's answer must be ${original.id}'s`);
  if (!op.member.type.startsWith('int')) fail(`${where}: the member parameter must be an integer`);
}
const twins = operations.filter((op) => op.twinOf);
const memberTypes = [...new Set(twins.map((op) => op.member.type))];
if (memberTypes.length > 1) fail(`the group twins' member parameters have different types: ${memberTypes.join(', ')}`);
const memberNames = [...new Set(twins.map((op) => op.member.field))];
if (memberNames.length > 1) fail(`the group twins' member parameters have different names: ${memberNames.join(', ')}`);

// Services, in tag order, each with its methods; the group view's services hold only twins.
function servicesOf(list, view) {
  const services = new Map();
  for (const op of list) {
    const service = services.get(op.service.name) ?? { ...op.service, ops: [] };
    services.set(op.service.name, service);
    op.short = shortName(view ? op.original.id : op.id, op.service);
    op.iterator = op.paging ? iteratorName(op.short) : undefined;
    for (const other of service.ops) {
      for (const name of [op.short, op.iterator].filter(Boolean)) {
        if (name === other.short || name === other.iterator) fail(`${op.id} and ${other.id} would both be ${service.name}.${name}`);
      }
    }
    service.ops.push(op);
  }
  return [...services.values()].sort((a, b) => a.name.localeCompare(b.name));
}
const services = servicesOf(operations.filter((op) => !op.twinOf), false);
const groupServices = servicesOf(twins, true);

// --- Writing Go -------------------------------------------------------------------------------

const lines = [];
const out = (text = '') => lines.push(text);
out('// Code generated by scripts/generate-operations.mjs from openapi/dist/openapi.json. DO NOT EDIT.');
out();
out('package adultwork');
out();
out('import (');
out('\t"context"');
if (operations.some((o) => o.paging)) out('\t"iter"');
out();
out('\tapi "github.com/adultwork-api/adultwork-api/packages/client-go"');
out(')');
out();
const servers = spec.servers ?? [];
if (!servers[0]?.url) fail('the spec has no servers');
// One constant per server, named after the first word of its description (Sandbox, Production,
// Local, ...), for WithBaseURL.
const serverNames = new Set();
out('// The servers of the API description, for WithBaseURL.');
out('const (');
servers.forEach((server, i) => {
  const word = pascal((server.description ?? '').split(/\s+/)[0] ?? '');
  const name = `BaseURL${word || `Server${i + 1}`}`;
  if (serverNames.has(name)) fail(`two servers would both be ${name}; give them descriptions that start with different words`);
  serverNames.add(name);
  if (server.description) out(comment(`${name}: ${oneLine(server.description)}`, '\t'));
  out(`\t${name} = ${goString(server.url)}`);
});
out(')');
out();
out(`// DefaultBaseURL is where a client sends its calls unless told otherwise: the first server.`);
out(`const DefaultBaseURL = ${[...serverNames][0]}`);
out();

// Models: the generated client's types under this package's name (aliases, so values move freely
// between the two packages). Named arrays and scalars have no Go type of their own.
const schemas = Object.entries(spec.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
// The generator makes no type of a schema it only sends as form fields (the OAuth token request),
// so only the types the generated client really declares are aliased.
const clientDir = join(root, 'packages', 'client-go');
const declared = new Set(
  readdirSync(clientDir)
    .filter((file) => file.endsWith('.go'))
    .flatMap((file) => [...readFileSync(join(clientDir, file), 'utf8').matchAll(/^type (\w+) /gm)].map((match) => match[1])),
);
out('// The API\'s models, the generated client\'s types under this package\'s name.');
out('type (');
for (const [name, schema] of schemas) {
  if (!hasGoType(schema) || !declared.has(name)) continue;
  out(comment(`${name}: ${oneLine((schema.description ?? schema.title ?? '').split('\n\n')[0])}`, '\t'));
  out(`\t${name} = api.${name}`);
}
out(')');
for (const [name, schema] of schemas) {
  if (!schema.enum) continue;
  const varnames = schema['x-enum-varnames'];
  out();
  out(`// The values of ${name}.`);
  out('const (');
  schema.enum.forEach((value, i) => {
    const constant = `${name}${varnames?.[i] ?? pascal(value)}`;
    const said = schema['x-enum-descriptions']?.[i];
    if (said) out(comment(`${constant}: ${said}`, '\t'));
    out(`\t${constant} = api.${constant}`);
  });
  out(')');
}

// The services.
out();
out('// Services are the API\'s operations, one service per group of the API description. A');
out('// Client embeds them: client.PhoneChat.ListMadeBookings(ctx, params).');
out('type Services struct {');
for (const s of services) {
  out(`\t// ${s.name} has the operations of the API description's ${goString(s.tag)} group.`);
  out(`\t${s.name} *${s.name}Service`);
}
out('}');
out();
out('func newServices(c *Client) Services {');
out('\treturn Services{');
for (const s of services) out(`\t\t${s.name}: &${s.name}Service{c: c},`);
out('\t}');
out('}');
for (const s of services) {
  out();
  out(`// ${s.name}Service has the operations of the API description's ${goString(s.tag)} group.`);
  out(`type ${s.name}Service struct{ c *Client }`);
}

if (groupServices.length) {
  const member = twins[0].member;
  out();
  out('// GroupMember is the view a group manager has of a member of the group: the operations of the');
  out(`// API description's /v1/Groups twins, each sent with the member's ${member.field}. Its methods`);
  out('// take the same params and bodies as the operations they mirror.');
  out('type GroupMember struct {');
  for (const s of groupServices) {
    out(`\t// ${s.name} has the group twins of the ${goString(s.tag)} operations.`);
    out(`\t${s.name} *GroupMember${s.name}Service`);
  }
  out('}');
  out();
  out(`// AsGroupMember is the group manager's view of the member with the given ${member.field}: its calls`);
  out(`// act for that member (the API refuses them with 403 unless the caller manages the member's`);
  out(`// group). A ${member.field} below 1 makes every call fail before sending, with ErrMissingInput.`);
  out(`func (c *Client) AsGroupMember(${lowerFirst(member.field)} ${member.type}) *GroupMember {`);
  out('\treturn &GroupMember{');
  for (const s of groupServices) out(`\t\t${s.name}: &GroupMember${s.name}Service{c: c, member: ${lowerFirst(member.field)}},`);
  out('\t}');
  out('}');
  for (const s of groupServices) {
    out();
    out(`// GroupMember${s.name}Service has the group twins of the ${goString(s.tag)} operations.`);
    out(`type GroupMember${s.name}Service struct {`);
    out('\tc      *Client');
    out(`\tmember ${member.type}`);
    out('}');
  }
}

function lowerFirst(name) {
  return /^[A-Z]+$/.test(name) ? name.toLowerCase() : name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
}

const paramsTypeOf = (op) => (op.params.length ? `${op.name}Params` : undefined);

// The params struct of every operation that has parameters (the twins share their original's).
for (const op of operations) {
  if (op.twinOf || !op.params.length) continue;
  out();
  out(`// ${paramsTypeOf(op)} are the query parameters of ${op.service.name}.${op.short}. A field left at its`);
  out('// zero value is not sent (a pointer field: left nil), so the API applies its default.');
  out(`type ${paramsTypeOf(op)} struct {`);
  for (const p of op.params) {
    out(comment(`${p.field}${p.required ? ' (required)' : ''}: ${oneLine(p.description)}`, '\t'));
    out(`\t${p.field} ${p.pointer ? '*' : ''}${p.type}`);
  }
  out('}');
}

const resultTypeOf = (op) => (op.resultKind === 'none' ? undefined : op.resultKind === 'model' ? `*${op.result}` : op.result);
const zeroResult = (op) => {
  if (op.resultKind === 'none') return '';
  if (op.resultKind === 'model' || op.result.startsWith('[]') || op.result.startsWith('map[')) return 'nil, ';
  return `${zeroOf(deref(spec.paths[op.path][op.method.toLowerCase()].responses['200'].content['application/json'].schema))}, `;
};

// One method: on a service (the operation itself) or on the group view (the twin, with the
// member from the view and the original's params and body).
function writeMethod(op, receiver) {
  const shown = op.twinOf ? op.original : op;
  const paramsType = paramsTypeOf(shown);
  const args = ['ctx context.Context'];
  if (shown.body) args.push(`body ${shown.body.type}`);
  if (paramsType) args.push(`params *${paramsType}`);
  const resultType = resultTypeOf(op);
  const returns = resultType ? `(${resultType}, error)` : 'error';
  const fail0 = zeroResult(op);
  out();
  out(`// ${op.short} is the API's "${op.summary ?? op.id}" (${op.method} ${op.path})${op.twinOf ? `, for the member` : ''}.`);
  if (op.description) {
    out('//');
    out(comment(op.description));
  }
  out('//');
  out(`// The operation ${op.id} of the API description.`);
  out(`func (s *${receiver}) ${op.short}(${args.join(', ')}) ${returns} {`);
  if (op.twinOf) {
    out(`\tif s.member < 1 {`);
    out(`\t\treturn ${fail0}missingParams(${goString(op.id)}, ${goString(op.member.wire)})`);
    out('\t}');
  }
  const required = shown.params.filter((p) => p.required);
  if (required.length) {
    out('\tif params == nil {');
    out(`\t\treturn ${fail0}missingParams(${goString(op.id)}, ${required.map((p) => goString(p.wire)).join(', ')})`);
    out('\t}');
    for (const p of required) {
      if (zeroIsValid(p.schema)) continue;
      out(`\tif params.${p.field} == ${p.zero} {`);
      out(`\t\treturn ${fail0}missingParams(${goString(op.id)}, ${goString(p.wire)})`);
      out('\t}');
    }
  }
  out(`\treq := s.c.api.${op.service.api}.${op.name}(ctx)`);
  if (op.twinOf?.memberIn === 'query') out(`\treq = req.${op.member.field}(s.member)`);
  if (op.body) {
    if (op.twinOf?.memberIn === 'body') {
      out(`\ttwin, err := withMember[${op.body.type}](${goString(op.id)}, body, ${goString(op.member.wire)}, s.member)`);
      out('\tif err != nil {');
      out(`\t\treturn ${fail0}err`);
      out('\t}');
      out(`\treq = req.${op.body.type}(twin)`);
    } else {
      out(`\treq = req.${op.body.type}(body)`);
    }
  }
  if (paramsType) {
    const optional = shown.params.filter((p) => !p.required);
    for (const p of required) out(`\treq = req.${p.field}(params.${p.field})`);
    if (optional.length) {
      // With a required parameter, params is known to be set here.
      const guard = required.length === 0;
      if (guard) out('\tif params != nil {');
      for (const p of optional) {
        if (p.pointer) {
          out(`\t\tif params.${p.field} != nil {`);
          out(`\t\t\treq = req.${p.field}(*params.${p.field})`);
        } else {
          out(`\t\tif params.${p.field} != ${p.zero} {`);
          out(`\t\t\treq = req.${p.field}(params.${p.field})`);
        }
        out('\t\t}');
      }
      if (guard) out('\t}');
    }
  }
  if (resultType) {
    out('\tout, resp, err := req.Execute()');
    out(`\treturn out, s.c.check(${goString(op.id)}, resp, err)`);
  } else {
    out('\tresp, err := req.Execute()');
    out(`\treturn s.c.check(${goString(op.id)}, resp, err)`);
  }
  out('}');

  if (op.paging) writeIterator(op, receiver, shown, args);
}

function writeIterator(op, receiver, shown, args) {
  const g = op.paging;
  const paramsType = paramsTypeOf(shown);
  const pageParam = shown.params.find((p) => p.wire === g.pageParameter);
  const pageField = pageParam.field;
  const backward = g.startsAt === 'last';
  out();
  if (backward) {
    out(`// ${op.iterator} iterates over every item of every page of ${op.short}, walking the pages`);
    out(`// backward as the API serves them: from params.${pageField} (when unset, ${g.pageParameter} is left out, so`);
    out(`// the API answers with its last page, whose number the answer gives) down to page 1. Items come`);
    out('// in each page\'s own order. Each page is fetched when the loop reaches it.');
  } else {
    out(`// ${op.iterator} iterates over every item of every page of ${op.short}, from params.${pageField}`);
    out('// (the first page when unset) to the last, fetching each page when the loop reaches it.');
  }
  out('// A failed call ends the iteration with its error, as does an answer for another page than the');
  out('// one asked for; breaking out of the loop stops fetching. params is copied: changing it');
  out('// afterwards does not change the iteration.');
  out(`func (s *${receiver}) ${op.iterator}(${args.join(', ')}) iter.Seq2[${g.itemType}, error] {`);
  out(`\tvar p ${paramsType}`);
  out('\tif params != nil {');
  out('\t\tp = *params');
  out('\t}');
  let start = `p.${pageField}`;
  if (pageParam.pointer) {
    out(`\tvar start ${g.pageType}`);
    out(`\tif p.${pageField} != nil {`);
    out(`\t\tstart = *p.${pageField}`);
    out('\t}');
    start = 'start';
  }
  const walk = backward ? 'walkBackward' : 'walkForward';
  out(`\treturn ${walk}(${goString(op.id)}, ${start}, func(page ${g.pageType}) (pageOf[${g.itemType}, ${g.pageType}], error) {`);
  out('\t\tq := p');
  if (pageParam.pointer) {
    out(`\t\tq.${pageField} = nil`);
    out('\t\tif page > 0 {');
    out(`\t\t\tq.${pageField} = &page`);
    out('\t\t}');
  } else {
    // 0 leaves the parameter out (a zero value is not sent).
    out(`\t\tq.${pageField} = page`);
  }
  out(`\t\tout, err := s.${op.short}(${['ctx', shown.body ? 'body' : null, '&q'].filter(Boolean).join(', ')})`);
  out('\t\tif err != nil {');
  out(`\t\t\treturn pageOf[${g.itemType}, ${g.pageType}]{}, err`);
  out('\t\t}');
  const number = g.pageNumberProperty ? `out.Get${exported(g.pageNumberProperty)}()` : 'page';
  out(`\t\treturn pageOf[${g.itemType}, ${g.pageType}]{items: out.Get${exported(g.itemsProperty)}(), number: ${number}, count: out.Get${exported(g.pageCountProperty)}()}, nil`);
  out('\t})');
  out('}');
}

for (const s of services) for (const op of s.ops) writeMethod(op, `${s.name}Service`);
for (const s of groupServices) for (const op of s.ops) writeMethod(op, `GroupMember${s.name}Service`);

// gofmt decides the layout, so the committed file is what gofmt writes.
const formatted = spawnSync('gofmt', [], { input: `${lines.join('\n')}\n`, encoding: 'utf8' });
if (formatted.error || formatted.status !== 0) fail(`gofmt failed: ${formatted.stderr || formatted.error?.message}`);
const goText = formatted.stdout;

// --- Writing the table of calls ---------------------------------------------------------------

const md = [];
md.push('<!-- Generated by scripts/generate-operations.mjs from openapi/dist/openapi.json. Do not edit. -->');
md.push('');
md.push('# Calls of the Go layer');
md.push('');
md.push('One method per operation of the API description, on the service of its group; the group');
md.push('manager\'s twins are on `client.AsGroupMember(userID)`. Every method takes a `context.Context`');
md.push('first. See [README.md](README.md) for the conventions.');
const signature = (op) => {
  const shown = op.twinOf ? op.original : op;
  const args = ['ctx'];
  if (shown.body) args.push(shown.body.type);
  if (paramsTypeOf(shown)) args.push(`*${paramsTypeOf(shown)}`);
  const result = resultTypeOf(op);
  return `${op.short}(${args.join(', ')}) ${result ? `(${result}, error)` : 'error'}`;
};
const rows = (prefix, list) => {
  md.push('');
  md.push('| Method | Route | Operation |');
  md.push('|---|---|---|');
  for (const s of list) {
    for (const op of s.ops) {
      md.push(`| \`${prefix}${s.name}.${signature(op)}\` | \`${op.method} ${op.path}\` | \`${op.id}\` |`);
      if (op.iterator) {
        const g = op.paging;
        const how = g.startsAt === 'last' ? 'every page, from the last back to the first' : 'every page, from the first';
        md.push(`| \`${prefix}${s.name}.${op.iterator}(...) iter.Seq2[${g.itemType}, error]\` | the same, ${how} | |`);
      }
    }
  }
};
md.push('');
md.push('## Services');
rows('client.', services);
if (groupServices.length) {
  md.push('');
  md.push('## The group manager\'s view of a member');
  rows('client.AsGroupMember(id).', groupServices);
}
const mdText = `${md.join('\n')}\n`;

const count = services.reduce((n, s) => n + s.ops.length, 0) + groupServices.reduce((n, s) => n + s.ops.length, 0);
if (process.argv.includes('--check')) {
  for (const [path, text] of [[outPath, goText], [tablePath, mdText]]) {
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (committed !== text) fail(`${path} is out of date with the spec; run "npm run generate -w @adultwork-api/go" and commit it.`);
  }
  console.log(`generate-operations: adultwork/zz_generated_operations.go and OPERATIONS.md are up to date (${count} operations).`);
} else {
  writeFileSync(outPath, goText);
  writeFileSync(tablePath, mdText);
  console.log(`generate-operations: wrote ${count} operations to adultwork/zz_generated_operations.go and OPERATIONS.md`);
}
