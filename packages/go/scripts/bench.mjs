// `npm run bench -w @adultwork-api/go`: the Go benchmarks in bench/ (one list call through bare
// net/http, the generated client and this layer, against the same local server), run in several
// rounds so that the three alternate over time; prints a Markdown section with the medians.
// Progress goes to stderr; stdout is only the Markdown (scripts/bench.mjs at the root collects it).
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
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

const samples = new Map(); // benchmark name -> [{ ns, bytes, allocs }]
for (let round = 1; round <= ROUNDS; round += 1) {
  console.error(`round ${round}/${ROUNDS}`);
  const run = spawnSync('go', ['test', '-mod=readonly', '-run', '^$', '-bench', '.', '-benchmem', `-benchtime=${CALLS}x`, './bench'], {
    cwd: pkg,
    encoding: 'utf8',
  });
  if (run.status !== 0) fail(`go test -bench failed:\n${run.stdout}\n${run.stderr}`);
  for (const line of run.stdout.split('\n')) {
    const m = line.match(/^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op\s+(\d+) B\/op\s+(\d+) allocs\/op/);
    if (!m) continue;
    const list = samples.get(m[1]) ?? [];
    list.push({ ns: Number(m[2]), bytes: Number(m[3]), allocs: Number(m[4]) });
    samples.set(m[1], list);
  }
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
  ['this layer (`client.ListPhoneChatMadeBookings`, default options)', stat('Layer')],
];
const us = (ns) => `${(ns / 1000).toFixed(0)} µs`;
const ratio = stat('Layer').ns / stat('BareNetHTTP').ns;

console.log(`## Go layer (\`@adultwork-api/go\`)

${goVersion.stdout.trim()}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads).

### Per-call overhead

One \`ListPhoneChatMadeBookings\` call (\`BookingsPerPage=2\`) answered by a local \`httptest\` server
with the spec's \`page1of3\` example, keep-alive. All three send the same query, \`Authorization\`
and \`User-Agent\` (the server refuses anything else) and decode into the same generated struct.
${ROUNDS} rounds of \`go test -bench\` (${CALLS} calls per benchmark per round), the three
benchmarks in turn in each round; the table gives the median over the rounds.

| | median per call | bytes per call | allocations per call |
| --- | ---: | ---: | ---: |
${rows.map(([what, s]) => `| ${what} | ${us(s.ns)} | ${s.bytes} | ${s.allocs} |`).join('\n')}
| **ratio layer / bare net/http (median)** | **${ratio.toFixed(3)}x** (target ≤ ${TARGET.toFixed(2)}x: **${ratio <= TARGET ? 'meets' : 'missed'}**) | | |

The layer's own work per call: one more \`http.Request\` clone and round tripper (token, retry
bookkeeping), the params struct turned into builder calls, and the error check. The decoding of
the answer, shared by all three, is most of the allocations.`);
