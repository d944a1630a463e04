#!/usr/bin/env node
// Throughput and p99 latency of the sandbox (fixture-sized and large), Prism (through startMock)
// and a bare Node server on the same requests, on this machine. All run side by side and are
// measured in turns over several rounds, so that a slow spell of a shared machine falls on every
// target alike; the verdicts are medians of each round's ratios. Prints a Markdown section to
// stdout; progress goes to stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_S = 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BENCH_USER = 9001;
const BENCH_TOKEN = 'bench-token';
const LIST_USER = 9002;
const LIST_TOKEN = 'bench-list-token';
const CANCELLABLE = 300_000;

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const log = (line) => process.stderr.write(`${line}\n`);

/**
 * The package's seed plus the listing user (ten bookings, one full page) and, with `cancellable`,
 * a user with that many Pending bookings, so that every measured cancel really cancels one.
 */
function benchSeed(directory, cancellable) {
  const seed = JSON.parse(readFileSync(join(packageDir, 'fixtures', 'seed.json'), 'utf8'));
  seed.users.push({ UserID: BENCH_USER, Nickname: 'BenchUser', CreditBalance: 1000, IsPhoneChat: false, IsWebcam: false, IsDirectChatOnly: false });
  seed.tokens.push({ Token: BENCH_TOKEN, UserID: BENCH_USER, Scopes: ['account_phonechat_bookings', 'account_webcam_bookings'] });
  const template = seed.bookings.PhoneChat.find((r) => r.Item.BookingID === 11).Item;
  const performer = template.Candidate.UserID;
  seed.users.push({ UserID: LIST_USER, Nickname: 'ListUser', CreditBalance: 0, IsPhoneChat: false, IsWebcam: false, IsDirectChatOnly: false });
  seed.tokens.push({ Token: LIST_TOKEN, UserID: LIST_USER, Scopes: ['account_phonechat_bookings'] });
  for (let i = 0; i < 10; i++) {
    seed.bookings.PhoneChat.push({ ClientUserID: LIST_USER, PerformerUserID: performer, Item: { ...template, BookingID: 900_000 + i, SessionDate: `2018-03-${String(10 + i).padStart(2, '0')}T20:00:00` } });
  }
  for (let i = 0; i < cancellable; i++) {
    seed.bookings.PhoneChat.push({ ClientUserID: BENCH_USER, PerformerUserID: performer, Item: { ...template, BookingID: 1_000_000 + i, SessionDate: '2030-01-01T20:00:00', AcceptBy: '2030-01-01T18:00:00' } });
  }
  const file = join(directory, `bench-seed-${cancellable}.json`);
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

/** One round of one request kind against one target: warm-up, then the measured run. */
async function measureOnce(name, target, kind, counter) {
  await load(target.url, kind, WARMUP_S, counter);
  const result = await load(target.url, kind, DURATION_S, counter);
  log(`${name} ${kind}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    total: result.requests.total,
    wrapped: kind === 'cancel' && counter.next > CANCELLABLE,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The middle value (the lower one of an even count) by `key`. */
function middle(values, key = (value) => value) {
  return [...values].sort((a, b) => key(a) - key(b))[Math.floor((values.length - 1) / 2)];
}

/** The round whose throughput is the median, with every round's throughput. */
function median(runs) {
  return { ...middle(runs, (run) => run.rps), rounds: runs.map((run) => run.rps), wrapped: runs.some((run) => run.wrapped) };
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

/** Who is measured on which request: the seed-sized sandbox lists only (its user has nothing to cancel). */
const KINDS = { sandbox: ['list'], large: ['list', 'cancel'], prism: ['list', 'cancel'], bare: ['list', 'cancel'] };

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-bench-'));
  const rows = {};
  let bodies;
  const targets = {};
  try {
    log('starting the sandboxes (seeding the bench users)...');
    const largeSeed = benchSeed(directory, CANCELLABLE);
    targets.sandbox = await startTarget('sandbox', benchSeed(directory, 0));
    targets.large = await startTarget('sandbox', largeSeed);
    const bodiesFile = join(directory, 'bodies.json');
    bodies = await captureBodies(targets.large.url);
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    log('starting Prism (startMock)...');
    targets.prism = await startTarget('prism');
    log('starting the bare Node server...');
    targets.bare = await startTarget('bare', bodiesFile);

    const names = Object.keys(targets);
    const runs = Object.fromEntries(names.map((name) => [name, { list: [], cancel: [] }]));
    const counters = Object.fromEntries(names.map((name) => [name, { next: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      log(`round ${round + 1} of ${ROUNDS}`);
      if (round > 0) {
        // A fresh large sandbox every round, so that every cancel finds its booking still
        // Pending. A reset would do that too, but would leave the old world for the collector
        // to clear during the next measurement.
        await targets.large.stop();
        targets.large = await startTarget('sandbox', largeSeed);
        counters.large.next = 0;
      }
      for (const kind of ['list', 'cancel']) {
        // The sandboxes and the bare server back to back, in turn first, so that each round's
        // ratio compares runs a few seconds apart; Prism, far slower, after them.
        const paired = names.filter((name) => name !== 'prism' && KINDS[name].includes(kind));
        for (const name of [...(round % 2 === 0 ? paired : paired.reverse()), 'prism']) {
          runs[name][kind].push(await measureOnce(name, targets[name], kind, counters[name]));
        }
      }
    }
    for (const name of names) rows[name] = Object.fromEntries(KINDS[name].map((kind) => [kind, { ...median(runs[name][kind]), runs: runs[name][kind] }]));
  } finally {
    for (const target of Object.values(targets)) await target.stop();
    rmSync(directory, { recursive: true, force: true });
  }

  const cpu = cpus();
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const line = (label, r, kind) =>
    `| ${label} | ${kind} | ${fmt(r.rps)} | ${r.rounds.map(fmt).join(' / ')} | ${r.p50} | ${r.p99} | ${fmt(r.total)} | ${r.non2xx} | ${r.errors} |`;
  // The verdicts: list on the seed-sized sandbox, cancel on the large one (the only one with bookings to cancel).
  const judged = { list: rows.sandbox.list, cancel: rows.large.cancel };
  // Each round's ratio of two targets, and their median: the verdicts rest on runs measured
  // moments apart rather than on medians taken from different spells of the machine.
  const ratios = (target, other) => target.runs.map((run, i) => run.rps / other.runs[i].rps);
  const ratio = (kind) => middle(ratios(judged[kind], rows.prism[kind]));
  const ceiling = (kind) => middle(ratios(judged[kind], rows.bare[kind]));
  const percent = (value) => `${(value * 100).toFixed(0)} %`;
  const perRound = (kind) => ratios(judged[kind], rows.bare[kind]).map(percent).join(' / ');
  // Targets: at least 15× Prism's throughput, and at least 70 % of the bare server's.
  const verdict = (kind) => (ratio(kind) >= 15 ? 'meets' : 'misses');
  const ceilingVerdict = (kind) => (ceiling(kind) >= 0.7 ? 'meets' : 'misses');
  const largeList = percent(middle(ratios(rows.large.list, rows.bare.list)));
  const out = `## Sandbox benchmark

Measured by \`npm run bench -w @adultwork-api/sandbox\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Each target runs in its own process on loopback; all are started first and then measured in turns (only one is under load at a time), over ${ROUNDS} rounds; in each round the sandboxes and the bare server run back to back (who goes first alternates), then Prism. The load generator (autocannon, ${CONNECTIONS} connections, no pipelining) shares the same ${cpu.length} cores.
Every measurement is ${WARMUP_S} s of warm-up and then ${DURATION_S} s measured. The table gives the median round (its req/s, latencies and counts) and every round's req/s in order, because a shared machine has slow spells that a single run would take for the target's speed.

- **sandbox**: the package's seed plus the listing user: a world the size of the fixtures, as an integration's tests run it.
- **sandbox, large**: the same plus a user with ${fmt(CANCELLABLE)} Pending bookings, so that every cancel of a round cancels a booking nobody cancelled before (a fresh process each round). Its list row shows what a large world costs a request that does not touch it: every young-generation collection of V8 takes longer as the heap grows.
- **list**: \`GET ${LIST_PATH}\`: the sandbox sorts and pages a user's 10 bookings (${(bodies.list.length / 1024).toFixed(1)} KiB of JSON); Prism answers with its example page (one booking).
- **cancel**: \`POST ${CANCEL_PATH}\` with a JSON body; on the sandbox each request cancels a different Pending booking (a real state change, in memory, no \`--state\` file); Prism answers every one with its example.
- Validation is on everywhere: the sandbox checks auth, scopes, query and body against the spec (Ajv, compiled at start) and evaluates the prerequisites; Prism validates requests against the same spec. The sandbox's per-response self-check (\`checkResponses\`, a test option) is off.
- **bare**: a plain \`node:http\` server answering with the bytes the sandbox sends for the same requests and doing nothing else, i.e. the ceiling on this machine with this load generator.

| target | request | req/s (median) | req/s per round | p50 ms | p99 ms | requests | non-2xx | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${line('sandbox', rows.sandbox.list, 'list')}
${line('sandbox, large', rows.large.list, 'list')}
${line('Prism (startMock)', rows.prism.list, 'list')}
${line('bare node:http', rows.bare.list, 'list')}
${line('sandbox, large', rows.large.cancel, 'cancel')}
${line('Prism (startMock)', rows.prism.cancel, 'cancel')}
${line('bare node:http', rows.bare.cancel, 'cancel')}

Ratios are each round's (the two runs of a round are seconds apart) and then their median.

- list: the sandbox serves **${ratio('list').toFixed(1)}×** Prism's throughput (target ≥ 15×: ${verdict('list')}), at **${percent(ceiling('list'))}** of the bare server (target ≥ 70 %: ${ceilingVerdict('list')}; rounds: ${perRound('list')}); the large sandbox lists at ${largeList} of the bare server.
- cancel: the large sandbox serves **${ratio('cancel').toFixed(1)}×** Prism's throughput (target ≥ 15×: ${verdict('cancel')}), at **${percent(ceiling('cancel'))}** of the bare server (target ≥ 70 %: ${ceilingVerdict('cancel')}; rounds: ${perRound('cancel')}).
- Prism's numbers include the small proxy \`startMock\` puts in front of it (it fixes the \`bearer\` scheme name for Prism), which is how the project runs Prism.
- autocannon reports latency in whole milliseconds, so "0" means under 1 ms.${rows.large.cancel.wrapped ? `\n- **Warning:** the cancel run used up the ${fmt(CANCELLABLE)} Pending bookings and later requests were refused (409); raise CANCELLABLE.` : ''}
- With \`--state FILE\` every change is fsynced before its answer (changes waiting together share an fsync); the store benchmark measures that.
`;
  process.stdout.write(out);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
