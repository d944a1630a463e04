import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { freePort } from './freePort.js';
import { startAuthSchemeProxy, normaliseAuthorization } from './authSchemeProxy.js';

export { normaliseAuthorization };

export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** OpenAPI document to serve; the bundled AdultWork description by default. */
  spec?: string;
  /** Give up if Prism has not answered within this many milliseconds. */
  startTimeoutMs?: number;
  /** Receives Prism's own log lines (it is quiet otherwise). */
  onLog?: (line: string) => void;
}

export interface RunningMock {
  /** Base URL to point clients at, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Stops the proxy and Prism; resolves once both are gone. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Where the bundled spec of `@adultwork-api/openapi` is. */
export function defaultSpecPath(): string {
  return require.resolve('@adultwork-api/openapi/openapi.json');
}

function prismBin(): string {
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = require(manifestPath) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.prism;
  if (!bin) throw new Error('@stoplight/prism-cli does not declare a "prism" binary');
  return join(dirname(manifestPath), bin);
}

async function waitUntilAnswering(url: string, prism: ChildProcess, timeoutMs: number, log: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (prism.exitCode !== null) {
      throw new Error(`Prism exited with code ${prism.exitCode} before it was ready:\n${log.slice(-20).join('\n')}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`Prism did not answer within ${timeoutMs} ms:\n${log.slice(-20).join('\n')}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Prism on a private loopback port and, in front of it, the proxy that clients talk to.
 * Requests are validated against the spec (401 without a token, 422 for invalid input) and
 * answered with the documented examples; `Prefer: example=<name>` or `Prefer: code=<status>`
 * picks another one.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const spec = options.spec ?? defaultSpecPath();
  if (!existsSync(spec)) {
    throw new Error(`No OpenAPI document at ${spec}: run "npm run bundle" (or "npm run build") first`);
  }
  const prismPort = await freePort();
  const log: string[] = [];
  const prism = spawn(process.execPath, [prismBin(), 'mock', spec, '--host', '127.0.0.1', '--port', String(prismPort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      log.push(line);
      if (log.length > 200) log.shift();
      options.onLog?.(line);
    }
  };
  prism.stdout?.on('data', keep);
  prism.stderr?.on('data', keep);
  // If this process ends without stop() (an uncaught error, process.exit), Prism must not be
  // left behind holding its port.
  const killPrism = () => prism.kill();
  process.on('exit', killPrism);
  prism.once('exit', () => process.off('exit', killPrism));

  try {
    await waitUntilAnswering(`http://127.0.0.1:${prismPort}/`, prism, options.startTimeoutMs ?? 60_000, log);
  } catch (error) {
    await stopProcess(prism);
    throw error;
  }

  let proxy;
  try {
    proxy = await startAuthSchemeProxy({ host: '127.0.0.1', port: prismPort }, { host, port: options.port ?? 0 });
  } catch (error) {
    await stopProcess(prism);
    throw error;
  }
  const port = (proxy.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await stopProcess(prism);
    },
  };
}
