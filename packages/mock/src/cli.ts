#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMock } from './index.js';

const usage = `Usage: adultwork-mock [--port N] [--host H] [--spec FILE] [--verbose]

Serves the AdultWork API mock. The port comes from --port, else MOCK_PORT, else 4010.`;

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new Error(`Invalid port "${raw}": give a whole number from 0 to 65535`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      spec: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = parsePort(values.port ?? process.env.MOCK_PORT ?? '4010');
  const mock = await startMock({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.spec ? { spec: values.spec } : {}),
    ...(values.verbose ? { onLog: (line: string) => console.error(line) } : {}),
  });
  console.log(`Mock server: ${mock.url}`);
  const shutdown = () => {
    mock.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(usage);
  process.exit(1);
});
