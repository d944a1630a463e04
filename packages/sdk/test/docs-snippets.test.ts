// Every fenced code block of the READMEs (the root one and packages/*/README.md) and of docs/*.md
// is checked here, so that no example drifts from the code:
// - TypeScript and JavaScript: type-checked together against the built packages (strict, with
//   exactOptionalPropertyTypes and noUncheckedIndexedAccess). A block that is a fragment names
//   what it assumes in an HTML comment on the line before its fence, which readers do not see:
//   `<!-- assumes: declare const accessToken: string; -->`. Complete programs that talk to the
//   local mock (`http://127.0.0.1:4010`) or start their own mock or sandbox are also run, the
//   mock address pointing at a Prism mock this test starts on a free port.
// - JSON and YAML: parsed.
// - Shell: every `npm run X` (and `npm test`, `npm start`) names a script of the root or of the
//   workspace given with -w, every `npx BIN` a bin of a workspace or of a root dependency, every
//   `@adultwork-api/...` name a workspace, every `cd` and repository path exists.
// - Python and Go: checked by those packages' own tests; `text`: nothing to check.
// Any other fence language, or none, fails, so that no block escapes.
import { startMock, type RunningMock } from '@adultwork-api/mock';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsc = require.resolve('typescript/bin/tsc');
const esbuild = require('esbuild') as typeof import('esbuild');
const run = promisify(execFile);

interface Block {
  /** Markdown file, relative to the repository root. */
  file: string;
  /** Line of the opening fence, from 1. */
  line: number;
  lang: string;
  code: string;
  /** Declarations from an `<!-- assumes: ... -->` comment right before the fence. */
  assumes: string | undefined;
}

const where = (block: Block): string => `${block.file}:${block.line}`;

function markdownFiles(): string[] {
  const inDir = (dir: string) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((name) => name.endsWith('.md')).map((name) => `${dir}/${name}`) : [];
  const readmes = readdirSync(join(root, 'packages'))
    .map((name) => `packages/${name}/README.md`)
    .filter((file) => existsSync(join(root, file)));
  return ['README.md', ...readmes, ...inDir('docs')];
}

/** The fenced blocks of a Markdown file (``` or ~~~, indented or not, as CommonMark reads them). */
function fencedBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    // A backtick fence's info string may not contain a backtick: that line is inline code.
    if (fence[0] === '`' && info.includes('`')) continue;
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end += 1) {
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(lines[end] ?? '')) break;
      // Content lines lose at most the fence's own indentation.
      body.push((lines[end] ?? '').replace(new RegExp(`^ {0,${indent.length}}`), ''));
    }
    let previous = index - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous -= 1;
    const comment = /^\s*<!--\s*assumes:([\s\S]*?)-->\s*$/.exec(lines[previous] ?? '');
    blocks.push({ file, line: index + 1, lang: (info.trim().split(/\s+/)[0] ?? '').toLowerCase(), code: body.join('\n'), assumes: comment?.[1]?.trim() });
    index = end;
  }
  return blocks;
}

const blocks = markdownFiles().flatMap((file) => fencedBlocks(file, readFileSync(join(root, file), 'utf8')));

const SCRIPT_LANGS = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const SHELL_LANGS = new Set(['sh', 'bash', 'shell']);
const DATA_LANGS = new Set(['json', 'yaml', 'yml']);
// Checked elsewhere (the Python and Go packages' tests), or nothing to check.
const OTHER_LANGS = new Set(['python', 'py', 'go', 'text']);

const isJs = (block: Block) => ['js', 'javascript', 'mjs'].includes(block.lang);
const byLang = (langs: Set<string>) => blocks.filter((block) => langs.has(block.lang));
const scripts = byLang(SCRIPT_LANGS);
/** Complete programs that need the mock or start their own servers: these are run, too. */
const runnable = scripts.filter((block) => !block.assumes && /127\.0\.0\.1:4010|\bstart(Mock|Sandbox)\(/.test(block.code));

describe('the documentation code blocks', () => {
  it('are all in a known language', () => {
    expect(blocks.length).toBeGreaterThan(20);
    const unknown = blocks
      .filter((block) => ![SCRIPT_LANGS, SHELL_LANGS, DATA_LANGS, OTHER_LANGS].some((langs) => langs.has(block.lang)))
      .map((block) => `${where(block)}: fence language "${block.lang}" (write text for plain text)`);
    expect(unknown).toEqual([]);
  });

  it('parse, when they are JSON or YAML', () => {
    const broken: string[] = [];
    for (const block of byLang(DATA_LANGS)) {
      try {
        if (block.lang === 'json') JSON.parse(block.code);
        else parseYaml(block.code);
      } catch (error) {
        broken.push(`${where(block)}: ${(error as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name only real scripts, bins, workspaces and paths, when they are shell', () => {
    const problems = byLang(SHELL_LANGS).flatMap((block) => checkShell(block).map((problem) => `${where(block)}: ${problem}`));
    expect(problems).toEqual([]);
  });
});

describe('the TypeScript and JavaScript code blocks', () => {
  // Inside this package, so that the packages resolve through the workspace's node_modules.
  const dir = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.snippets-'));
  const fileOf = (block: Block) => `${block.file.replace(/[/.]/g, '_')}_L${block.line}.${isJs(block) ? 'mjs' : 'mts'}`;
  let mock: RunningMock | undefined;

  beforeAll(async () => {
    for (const block of scripts) {
      writeFileSync(join(dir, fileOf(block)), `${block.assumes ?? ''}\n${block.code}\n`);
    }
    if (runnable.some((block) => block.code.includes('127.0.0.1:4010'))) mock = await startMock({ port: 0 });
  });
  afterAll(async () => {
    await mock?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('type-check against the built packages', async () => {
    expect(scripts.length).toBeGreaterThan(5);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          allowJs: true,
          checkJs: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: scripts.map(fileOf),
      }),
    );
    const output = await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout || String(error),
    );
    // Each error points at its line of the Markdown file: the block's line n is on line n + 1 of
    // its file (after the assumed declarations), and on line fence + n of the Markdown.
    const located = output.replace(/^(\S+?)\((\d+),(\d+)\)/gm, (match, name: string, line: string, column: string) => {
      const block = scripts.find((candidate) => fileOf(candidate) === name);
      return block ? `${block.file}:${block.line + Number(line) - 1}:${column}` : match;
    });
    expect(located).toBe('');
  });

  it.each(runnable.map((block) => [where(block), block] as const))('%s runs', async (_name, block) => {
    const { code } = esbuild.transformSync(block.code, { loader: 'ts', format: 'esm', target: 'es2022' });
    const file = join(dir, fileOf(block).replace(/\.m[jt]s$/, '.run.mjs'));
    writeFileSync(file, mock ? code.replaceAll('http://127.0.0.1:4010', mock.url) : code);
    // Rejects, with the program's output, when it exits with an error.
    await expect(run(process.execPath, [file], { cwd: dir, timeout: 60_000 })).resolves.toBeDefined();
  });
});

// ---- shell blocks -------------------------------------------------------------------------

interface Manifest {
  name?: string;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
const binNames = (manifest: Manifest): string[] =>
  typeof manifest.bin === 'string' ? [(manifest.name ?? '').replace(/^@[^/]+\//, '')] : Object.keys(manifest.bin ?? {});

const rootManifest = readManifest(root);
const workspaces = new Map<string, Manifest>();
for (const pattern of rootManifest.workspaces ?? []) {
  const dirs = pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
    : [pattern];
  for (const dir of dirs) {
    if (!existsSync(join(root, dir, 'package.json'))) continue;
    const manifest = readManifest(join(root, dir));
    if (manifest.name) workspaces.set(manifest.name, manifest);
  }
}
const knownBins = new Set([
  ...[...workspaces.values()].flatMap(binNames),
  ...Object.keys({ ...rootManifest.dependencies, ...rootManifest.devDependencies }).flatMap((name) =>
    existsSync(join(root, 'node_modules', name, 'package.json')) ? binNames(readManifest(join(root, 'node_modules', name))) : [],
  ),
]);
const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
const NPM_LIFECYCLE = new Set(['test', 't', 'tst', 'start', 'stop', 'restart']);

/** Splits a shell line into words, honouring quotes and dropping a trailing comment. */
function words(line: string): string[] {
  const result: string[] = [];
  let word = '';
  let quote = '';
  let started = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = '';
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) result.push(word);
      word = '';
      started = false;
    } else if (char === '#' && !started) {
      break;
    } else {
      word += char;
      started = true;
    }
  }
  if (started) result.push(word);
  return result;
}

function checkShell(block: Block): string[] {
  const problems: string[] = [];
  const docDir = dirname(join(root, block.file));
  let cwd = root;
  // A directory outside the repository (`../my-app`) is the reader's own project: what the block
  // does there (and where it goes) cannot be checked, only that it leaves the repository.
  const outside = (path: string) => relative(root, path).startsWith('..');
  // Relative to where the block has cd'ed to, to the Markdown file, or to the repository root.
  const bases = () => [cwd, docDir, root];
  // Folders the block itself makes (`python3 -m venv .venv`, `mkdir -p out`) exist once it has run.
  const made = new Set<string>();
  const exists = (path: string) => made.has(resolve(cwd, path.split('/')[0] ?? '')) || bases().some((base) => existsSync(resolve(base, path)));
  // Backslash continuations make one command of several lines.
  const commandLines = block.code.replace(/\\\n/g, ' ').split('\n');
  for (const line of commandLines) {
    const tokens = words(line);
    // Commands of one line, split at the shell's separators.
    const commands: string[][] = [[]];
    for (const token of tokens) {
      if (['&&', '||', ';', '|', '&'].includes(token)) commands.push([]);
      else commands.at(-1)?.push(token);
    }
    for (const [command, ...args] of commands) {
      if (command === undefined) continue;
      for (const token of [command, ...args]) {
        for (const [name] of token.matchAll(/@adultwork-api\/[a-z0-9-]+/g)) {
          if (!workspaces.has(name)) problems.push(`${name} is not a workspace`);
        }
      }
      if (command === 'cd') {
        const target = args[0];
        if (target === undefined || target === '-' || target.startsWith('~')) continue;
        if (outside(resolve(cwd, target))) cwd = resolve(cwd, target);
        else if (!existsSync(resolve(cwd, target))) problems.push(`cd ${target}: no such directory`);
        else cwd = resolve(cwd, target);
        continue;
      }
      const venv = args.indexOf('venv');
      if (args[0] === '-m' && venv === 1 && args[2] !== undefined) made.add(resolve(cwd, args[2]));
      if (command === 'mkdir') for (const dir of args.filter((arg) => !arg.startsWith('-'))) made.add(resolve(cwd, dir));
      if (command === 'npm') problems.push(...checkNpm(args));
      if (command === 'npx') problems.push(...checkNpx(args));
      for (const token of args) {
        if (outside(cwd) || outside(resolve(cwd, token))) continue;
        if (!/\//.test(token) || /^[-@$]|:\/\/|[=*]/.test(token)) continue;
        const path = token.replace(/\/\.\.\.$/, '');
        const relativeToSomething = /^\.\.?\//.test(path) || bases().some((base) => existsSync(resolve(base, path.split('/')[0] ?? '')));
        if (relativeToSomething && !exists(path)) problems.push(`${token}: no such path (from ${relative(root, cwd) || 'the repository root'})`);
      }
    }
  }
  return problems;
}

function checkNpm(args: string[]): string[] {
  const [verb, ...rest] = args;
  if (verb === undefined) return [];
  let script: string | undefined;
  if (NPM_RUN.has(verb)) script = rest.find((arg) => !arg.startsWith('-'));
  else if (NPM_LIFECYCLE.has(verb)) script = verb === 't' || verb === 'tst' ? 'test' : verb;
  else return [];
  if (script === undefined) return [`npm ${verb} without a script name`];
  const named: string[] = [];
  rest.forEach((arg, index) => {
    if (arg === '-w' || arg === '--workspace') named.push(rest[index + 1] ?? '');
    else if (arg.startsWith('--workspace=') || arg.startsWith('-w=')) named.push(arg.slice(arg.indexOf('=') + 1));
  });
  const stop = rest.indexOf('--');
  if (stop !== -1 && rest.indexOf(script) > stop) return [];
  const manifests = named.length ? named.map((name) => workspaces.get(name)) : [rootManifest];
  return manifests.flatMap((manifest, index) =>
    manifest === undefined
      ? [] // reported as an unknown workspace already
      : manifest.scripts?.[script] === undefined
        ? [`npm ${verb} ${script}: no such script in ${named[index] ?? 'the root package.json'}`]
        : [],
  );
}

function checkNpx(args: string[]): string[] {
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-p' || arg === '--package' || arg.startsWith('--package=')) return []; // runs a bin of the package named
    if (!arg.startsWith('-')) break;
  }
  const bin = args[index];
  if (bin === undefined) return ['npx without a command'];
  return knownBins.has(bin) ? [] : [`npx ${bin}: not a bin of a workspace or of a root dependency`];
}
