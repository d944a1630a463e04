// Packs @adultwork-api/client-fetch and @adultwork-api/sdk as npm would publish them, installs the
// tarballs in a fresh project, and uses the SDK there through both `import` and `require`, at
// run time and at type-check time.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, page, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const fetchDir = fileURLToPath(new URL('../../client-fetch', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let project: string;
let server: FakeServer;
const packed: Record<string, string[]> = {};

function pack(dir: string): string {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: dir, encoding: 'utf8' });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!info) throw new Error(`npm pack gave nothing for ${dir}`);
  packed[dir] = info.files.map((f) => f.path);
  return join(project, info.filename);
}

const usage = (load: string) => `
${load}
const server = process.env.SERVER_URL;
const aw = new sdk.AdultWorkClient({ accessToken: 'packed-token', environment: server, retry: false });
aw.phoneChat.listMadeBookings().then(async (page) => {
  const error = await aw.phoneChat.rescheduleMadeBooking({ BookingID: 1 }).catch((e) => e);
  console.log(JSON.stringify({
    total: page.BookingsTotal,
    notFound: error instanceof sdk.NotFoundError,
    base: error instanceof sdk.AdultWorkError,
    enumValue: sdk.BookingStatus.Cancelled,
    hasApi: typeof aw.credits.listHistory,
    functional: (await ops.listPhoneChatMadeBookings(ops.createTransport({ accessToken: 't', environment: server, retry: false }))).BookingsTotal,
    sameErrors: ops.NotFoundError === sdk.NotFoundError,
  }));
});
`;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'adultwork-sdk-pack-'));
  server = await startFakeServer();
  server.respond((request, response, index) => {
    if (request.method === 'GET') json(200, page(1, 1, [1, 2]))(request, response, index);
    else json(404, { Message: 'No such booking' })(request, response, index);
  });
  const tarballs = [pack(fetchDir), pack(sdkDir)];
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], {
    cwd: project,
    stdio: 'pipe',
  });
  writeFileSync(join(project, 'esm.mjs'), usage("import * as sdk from '@adultwork-api/sdk';\nimport * as ops from '@adultwork-api/sdk/operations';"));
  writeFileSync(join(project, 'cjs.cjs'), usage("const sdk = require('@adultwork-api/sdk');\nconst ops = require('@adultwork-api/sdk/operations');"));
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('npm pack and install', () => {
  it('publishes only the built files', () => {
    for (const files of Object.values(packed)) {
      expect(files).toContain('package.json');
      expect(files).toContain('README.md');
      expect(files).toContain('LICENSE');
      expect(files).toContain('dist/esm/index.js');
      expect(files).toContain('dist/cjs/index.js');
      expect(files).toContain('dist/cjs/package.json');
      expect(files).toContain('dist/esm/index.d.ts');
      if (files.includes('dist/esm/operations.js')) expect(files).toContain('dist/cjs/operations.d.ts');
      expect(files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);
    }
  });

  it.each(['esm.mjs', 'cjs.cjs'])('works from %s', async (file) => {
    // Asynchronous on purpose: the fake server runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)(process.execPath, [file], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, SERVER_URL: server.url },
    });
    expect(JSON.parse(out)).toEqual({ total: 2, notFound: true, base: true, enumValue: 'Cancelled', hasApi: 'function', functional: 2, sameErrors: true });
  });

  it('type-checks for ESM and CommonJS consumers', () => {
    const code = `
import { AdultWorkClient, NotFoundError, type PhoneChatMadeBooking } from '@adultwork-api/sdk';
import { createTransport, listPhoneChatMadeBookings, type PhoneChatMadeBookingsPage } from '@adultwork-api/sdk/operations';
export const one: Promise<PhoneChatMadeBookingsPage> = listPhoneChatMadeBookings(createTransport({ accessToken: 't' }), { PageNumber: 1 });
const aw = new AdultWorkClient({ accessToken: async () => 't', environment: 'sandbox' });
export async function first(): Promise<PhoneChatMadeBooking | undefined> {
  try { return (await aw.phoneChat.listMadeBookings()).Bookings[0]; }
  catch (e) { if (e instanceof NotFoundError) return undefined; throw e; }
}
`;
    writeFileSync(join(project, 'esm.mts'), code);
    writeFileSync(join(project, 'cjs.cts'), code);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [] },
        files: ['esm.mts', 'cjs.cts'],
      }),
    );
    expect(() => execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });

  it('has no runtime dependency outside the project', () => {
    const dependencies = (dir: string) =>
      Object.keys((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: object }).dependencies ?? {});
    expect(dependencies(sdkDir)).toEqual(['@adultwork-api/client-fetch']);
    expect(dependencies(fetchDir)).toEqual([]);
  });
});
