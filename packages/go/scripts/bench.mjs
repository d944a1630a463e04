// `npm run bench -w @adultwork-api/go`: the Go benchmarks in bench/ (one list call through bare
// net/http, the generated client and this layer, against the same local server), run in several
// rounds so that the three alternate over time; prints a Markdown section with the medians.
// Progress goes to stderr; stdout is only the Markdown (scripts/bench.mjs at the root collects it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const TARGET = 1.1;

function fail(message) {
  console.error(`@adultwork-api/go bench: ${message}`);
  process.exit(1);
}

const goVersion = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
if (goVersion.error || goVersion.status !== 0) fail('the Go toolchain was not found.');

// One test binary, run once per benchmark per round, the order rotating from round to round so
// that none of the three always runs first (or last) in a warm or cold process.
const dir = mkdtempSync(join(tmpdir(), 'adultwork-go-bench-'));
const binary = join(dir, 'bench.test');
const build = spawnSync('go', ['test', '-mod=readonly', '-c', '-o', binary, './bench'], { cwd: pkg, encoding: 'utf8' });
if (build.status !== 0) fail(`go test -c failed:\n${build.stdout}\n${build.stderr}`);
const NAMES = ['BareNetHTTP', 'GeneratedClient', 'Layer'];
const samples = new Map(); // benchmark name -> [{ ns, bytes, allocs }]
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    console.error(`round ${round + 1}/${ROUNDS}`);
    const order = NAMES.map((_, i) => NAMES[(i + round) % NAMES.length]);
    for (const name of order) {
      const run = spawnSync(binary, ['-test.run=^$', `-test.bench=^Benchmark${name}$`, '-test.benchmem', `-test.benchtime=${CALLS}x`], {
        cwd: join(pkg, 'bench'),
        encoding: 'utf8',
      });
      if (run.status !== 0) fail(`Benchmark${name} failed:\n${run.stdout}\n${run.stderr}`);
      const m = run.stdout.match(/^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op\s+(\d+) B\/op\s+(\d+) allocs\/op/m);
      if (!m) fail(`no result line from Benchmark${name}:\n${run.stdout}`);
      const list = samples.get(m[1]) ?? [];
      list.push({ ns: Number(m[2]), bytes: Number(m[3]), allocs: Number(m[4]) });
      samples.set(m[1], list);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const stat = (name) => {
  const list = samples.get(name);
  if (!list?.length) fail(`no result for Benchmark${name}`);
  return { ns: median(list.map((s) => s.ns)), bytes: median(list.map((s) => s.bytes)), allocs: median(list.map((s) => s.allocs)) };
};
const rows = [
  ['bare `net/http` (request, `io.ReadAll`, `json.Unmarshal` into the generated struct)', stat('BareNetHTTP')],
  ['generated client alone (`packages/client-go`)', stat('GeneratedClient')],
  ['this layer (`client.PhoneChat.ListMadeBookings`, default options)', stat('Layer')],
];
const us = (ns) => `${(ns / 1000).toFixed(0)} µs`;
const ratio = stat('Layer').ns / stat('BareNetHTTP').ns;

console.log(`## Go layer (\`@adultwork-api/go\`)

${goVersion.stdout.trim()}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads).

### Per-call overhead

One \`listPhoneChatMadeBookings\` call (\`BookingsPerPage=2\`) answered by a local \`httptest\` server
with the spec's \`page1of3\` example, keep-alive. All three send the same query, \`Authorization\`
and \`User-Agent\` (the server refuses anything else) and decode into the same generated struct.
${ROUNDS} rounds; in each, the three benchmarks run one after the other (${CALLS} calls each, one
process each, in an order that rotates from round to round); the table gives the median over
the rounds.

| | median per call | bytes per call | allocations per call |
| --- | ---: | ---: | ---: |
${rows.map(([what, s]) => `| ${what} | ${us(s.ns)} | ${s.bytes} | ${s.allocs} |`).join('\n')}
| **ratio layer / bare net/http (median)** | **${ratio.toFixed(3)}x** (target ≤ ${TARGET.toFixed(2)}x: **${ratio <= TARGET ? 'meets' : 'missed'}**) | | |

The layer's own work per call: one more \`http.Request\` clone and round tripper (token, retry
bookkeeping), the params struct turned into builder calls, and the error check. The decoding of
the answer, shared by all three, is most of the allocations.`);
