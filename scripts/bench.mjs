// `npm run bench`: runs the `bench` script of every workspace that has one, one after the other
// on an otherwise idle machine, and writes their Markdown sections into docs/benchmarks.md with a
// description of the machine.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const workspaces = ['openapi', ...readdirSync(join(root, 'packages')).map((name) => join('packages', name))]
  .map((dir) => ({ dir, manifest: join(root, dir, 'package.json') }))
  .filter(({ manifest }) => existsSync(manifest))
  .map(({ dir, manifest }) => ({ dir, pkg: JSON.parse(readFileSync(manifest, 'utf8')) }))
  .filter(({ pkg }) => pkg.scripts?.bench);

if (!workspaces.length) {
  console.error('No workspace has a "bench" script.');
  process.exit(1);
}

const build = spawnSync(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const sections = [];
let failed = false;
for (const { dir, pkg } of workspaces) {
  console.error(`\n==> ${pkg.name}: npm run bench`);
  const run = spawnSync('npm', ['run', 'bench', '--silent', '-w', pkg.name], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    failed = true;
    sections.push(`## ${pkg.name}\n\nThe benchmark failed (exit code ${run.status}).\n`);
    continue;
  }
  sections.push(run.stdout.trim() + '\n');
  console.error(`    done (${dir})`);
}

const cpu = cpus();
const machine = [
  `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} logical cores`,
  `- Memory: ${Math.round(totalmem() / 2 ** 30)} GiB`,
  `- OS: ${platform()} ${release()}`,
  `- Node.js ${process.versions.node}`,
  `- Run on: ${new Date().toISOString().slice(0, 10)}`,
].join('\n');

writeFileSync(
  join(root, 'docs', 'benchmarks.md'),
  `# Benchmarks

Written by \`npm run bench\`; do not edit by hand. Each package's benchmark runs alone, one after
the other, against servers on the loopback interface of the same machine. Unless a section says
otherwise a figure comes from one run; this shared two-core machine has slow spells, so two runs
can differ by tens of percent (the sandbox benchmark measures in rounds for that reason).

## Machine

${machine}

${sections.join('\n')}`,
);
console.error('\nWrote docs/benchmarks.md');
process.exit(failed ? 1 : 0);
