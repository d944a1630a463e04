// Writes src/adultwork/_generated.py from the bundled spec: one Operation constant per operation,
// and the typed namespaces (`client.phone_chat.list_made_bookings(...)`, the group-member view,
// the pagination iterators) for the sync and the asyncio client. Everything that differs per
// operation comes from the spec; the hand-written modules hold the concepts (transport, errors,
// retries, pagination, auth). Python names follow the generated client's rules (its
// `nameMappings` from openapitools.json, then its snake_case), which the tests cross-check.
// Usage: node packages/python/scripts/generate-operations.mjs   (run by scripts/generate.mjs)
//        [--spec <bundled spec>] [--out <folder>]: another spec, and a folder to write the three
//        files into instead of the package (the folder must hold a README.md with the markers);
//        the test suite uses them to check how the generator treats a changed spec.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
function option(name) {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (!value) fail(`${name} needs a value`);
  return resolve(value);
}
const outDir = option('--out');
const spec = JSON.parse(readFileSync(option('--spec') ?? join(root, 'openapi/dist/openapi.json'), 'utf8'));
const pythonGenerator = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'].generators.python;
const nameMappings = pythonGenerator.nameMappings ?? {};
const generatedPackage = pythonGenerator.additionalProperties.packageName;
const outPath = join(outDir ?? join(pkg, 'src/adultwork'), '_generated.py');
const modelsOutPath = join(outDir ?? join(pkg, 'src/adultwork'), 'models.py');
const generatedModels = join(root, pythonGenerator.output, generatedPackage, 'models', '__init__.py');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const INT32_MAX = 2147483647;

function fail(message) {
  console.error(`generate-operations (python): ${message}`);
  process.exit(1);
}

function deref(value) {
  let current = value;
  for (let depth = 0; current && current.$ref; depth += 1) {
    if (depth > 10 || !current.$ref.startsWith('#/')) fail(`cannot follow ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  }
  return current;
}

const refName = (schema) => schema?.$ref?.startsWith('#/components/schemas/') ? schema.$ref.slice('#/components/schemas/'.length) : undefined;

// The generated client's snake_case (camelize's underscore), after its name mappings.
function snake(name) {
  if (nameMappings[name]) return nameMappings[name];
  return name
    .replace(/([A-Z]+)([A-Z][a-z][a-z]+)/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}
const pascal = (text) => text[0].toUpperCase() + text.slice(1);
const pyString = (text) => JSON.stringify(text);
const pyOptional = (text) => (text === undefined ? 'None' : pyString(text));
const pyTuple = (items) => `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;

const models = new Set();

// The Python type of a parameter or body field, with the spec's constraints for pydantic. A
// reference to an enum is the generated enum; to another scalar schema (RequestDateTime,
// Credits), that schema's type; to an open object (no properties), a mapping passed on as is.
function pythonType(schema, where, { constraints = true } = {}) {
  const name = refName(schema);
  const target = deref(schema);
  if (name && Array.isArray(target?.enum)) {
    models.add(name);
    return name;
  }
  if (target?.type === 'object') {
    if (target.properties && Object.keys(target.properties).length) fail(`${where}: object fields with members are not supported`);
    return 'dict[str, Any]';
  }
  const args = [];
  let base;
  switch (target?.type) {
    case 'integer':
      base = 'int';
      if (target.minimum !== undefined) args.push(`ge=${target.minimum}`);
      if (target.maximum !== undefined) args.push(`le=${target.maximum}`);
      else if (target.format === 'int32') args.push(`le=${INT32_MAX}`);
      break;
    case 'number':
      base = 'float';
      if (target.minimum !== undefined) args.push(`ge=${target.minimum}`);
      if (target.maximum !== undefined) args.push(`le=${target.maximum}`);
      break;
    case 'string':
      base = 'str';
      if (target.minLength !== undefined) args.push(`min_length=${target.minLength}`);
      if (target.maxLength !== undefined) args.push(`max_length=${target.maxLength}`);
      if (target.pattern !== undefined) args.push(`pattern=${pyString(target.pattern)}`);
      break;
    case 'boolean':
      base = 'bool';
      break;
    default:
      fail(`${where}: unsupported schema ${JSON.stringify(target)}`);
  }
  return constraints && args.length ? `Annotated[${base}, Field(${args.join(', ')})]` : base;
}

// How an answer decodes: a model, a named array of models, or a bare value (the credit balance).
const SCALARS = { number: 'float', integer: 'int', string: 'str', boolean: 'bool' };
function answerOf(schema, where) {
  const name = refName(schema);
  const target = deref(schema);
  if (target?.type === 'array') {
    const item = refName(target.items);
    if (!item) fail(`${where}: an array answer must list a named schema`);
    models.add(item);
    return { type: `list[${item}]`, decoder: `list_decoder(${item})` };
  }
  if (name && target?.type === 'object') {
    models.add(name);
    return { type: name, decoder: `model_decoder(${name})` };
  }
  const scalar = SCALARS[target?.type];
  if (scalar) return { type: scalar, decoder: `scalar_decoder(${scalar})` };
  fail(`${where}: the answer must be a named object, an array or a bare number, string or boolean`);
}

// Inputs that name several users or bookings as one comma-separated string, per
// x-adultwork-resource: they also take a sequence of IDs, which the client joins.
function idListInputs(op) {
  const resource = op['x-adultwork-resource'] ?? {};
  const names = new Set([resource.requestIdsProperty, resource.requestInviteeProperty].filter(Boolean));
  if (resource.owner?.parameter && resource.owner.list) names.add(resource.owner.parameter);
  return names;
}

function idListType(schema, where, options) {
  return `Sequence[int] | ${pythonType(schema, where, options)}`;
}
const ID_LIST_NOTE = ' Here also a sequence of IDs, which the client joins with commas.';

const tags = new Map((spec.tags ?? []).map((tag) => [tag.name, tag]));
const operations = [];
let skippedOAuth = 0;
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    // The OAuth endpoints live on the login host and are not API calls with a token.
    if (op['x-adultwork-oauth']) {
      skippedOAuth += 1;
      continue;
    }
    const id = op.operationId;
    if (!/^[a-z][A-Za-z0-9]*$/.test(id ?? '')) fail(`${method.toUpperCase()} ${path} needs a camelCase operationId`);
    if (/\{/.test(path)) fail(`${id}: path templates are not supported (${path})`);
    const tag = op.tags?.[0];
    if (!tag) fail(`${id}: needs a tag (it names the namespace)`);
    const idLists = idListInputs(op);
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref).map((parameter) => {
      if (parameter.in !== 'query') fail(`${id}: "${parameter.name}" is in ${parameter.in}; only query parameters are supported`);
      const joinIds = idLists.has(parameter.name) && deref(parameter.schema)?.type === 'string';
      const where = `${id} ${parameter.name}`;
      return {
        wire: parameter.name,
        python: snake(parameter.name),
        type: joinIds ? idListType(parameter.schema, where) : pythonType(parameter.schema, where),
        required: parameter.required === true,
        joinIds,
        description: `${(parameter.description ?? '').replace(/\s+/g, ' ').trim()}${joinIds ? ID_LIST_NOTE : ''}`.trim(),
      };
    });
    let body;
    if (op.requestBody) {
      const content = deref(op.requestBody).content ?? {};
      const schema = content['application/json']?.schema;
      if (!schema) fail(`${id}: only application/json request bodies are supported`);
      const model = refName(schema);
      const target = deref(schema);
      if (!model || target?.type !== 'object') fail(`${id}: the request body must be a named object schema`);
      models.add(model);
      const required = new Set(target.required ?? []);
      const fields = Object.entries(target.properties ?? {}).map(([wire, fieldSchema]) => {
        const joinIds = idLists.has(wire) && deref(fieldSchema)?.type === 'string';
        const where = `${id} ${wire}`;
        // The generated body model checks the constraints; the signature gives the type.
        const type = joinIds ? idListType(fieldSchema, where, { constraints: false }) : pythonType(fieldSchema, where, { constraints: false });
        const description = fieldSchema.description ?? deref(fieldSchema).description ?? '';
        return {
          wire,
          python: snake(wire),
          type,
          checkedType: pythonType(fieldSchema, where),
          required: required.has(wire),
          joinIds,
          description: `${description.replace(/\s+/g, ' ').trim()}${joinIds ? ID_LIST_NOTE : ''}`.trim(),
        };
      });
      body = { model, fields };
    }
    const success = Object.keys(op.responses ?? {}).filter((status) => /^2\d\d$/.test(status)).sort()[0];
    if (!success) fail(`${id}: no 2xx response`);
    const schema = deref(op.responses[success]).content?.['application/json']?.schema;
    if (!schema) fail(`${id}: the ${success} response has no application/json schema`);
    const answer = answerOf(schema, `${id} ${success} response`);
    let pagination;
    const paging = op['x-adultwork-pagination'];
    if (paging) {
      const page = deref(schema);
      const itemsSchema = page.properties?.[paging.itemsProperty];
      const itemModel = refName(itemsSchema?.items);
      if (itemsSchema?.type !== 'array' || !itemModel) fail(`${id}: x-adultwork-pagination.itemsProperty must name an array of a named schema`);
      for (const key of ['pageParameter', 'sizeParameter']) {
        if (!params.some((p) => p.wire === paging[key])) fail(`${id}: x-adultwork-pagination.${key} "${paging[key]}" is not a parameter`);
      }
      for (const key of ['pageCountProperty', 'pageNumberProperty', 'totalProperty']) {
        if (paging[key] !== undefined && !page.properties?.[paging[key]]) fail(`${id}: x-adultwork-pagination.${key} "${paging[key]}" is not a property of the answer`);
      }
      if (!paging.pageCountProperty) fail(`${id}: x-adultwork-pagination needs a pageCountProperty`);
      const startsAt = paging.startsAt ?? 'first';
      if (!['first', 'last'].includes(startsAt)) fail(`${id}: x-adultwork-pagination.startsAt "${startsAt}" is neither first nor last`);
      // A walk backwards starts from the page the API serves when the parameter is left out,
      // and needs the answer to say which page that was.
      if (startsAt === 'last' && !paging.pageNumberProperty) fail(`${id}: startsAt "last" needs a pageNumberProperty`);
      models.add(itemModel);
      pagination = { ...paging, startsAt, itemModel };
    }
    const groupManager = op['x-adultwork-group-manager'];
    if (groupManager) {
      const inputs = groupManager.memberIn === 'body' ? body?.fields ?? [] : params;
      if (!inputs.some((input) => input.wire === groupManager.memberParameter)) fail(`${id}: the member parameter "${groupManager.memberParameter}" is not in the ${groupManager.memberIn}`);
    }
    operations.push({ id, method: method.toUpperCase(), path, tag, params, body, answer, pagination, groupManager, summary: (op.summary ?? '').replace(/\s+/g, ' ').trim() });
  }
}
if (!operations.length) fail('the spec has no operations');
operations.sort((a, b) => a.id.localeCompare(b.id));
const byId = new Map(operations.map((op) => [op.id, op]));

// Method names: the operationId without its tag (listPhoneChatMadeBookings -> list_made_bookings).
// A group-manager variant takes the name of the operation it mirrors.
function methodName(op) {
  const source = op.groupManager ? byId.get(op.groupManager.variantOf) : op;
  if (!source) fail(`${op.id}: x-adultwork-group-manager.variantOf "${op.groupManager.variantOf}" is not an operation`);
  const name = snake(source.id.replace(source.tag.replace(/[^A-Za-z0-9]/g, ''), ''));
  if (!/^[a-z][a-z0-9_]*$/.test(name)) fail(`${op.id}: cannot derive a method name (got "${name}")`);
  return name;
}
const constName = (op) => snake(op.id).toUpperCase();
const namespaceName = (tag) => snake(tag.replace(/[^A-Za-z0-9]/g, ''));
const className = (tag) => pascal(tag.replace(/[^A-Za-z0-9]/g, ''));
const iterName = (name) => name.replace(/^list_/, 'iter_');
const pagesName = (name) => `${iterName(name).replace(/s$/, '')}_pages`;

// Two operations of one namespace must not end up with the same Python name.
{
  const seen = new Map();
  for (const op of operations) {
    const name = methodName(op);
    const names = op.pagination ? [name, iterName(name), pagesName(name)] : [name];
    for (const python of names) {
      const key = `${op.groupManager ? 'member ' : ''}${op.tag} ${python}`;
      if (seen.has(key)) fail(`${op.id} and ${seen.get(key)} both become ${namespaceName(op.tag)}.${python}`);
      seen.set(key, op.id);
    }
  }
}

const lines = [
  '# Generated by packages/python/scripts/generate-operations.mjs from the bundled OpenAPI',
  '# description: do not edit by hand; run `npm run generate` after changing the spec.',
  '# ruff: noqa: E501',
  'from __future__ import annotations',
  '',
  'from collections.abc import AsyncIterator, Iterator, Mapping, Sequence',
  'from typing import Annotated, Any',
  '',
  'from pydantic import ConfigDict, Field, validate_call',
  '',
  `from ${generatedPackage} import (`,
  ...[...models].sort().map((name) => `    ${name},`),
  ')',
  '',
  `from ._operation import BodyField, Operation, Pagination, ${[...new Set(operations.map((op) => op.answer.decoder.split('(')[0]))].sort().join(', ')}`,
  'from ._options import NOT_GIVEN, NotGiven, Timeout',
  'from ._requester import AsyncRequester, SyncRequester',
  '',
  '# Arguments are checked before anything is sent: strict types (no "2" for 2), the spec\'s ranges',
  '# and patterns. NotGiven and the requester are plain Python objects.',
  '_ARGUMENTS = ConfigDict(strict=True, arbitrary_types_allowed=True)',
];

for (const op of operations) {
  const pg = op.pagination;
  lines.push(
    '',
    `${constName(op)}: Operation[${op.answer.type}] = Operation(`,
    `    id=${pyString(op.id)},`,
    `    method=${pyString(op.method)},`,
    `    path=${pyString(op.path)},`,
    `    query=${pyTuple(op.params.map((p) => pyString(p.wire)))},`,
    `    query_id_lists=${pyTuple(op.params.filter((p) => p.joinIds).map((p) => pyString(p.wire)))},`,
    `    body_model=${op.body ? op.body.model : 'None'},`,
    `    body_fields=${pyTuple((op.body?.fields ?? []).map((f) => `BodyField(${pyString(f.wire)}, join_ids=${f.joinIds ? 'True' : 'False'})`))},`,
    `    decode=${op.answer.decoder},`,
    `    pagination=${pg ? `Pagination(page_parameter=${pyString(pg.pageParameter)}, size_parameter=${pyString(pg.sizeParameter)}, items_property=${pyString(pg.itemsProperty)}, page_count_property=${pyString(pg.pageCountProperty)}, page_number_property=${pyOptional(pg.pageNumberProperty)}, total_property=${pyOptional(pg.totalProperty)}, starts_at=${pyString(pg.startsAt)})` : 'None'},`,
    ')',
  );
}

function docstring(indent, op, params) {
  const out = [`${indent}"""${op.summary || op.id}`, '', `${indent}${op.method} ${op.path} (${op.id}).`];
  const described = params.filter((p) => p.description);
  if (described.length) {
    out.push('', `${indent}Args:`);
    for (const p of described) out.push(`${indent}    ${p.python}: ${p.description.replaceAll('"""', "'''").replaceAll('\\', '\\\\')}`);
  }
  out.push(`${indent}"""`);
  return out;
}

// Which way an iterator walks, per x-adultwork-pagination.startsAt.
function walkText(pg) {
  const page = snake(pg.pageParameter);
  return pg.startsAt === 'last'
    ? `backwards, from \`${page}\` (default: the last page, which the API serves when it is left out) down to page 1; each page's items in the order the API gives them`
    : `from \`${page}\` (default 1) up to the last page`;
}

// One method (and, for a paged list, two iterators) of a namespace class.
function methods(op, { asyncio, member }) {
  const name = methodName(op);
  const params = op.params.filter((p) => p.wire !== member);
  const fields = (op.body?.fields ?? []).filter((f) => f.wire !== member);
  const all = [...params, ...fields].sort((a, b) => Number(b.required) - Number(a.required));
  const signature = all.map((p) => (p.required ? `${p.python}: ${p.type}` : `${p.python}: ${p.type} | None = None`));
  const options = ['timeout: Timeout | NotGiven = NOT_GIVEN', 'extra_headers: Mapping[str, str] | None = None'];
  // One parameter a line, as a formatter would write it.
  const args = `\n${['self', '*', ...signature, ...options].map((a) => `        ${a},\n`).join('')}    `;
  const query = `{${op.params.map((p) => `${pyString(p.wire)}: ${p.wire === member ? 'self._member' : p.python}`).join(', ')}}`;
  const body = op.body ? `{${op.body.fields.map((f) => `${pyString(f.wire)}: ${f.wire === member ? 'self._member' : f.python}`).join(', ')}}` : 'None';
  const out = [];
  const def = asyncio ? 'async def' : 'def';
  const awaitKw = asyncio ? 'await ' : '';
  out.push(
    '',
    '    @validate_call(config=_ARGUMENTS)',
    `    ${def} ${name}(${args}) -> ${op.answer.type}:`,
    ...docstring('        ', op, all),
    `        return ${awaitKw}self._requester.request(${constName(op)}, ${query}, ${body}, timeout, extra_headers)`,
  );
  const pg = op.pagination;
  if (pg) {
    const itemType = pg.itemModel;
    const iterator = asyncio ? 'AsyncIterator' : 'Iterator';
    out.push(
      '',
      '    @validate_call(config=_ARGUMENTS)',
      `    def ${iterName(name)}(${args}) -> ${iterator}[${itemType}]:`,
      `        """Every ${itemType} of every page, ${walkText(pg)}: pages are fetched as the loop needs them."""`,
      `        return self._requester.iterate_items(${constName(op)}, ${query}, ${itemType}, timeout, extra_headers)`,
      '',
      '    @validate_call(config=_ARGUMENTS)',
      `    def ${pagesName(name)}(${args}) -> ${iterator}[${op.answer.type}]:`,
      `        """Every page, ${walkText(pg)}."""`,
      `        return self._requester.iterate_pages(${constName(op)}, ${query}, timeout, extra_headers)`,
    );
  }
  return out;
}

function namespaceClasses({ asyncio }) {
  const prefix = asyncio ? 'Async' : '';
  const requester = asyncio ? 'AsyncRequester' : 'SyncRequester';
  const out = [];
  const plain = new Map();
  const member = new Map();
  for (const op of operations) {
    const target = op.groupManager ? member : plain;
    if (!target.has(op.tag)) target.set(op.tag, []);
    target.get(op.tag).push(op);
  }
  for (const [tag, ops] of plain) {
    out.push('', '', `class ${prefix}${className(tag)}:`);
    const about = tags.get(tag)?.['x-displayName'] ?? tag;
    out.push(`    """${about}."""`, '', '    __slots__ = ("_requester",)', '', `    def __init__(self, requester: ${requester}) -> None:`, '        self._requester = requester');
    for (const op of ops) out.push(...methods(op, { asyncio }));
  }
  for (const [tag, ops] of member) {
    out.push('', '', `class ${prefix}GroupMember${className(tag)}:`);
    const about = tags.get(tag)?.['x-displayName'] ?? tag;
    out.push(`    """${about} of one member of a group the caller manages."""`, '', '    __slots__ = ("_requester", "_member")', '', `    def __init__(self, requester: ${requester}, member: int) -> None:`, '        self._requester = requester', '        self._member = member');
    for (const op of ops) out.push(...methods(op, { asyncio, member: op.groupManager.memberParameter }));
  }
  // The containers the hand-written clients inherit from.
  out.push('', '', `class ${prefix}Resources:`, '    """The namespaces of the client, one per tag of the spec."""', '');
  for (const tag of plain.keys()) out.push(`    ${namespaceName(tag)}: ${prefix}${className(tag)}`);
  out.push('', `    def _init_resources(self, requester: ${requester}) -> None:`);
  for (const tag of plain.keys()) out.push(`        self.${namespaceName(tag)} = ${prefix}${className(tag)}(requester)`);
  const memberParameters = [...new Set(operations.filter((op) => op.groupManager).map((op) => op.groupManager.memberParameter))];
  if (memberParameters.length > 1) fail(`group-manager operations name different member parameters: ${memberParameters.join(', ')}`);
  // The member's type with the spec's constraints: from a query parameter, else a body field's schema.
  const memberParam = operations
    .filter((op) => op.groupManager)
    .flatMap((op) => [...op.params, ...(op.body?.fields ?? []).map((f) => ({ ...f, type: f.checkedType }))])
    .find((p) => p.wire === memberParameters[0]);
  if (!asyncio) {
    out.push(
      '',
      '',
      '@validate_call(config=ConfigDict(strict=True, title="as_group_member"))',
      `def _check_member(user_id: ${memberParam?.type ?? 'int'}) -> int:`,
      '    return user_id',
    );
  }
  out.push(
    '',
    '',
    `class ${prefix}GroupMember:`,
    `    """What a group manager can do for one member of the group: the spec's \`/v1/Groups/...\` operations, with \`${memberParameters[0] ?? 'UserID'}\` filled in."""`,
    '',
    `    __slots__ = ${pyTuple([...[...member.keys()].map((tag) => pyString(namespaceName(tag))), '"user_id"'])}`,
    '',
  );
  for (const tag of member.keys()) out.push(`    ${namespaceName(tag)}: ${prefix}GroupMember${className(tag)}`);
  out.push(
    '    user_id: int',
    '',
    `    def __init__(self, requester: ${requester}, user_id: int) -> None:`,
    '        self.user_id = _check_member(user_id=user_id)',
  );
  for (const tag of member.keys()) out.push(`        self.${namespaceName(tag)} = ${prefix}GroupMember${className(tag)}(requester, user_id)`);
  return out;
}

lines.push(...namespaceClasses({ asyncio: false }), ...namespaceClasses({ asyncio: true }));
lines.push('', '', `OPERATIONS: tuple[Operation[Any], ...] = (${operations.map(constName).join(', ')})`);
writeFileSync(outPath, `${lines.join('\n')}\n`);

// adultwork.models: the generated client's models and enums, re-exported by name.
const modelImports = [...readFileSync(generatedModels, 'utf8').matchAll(/^from ([\w.]+) import (\w+)$/gm)]
  .map((m) => ({ module: m[1], name: m[2] }))
  .sort((a, b) => a.name.localeCompare(b.name));
const modelNames = modelImports.map((m) => m.name);
if (!modelNames.length) fail(`no models found in ${generatedModels}`);
writeFileSync(
  modelsOutPath,
  [
    '# Generated by packages/python/scripts/generate-operations.mjs from the generated client: do not',
    '# edit by hand; run `npm run generate`.',
    `"""The generated client's models and enums (\`${generatedPackage}.models\`), under the layer's name."""`,
    '',
    ...modelImports.map(({ module, name }) => `from ${module} import ${name} as ${name}`),
    '',
    `__all__ = [${modelNames.map(pyString).join(', ')}]`,
    '',
  ].join('\n'),
);
// The README's table of the surface, between its markers, so that it cannot drift from the code.
const readmePath = join(outDir ?? pkg, 'README.md');
const START = '<!-- surface: generated by scripts/generate-operations.mjs -->';
const END = '<!-- /surface -->';
const readme = readFileSync(readmePath, 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) fail(`README.md needs the markers ${START} and ${END}`);
const rows = ['| Method | Answer | Route |', '|---|---|---|'];
const ordered = [...operations].sort((a, b) => Number(Boolean(a.groupManager)) - Number(Boolean(b.groupManager)) || a.tag.localeCompare(b.tag) || methodName(a).localeCompare(methodName(b)));
for (const op of ordered) {
  const member = op.groupManager?.memberParameter;
  const inputs = [...op.params, ...(op.body?.fields ?? [])].filter((p) => p.wire !== member);
  const args = inputs.map((p) => `${p.python}${p.required ? '' : '?'}`).join(', ');
  const owner = op.groupManager ? 'as_group_member(user_id).' : '';
  const call = `${owner}${namespaceName(op.tag)}.${methodName(op)}(${args})`;
  const answer = op.answer.type.replace(/\|/g, '\\|');
  rows.push(`| \`${call}\` | \`${answer}\` | \`${op.method} ${op.path}\` |`);
  if (op.pagination) {
    const direction = op.pagination.startsAt === 'last' ? 'from the last page back to page 1' : 'page after page';
    rows.push(`| \`${owner}${namespaceName(op.tag)}.${iterName(methodName(op))}(...)\`, \`${pagesName(methodName(op))}(...)\` | items, pages | the same, ${direction} |`);
  }
}
const table = `${START}\n${rows.join('\n')}\n`;
writeFileSync(readmePath, readme.slice(0, from) + table + readme.slice(to));

console.log(`python operations: wrote ${operations.length} operations to ${outDir ? outPath : outPath.slice(root.length + 1)} (skipped ${skippedOAuth} OAuth operations)`);
