// Checks and tests the Go client: the module path agrees with openapitools.json, every file is
// gofmt-clean, then `go vet ./...`, `go build ./...` and `go test ./...` (the contract suite in
// test/ starts its own mock). Modules come from the committed go.mod/go.sum, read-only. Fails with a clear message
// when Go is not there.
//
// `go test` runs with -v, so every test is listed (CI counts the "--- PASS" lines). Extra arguments
// are passed to `go test`, e.g. `npm test -w @adultwork-api/client-go -- -run Delete`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_GO = [1, 23];
const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
const mockCli = join(root, 'packages', 'mock', 'dist', 'cli.js');

const INSTALL_HINT = [
  `Install Go ${MIN_GO.join('.')} or newer, for example:`,
  '  Debian/Ubuntu: the official Go release archive (Debian 12\'s golang-go is 1.19, too old),',
  '                 or sudo apt-get install golang-go where the distribution ships 1.23+',
  '  macOS:         brew install go',
  '  Windows:       winget install GoLang.Go',
  'and make sure `go` is on PATH.',
].join('\n');

function fail(message) {
  console.error(`\n@adultwork-api/client-go: ${message}\n`);
  process.exit(1);
}

const probe = spawnSync('go', ['env', 'GOVERSION'], { cwd: pkg, encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  fail(`the Go toolchain was not found (running "go" failed), so the Go client cannot be tested.\n${INSTALL_HINT}`);
}
const version = probe.stdout.trim();
const [major, minor] = (version.match(/^go(\d+)\.(\d+)/) ?? []).slice(1).map(Number);
if (!(major > MIN_GO[0] || (major === MIN_GO[0] && minor >= MIN_GO[1]))) {
  fail(`found ${version || 'an unknown Go version'}; the client needs Go ${MIN_GO.join('.')} or newer.\n${INSTALL_HINT}`);
}

// go.mod is kept by the Go toolchain, not the generator: its module path must be the one
// openapitools.json declares (gitHost/gitUserId/gitRepoId of the go entry).
const generator = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'].generators.go;
const expected = [generator.gitHost, generator.gitUserId, generator.gitRepoId].join('/');
const declared = readFileSync(join(pkg, 'go.mod'), 'utf8').match(/^module\s+(\S+)/m)?.[1];
if (declared !== expected) {
  fail(`go.mod declares module "${declared}" but openapitools.json declares "${expected}"; make them agree.`);
}

if (!existsSync(mockCli)) {
  fail(`the mock is not built (${mockCli} is missing). Run "npm run build -w @adultwork-api/mock" first.`);
}

// Generated and hand-written files alike must be gofmt-clean (generation runs gofmt -w).
const unformatted = spawnSync('gofmt', ['-l', '.'], { cwd: pkg, encoding: 'utf8' });
if (unformatted.error || unformatted.status !== 0) fail(`gofmt -l failed: ${unformatted.stderr || unformatted.error?.message}`);
if (unformatted.stdout.trim()) fail(`these files are not gofmt-clean (run gofmt -w on them):\n${unformatted.stdout}`);
console.log('$ gofmt -l .   (no file listed)');

const env = { ...process.env, ADULTWORK_NODE: process.execPath, ADULTWORK_MOCK_CLI: mockCli };
const steps = [
  ['vet', ['vet', '-mod=readonly', './...']],
  ['build', ['build', '-mod=readonly', './...']],
  ['test', ['test', '-mod=readonly', '-count=1', '-v', ...process.argv.slice(2), './...']],
];
for (const [name, args] of steps) {
  console.log(`$ go ${args.join(' ')}`);
  const result = spawnSync('go', args, { cwd: pkg, env, stdio: 'inherit' });
  if (result.error) fail(`could not run go ${name}: ${result.error.message}`);
  if (result.status !== 0) {
    fail(`go ${name} failed. If it names a missing go.sum entry, run "go mod tidy" in packages/client-go and commit go.mod and go.sum.`);
  }
}
