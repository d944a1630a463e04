// Every published package as a user gets it: `npm pack` of each workspace, the tarballs installed
// together in a fresh project outside the repository, then loaded with `import` and `require`
// and, for the servers, run through their commands.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const run = promisify(execFile);

/** The publishable workspaces: every one that is not private. */
const published = {
  '@adultwork-api/openapi': 'openapi',
  '@adultwork-api/client-fetch': 'packages/client-fetch',
  '@adultwork-api/sdk': 'packages/sdk',
  '@adultwork-api/mock': 'packages/mock',
  '@adultwork-api/sandbox': 'packages/sandbox',
} as const;
type Name = keyof typeof published;
const names = Object.keys(published) as Name[];

let project: string;
const packed = {} as Record<Name, { tarball: string; files: string[] }>;

/**
 * What each package must do when loaded. The same code runs as ESM (`load` = `import`) and as
 * CommonJS (`load` = `require`); it prints one JSON line.
 */
const checks: Record<Name, string> = {
  '@adultwork-api/openapi': `const spec = await load('@adultwork-api/openapi/openapi.json', { json: true });
    out({ openapi: spec.openapi.slice(0, 3), paths: Object.keys(spec.paths).length > 0 });`,
  '@adultwork-api/client-fetch': `const m = await load('@adultwork-api/client-fetch');
    out({ api: typeof m.PhoneChatApi, status: m.BookingStatus.Cancelled });`,
  '@adultwork-api/sdk': `const m = await load('@adultwork-api/sdk');
    const aw = new m.AdultWorkClient({ accessToken: 't', environment: 'http://127.0.0.1:9' });
    out({ client: typeof aw.phoneChat.listMadeBookings, error: new m.NotFoundError('x', { status: 404 }) instanceof m.AdultWorkError });`,
  '@adultwork-api/mock': `const m = await load('@adultwork-api/mock');
    const mock = await m.startMock({ port: 0 });
    const answer = await fetch(mock.url + '/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc&BookingsPerPage=10', { headers: { Authorization: 'bearer t' } });
    await mock.stop();
    out({ status: answer.status });`,
  '@adultwork-api/sandbox': `const m = await load('@adultwork-api/sandbox');
    const sandbox = await m.startSandbox({ port: 0 });
    const answer = await fetch(sandbox.url + '/v1/PhoneChat/MadeBookings', { headers: { Authorization: 'bearer client-token' } });
    await sandbox.stop();
    out({ status: answer.status });`,
};
const expected: Record<Name, unknown> = {
  '@adultwork-api/openapi': { openapi: '3.1', paths: true },
  '@adultwork-api/client-fetch': { api: 'function', status: 'Cancelled' },
  '@adultwork-api/sdk': { client: 'function', error: true },
  '@adultwork-api/mock': { status: 200 },
  '@adultwork-api/sandbox': { status: 200 },
};

const esmLoader = `const load = (name, o) => o?.json ? import(name, { with: { type: 'json' } }).then((m) => m.default) : import(name);`;
const cjsLoader = `const load = async (name) => require(name);`;
const printer = `const out = (value) => console.log(JSON.stringify(value));`;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'adultwork-packages-'));
  for (const name of names) {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: join(root, published[name]), encoding: 'utf8' });
    const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!info) throw new Error(`npm pack gave nothing for ${name}`);
    packed[name] = { tarball: join(project, info.filename), files: info.files.map((file) => file.path) };
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  // All five at once: the mock and the sandbox depend on @adultwork-api/openapi, which is not on
  // any registry, so it must come from its tarball. Everything else comes from the npm cache.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...names.map((name) => packed[name].tarball)], {
    cwd: project,
  });
}, 600_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe.each(names)('%s', (name) => {
  it('ships LICENSE (the project license), README.md and package.json', () => {
    const { files } = packed[name];
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(readFileSync(join(project, 'node_modules', name, 'LICENSE'), 'utf8')).toBe(license);
    expect(readFileSync(join(project, 'node_modules', name, 'README.md'), 'utf8')).toMatch(new RegExp(`^# ${name}`));
  });

  it.each([
    ['import', 'check.mjs', esmLoader],
    ['require', 'check.cjs', cjsLoader],
  ])('works through %s', async (_way, file, loader) => {
    const path = join(project, `${name.split('/')[1]}-${file}`);
    writeFileSync(path, `${loader}\n${printer}\n(async () => {\n${checks[name]}\n})().catch((e) => { console.error(e); process.exit(1); });\n`);
    const { stdout } = await run(process.execPath, [path], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual(expected[name]);
  });
});

describe.each([
  ['adultwork-mock', /^Usage: adultwork-mock /],
  ['adultwork-sandbox', /^Usage: adultwork-sandbox /],
])('the %s command', (command, usage) => {
  it('runs in a project that installed the tarball', async () => {
    const { stdout } = await run('npx', ['--no', '--', command, '--help'], { cwd: project, encoding: 'utf8' });
    expect(stdout).toMatch(usage);
  });

  it('runs from the repository root', async () => {
    const { stdout } = await run('npx', ['--no', '--', command, '--help'], { cwd: root, encoding: 'utf8' });
    expect(stdout).toMatch(usage);
  });
});

describe('the install commands in the docs', () => {
  const docs = [
    'README.md',
    'openapi/README.md',
    ...['client-fetch', 'client-go', 'client-python', 'docs', 'mock', 'sandbox', 'sdk'].map((dir) => `packages/${dir}/README.md`),
    ...execFileSync('git', ['ls-files', 'docs/*.md'], { cwd: root, encoding: 'utf8' }).trim().split('\n'),
  ].flatMap((file) => {
    try {
      return [{ file, text: readFileSync(join(root, file), 'utf8') }];
    } catch {
      return [];
    }
  });

  it('install only tarballs that npm pack makes, never from a registry the packages are not on', () => {
    const made = names.map((name) => packed[name].tarball.split('/').at(-1));
    const named = docs.flatMap(({ file, text }) => [...text.matchAll(/adultwork-api-[a-z-]+-\d+\.\d+\.\d+\.tgz/g)].map((m) => `${file}: ${m[0]}`));
    expect(named.length).toBeGreaterThan(0);
    for (const entry of named) expect(made, entry).toContain(entry.split(': ')[1]);
    const fromRegistry = docs.flatMap(({ file, text }) => [...text.matchAll(/npm (?:install|i|add) [^\n]*@adultwork-api\/[^\n]*/g)].map((m) => `${file}: ${m[0]}`));
    expect(fromRegistry).toEqual([]);
  });

  it('pack only workspaces that are published', () => {
    const packedNames = docs.flatMap(({ text }) => [...text.matchAll(/npm pack((?: -w \S+)+)/g)].flatMap((m) => (m[1] ?? '').split(' -w ').filter(Boolean)));
    expect(packedNames.length).toBeGreaterThan(0);
    for (const name of packedNames) expect(names).toContain(name);
  });

  it('run only the commands the packages provide', () => {
    const commands = new Set(docs.flatMap(({ text }) => [...text.matchAll(/npx (adultwork-[a-z-]+)/g)].map((m) => m[1])));
    expect([...commands].sort()).toEqual(['adultwork-mock', 'adultwork-sandbox']);
  });
});
