// Regenerates every client declared in openapitools.json from the bundled spec.
// Usage: node scripts/generate.mjs [generator-key ...]   (all keys when none is given)
// Each output folder is cleaned first: every file the previous run listed in
// .openapi-generator/FILES is removed, so a schema that disappears from the spec leaves no file
// behind. Files the generator is told to ignore (.openapi-generator-ignore) are hand-written and kept.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGenerator } from './ensure-generator.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const config = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'];
const generators = config.generators;

function fail(message) {
  console.error(message);
  process.exit(1);
}

const wanted = process.argv.slice(2);
for (const key of wanted) {
  if (!generators[key]) fail(`Unknown generator "${key}". Known: ${Object.keys(generators).join(', ')}`);
}
const keys = wanted.length ? wanted : Object.keys(generators);

function sh(command, args, label) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error || result.status !== 0) {
    fail(`${label} failed:\n${result.stdout ?? ''}\n${result.stderr ?? result.error?.message ?? ''}`);
  }
  return result;
}

function clean(output) {
  const list = join(output, '.openapi-generator', 'FILES');
  if (!existsSync(list)) return 0;
  const files = readFileSync(list, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
  let removed = 0;
  for (const file of files) {
    if (file === '.openapi-generator-ignore') continue;
    rmSync(join(output, file), { force: true, recursive: true });
    removed += 1;
  }
  rmSync(join(output, '.openapi-generator'), { force: true, recursive: true });
  return removed;
}

let jar;
try {
  jar = ensureGenerator();
} catch (error) {
  fail(error.message);
}

sh('npm', ['run', 'bundle', '--silent', '-w', '@adultwork-api/openapi'], 'Bundling the spec');
// The SDK's operation constants come from the same bundle; cheap, so written on every run.
console.log(sh(process.execPath, ['scripts/generate-sdk-operations.mjs'], 'Writing the SDK operations').stdout.trim());

for (const key of keys) {
  const generator = generators[key];
  const output = resolve(root, generator.output);
  const removed = clean(output);
  const args = ['-jar', jar, 'generate', '-g', generator.generatorName, '-i', generator.inputSpec, '-o', generator.output];
  if (generator.templateDir) args.push('-t', generator.templateDir);
  const global = Object.entries(generator.globalProperty ?? {}).map(([k, v]) => `${k}=${v}`);
  if (global.length) args.push(`--global-property=${global.join(',')}`);
  const additional = Object.entries(generator.additionalProperties ?? {}).map(([k, v]) => `${k}=${v}`);
  if (additional.length) args.push(`--additional-properties=${additional.join(',')}`);
  // Generator-level settings of openapitools.json that the generator only takes as CLI options
  // (given as additional properties, the git coordinates are overwritten by the defaults).
  const settings = [['gitHost', '--git-host'], ['gitUserId', '--git-user-id'], ['gitRepoId', '--git-repo-id'], ['templateDir', '--template-dir']];
  for (const [setting, option] of settings) {
    if (generator[setting] !== undefined) args.push(`${option}=${generator[setting]}`);
  }
  for (const [setting, option] of [['typeMappings', '--type-mappings'], ['nameMappings', '--name-mappings']]) {
    const pairs = Object.entries(generator[setting] ?? {}).map(([k, v]) => `${k}=${v}`);
    if (pairs.length) args.push(`${option}=${pairs.join(',')}`);
  }
  sh('java', args, `Generating ${key}`);
  // A target may name a command to run over its output folder afterwards (e.g. gofmt -w): part of
  // generation, so the drift check compares its result.
  if (generator.postProcess) sh(generator.postProcess[0], [...generator.postProcess.slice(1), generator.output], `Post-processing ${key}`);
  const written = readFileSync(join(output, '.openapi-generator', 'FILES'), 'utf8').split('\n').filter(Boolean).length;
  console.log(`${key}: removed ${removed} old files, wrote ${written} files to ${generator.output}`);
}
// The Python and Go layers' operation surfaces come from the same bundle, over their generated clients.
console.log(sh(process.execPath, ['packages/python/scripts/generate-operations.mjs'], 'Writing the Python operations').stdout.trim());
console.log(sh(process.execPath, ['packages/go/scripts/generate-operations.mjs'], 'Writing the Go operations').stdout.trim());
