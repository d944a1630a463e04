#!/usr/bin/env node
// Throughput and p99 latency of the sandbox, Prism (through startMock) and a bare Node server on
// the same requests, one after another on this machine. Prints a Markdown section to stdout;
// progress goes to stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_S = 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BENCH_USER = 9001;
const BENCH_TOKEN = 'bench-token';
const LIST_USER = 9002;
const LIST_TOKEN = 'bench-list-token';
const CANCELLABLE = 260_000;

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const log = (line) => process.stderr.write(`${line}\n`);

/** The package's seed plus a user with enough Pending bookings that every measured cancel really cancels one. */
function benchSeed(directory) {
  const seed = JSON.parse(readFileSync(join(packageDir, 'fixtures', 'seed.json'), 'utf8'));
  seed.users.push({ UserID: BENCH_USER, Nickname: 'BenchUser', CreditBalance: 1000, IsPhoneChat: false, IsWebcam: false, IsDirectChatOnly: false });
  seed.tokens.push({ Token: BENCH_TOKEN, UserID: BENCH_USER, Scopes: ['account_phonechat_bookings', 'account_webcam_bookings'] });
  const template = seed.bookings.PhoneChat.find((r) => r.Item.BookingID === 11).Item;
  const performer = template.Candidate.UserID;
  // The listing user: ten bookings, one full page.
  seed.users.push({ UserID: LIST_USER, Nickname: 'ListUser', CreditBalance: 0, IsPhoneChat: false, IsWebcam: false, IsDirectChatOnly: false });
  seed.tokens.push({ Token: LIST_TOKEN, UserID: LIST_USER, Scopes: ['account_phonechat_bookings'] });
  for (let i = 0; i < 10; i++) {
    seed.bookings.PhoneChat.push({ ClientUserID: LIST_USER, PerformerUserID: performer, Item: { ...template, BookingID: 900_000 + i, SessionDate: `2018-03-${String(10 + i).padStart(2, '0')}T20:00:00` } });
  }
  for (let i = 0; i < CANCELLABLE; i++) {
    seed.bookings.PhoneChat.push({ ClientUserID: BENCH_USER, PerformerUserID: performer, Item: { ...template, BookingID: 1_000_000 + i, SessionDate: '2030-01-01T20:00:00', AcceptBy: '2030-01-01T18:00:00' } });
  }
  const file = join(directory, 'bench-seed.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

function startTarget(kind, arg) {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the sandbox's run there (open it in Chrome DevTools).
    const profile = kind === 'sandbox' && process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...profile, join(packageDir, 'scripts', 'bench-target.mjs'), kind, ...(arg ? [arg] : [])], { stdio: ['ignore', 'pipe', 'inherit'], cwd: packageDir });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\S+)(?: (\S+))?/.exec(out);
      if (match) resolve({ url: match[1], adminToken: match[2], stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code} before it was ready`)));
  });
}

const LIST_PATH = '/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc&BookingsPerPage=10';
const CANCEL_PATH = '/v1/PhoneChat/CancelMadeBooking';

function load(url, kind, seconds, counter) {
  const headers = { authorization: `bearer ${BENCH_TOKEN}`, accept: 'application/json' };
  const request =
    kind === 'list'
      ? { method: 'GET', path: LIST_PATH, headers: { ...headers, authorization: `bearer ${LIST_TOKEN}` } }
      : {
          method: 'POST',
          path: CANCEL_PATH,
          headers: { ...headers, 'content-type': 'application/json' },
          // Each request cancels a different Pending booking (Prism answers every one from its example).
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ BookingID: 1_000_000 + (counter.next++ % CANCELLABLE), Reason: 'Benchmark' }) }),
        };
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1, requests: [request] }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(name, target, { resettable = false } = {}) {
  const results = {};
  const counter = { next: 0 };
  for (const kind of ['list', 'cancel']) {
    await load(target.url, kind, WARMUP_S, counter);
    if (resettable && kind === 'cancel') {
      // Back to the seed, so that every measured cancel finds its booking still Pending.
      const reset = await fetch(`${target.url}/__sandbox/reset`, { method: 'POST', headers: { Authorization: `Bearer ${target.adminToken}` } });
      if (!reset.ok) throw new Error(`reset failed: ${reset.status}`);
      counter.next = 0;
    }
    const result = await load(target.url, kind, DURATION_S, counter);
    results[kind] = {
      rps: result.requests.average,
      p99: result.latency.p99,
      p50: result.latency.p50,
      total: result.requests.total,
      wrapped: kind === 'cancel' && counter.next > CANCELLABLE,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
    log(`${name} ${kind}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
  }
  return results;
}

async function captureBodies(url) {
  const list = await (await fetch(`${url}${LIST_PATH}`, { headers: { authorization: `bearer ${LIST_TOKEN}` } })).text();
  const cancel = await (
    await fetch(`${url}${CANCEL_PATH}`, {
      method: 'POST',
      headers: { authorization: `bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ BookingID: 1_000_000 + CANCELLABLE - 1, Reason: 'Benchmark' }),
    })
  ).text();
  return { list, cancel };
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-bench-'));
  const rows = {};
  let bodies;
  try {
    log('starting the sandbox (seeding the bench user)...');
    let target = await startTarget('sandbox', benchSeed(directory));
    const bodiesFile = join(directory, 'bodies.json');
    bodies = await captureBodies(target.url);
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    rows.sandbox = await measure('sandbox', target, { resettable: true });
    await target.stop();

    log('starting Prism (startMock)...');
    target = await startTarget('prism');
    rows.prism = await measure('prism', target);
    await target.stop();

    log('starting the bare Node server...');
    target = await startTarget('bare', bodiesFile);
    rows.bare = await measure('bare', target);
    await target.stop();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const cpu = cpus();
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const line = (label, r, kind) =>
    `| ${label} | ${kind} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${fmt(r.total)} | ${r.non2xx} | ${r.errors} |`;
  const ratio = (kind) => (rows.sandbox[kind].rps / rows.prism[kind].rps).toFixed(1);
  const ceiling = (kind) => ((rows.sandbox[kind].rps / rows.bare[kind].rps) * 100).toFixed(0);
  // Targets: at least 15× Prism's throughput, and at least 70 % of the bare server's.
  const verdict = (kind) => (rows.sandbox[kind].rps >= 15 * rows.prism[kind].rps ? 'meets' : 'misses');
  const ceilingVerdict = (kind) => (rows.sandbox[kind].rps >= 0.7 * rows.bare[kind].rps ? 'meets' : 'misses');
  const out = `## Sandbox benchmark

Measured by \`npm run bench -w @adultwork-api/sandbox\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Each target runs in its own process, one at a time, on loopback; the load generator (autocannon, ${CONNECTIONS} connections, no pipelining) shares the same ${cpu.length} cores.
Every target gets ${WARMUP_S} s of warm-up and then ${DURATION_S} s of measurement per request kind.

- **list**: \`GET ${LIST_PATH}\`: the sandbox sorts and pages a user's 10 bookings (${(bodies.list.length / 1024).toFixed(1)} KiB of JSON); Prism answers with its example page (one booking).
- **cancel**: \`POST ${CANCEL_PATH}\` with a JSON body; on the sandbox each request cancels a different Pending booking (a real state change, in memory, no \`--state\` file); Prism answers every one with its example.
- Validation is on everywhere: the sandbox checks auth, scopes, query and body against the spec (Ajv, compiled at start) and evaluates the prerequisites; Prism validates requests against the same spec. The sandbox's per-response self-check (\`checkResponses\`, a test option) is off.
- **bare**: a plain \`node:http\` server answering with the bytes the sandbox sends for the same requests and doing nothing else, i.e. the ceiling on this machine with this load generator.

| target | request | req/s | p50 ms | p99 ms | requests | non-2xx | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${line('sandbox', rows.sandbox.list, 'list')}
${line('Prism (startMock)', rows.prism.list, 'list')}
${line('bare node:http', rows.bare.list, 'list')}
${line('sandbox', rows.sandbox.cancel, 'cancel')}
${line('Prism (startMock)', rows.prism.cancel, 'cancel')}
${line('bare node:http', rows.bare.cancel, 'cancel')}

- list: the sandbox serves **${ratio('list')}×** Prism's throughput (target ≥ 15×: ${verdict('list')}), at **${ceiling('list')} %** of the bare server (target ≥ 70 %: ${ceilingVerdict('list')}).
- cancel: the sandbox serves **${ratio('cancel')}×** Prism's throughput (target ≥ 15×: ${verdict('cancel')}), at **${ceiling('cancel')} %** of the bare server (target ≥ 70 %: ${ceilingVerdict('cancel')}).
- Prism's numbers include the small proxy \`startMock\` puts in front of it (it fixes the \`bearer\` scheme name for Prism), which is how the project runs Prism.
- autocannon reports latency in whole milliseconds, so "0" means under 1 ms.${rows.sandbox.cancel.wrapped ? `\n- **Warning:** the cancel run used up the ${fmt(CANCELLABLE)} Pending bookings and later requests were refused (409); raise CANCELLABLE.` : ''}
- With \`--state FILE\` every change is fsynced before its answer (changes waiting together share an fsync); the store benchmark measures that.
`;
  process.stdout.write(out);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
