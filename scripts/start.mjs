#!/usr/bin/env node
// `npm start`: builds what is missing, then serves the docs page and the mock (or the stateful
// sandbox with --sandbox) until Ctrl-C. Each server runs in a child process of its own (see
// scripts/start/supervise.mjs), so one server failing never stops the other.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { superviseServer } from './start/supervise.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const usage = `Usage: npm start -- [--docs-port N] [--mock-port N] [--host H] [--sandbox] [--no-build]

  --docs-port N   port of the docs page (env DOCS_PORT, default 8080)
  --mock-port N   port of the mock or sandbox (env MOCK_PORT, default 4010)
  --host H        interface to listen on (env HOST, default 127.0.0.1)
  --sandbox       serve the stateful sandbox instead of the Prism mock
  --no-build      skip the build step (everything must already be built)`;

function fail(message) {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

function port(raw, name) {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) fail(`Invalid ${name} "${raw}": give a whole number from 0 to 65535`);
  return Number(raw);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      'docs-port': { type: 'string' },
      'mock-port': { type: 'string' },
      host: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const docsPort = port(values['docs-port'] ?? process.env.DOCS_PORT ?? '8080', 'docs port');
const mockPort = port(values['mock-port'] ?? process.env.MOCK_PORT ?? '4010', 'mock port');
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const backend = values.sandbox ? '@adultwork-api/sandbox' : '@adultwork-api/mock';

if (values.sandbox && !existsSync(join(root, 'packages', 'sandbox', 'package.json'))) {
  fail('The sandbox package is not part of this checkout.');
}

if (!values['no-build']) {
  console.log('Building the spec, the docs page and the server (cached after the first run)...');
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  if (!existsSync(turbo)) fail('Dependencies are missing: run "npm install" first.');
  const build = spawnSync(turbo, ['run', 'build', '--filter=@adultwork-api/docs', `--filter=${backend}`, '--output-logs=errors-only'], {
    cwd: root,
    stdio: 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
  });
  if (build.status !== 0) fail('The build failed (see above).');
}

function explainListenError(error, what, flag, env) {
  if (error?.code === 'EADDRINUSE') return `Port for the ${what} is already in use: pick another with ${flag} or ${env}.`;
  if (error?.code === 'EACCES') return `Not allowed to listen for the ${what} on that port: pick another with ${flag} or ${env}.`;
  return `Could not start the ${what}: ${error?.message ?? error}`;
}

let docs;
let api;
try {
  docs = await superviseServer({ kind: 'docs', name: 'docs page', port: docsPort, host });
} catch (error) {
  fail(explainListenError(error, 'docs page', '--docs-port', 'DOCS_PORT'));
}
try {
  api = await superviseServer({ kind: values.sandbox ? 'sandbox' : 'mock', name: values.sandbox ? 'sandbox' : 'mock', port: mockPort, host });
} catch (error) {
  await docs.stop();
  fail(explainListenError(error, values.sandbox ? 'sandbox' : 'mock', '--mock-port', 'MOCK_PORT'));
}

const kind = values.sandbox ? 'Sandbox' : 'Mock';
const note = values.sandbox ? 'stateful: bookings change as you call it' : 'Prism: validates requests, answers with the documented examples';
// Whatever else the backend reports about itself (e.g. a token) is shown under its URL.
const extras = Object.entries(api.ready)
  .filter(([key, value]) => !['url', 'port'].includes(key) && typeof value === 'string')
  .map(([key, value]) => `\n    ${key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/^./, (c) => c.toUpperCase())}: ${value}`)
  .join('');
console.log(`
AdultWork API toolkit
  Docs: ${docs.ready.url}
  ${kind}: ${api.ready.url}  (${note})${extras}
  Spec: ${docs.ready.url}/openapi.json

Try it:
  curl -H "Authorization: bearer ${values.sandbox ? 'client-token' : 'any-token'}" "${api.ready.url}/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc&BookingsPerPage=10"

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  await Promise.allSettled([docs.stop(), api.stop()]);
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
