// Checks and tests the Go layer: the generated operations file is up to date with the spec,
// every Go file (this module's and the generated client's) is gofmt-clean, `go vet` is clean,
// then `go test -v` (the suite starts the mock and the sandbox itself, builds a consumer module
// outside the repository, and runs the README's quickstart in it). Modules come from the
// committed go.mod/go.sum, read-only. Fails with a clear message when Go or a server is missing.
//
// CI counts the "--- PASS" lines of `go test -v`. Extra arguments go to `go test`, e.g.
// `npm test -w @adultwork-api/go -- -run Sandbox`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_GO = [1, 23];
const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
const mockCli = join(root, 'packages', 'mock', 'dist', 'cli.js');
const sandboxCli = join(root, 'packages', 'sandbox', 'dist', 'cli.js');

function fail(message) {
  console.error(`\n@adultwork-api/go: ${message}\n`);
  process.exit(1);
}

const probe = spawnSync('go', ['env', 'GOVERSION'], { cwd: pkg, encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  fail(`the Go toolchain was not found (running "go" failed). Install Go ${MIN_GO.join('.')} or newer (see packages/client-go/scripts/test.mjs for how) and put it on PATH.`);
}
const version = probe.stdout.trim();
const [major, minor] = (version.match(/^go(\d+)\.(\d+)/) ?? []).slice(1).map(Number);
if (!(major > MIN_GO[0] || (major === MIN_GO[0] && minor >= MIN_GO[1]))) {
  fail(`found ${version || 'an unknown Go version'}; the package needs Go ${MIN_GO.join('.')} or newer (iter.Seq2).`);
}

const drift = spawnSync(process.execPath, [join(pkg, 'scripts', 'generate-operations.mjs'), '--check'], { stdio: 'inherit' });
if (drift.status !== 0) process.exit(drift.status ?? 1);

for (const dir of [pkg, join(root, 'packages', 'client-go')]) {
  const unformatted = spawnSync('gofmt', ['-l', '.'], { cwd: dir, encoding: 'utf8' });
  if (unformatted.error || unformatted.status !== 0) fail(`gofmt -l failed in ${dir}: ${unformatted.stderr || unformatted.error?.message}`);
  if (unformatted.stdout.trim()) fail(`these files are not gofmt-clean (run gofmt -w on them):\n${unformatted.stdout}`);
}
console.log('$ gofmt -l .   (no file listed, here and in packages/client-go)');

for (const [cli, name] of [[mockCli, 'mock'], [sandboxCli, 'sandbox']]) {
  if (!existsSync(cli)) fail(`the ${name} is not built (${cli} is missing). Run "npm run build -w @adultwork-api/${name}" first.`);
}

const env = {
  ...process.env,
  ADULTWORK_NODE: process.execPath,
  ADULTWORK_MOCK_CLI: mockCli,
  ADULTWORK_SANDBOX_CLI: sandboxCli,
};
const steps = [
  ['vet', ['vet', '-mod=readonly', './...']],
  ['test', ['test', '-mod=readonly', '-count=1', '-v', ...process.argv.slice(2), './...']],
];
for (const [name, args] of steps) {
  console.log(`$ go ${args.join(' ')}`);
  const result = spawnSync('go', args, { cwd: pkg, env, stdio: 'inherit' });
  if (result.error) fail(`could not run go ${name}: ${result.error.message}`);
  if (result.status !== 0) {
    fail(`go ${name} failed. If it names a missing go.sum entry, run "go mod tidy" in packages/go and commit go.mod and go.sum.`);
  }
}
