import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const typesDir = fileURLToPath(new URL('./types/', import.meta.url));

/** tsc's output for a project: empty when it compiles. */
const compile = (project: string): Promise<string> =>
  promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', project]).then(
    () => '',
    (error: { stdout?: string }) => error.stdout || String(error),
  );

it('accepts right calls and rejects every wrong call in types/consumer.ts', async () => {
  expect(await compile(join(typesDir, 'tsconfig.json'))).toBe('');
});

// Consumers of the built packages, resolved through node_modules the way an app resolves them:
// inside this package so that the workspace links are found.
const consumers = mkdtempSync(join(typesDir, '.consumers-'));
afterAll(() => rmSync(consumers, { recursive: true, force: true }));

const strictest = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  // The packages' declaration files are checked under the same flags.
  skipLibCheck: false,
  noEmit: true,
  target: 'ES2022',
  types: [],
};

describe.each([
  ['nodenext, ESM', 'consumer.mts', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
  ['nodenext, CommonJS', 'consumer.cts', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
  ['bundler', 'consumer.ts', { module: 'ESNext', moduleResolution: 'Bundler' }],
])('the published types, %s, strict with exactOptionalPropertyTypes and noUncheckedIndexedAccess', (name, file, resolution) => {
  it('accept right calls and reject every wrong call in types/published.ts', async () => {
    const dir = join(consumers, file.replace('.', '-'));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    copyFileSync(join(typesDir, 'published.ts'), join(dir, file));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...strictest, ...resolution }, files: [file] }));
    expect(await compile(dir), name).toBe('');
  });
});
