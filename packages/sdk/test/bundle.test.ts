// An app that imports one operation function must get that operation and the transport, not the
// others: bundles it with esbuild (as the benchmark does) and looks for the other routes.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as generated from '../src/generated/operations.js';
import type { Operation } from '../src/operation.js';

const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const operations = Object.entries(generated)
  .filter(([name]) => name.endsWith('Operation'))
  .map(([, op]) => op as Operation);

function bundle(contents: string): string {
  const result = esbuild.buildSync({
    stdin: { contents, resolveDir: sdkDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('one operation, one bundle', () => {
  it.each([
    ['listPhoneChatMadeBookings', '{ BookingsPerPage: 10 }', '@adultwork-api/sdk/operations'],
    ['cancelWebcamMadeBooking', "{ BookingID: 1, Reason: 'x' }", '@adultwork-api/sdk/operations'],
    ['deletePhoneChatMadeBookings', '[1, 2]', '@adultwork-api/sdk'],
  ])('%s leaves every other operation out (from %s)', (name, args, from) => {
    const code = bundle(`import { createTransport, ${name} } from '${from}';
${name}(createTransport({ accessToken: 't' }), ${args}).then(console.log);`);
    const own = operations.find((op) => op.id === name) as Operation;
    expect(code).toContain(JSON.stringify(own.path));
    for (const other of operations.filter((op) => op !== own)) expect(code).not.toContain(JSON.stringify(other.path));
    // Nor the generated client's classes, nor the SDK's own namespaces.
    expect(code).not.toMatch(/BaseAPI|Configuration|iterateMadeBookings|MadeBookingsList/);
    // Nor the response helpers, which an app imports only if it wants them.
    expect(code).not.toMatch(/withResponse|asResponse/);
    // Loose bound, so that a regression that pulls the whole SDK back in fails here; the exact
    // size is the benchmark's business.
    expect(gzipSync(code, { level: 9 }).length).toBeLessThan(5 * 1024);
  });
});
