// Runs each server of `npm start` in its own child process (scripts/start/serve-one.mjs), so a
// crash in one of them cannot stop the others, and starts a crashed server again on its port.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serveOne = fileURLToPath(new URL('serve-one.mjs', import.meta.url));

/** Restarts allowed per server within `RESTART_WINDOW_MS`, so a server that cannot stay up gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 500;

export class StartError extends Error {
  /** @param {string} message @param {string | undefined} code */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * Starts one server in a child process and keeps it running.
 * @param {{ kind: 'docs' | 'mock' | 'sandbox', name: string, port: number, host: string }} options
 * @returns {Promise<{ ready: Record<string, string | number | boolean>, stop(): Promise<void> }>}
 *   resolves once the server answers; rejects with a StartError if it cannot start the first time.
 */
export async function superviseServer({ kind, name, port, host }) {
  let child;
  let stopping = false;
  /** @type {number[]} */
  const restarts = [];

  /** @param {number} listenPort */
  function launch(listenPort) {
    const process_ = fork(serveOne, [kind, String(listenPort), host], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = process_;
    return new Promise((resolve, reject) => {
      process_.once('message', (message) => {
        if (message?.ready) resolve(message.ready);
        else reject(new StartError(message?.failed?.message ?? `the ${name} did not start`, message?.failed?.code));
      });
      process_.once('exit', (code, signal) => reject(new StartError(`the ${name} exited (${signal ?? `code ${code}`}) while starting`, undefined)));
      process_.once('error', (error) => reject(new StartError(error.message, undefined)));
    });
  }

  /** @param {number} fixedPort @param {string} why */
  function restartLater(fixedPort, why) {
    if (stopping) return;
    const now = Date.now();
    while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      console.error(`[start] The ${name} stopped (${why}) ${MAX_RESTARTS} times within a minute; leaving it stopped. The other servers keep running.`);
      return;
    }
    restarts.push(now);
    console.error(`[start] The ${name} stopped unexpectedly (${why}); starting it again on port ${fixedPort}.`);
    setTimeout(() => {
      if (stopping) return;
      launch(fixedPort).then(
        () => {
          console.error(`[start] The ${name} is serving again.`);
          watch(fixedPort);
        },
        (error) => restartLater(fixedPort, error.message),
      );
    }, RESTART_DELAY_MS);
  }

  /** @param {number} fixedPort */
  function watch(fixedPort) {
    child.once('exit', (code, signal) => restartLater(fixedPort, signal ?? `exit code ${code}`));
  }

  const ready = await launch(port);
  // A restart reuses the port the server got, so its URL stays the same.
  watch(typeof ready.port === 'number' ? ready.port : port);
  return {
    ready,
    stop() {
      stopping = true;
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const killer = setTimeout(() => current.kill('SIGKILL'), 8000);
        current.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        current.kill('SIGTERM');
      });
    },
  };
}
