// `npm run bench -w @adultwork-api/python`: the private virtual environment (scripts/python-env.mjs),
// a local node:http server on a free port, then bench/bench.py, which prints a Markdown section.
// Environment: BENCH_CALLS (default 3000) calls of each kind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fail, pkg, prepareVenv, root, run } from './python-env.mjs';

const python = prepareVenv();
const server = spawn(process.execPath, [join(pkg, 'bench', 'server.mjs'), join(root, 'openapi', 'dist', 'openapi.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
const [url] = await once(createInterface({ input: server.stdout }), 'line');
if (!url?.startsWith('http://')) fail(`the benchmark server did not start (${url})`);
let status;
try {
  status = run(python, [join(pkg, 'bench', 'bench.py'), url, process.env.BENCH_CALLS ?? '3000'], { stdio: ['ignore', 'inherit', 'inherit'] });
} finally {
  server.kill('SIGTERM');
}
process.exit(status);
