#!/usr/bin/env node
// The sandbox with a state file: acknowledged (durable) writes per second at several state sizes,
// list latency with and without writes running, and start-up time with a large journal. Prints a
// Markdown section to stdout; progress goes to stderr.
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_STORE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const CONNECTIONS = 16;
const LIST_CONNECTIONS = 4;
const STARTS = 3;
const BENCH_USER = 9001;
const BENCH_TOKEN = 'bench-token';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(packageDir, 'dist', 'cli.js');
const log = (line) => process.stderr.write(`${line}\n`);

/** The package's seed plus a user with `size` bookings, all with sessions in the past (so each can be rescheduled). */
function benchSeed(directory, size) {
  const seed = JSON.parse(readFileSync(join(packageDir, 'fixtures', 'seed.json'), 'utf8'));
  seed.users.push({ UserID: BENCH_USER, Nickname: 'BenchUser', CreditBalance: 1000, IsPhoneChat: false, IsWebcam: false, IsDirectChatOnly: false });
  seed.tokens.push({ Token: BENCH_TOKEN, UserID: BENCH_USER, Scopes: ['account_phonechat_bookings', 'account_webcam_bookings'] });
  const template = seed.bookings.PhoneChat.find((r) => r.Item.BookingID === 11).Item;
  const performer = template.Candidate.UserID;
  for (let i = 0; i < size; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    seed.bookings.PhoneChat.push({
      ClientUserID: BENCH_USER,
      PerformerUserID: performer,
      Item: { ...template, BookingID: 1_000_000 + i, CreateDate: `2018-02-${day}T10:00:00`, SessionDate: `2018-03-${day}T20:00:00` },
    });
  }
  const file = join(directory, `seed-${size}.json`);
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

/** Starts the command line; resolves with its URL and how long it took to listen. */
function startSandbox(args) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Sandbox server: (\S+)/.exec(out);
      if (match) {
        resolve({
          url: match[1],
          startMs: Number(process.hrtime.bigint() - started) / 1e6,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before it was ready: ${err}`)));
  });
}

const headers = { authorization: `bearer ${BENCH_TOKEN}`, accept: 'application/json' };
const LIST_PATH = '/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc&BookingsPerPage=10&PageNumber=3';
const RESCHEDULE_PATH = '/v1/PhoneChat/RescheduleMadeBooking';

function run(url, kind, connections, seconds, size) {
  let next = 0;
  const request =
    kind === 'list'
      ? { method: 'GET', path: LIST_PATH, headers }
      : {
          method: 'POST',
          path: RESCHEDULE_PATH,
          headers: { ...headers, 'content-type': 'application/json' },
          // Each request reschedules another of the user's bookings: a new booking, journalled.
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ BookingID: 1_000_000 + (next++ % size) }) }),
        };
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1, requests: [request] }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const summary = (result) => ({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts });

/** What the state file's disk gives one writer that fsyncs after every small append. */
function fsyncRate(directory) {
  const file = join(directory, 'fsync-probe');
  const fd = openSync(file, 'w');
  const record = Buffer.alloc(1300, 'x');
  let count = 0;
  const until = Date.now() + 2000;
  try {
    while (Date.now() < until && count < 100_000) {
      writeSync(fd, record);
      fsyncSync(fd);
      count++;
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return count / 2;
}

async function measureSize(directory, size) {
  log(`store bench: ${size} bookings: seeding...`);
  const seed = benchSeed(directory, size);
  const state = join(directory, `state-${size}.journal`);
  let sandbox = await startSandbox(['--state', state, '--seed', seed]);
  await sandbox.stop();
  rmSync(seed);
  // The timed starts: the journal is replayed (the package's small seed is read and ignored).
  // The median of three, as one start can fall into a slow spell of the machine.
  const starts = [];
  for (let i = 0; i < STARTS; i++) {
    if (i > 0) await sandbox.stop();
    sandbox = await startSandbox(['--state', state]);
    starts.push(sandbox.startMs);
  }
  const startMs = [...starts].sort((a, b) => a - b)[Math.floor(STARTS / 2)];
  log(`  start-up: ${starts.map(Math.round).join(', ')} ms`);
  const journalBytes = statSync(state).size;
  try {
    await run(sandbox.url, 'write', CONNECTIONS, 1, size);
    const single = summary(await run(sandbox.url, 'write', 1, DURATION_S, size));
    log(`  1 connection: ${Math.round(single.rps)} writes/s`);
    const concurrent = summary(await run(sandbox.url, 'write', CONNECTIONS, DURATION_S, size));
    log(`  ${CONNECTIONS} connections: ${Math.round(concurrent.rps)} writes/s`);
    const listAlone = summary(await run(sandbox.url, 'list', LIST_CONNECTIONS, DURATION_S, size));
    const [listBusy, writesBusy] = (await Promise.all([run(sandbox.url, 'list', LIST_CONNECTIONS, DURATION_S, size), run(sandbox.url, 'write', CONNECTIONS, DURATION_S, size)])).map(summary);
    log(`  list p50 ${listAlone.p50} ms alone, ${listBusy.p50} ms with ${Math.round(writesBusy.rps)} writes/s running`);
    return { size, startMs, starts, journalBytes, single, concurrent, listAlone, listBusy, writesBusy };
  } finally {
    await sandbox.stop();
    rmSync(state, { force: true });
  }
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-store-bench-'));
  const rows = [];
  let fsyncs;
  try {
    fsyncs = fsyncRate(directory);
    log(`store bench: the disk takes ${Math.round(fsyncs)} fsyncs/s from one writer`);
    for (const size of SIZES) rows.push(await measureSize(directory, size));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const cpu = cpus();
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const failures = rows.some((r) => [r.single, r.concurrent, r.listAlone, r.listBusy, r.writesBusy].some((s) => s.non2xx || s.errors));
  const weakest = Math.min(...rows.map((r) => r.concurrent.rps));
  const largest = rows[rows.length - 1];
  process.stdout.write(`## Sandbox store benchmark

Measured by \`npm run bench -w @adultwork-api/sandbox\` (\`scripts/bench-store.mjs\`) on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
The sandbox runs with \`--state\` in its own process; autocannon shares the same cores. The state file's disk takes **${fmt(fsyncs)} fsyncs/s** from a single writer that fsyncs every 1.3 kB append, which is the ceiling of a store without group commit.

- **write**: \`POST ${RESCHEDULE_PATH}\`, each request naming another of the bench user's bookings; every 200 is a new booking journalled and fsynced before the answer. Each run adds its writes to the state, so the state grows during the measurement.
- **list**: \`GET ${LIST_PATH}\` for the same user (page 3 of their bookings by session date), ${LIST_CONNECTIONS} connections, alone and then while ${CONNECTIONS} connections write.
- **start-up**: from spawning the command line to its "Sandbox server" line, replaying the state file of that size (spec loading and Node's own start included); the median of ${STARTS} starts.
- ${DURATION_S} s per measurement, after 1 s of writes to warm up.

| bookings | state file MB | start-up ms | writes/s, 1 connection | writes/s, ${CONNECTIONS} connections | write p50 / p99 ms | list p50 ms alone | list p50 ms with writes | writes/s meanwhile |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows
  .map(
    (r) =>
      `| ${fmt(r.size)} | ${mb(r.journalBytes)} | ${fmt(r.startMs)} | ${fmt(r.single.rps)} | ${fmt(r.concurrent.rps)} | ${r.concurrent.p50} / ${r.concurrent.p99} | ${r.listAlone.p50} | ${r.listBusy.p50} | ${fmt(r.writesBusy.rps)} |`,
  )
  .join('\n')}

- Acknowledged writes from ${CONNECTIONS} connections: at least ${fmt(weakest)}/s at every size (target ≥ 2,000/s: ${weakest >= 2000 ? 'meets' : 'misses'}).
- Start-up with ${fmt(largest.size)} bookings: ${fmt(largest.startMs)} ms, the median of ${largest.starts.map(fmt).join(', ')} ms (target < 2,000 ms: ${largest.startMs < 2000 ? 'meets' : 'misses'}).
- autocannon reports latency in whole milliseconds, so "0" means under 1 ms.${failures ? '\n- **Warning:** some requests failed or were refused (non-2xx or errors); the figures above include them.' : ''}
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
