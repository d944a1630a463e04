import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/**
 * Starts the sandbox's command line in a process of its own and resolves once it listens.
 * `fileSizeLimit` (in 512-byte blocks) runs it under `ulimit -f`, so that writes past that size
 * really fail (EFBIG) the way a full disk would.
 */
export function startChild(args: string[], options: { env?: Record<string, string>; fileSizeLimit?: number } = {}): Promise<Child> {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run "npm run build -w @adultwork-api/sandbox" first');
  return new Promise((resolve, reject) => {
    const command = options.fileSizeLimit === undefined ? process.execPath : '/bin/sh';
    const argv = options.fileSizeLimit === undefined ? [cli, ...args] : ['-c', `ulimit -f ${options.fileSizeLimit} && exec "$0" "$@"`, process.execPath, cli, ...args];
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 15 s: ${out}${err}`)), 15_000);
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /^Sandbox server: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1]!, exited, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready: ${err}`));
    });
  });
}
