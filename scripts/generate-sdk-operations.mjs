// Writes the SDK's operation surface from the bundled spec, so that no operation is written by hand:
// - packages/sdk/src/generated/operations.ts: one constant per operation (method, path, the checks
//   of its input, its paging and group-manager metadata) and the type of its input (`...Params`);
// - packages/sdk/src/generated/functions.ts: one function per operation taking a transport (plus
//   the two iterators of every list), for `@adultwork-api/sdk/operations`;
// - packages/sdk/src/generated/namespaces.ts: the client's namespaces (`aw.phoneChat`, ...) and the
//   group-manager view (`aw.asGroupMember(id).phoneChat`), as interfaces and as tables.
// One constant per operation, rather than one table object, so that a bundler keeps only the
// operations an app imports. Operations with `x-adultwork-oauth` are not API calls and are skipped.
// Usage: node scripts/generate-sdk-operations.mjs [spec.json [outDir]]   (run by scripts/generate.mjs
// after bundling, with the bundled spec and packages/sdk/src/generated; the SDK's tests pass others)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const specPath = resolve(process.argv[2] ?? join(root, 'openapi/dist/openapi.json'));
const outDir = resolve(process.argv[3] ?? join(root, 'packages/sdk/src/generated'));
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function fail(message) {
  console.error(`generate-sdk-operations: ${message}`);
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

const refName = (schema) => schema?.$ref?.split('/').at(-1);
// The generated client renames a schema whose name clashes with its own (Error -> ModelError).
const modelName = (name) => (name === 'Error' ? 'ModelError' : name);
const types = new Set();

// The TypeScript type of an answer schema, named as the generated client names it.
function resultType(schema, where) {
  const target = deref(schema);
  if (target?.type === 'array' && target.items) return `Array<${resultType(target.items, where)}>`;
  if (schema?.$ref && (target?.type === 'object' || target?.enum || target?.properties)) {
    const name = modelName(refName(schema));
    types.add(name);
    return name;
  }
  const primitive = { number: 'number', integer: 'number', string: 'string', boolean: 'boolean' }[target?.type];
  if (primitive) return primitive;
  fail(`${where}: cannot type ${JSON.stringify(schema)}`);
}

/** Whether a string schema is a comma-separated list of positive IDs (the SDK also takes an array). */
function isIdList(schema) {
  if (schema.type !== 'string' || !schema.pattern) return false;
  const pattern = new RegExp(schema.pattern);
  return pattern.test('100') && pattern.test('100,101') && !pattern.test('x') && !pattern.test('0');
}

const firstParagraph = (text) => (text ?? '').split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
const typeList = (schema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/**
 * The check of one input field, as the SDK's validation reads it, and its TypeScript type. Only
 * what the SDK can check without a JSON Schema engine: type, enum, bounds, length, pattern.
 */
function field(name, rawSchema, required, description, where) {
  const schema = deref(rawSchema);
  if (!schema) fail(`${where}: no schema`);
  const kinds = typeList(schema).filter((kind) => kind !== 'null');
  const nullable = typeList(schema).includes('null');
  if (kinds.length !== 1) fail(`${where}: one type expected, got ${JSON.stringify(schema.type)}`);
  const [type] = kinds;
  const rule = { name, type: isIdList(schema) ? 'ids' : type };
  if (required) rule.required = true;
  if (nullable) rule.nullable = true;
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern']) if (schema[key] !== undefined) rule[key] = schema[key];
  if (type === 'integer' && schema.format === 'int32') rule.maximum ??= 2147483647;
  let ts;
  if (Array.isArray(schema.enum)) {
    rule.enum = schema.enum.filter((value) => value !== null);
    ts = rule.enum.map((value) => JSON.stringify(value).replaceAll('"', "'")).join(' | ');
  } else if (rule.type === 'ids') ts = 'string | readonly number[]';
  else if (type === 'integer' || type === 'number') ts = 'number';
  else if (type === 'string' || type === 'boolean') ts = type;
  else if (type === 'object') ts = '{ [key: string]: unknown }';
  else fail(`${where}: inputs of type ${type} are not supported`);
  if (nullable) ts = `${ts} | null`;
  return { rule, ts, description: firstParagraph(description ?? schema.description) };
}

const pascal = (id) => id[0].toUpperCase() + id.slice(1);
const lowerFirst = (text) => text[0].toLowerCase() + text.slice(1);

// A tag's namespace: the first word of its display name (`Credits` for CreditHistory), camelCased.
const tags = new Map((spec.tags ?? []).map((tag) => [tag.name, tag]));
function namespaceOf(tagName, where) {
  if (!tagName) fail(`${where}: an operation needs a tag (it names its namespace)`);
  const word = ((tags.get(tagName)?.['x-displayName'] ?? tagName).split(/\s+/)[0] ?? '').replace(/[^A-Za-z0-9]/g, '');
  if (!/^[A-Za-z]/.test(word)) fail(`${where}: tag ${tagName} gives no namespace name`);
  return { name: lowerFirst(word), words: [tagName, pascal(word)] };
}

// The method name in a namespace: the operationId without the namespace's own word
// (listPhoneChatMadeBookings -> listMadeBookings in phoneChat).
function methodName(id, namespace) {
  for (const word of namespace.words) {
    const match = new RegExp(`^([a-z]+[A-Za-z0-9]*?)${word}(?=[A-Z]|$)`).exec(id);
    if (match) {
      const name = match[1] + id.slice(match[0].length);
      if (/^[a-z]+[A-Z]/.test(name) || /^[a-z]+$/.test(name)) return name;
    }
  }
  return id;
}

/** listMadeBookings -> [iterateMadeBookings, iterateMadeBookingPages]. */
function iteratorNames(name) {
  const rest = name.replace(/^list/, '');
  return [`iterate${rest}`, `iterate${rest.replace(/s$/, '')}Pages`];
}

const operations = [];
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    // OAuth endpoints live on the login host and are no API calls: the SDK's token helpers cover them.
    if (op['x-adultwork-oauth']) continue;
    const id = op.operationId;
    if (!/^[a-z][A-Za-z0-9]*$/.test(id ?? '')) fail(`${method.toUpperCase()} ${path} needs a camelCase operationId`);
    if (/\{/.test(path)) fail(`${id}: path templates are not supported (${path})`);
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    const fields = [];
    for (const parameter of parameters) {
      // The transport only fills query strings; a path, header or cookie parameter would need it
      // to learn more, so fail loudly instead of sending a wrong request.
      if (parameter.in !== 'query') fail(`${id}: "${parameter.name}" is in ${parameter.in}; only query parameters are supported`);
      fields.push(field(parameter.name, parameter.schema, parameter.required === true, parameter.description, `${id} ${parameter.name}`));
    }
    let body = false;
    if (op.requestBody) {
      if (fields.length) fail(`${id}: an operation takes query parameters or a body, not both`);
      const content = deref(op.requestBody).content ?? {};
      if (!content['application/json']) fail(`${id}: only application/json request bodies are supported`);
      const schema = deref(content['application/json'].schema);
      if (schema?.type !== 'object' || !schema.properties) fail(`${id}: the request body must be an object with properties`);
      const required = new Set(schema.required ?? []);
      for (const [name, property] of Object.entries(schema.properties)) {
        fields.push(field(name, property, required.has(name), deref(property)?.description, `${id} body ${name}`));
      }
      body = true;
    }
    const success = Object.keys(op.responses ?? {}).filter((status) => /^2\d\d$/.test(status)).sort()[0];
    if (!success) fail(`${id}: no 2xx response`);
    const schema = deref(op.responses[success]).content?.['application/json']?.schema;
    if (!schema) fail(`${id}: the ${success} response has no application/json schema`);
    const result = resultType(schema, `${id} ${success} response`);

    let paging;
    const pagination = op['x-adultwork-pagination'];
    if (pagination) {
      const page = deref(schema);
      const items = deref(page?.properties?.[pagination.itemsProperty]);
      if (items?.type !== 'array') fail(`${id}: ${pagination.itemsProperty} is not an array member of the answer`);
      for (const key of ['pageParameter', 'sizeParameter']) {
        if (!fields.some((f) => f.rule.name === pagination[key])) fail(`${id}: ${key} ${pagination[key]} is not a parameter`);
      }
      paging = {
        page: pagination.pageParameter,
        items: pagination.itemsProperty,
        count: pagination.pageCountProperty,
        number: pagination.pageNumberProperty,
        // Lists that start at the last page are walked backward (see docs/pagination.md).
        ...(pagination.startsAt === 'last' && { last: true }),
        itemType: resultType(items.items, `${id} items`),
      };
    }
    const group = op['x-adultwork-group-manager'];
    const namespace = namespaceOf(op.tags?.[0], id);
    operations.push({
      id,
      method: method.toUpperCase(),
      path,
      body,
      fields,
      result,
      paging,
      group,
      namespace,
      summary: (op.summary ?? '').replace(/\s+/g, ' ').replaceAll('*/', '*\\/'),
      deprecated: op.deprecated === true,
    });
  }
}
if (!operations.length) fail('the spec has no operations');
operations.sort((a, b) => a.id.localeCompare(b.id));
const byId = new Map(operations.map((op) => [op.id, op]));

for (const op of operations) {
  if (!op.group) continue;
  const original = byId.get(op.group.variantOf);
  if (!original) fail(`${op.id}: variantOf ${op.group.variantOf} is not an operation`);
  const member = op.fields.find((f) => f.rule.name === op.group.memberParameter);
  if (!member || (op.group.memberIn === 'body') !== op.body) fail(`${op.id}: the member parameter ${op.group.memberParameter} is not in its ${op.group.memberIn}`);
  op.member = op.group.memberParameter;
}

// Single-quoted, like the hand-written sources.
const quote = (text) => `'${String(text).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const literal = (value) =>
  typeof value === 'string'
    ? quote(value)
    : Array.isArray(value)
      ? `[${value.map(literal).join(', ')}]`
      : value && typeof value === 'object'
        ? `{ ${Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${literal(v)}`).join(', ')} }`
        : String(value);
const docLine = (text) => text.replaceAll('*/', '*\\/');
const header = [
  '// Generated by scripts/generate-sdk-operations.mjs from the bundled OpenAPI description: do not',
  '// edit by hand; run `npm run generate` after changing the spec.',
];
const paramsType = (op) => (op.fields.length ? `${pascal(op.id)}Params` : undefined);
/** A bare array of IDs stands for the body when the body is that one list (deleteMadeBookings([1, 2])). */
const takesBareIds = (op) => op.body && op.fields.length === 1 && op.fields[0].rule.type === 'ids';
const inputType = (op, omit) => {
  const name = paramsType(op);
  if (!name || !op.fields.some((f) => f.rule.name !== omit)) return undefined;
  const base = omit ? `Omit<${name}, ${quote(omit)}>` : name;
  return takesBareIds(op) ? `${base} | readonly number[]` : base;
};
const inputOptional = (op, omit) => !op.fields.some((f) => f.rule.required && f.rule.name !== omit);

// operations.ts
const ops = [...header, ''];
const typeImports = new Set();
for (const op of operations) {
  typeImports.add(op.result.replace(/^Array<(.*)>$/, '$1'));
  if (op.paging) typeImports.add(op.paging.itemType);
}
const modelImports = [...typeImports].filter((name) => /^[A-Z]/.test(name)).sort();
if (modelImports.length) ops.push('import type {', ...modelImports.map((name) => `  ${name},`), "} from '@adultwork-api/client-fetch';");
ops.push("import type { Operation } from '../operation.js';");
for (const op of operations) {
  const name = paramsType(op);
  if (name) {
    ops.push('', `/** The ${op.body ? 'JSON body' : 'query parameters'} of \`${op.id}\`, with the API's names. */`, `export interface ${name} {`);
    for (const f of op.fields) {
      if (f.description) ops.push(`  /** ${docLine(f.description)} */`);
      ops.push(`  ${f.rule.name}${f.rule.required ? '' : '?'}: ${f.ts}${f.rule.required ? '' : ' | undefined'};`);
    }
    ops.push('}');
  }
  const meta = {
    id: op.id,
    method: op.method,
    path: op.path,
    query: op.body ? [] : op.fields.map((f) => f.rule.name),
    body: op.body,
    fields: op.fields.map((f) => f.rule),
  };
  if (op.paging) {
    const { itemType, ...paging } = op.paging;
    meta.paging = paging;
  }
  if (op.member) meta.member = op.member;
  ops.push(
    '',
    `/** ${op.method} ${op.path}${op.summary ? `: ${op.summary}` : ''} */`,
    `export const ${op.id}Operation: Operation<${op.body ? 'undefined' : (name ?? 'undefined')}, ${op.body ? name : 'undefined'}, ${op.result}> = ${literal(meta)};`,
  );
}

// functions.ts
const fns = [...header, ''];
const fnTypeImports = new Set();
const fnOpImports = [];
const fnParamImports = [];
for (const op of operations) {
  fnOpImports.push(`${op.id}Operation`);
  if (paramsType(op)) fnParamImports.push(paramsType(op));
  fnTypeImports.add(op.result.replace(/^Array<(.*)>$/, '$1'));
  if (op.paging) fnTypeImports.add(op.paging.itemType);
}
const fnModels = [...fnTypeImports].filter((name) => /^[A-Z]/.test(name)).sort();
fns.push(
  ...(fnModels.length ? ['import type {', ...fnModels.map((n) => `  ${n},`), "} from '@adultwork-api/client-fetch';"] : []),
  "import { callOf, itemsOf, pagesOf } from '../operationFunction.js';",
  "import type { IterateOptions } from '../pagination.js';",
  "import type { CallOptions, Transport } from '../transport.js';",
  'import {',
  ...fnOpImports.map((n) => `  ${n},`),
  "} from './operations.js';",
  'import type {',
  ...fnParamImports.map((n) => `  ${n},`),
  "} from './operations.js';",
);
const argList = (op, optionsType, omit) => {
  const input = inputType(op, omit);
  const args = [];
  if (input) args.push(`params${inputOptional(op, omit) ? '?' : ''}: ${input}`);
  args.push(`options?: ${optionsType}`);
  return args;
};
for (const op of operations) {
  const doc = `/** ${op.method} ${op.path}${op.summary ? `: ${op.summary}` : ''}${op.deprecated ? ' @deprecated' : ''} */`;
  fns.push('', doc, `export const ${op.id}: (transport: Transport, ${argList(op, 'CallOptions').join(', ')}) => Promise<${op.result}> =`, `  /* @__PURE__ */ callOf(${op.id}Operation);`);
  if (op.paging) {
    const [items, pages] = iteratorNames(op.id);
    fns.push(
      '',
      `/** Every page of \`${op.id}\`${op.paging.last ? ', from the last page back to the first' : ''}, each fetched when the loop reaches it. */`,
      `export const ${pages}: (transport: Transport, ${argList(op, 'IterateOptions').join(', ')}) => AsyncGenerator<${op.result}, void, undefined> =`,
      `  /* @__PURE__ */ pagesOf(${op.id}Operation);`,
      '',
      `/** Every item of every page of \`${op.id}\`${op.paging.last ? ', pages from the last back to the first' : ''}, fetched page by page. */`,
      `export const ${items}: (transport: Transport, ${argList(op, 'IterateOptions').join(', ')}) => AsyncGenerator<${op.paging.itemType}, void, undefined> =`,
      `  /* @__PURE__ */ itemsOf(${op.id}Operation);`,
    );
  }
}

// namespaces.ts
const nss = [...header, ''];
const namespaces = new Map();
const groupNamespaces = new Map();
for (const op of operations) {
  if (op.group) {
    const original = byId.get(op.group.variantOf);
    const list = groupNamespaces.get(op.namespace.name) ?? [];
    list.push({ op, name: methodName(original.id, original.namespace) });
    groupNamespaces.set(op.namespace.name, list);
  } else {
    const list = namespaces.get(op.namespace.name) ?? [];
    list.push({ op, name: methodName(op.id, op.namespace) });
    namespaces.set(op.namespace.name, list);
  }
}
const nsTypes = new Set();
for (const op of operations) {
  nsTypes.add(op.result.replace(/^Array<(.*)>$/, '$1'));
  if (op.paging) nsTypes.add(op.paging.itemType);
}
const nsModels = [...nsTypes].filter((name) => /^[A-Z]/.test(name)).sort();
nss.push(
  ...(nsModels.length ? ['import type {', ...nsModels.map((n) => `  ${n},`), "} from '@adultwork-api/client-fetch';"] : []),
  "import type { ApiPromise } from '../apiPromise.js';",
  "import type { Method } from '../namespace.js';",
  "import type { IterateOptions } from '../pagination.js';",
  "import type { CallOptions } from '../transport.js';",
  'import {',
  ...operations.map((op) => `  ${op.id}Operation,`),
  "} from './operations.js';",
  'import type {',
  ...fnParamImports.map((n) => `  ${n},`),
  "} from './operations.js';",
);
const interfaceName = (ns, group) => `${group ? 'GroupMember' : ''}${pascal(ns)}Operations`;
function writeNamespace(ns, members, group) {
  const seen = new Set();
  const lines = ['', `/** ${group ? `What a group manager can do for one member, in ${ns}` : `The ${ns} operations`}; generated from the spec. */`, `export interface ${interfaceName(ns, group)} {`];
  const table = [];
  for (const { op, name } of members.sort((a, b) => a.name.localeCompare(b.name))) {
    const omit = group ? op.member : undefined;
    const names = [name, ...(op.paging ? iteratorNames(name) : [])];
    for (const n of names) {
      if (seen.has(n)) fail(`${op.id}: ${ns}.${n} is taken by another operation`);
      seen.add(n);
    }
    const route = `${op.method} ${op.path}`;
    lines.push(`  /** ${route}${op.summary ? `: ${op.summary}` : ''}${op.deprecated ? ' @deprecated' : ''} */`);
    lines.push(`  ${name}(${argList(op, 'CallOptions', omit).join(', ')}): ApiPromise<${op.result}>;`);
    table.push(`  [${quote(name)}, ${op.id}Operation, 0],`);
    if (op.paging) {
      const [items, pages] = iteratorNames(name);
      lines.push(`  /** Every item of \`${name}\`, page after page${op.paging.last ? ' from the last back to the first' : ''}. */`);
      lines.push(`  ${items}(${argList(op, 'IterateOptions', omit).join(', ')}): AsyncGenerator<${op.paging.itemType}, void, undefined>;`);
      lines.push(`  /** Every page of \`${name}\`${op.paging.last ? ', from the last back to the first' : ''}. */`);
      lines.push(`  ${pages}(${argList(op, 'IterateOptions', omit).join(', ')}): AsyncGenerator<${op.result}, void, undefined>;`);
      table.push(`  [${quote(items)}, ${op.id}Operation, 2],`, `  [${quote(pages)}, ${op.id}Operation, 1],`);
    }
  }
  lines.push('}', '', `/** The methods of ${interfaceName(ns, group)}: name, operation, and 0 (call), 1 (pages) or 2 (items). */`);
  lines.push(`export const ${lowerFirst(interfaceName(ns, group))}: readonly Method[] = [`, ...table, '];');
  return lines;
}
for (const [ns, members] of [...namespaces].sort()) nss.push(...writeNamespace(ns, members, false));
for (const [ns, members] of [...groupNamespaces].sort()) nss.push(...writeNamespace(ns, members, true));
nss.push('', '/** The client\'s namespaces. */', 'export interface Namespaces {');
for (const ns of [...namespaces.keys()].sort()) nss.push(`  readonly ${ns}: ${interfaceName(ns, false)};`);
nss.push('}', '', '/** The namespaces of the group-manager view. */', 'export interface GroupMemberNamespaces {');
for (const ns of [...groupNamespaces.keys()].sort()) nss.push(`  readonly ${ns}: ${interfaceName(ns, true)};`);
nss.push('}', '', 'export const namespaceTables: { readonly [Name in keyof Namespaces]: readonly Method[] } = {');
for (const ns of [...namespaces.keys()].sort()) nss.push(`  ${ns}: ${lowerFirst(interfaceName(ns, false))},`);
nss.push('};', '', 'export const groupMemberNamespaceTables: { readonly [Name in keyof GroupMemberNamespaces]: readonly Method[] } = {');
for (const ns of [...groupNamespaces.keys()].sort()) nss.push(`  ${ns}: ${lowerFirst(interfaceName(ns, true))},`);
nss.push('};');

// models.ts: the generated client's enum constants, re-exported as values.
const enumNames = Object.entries(spec.components?.schemas ?? {})
  .filter(([, schema]) => Array.isArray(schema.enum))
  .map(([name]) => name)
  .sort();
const models = [...header, '', '// The enums of the spec, as the generated client writes them (values and types).', 'export {', ...enumNames.map((n) => `  ${n},`), "} from '@adultwork-api/client-fetch';"];

mkdirSync(outDir, { recursive: true });
// Each file imports the types its own text uses: a type one list needs may be used by another file only.
function pruneTypeImports(lines) {
  const body = lines.filter((line) => !/^\s{2}\w+,$/.test(line)).join('\n');
  const out = [];
  let inTypeImport = false;
  for (const line of lines) {
    if (line === 'import type {') inTypeImport = true;
    else if (inTypeImport && line.startsWith('} from ')) inTypeImport = false;
    else if (inTypeImport && !new RegExp(`\\b${line.trim().slice(0, -1)}\\b`).test(body)) continue;
    out.push(line);
  }
  return out;
}
const write = (name, lines) => writeFileSync(join(outDir, name), `${pruneTypeImports(lines).join('\n')}\n`);
write('operations.ts', ops);
write('functions.ts', fns);
write('namespaces.ts', nss);
write('models.ts', models);
console.log(`sdk operations: wrote ${operations.length} operations to ${outDir.startsWith(root) ? outDir.slice(root.length + 1) : outDir}`);
