// One benchmark target per process, so the load generator never shares an event loop with it.
// Usage: node bench-target.mjs sandbox <seedFile> | prism | bare <bodiesFile>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [kind, file] = process.argv.slice(2);
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
let stop;
let url;
let adminToken;

if (kind === 'sandbox') {
  const { startSandbox } = await import(join(packageDir, 'dist', 'index.js'));
  const sandbox = await startSandbox({ seed: file });
  ({ url } = sandbox);
  adminToken = sandbox.adminToken;
  stop = () => sandbox.stop();
} else if (kind === 'prism') {
  const { startMock } = await import('@adultwork-api/mock');
  const mock = await startMock();
  ({ url } = mock);
  stop = () => mock.stop();
} else if (kind === 'bare') {
  // The ceiling: Node's HTTP server answering with the very bytes the sandbox sends, doing nothing else.
  const bodies = JSON.parse(readFileSync(file, 'utf8'));
  const list = Buffer.from(bodies.list);
  const cancel = Buffer.from(bodies.cancel);
  const server = createServer((request, response) => {
    const body = request.method === 'GET' ? list : cancel;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
      response.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  stop = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
} else {
  console.error(`unknown target ${kind}`);
  process.exit(2);
}

console.log(`READY ${url}${adminToken ? ` ${adminToken}` : ''}`);
process.once('SIGTERM', () => stop().then(() => process.exit(0)));
