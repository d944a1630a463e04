// Writes src/adultwork/_generated.py from the bundled spec: one Operation constant per operation,
// and the typed namespaces (`client.phone_chat.list_made_bookings(...)`, the group-member view,
// the pagination iterators) for the sync and the asyncio client. Everything that differs per
// operation comes from the spec; the hand-written modules hold the concepts (transport, errors,
// retries, pagination, auth). Python names follow the generated client's rules (its
// `nameMappings` from openapitools.json, then its snake_case), which the tests cross-check.
// Usage: node packages/python/scripts/generate-operations.mjs   (run by scripts/generate.mjs)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
const spec = JSON.parse(readFileSync(join(root, 'openapi/dist/openapi.json'), 'utf8'));
const pythonGenerator = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'].generators.python;
const nameMappings = pythonGenerator.nameMappings ?? {};
const generatedPackage = pythonGenerator.additionalProperties.packageName;
const outPath = join(pkg, 'src/adultwork/_generated.py');
const modelsOutPath = join(pkg, 'src/adultwork/models.py');
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

const models = new Set();

// The Python type of a parameter or body field, with the spec's constraints for pydantic.
function pythonType(schema, where, { constraints = true } = {}) {
  const name = refName(schema);
  const target = deref(schema);
  if (name && Array.isArray(target?.enum)) {
    models.add(name);
    return name;
  }
  if (name) fail(`${where}: only enum schemas can be referenced by parameters and body fields`);
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

// How an answer decodes: a model, or a named array of models.
function answerOf(schema, where) {
  const name = refName(schema);
  const target = deref(schema);
  if (name && target?.type === 'array') {
    const item = refName(target.items);
    if (!item) fail(`${where}: an array answer must list a named schema`);
    models.add(item);
    return { type: `list[${item}]`, decoder: `list_decoder(${item})` };
  }
  if (name && target?.type === 'object') {
    models.add(name);
    return { type: name, decoder: `model_decoder(${name})` };
  }
  fail(`${where}: the answer must be a named object or array schema`);
}

const tags = new Map((spec.tags ?? []).map((tag) => [tag.name, tag]));
const operations = [];
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const id = op.operationId;
    if (!/^[a-z][A-Za-z0-9]*$/.test(id ?? '')) fail(`${method.toUpperCase()} ${path} needs a camelCase operationId`);
    if (/\{/.test(path)) fail(`${id}: path templates are not supported (${path})`);
    const tag = op.tags?.[0];
    if (!tag) fail(`${id}: needs a tag (it names the namespace)`);
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref).map((parameter) => {
      if (parameter.in !== 'query') fail(`${id}: "${parameter.name}" is in ${parameter.in}; only query parameters are supported`);
      return {
        wire: parameter.name,
        python: snake(parameter.name),
        type: pythonType(parameter.schema, `${id} ${parameter.name}`),
        required: parameter.required === true,
        description: (parameter.description ?? '').replace(/\s+/g, ' ').trim(),
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
      const idsProperty = op['x-adultwork-resource']?.requestIdsProperty;
      const fields = Object.entries(target.properties ?? {}).map(([wire, fieldSchema]) => ({
        wire,
        python: snake(wire),
        // A comma-separated ID list (x-adultwork-resource) also takes a sequence of IDs.
        type: wire === idsProperty ? `Sequence[int] | ${pythonType(fieldSchema, `${id} ${wire}`, { constraints: false })}` : pythonType(fieldSchema, `${id} ${wire}`, { constraints: false }),
        required: required.has(wire),
        joinIds: wire === idsProperty,
        description: `${(deref(fieldSchema).description ?? '').replace(/\s+/g, ' ').trim()}${wire === idsProperty ? ' Here also a sequence of IDs, which the client joins with commas.' : ''}`.trim(),
      }));
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
      for (const key of ['pageCountProperty', 'totalProperty']) {
        if (!page.properties?.[paging[key]]) fail(`${id}: x-adultwork-pagination.${key} "${paging[key]}" is not a property of the answer`);
      }
      models.add(itemModel);
      pagination = { ...paging, itemModel };
    }
    const groupManager = op['x-adultwork-group-manager'];
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
  'from ._operation import BodyField, Operation, Pagination, list_decoder, model_decoder',
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
    `    query=(${op.params.map((p) => pyString(p.wire)).join(', ')}${op.params.length === 1 ? ',' : ''}),`,
    `    body_model=${op.body ? op.body.model : 'None'},`,
    `    body_fields=(${(op.body?.fields ?? []).map((f) => `BodyField(${pyString(f.wire)}, join_ids=${f.joinIds ? 'True' : 'False'})`).join(', ')}${op.body?.fields.length === 1 ? ',' : ''}),`,
    `    decode=${op.answer.decoder},`,
    `    pagination=${pg ? `Pagination(page_parameter=${pyString(pg.pageParameter)}, size_parameter=${pyString(pg.sizeParameter)}, items_property=${pyString(pg.itemsProperty)}, page_count_property=${pyString(pg.pageCountProperty)}, total_property=${pyString(pg.totalProperty)})` : 'None'},`,
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

// One method (and, for a paged list, two iterators) of a namespace class.
function methods(op, { asyncio, member }) {
  const name = methodName(op);
  const params = op.params.filter((p) => p.wire !== member);
  const fields = op.body?.fields ?? [];
  const all = [...params, ...fields].sort((a, b) => Number(b.required) - Number(a.required));
  const signature = all.map((p) => (p.required ? `${p.python}: ${p.type}` : `${p.python}: ${p.type} | None = None`));
  const options = ['timeout: Timeout | NotGiven = NOT_GIVEN', 'extra_headers: Mapping[str, str] | None = None'];
  // One parameter a line, as a formatter would write it.
  const args = `\n${['self', '*', ...signature, ...options].map((a) => `        ${a},\n`).join('')}    `;
  const query = `{${op.params.map((p) => `${pyString(p.wire)}: ${p.wire === member ? 'self._member' : p.python}`).join(', ')}}`;
  const body = op.body ? `{${fields.map((f) => `${pyString(f.wire)}: ${f.python}`).join(', ')}}` : 'None';
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
      `        """Every ${itemType} of every page, from \`${snake(pg.pageParameter)}\` (default 1) on: pages are fetched as the loop needs them."""`,
      `        return self._requester.iterate_items(${constName(op)}, ${query}, ${itemType}, timeout, extra_headers)`,
      '',
      '    @validate_call(config=_ARGUMENTS)',
      `    def ${pagesName(name)}(${args}) -> ${iterator}[${op.answer.type}]:`,
      `        """Every page, from \`${snake(pg.pageParameter)}\` (default 1) to the last."""`,
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
  const memberParam = operations.find((op) => op.groupManager)?.params.find((p) => p.wire === memberParameters[0]);
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
    `    __slots__ = (${[...member.keys()].map((tag) => pyString(namespaceName(tag))).join(', ')}${member.size === 1 ? ',' : ''} "user_id")`,
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
console.log(`python operations: wrote ${operations.length} operations to ${outPath.slice(root.length + 1)}`);
