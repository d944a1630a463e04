#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ADMIN_TOKEN_ENV } from './admin-access.js';
import { startSandbox } from './server.js';

const usage = `Usage: adultwork-sandbox [--port N] [--host H] [--state FILE] [--seed FILE] [--spec FILE] [--clock DATETIME]
                         [--compact-bytes N] [--compact-ratio R] [--admin-token TOKEN] [--admin-remote]

Serves a stateful sandbox of the AdultWork API. The port comes from --port, else SANDBOX_PORT,
else 4020. --state keeps the data in FILE across restarts; without it the data lives in memory.
FILE is rewritten (compacted) once the changes appended to it reach --compact-bytes (default
16777216) and --compact-ratio times the size of the state itself (default 1).

The admin routes (/__sandbox/...) answer only on loopback and need the admin token as a bearer
token: --admin-token, else SANDBOX_ADMIN_TOKEN, else a random one printed at start-up.
--admin-remote lets other machines use them too (still with the token).`;

function parseNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`Invalid ${name} "${raw}": give a number of at least 0`);
  return value;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`Invalid port "${raw}": give a whole number from 0 to 65535`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      seed: { type: 'string' },
      spec: { type: 'string' },
      clock: { type: 'string' },
      'compact-bytes': { type: 'string' },
      'compact-ratio': { type: 'string' },
      'admin-token': { type: 'string' },
      'admin-remote': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const sandbox = await startSandbox({
    port: parsePort(values.port ?? process.env.SANDBOX_PORT ?? '4020'),
    ...(values.host ? { host: values.host } : {}),
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(values.spec ? { spec: values.spec } : {}),
    ...(values.clock ? { clock: values.clock } : {}),
    compaction: {
      ...(values['compact-bytes'] !== undefined ? { compactBytes: parseNumber('--compact-bytes', values['compact-bytes']) } : {}),
      ...(values['compact-ratio'] !== undefined ? { compactRatio: parseNumber('--compact-ratio', values['compact-ratio']) } : {}),
    },
    ...(values['admin-token'] !== undefined ? { adminToken: values['admin-token'] } : {}),
    adminRemote: values['admin-remote'],
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // A token the caller chose is theirs already; only a generated one is worth printing.
  const chosen = values['admin-token'] !== undefined ? '--admin-token' : process.env[ADMIN_TOKEN_ENV] ? ADMIN_TOKEN_ENV : undefined;
  console.log(`Sandbox admin token: ${chosen ? `(as set by ${chosen})` : sandbox.adminToken}`);
  // Only now: whoever waits for this line may signal at once, and must find the handlers in place.
  console.log(`Sandbox server: ${sandbox.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  if (error && typeof error === 'object' && 'problems' in error) console.error(JSON.stringify((error as { problems: unknown }).problems, null, 2));
  console.error(usage);
  process.exit(1);
});
