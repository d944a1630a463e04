// Writes adultwork/zz_generated_operations.go from the bundled spec: the model types and enum
// constants of the generated client under the layer's package name, one params struct and one
// method per operation (over the generated request builders), and for every operation with
// x-adultwork-pagination an iterator over all its items. Everything that differs per operation
// comes from the spec; the concepts (transport, errors, paging) are hand-written next to it.
//
// Usage: node scripts/generate-operations.mjs          write the file
//        node scripts/generate-operations.mjs --check  fail if the committed file differs
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
const specPath = join(root, 'openapi', 'dist', 'openapi.json');
const outPath = join(pkg, 'adultwork', 'zz_generated_operations.go');
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

// Whether the generated client writes a Go type for a component schema: objects, compositions and
// enums; a plain scalar schema (Credits, LocalDateTime) is inlined as its Go scalar type.
const hasGoType = (schema) => Boolean(schema.enum || schema.type === 'object' || schema.allOf || schema.oneOf || schema.anyOf);

// The Go type the generated client uses for a schema.
function goType(schema, where) {
  const name = refName(schema);
  const target = deref(schema);
  if (target?.type === 'array') return `[]${goType(target.items, where)}`;
  if (name && hasGoType(target)) return name;
  switch (target?.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return target.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    default:
      return fail(`${where}: no Go type for schema ${JSON.stringify(schema)}`);
  }
}

// Whether the zero value of a parameter's Go type is a value the API accepts: then "unset" needs
// a pointer, otherwise the zero value means "leave it out".
function zeroIsValid(schema) {
  const target = deref(schema);
  if (target.enum) return target.enum.includes(target.type === 'string' ? '' : 0);
  switch (target.type) {
    case 'string':
      return target.minLength === undefined && target.pattern === undefined;
    case 'integer':
    case 'number':
      return target.minimum === undefined || target.minimum <= 0;
    default:
      return true;
  }
}

const operations = [];
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
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
      body = { type: refName(schema), required: deref(op.requestBody).required === true };
    }
    const ok = deref(op.responses?.['200'] ?? op.responses?.['201']);
    const okSchema = ok?.content?.['application/json']?.schema;
    const result = okSchema ? goType(okSchema, where) : undefined;
    const paging = op['x-adultwork-pagination'];
    if (paging) {
      const page = params.find((p) => p.name === paging.pageParameter);
      if (!page) fail(`${where}: x-adultwork-pagination names pageParameter ${paging.pageParameter}, which the operation does not have`);
      const pageSchema = deref(refName(okSchema) ? okSchema : {});
      const itemsSchema = pageSchema.properties?.[paging.itemsProperty];
      if (!itemsSchema || deref(itemsSchema).type !== 'array') fail(`${where}: itemsProperty ${paging.itemsProperty} is not an array of the answer`);
      if (!pageSchema.properties?.[paging.pageCountProperty]) fail(`${where}: pageCountProperty ${paging.pageCountProperty} is not a property of the answer`);
      paging.itemType = goType(deref(itemsSchema).items, where);
      paging.pageType = goType(page.schema, where);
    }
    operations.push({
      id: op.operationId,
      name: exported(op.operationId),
      service: `${exported(op.tags[0])}API`,
      method: method.toUpperCase(),
      path,
      summary: op.summary,
      description: op.description,
      params: params.map((p) => ({
        wire: p.name,
        field: exported(p.name),
        type: goType(p.schema, `${where} ${p.name}`),
        required: p.required === true,
        pointer: p.required !== true && zeroIsValid(p.schema),
        zero: zeroOf(p.schema),
        description: p.description,
      })),
      body,
      result,
      resultIsSlice: result?.startsWith('[]'),
      paging,
    });
  }
}
operations.sort((a, b) => a.name.localeCompare(b.name));

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
  if (server.description) out(comment(`${name}: ${server.description.replace(/\n/g, ' ')}`, '\t'));
  out(`\t${name} = ${goString(server.url)}`);
});
out(')');
out();
out(`// DefaultBaseURL is where a client sends its calls unless told otherwise: the first server.`);
out(`const DefaultBaseURL = ${[...serverNames][0]}`);
out();

// Models: the generated client's types under this package's name (aliases, so values move freely
// between the two packages). Named arrays have no Go type of their own.
const schemas = Object.entries(spec.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
out('// The API\'s models, the generated client\'s types under this package\'s name.');
out('type (');
for (const [name, schema] of schemas) {
  if (!hasGoType(schema)) continue;
  out(comment(`${name}: ${(schema.description ?? schema.title ?? '').split('\n\n')[0].replace(/\n/g, ' ')}`, '\t'));
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

for (const op of operations) {
  const hasParams = op.params.length > 0;
  const paramsType = `${op.name}Params`;
  if (hasParams) {
    out();
    out(`// ${paramsType} are the query parameters of ${op.name}. A field left at its zero value is not`);
    out('// sent (a pointer field: left nil), so the API applies its default.');
    out(`type ${paramsType} struct {`);
    for (const p of op.params) {
      out(comment(`${p.field}${p.required ? ' (required)' : ''}: ${(p.description ?? '').replace(/\n/g, ' ')}`, '\t'));
      out(`\t${p.field} ${p.pointer ? '*' : ''}${p.type}`);
    }
    out('}');
  }
  const args = ['ctx context.Context'];
  if (op.body) args.push(`body ${op.body.type}`);
  if (hasParams) args.push(`params *${paramsType}`);
  const resultType = op.result ? (op.resultIsSlice ? op.result : `*${op.result}`) : undefined;
  const returns = resultType ? `(${resultType}, error)` : 'error';
  out();
  out(`// ${op.name} is the API's "${op.summary ?? op.id}" (${op.method} ${op.path}).`);
  if (op.description) {
    out('//');
    out(comment(op.description));
  }
  out('//');
  out(`// The operation ${op.id} of the API description.`);
  out(`func (c *Client) ${op.name}(${args.join(', ')}) ${returns} {`);
  const required = op.params.filter((p) => p.required);
  if (required.length) {
    out('\tif params == nil {');
    out(`\t\treturn ${resultType ? 'nil, ' : ''}missingParams(${goString(op.id)}, ${required.map((p) => goString(p.wire)).join(', ')})`);
    out('\t}');
  }
  out(`\treq := c.api.${op.service}.${op.name}(ctx)`);
  if (op.body) out(`\treq = req.${op.body.type}(body)`);
  if (hasParams) {
    const optional = op.params.filter((p) => !p.required);
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
    out(`\treturn out, c.check(${goString(op.id)}, resp, err)`);
  } else {
    out('\tresp, err := req.Execute()');
    out(`\treturn c.check(${goString(op.id)}, resp, err)`);
  }
  out('}');

  if (op.paging) {
    const g = op.paging;
    const pageField = exported(g.pageParameter);
    const pageParam = op.params.find((p) => p.wire === g.pageParameter);
    out();
    out(`// ${op.name}All iterates over every item of every page of ${op.name}, from`);
    out(`// params.${pageField} (the first page when unset) to the last, fetching each page when the loop`);
    out('// reaches it. A failed call ends the iteration with its error; breaking out of the loop stops');
    out(`// fetching. params is copied: changing it afterwards does not change the iteration.`);
    out(`func (c *Client) ${op.name}All(${args.join(', ')}) iter.Seq2[${g.itemType}, error] {`);
    out(`\tvar p ${paramsType}`);
    out('\tif params != nil {');
    out('\t\tp = *params');
    out('\t}');
    let start = `p.${pageField}`;
    if (pageParam.pointer) {
      out(`\tvar first ${g.pageType}`);
      out(`\tif p.${pageField} != nil {`);
      out(`\t\tfirst = *p.${pageField}`);
      out('\t}');
      start = 'first';
    }
    const set = pageParam.pointer ? `q.${pageField} = &page` : `q.${pageField} = page`;
    out(`\treturn paginate(${start}, func(page ${g.pageType}) ([]${g.itemType}, ${g.pageType}, error) {`);
    out('\t\tq := p');
    out(`\t\t${set}`);
    out(`\t\tout, err := c.${op.name}(${['ctx', op.body ? 'body' : null, '&q'].filter(Boolean).join(', ')})`);
    out('\t\tif err != nil {');
    out('\t\t\treturn nil, 0, err');
    out('\t\t}');
    out(`\t\treturn out.Get${exported(g.itemsProperty)}(), out.Get${exported(g.pageCountProperty)}(), nil`);
    out('\t})');
    out('}');
  }
}

function zeroOf(schema) {
  const type = deref(schema).type;
  if (type === 'string') return '""';
  if (type === 'boolean') return 'false';
  if (type === 'integer' || type === 'number') return '0';
  return fail(`no zero value for ${JSON.stringify(schema)}`);
}

// gofmt decides the layout, so the committed file is what gofmt writes.
const formatted = spawnSync('gofmt', [], { input: `${lines.join('\n')}\n`, encoding: 'utf8' });
if (formatted.error || formatted.status !== 0) fail(`gofmt failed: ${formatted.stderr || formatted.error?.message}`);
const text = formatted.stdout;

if (process.argv.includes('--check')) {
  const committed = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
  if (committed !== text) {
    fail(`${outPath} is out of date with the spec; run "npm run generate -w @adultwork-api/go" and commit it.`);
  }
  console.log(`generate-operations: adultwork/zz_generated_operations.go is up to date (${operations.length} operations).`);
} else {
  writeFileSync(outPath, text);
  console.log(`generate-operations: wrote ${operations.length} operations to adultwork/zz_generated_operations.go`);
}
