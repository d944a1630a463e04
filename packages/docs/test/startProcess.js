// @ts-check
// Runs scripts/start.mjs (`npm start`) as a child process and reads what it prints.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const start = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

/** @param {string[]} args @param {Record<string, string>} [env] */
export function runStart(args, env = {}) {
  const child = spawn(process.execPath, [start, '--no-build', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  /** @param {RegExp} pattern */
  const waitFor = async (pattern, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return output;
  };
  /** Stops `npm start` as Ctrl-C would, and gives its exit code. */
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    return exited;
  };
  return { child, exited, waitFor, stop, output: () => output };
}
