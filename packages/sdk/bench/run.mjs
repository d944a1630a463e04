// SDK benchmarks: per-call overhead against a bare fetch, bundle sizes beside openapi-fetch, and
// import time. Prints a Markdown section to stdout and writes it to docs/benchmarks-sdk.md.
// Needs the built packages (npm run build).
import { createServer } from 'node:http';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { AdultWorkClient } from '@adultwork-api/sdk';
import { createTransport, listPhoneChatMadeBookings } from '@adultwork-api/sdk/operations';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
const CALLS = Number(process.env.BENCH_CALLS ?? 10000);
const WARMUP = 300;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function overhead() {
  const body = JSON.stringify({
    PageCount: 1, PageNumber: 1, BookingsTotal: 1, BookingsPerPage: 50,
    Bookings: [{ BookingID: 1, Status: 'Confirmed', SessionDate: '2018-01-22T21:30:00' }],
  });
  let seen;
  const server = createServer((req, res) => {
    seen ??= req.headers;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const aw = new AdultWorkClient({ accessToken: 'bench-token', environment: base });
  const url = `${base}/v1/PhoneChat/MadeBookings?BookingsPerPage=50`;
  // The bare fetch sends the very headers the SDK sent (its User-Agent included), so that both
  // put the same bytes on the wire and the difference is the SDK's own work.
  await aw.phoneChat.listMadeBookings({ BookingsPerPage: 50 });
  const headers = { Accept: seen.accept, 'User-Agent': seen['user-agent'], Authorization: seen.authorization };
  const bare = async () => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  };
  // The same request with the per-request timeout the SDK always arms: what a careful
  // hand-written client pays too, so the SDK's own cost is the difference to this one.
  const timed = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const response = await fetch(url, { headers, signal: controller.signal });
      if (!response.ok) throw new Error(String(response.status));
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  };
  // A signal that is never aborted, and no timer: what fetch costs merely for being given a
  // signal to watch, the floor of any timeout that really cancels the request.
  const signalled = async () => {
    const response = await fetch(url, { headers, signal: new AbortController().signal });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  };
  const sdk = () => aw.phoneChat.listMadeBookings({ BookingsPerPage: 50 });
  // The operation function over a transport without a timeout (timeoutMs: 0): what is left of
  // the SDK's cost once fetch has no signal to watch.
  const untimedTransport = createTransport({ accessToken: 'bench-token', environment: base, timeoutMs: 0 });
  const untimed = () => listPhoneChatMadeBookings(untimedTransport, { BookingsPerPage: 50 });
  const run = { bare, signalled, timed, sdk, untimed };
  const names = Object.keys(run);
  for (let i = 0; i < WARMUP; i += 1) {
    for (const name of names) await run[name]();
  }
  const times = Object.fromEntries(names.map((name) => [name, []]));
  // Interleaved, rotating which goes first, so drift of the machine hits all alike.
  for (let i = 0; i < CALLS; i += 1) {
    const order = names.map((_, k) => names[(i + k) % names.length]);
    for (const name of order) {
      const start = performance.now();
      await run[name]();
      times[name].push(performance.now() - start);
    }
  }
  server.closeAllConnections();
  server.close();
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    bareMedian: median(times.bare) * 1000,
    sdkMedian: median(times.sdk) * 1000,
    timedMedian: median(times.timed) * 1000,
    signalledMedian: median(times.signalled) * 1000,
    untimedMedian: median(times.untimed) * 1000,
    ratioTimed: median(times.sdk) / median(times.timed),
    ratioUntimed: median(times.untimed) / median(times.bare),
    ratioMedian: median(times.sdk) / median(times.bare),
    ratioTotal: sum(times.sdk) / sum(times.bare),
  };
}

function gzSize(entry, dir, external = []) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    external,
    stdin: { contents: entry, resolveDir: dir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, target: 'es2022',
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

function bundles() {
  const work = mkdtempSync(join(here, '.bench-'));
  try {
    execFileSync(process.execPath, [
      join(root, 'node_modules/openapi-typescript/bin/cli.js'),
      join(root, 'openapi/dist/openapi.json'), '-o', join(work, 'schema.d.ts'),
    ], { stdio: 'pipe' });
    const sdkWhole = gzSize(`export * from '@adultwork-api/sdk';`, work);
    const fnOne = gzSize(`import { createTransport, listPhoneChatMadeBookings } from '@adultwork-api/sdk/operations';
const transport = createTransport({ accessToken: 't' });
listPhoneChatMadeBookings(transport, { BookingsPerPage: 10 }).then((p) => console.log(p.Bookings.length));`, work);
    const sdkOne = gzSize(`import { AdultWorkClient } from '@adultwork-api/sdk';
import { createTransport, listPhoneChatMadeBookings } from '@adultwork-api/sdk/operations';
const aw = new AdultWorkClient({ accessToken: 't' });
aw.phoneChat.listMadeBookings({ BookingsPerPage: 10 }).then((p) => console.log(p.Bookings.length));`, work);
    // The generated part alone (every operation's constant, function, iterators and namespace
    // entry), to give the cost of one more operation in the spec.
    const generatedFiles = ['operations', 'functions', 'namespaces'].map((name) => JSON.stringify(join(here, `dist/esm/generated/${name}.js`)));
    // The hand-written core it imports (the makers of the functions) is left out of this one.
    const surface = gzSize(generatedFiles.map((file, i) => `export * as g${i} from ${file};`).join('\n'), work, ['../operationFunction.js']);
    const operationCount = readFileSync(join(here, 'dist/esm/generated/operations.js'), 'utf8').match(/export const \w+Operation\b/g)?.length ?? 0;
    const ofWhole = gzSize(`export * from 'openapi-fetch'; export { default } from 'openapi-fetch';`, work);
    const ofOne = gzSize(`import createClient from 'openapi-fetch';
import type { paths } from './schema';
const client = createClient<paths>({ baseUrl: 'https://api-sandbox.adultwork.com', headers: { Authorization: 'Bearer t' } });
client.GET('/v1/PhoneChat/MadeBookings', { params: { query: { BookingsPerPage: 10 } } }).then(({ data }) => console.log(data?.Bookings.length));`, work);
    return { sdkWhole, sdkOne, fnOne, ofWhole, ofOne, surface, operationCount };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function importTime(kind) {
  const code = kind === 'import'
    ? `const t = performance.now(); await import('@adultwork-api/sdk'); console.log(performance.now() - t);`
    : `const t = performance.now(); require('@adultwork-api/sdk'); console.log(performance.now() - t);`;
  const args = kind === 'import' ? ['--input-type=module', '-e', code] : ['-e', code];
  const runs = [];
  for (let i = 0; i < 7; i += 1) {
    const out = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    runs.push(Number(out.stdout.trim()));
  }
  return median(runs);
}

const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
const o = await overhead();
const b = bundles();
const esmImport = importTime('import');
const cjsRequire = importTime('require');
const verdict = (ok) => (ok ? 'met' : '**missed**');

const overheadMissed = o.ratioMedian > 1.05;
const md = `## SDK (\`@adultwork-api/sdk\`)

Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads).

### Per-call overhead

${CALLS} calls each, interleaved in rotating order after ${WARMUP} warm-up calls each, to the same local
\`node:http\` server (keep-alive): a bare \`fetch\` + \`response.json()\` sending the headers the SDK sends (User-Agent included); that fetch
given a signal that is never aborted (no timer); that fetch with a per-request timeout; \`aw.phoneChat.listMadeBookings\` of a client with the default 30 s
timeout; and the operation function \`listPhoneChatMadeBookings\` over a transport made with
\`timeoutMs: 0\` (no timeout).

| | median per call |
| --- | --- |
| bare fetch | ${o.bareMedian.toFixed(0)} µs |
| fetch given a signal that is never aborted (no timer) | ${o.signalledMedian.toFixed(0)} µs |
| fetch with a per-request timeout (AbortController + timer) | ${o.timedMedian.toFixed(0)} µs |
| SDK, default client (30 s timeout) | ${o.sdkMedian.toFixed(0)} µs |
| SDK, operation function, \`timeoutMs: 0\` | ${o.untimedMedian.toFixed(0)} µs |
| **ratio SDK (default) / bare fetch (median)** | **${o.ratioMedian.toFixed(3)}x** (target ≤ 1.05x: ${verdict(o.ratioMedian <= 1.05)}) |
| ratio SDK (default) / bare fetch (total time) | ${o.ratioTotal.toFixed(3)}x |
| ratio SDK (default) / fetch with the same timeout (median) | ${o.ratioTimed.toFixed(3)}x |
| ratio SDK (\`timeoutMs: 0\`) / bare fetch (median) | ${o.ratioUntimed.toFixed(3)}x (target ≤ 1.05x: ${verdict(o.ratioUntimed <= 1.05)}) |

### Bundle size (esbuild, minified, gzip -9)

| Bundle | minified | gzipped | target |
| --- | --- | --- | --- |
| whole SDK (\`export *\`) | ${kb(b.sdkWhole.min)} | ${kb(b.sdkWhole.gz)} | < 10 kB: ${verdict(b.sdkWhole.gz < 10240)} |
| app calling one operation function (\`@adultwork-api/sdk/operations\`) | ${kb(b.fnOne.min)} | ${kb(b.fnOne.gz)} | < 4 kB: ${verdict(b.fnOne.gz < 4096)} |
| app calling one operation through \`AdultWorkClient\` | ${kb(b.sdkOne.min)} | ${kb(b.sdkOne.gz)} | |
| the generated surface alone (${b.operationCount} operations: constants, functions, iterators, namespaces) | ${kb(b.surface.min)} | ${kb(b.surface.gz)} | about ${Math.round(b.surface.gz / b.operationCount)} bytes gzipped an operation |
| whole openapi-fetch | ${kb(b.ofWhole.min)} | ${kb(b.ofWhole.gz)} | |
| app calling one operation with openapi-fetch (+ openapi-typescript types) | ${kb(b.ofOne.min)} | ${kb(b.ofOne.gz)} | |

The SDK's figures include everything openapi-fetch leaves to the app: retries, timeouts, typed
errors, checks of options and arguments, and (for the client) pagination. An app that imports one
operation function gets that operation and the transport; the other operations stay out (a test
checks that their routes are absent from such a bundle). Through \`AdultWorkClient\` an app gets
every operation, because the client binds every namespace of the generated tables.

${overheadMissed || b.fnOne.gz >= 4096 ? `### Missed targets, by how much, and why

${overheadMissed ? `- Overhead with the default client: ${o.ratioMedian.toFixed(3)}x, ${((o.ratioMedian - 1.05) * 100).toFixed(1)} points over 1.05x
  (${(o.sdkMedian - o.bareMedian).toFixed(0)} µs a call against a loopback server answering in about ${(o.bareMedian / 1000).toFixed(1)} ms). Most of it
  is the timeout, and it is fetch's cost, not the SDK's: handed a signal, even one that is never
  aborted and has no timer behind it, fetch takes ${(o.signalledMedian - o.bareMedian).toFixed(0)} µs more a call here (${(o.signalledMedian / o.bareMedian).toFixed(3)}x on its own),
  because each request is made to follow that signal. A timeout that really cancels the request
  (frees the connection rather than just stops waiting) must give fetch a signal, so 1.05x
  against a fetch *without* one is out of reach while a timeout is armed. On equal terms the
  SDK's own work ${o.ratioUntimed <= 1.05 && o.ratioTimed <= 1.05 ? 'meets' : 'is near'} the target: without a timeout (\`timeoutMs: 0\`) it is at ${o.ratioUntimed.toFixed(3)}x of the bare
  fetch, and with one at ${o.ratioTimed.toFixed(3)}x of the fetch with the same timeout. That work is
  checking the arguments and call options, building the URL and headers, the retry loop's
  bookkeeping. Over a real network (tens of ms a call) the whole
  difference is well under 0.1%.
` : ''}${b.fnOne.gz >= 4096 ? `- One operation: ${kb(b.fnOne.gz)} gzipped, ${kb(b.fnOne.gz - 4096)} over 4 kB. The operation itself is a
  few hundred bytes (its generated constant); the rest is shared by every operation and is mostly
  text: the checks of the client options (about 0.7 kB gzipped: environments, retry policy,
  headers, user agent, each with a message naming the bad value), the generic checker that reads
  each input's rules from the spec (type, enum, bounds, lengths, pattern, required and unknown
  members, ID lists; about 0.8 kB, where the first SDK had a few hand-written checks for its six
  operations), the ten error classes and the transport (retries with backoff, Retry-After,
  timeouts, abort, token scrubbing). Getting under 4 kB would mean dropping some of those checks
  or their messages.
` : ''}
` : ''}### Import time (cold Node process, median of 7)

| | time |
| --- | --- |
| \`import('@adultwork-api/sdk')\` | ${esmImport.toFixed(1)} ms |
| \`require('@adultwork-api/sdk')\` | ${cjsRequire.toFixed(1)} ms |
`;

process.stdout.write(md);
writeFileSync(join(root, 'docs/benchmarks-sdk.md'), `# Benchmarks: SDK\n\nWritten by \`npm run bench -w @adultwork-api/sdk\`.\n\n${md.replace(/^## SDK.*\n\n/, '')}`);
