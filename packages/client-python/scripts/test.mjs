// Runs the Python client's contract suite: a virtual environment in .venv, the package installed
// the way a user installs it (`pip install <folder>`, not editable), pytest, then the suite,
// which starts its own mock. Fails with a clear message when Python is not there.
//
// Environment: PYTHON picks the interpreter (default: python3, then python).
// Extra arguments are passed to pytest, e.g. `npm test -w @adultwork-api/client-python -- -k delete`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_PYTHON = [3, 10];
const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(pkg, '..', '..');
const venv = join(pkg, '.venv');
const windows = process.platform === 'win32';
const venvPython = windows ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
const mockCli = join(root, 'packages', 'mock', 'dist', 'cli.js');

const INSTALL_HINT = [
  'Install Python 3.10 or newer with its venv module, for example:',
  '  Debian/Ubuntu: sudo apt-get install python3 python3-venv python3-pip',
  '  macOS:         brew install python',
  '  Windows:       winget install Python.Python.3.12',
  'or point PYTHON at an interpreter: PYTHON=/path/to/python3 npm test',
].join('\n');

function fail(message) {
  console.error(`\n@adultwork-api/client-python: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: pkg, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function findPython() {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : windows ? ['py', 'python'] : ['python3', 'python'];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) continue;
    const [major, minor] = probe.stdout.trim().split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return candidate;
    fail(`${candidate} is Python ${major}.${minor}; the client needs ${MIN_PYTHON.join('.')} or newer.\n${INSTALL_HINT}`);
  }
  fail(`no Python interpreter found (tried ${candidates.join(', ')}), so the Python client cannot be tested.\n${INSTALL_HINT}`);
}

if (!existsSync(mockCli)) {
  fail(`the mock is not built (${mockCli} is missing). Run "npm run build -w @adultwork-api/mock" first.`);
}

if (!existsSync(venvPython)) {
  const python = findPython();
  console.log(`Creating a virtual environment in ${venv} with ${python}`);
  if (run(python, ['-m', 'venv', venv]) !== 0 || !existsSync(venvPython)) {
    rmSync(venv, { recursive: true, force: true });
    fail(`"${python} -m venv" failed. On Debian/Ubuntu the venv module is a separate package: sudo apt-get install python3-venv\n${INSTALL_HINT}`);
  }
}

// setuptools builds in the source folder; stale build output could put removed modules back.
for (const stale of ['build', 'adultwork_api_client.egg-info']) rmSync(join(pkg, stale), { recursive: true, force: true });

const pip = ['-m', 'pip', '--disable-pip-version-check'];
// Rebuilt from the current generated code on every run: remove the previous install first.
run(venvPython, [...pip, 'uninstall', '--quiet', '--yes', 'adultwork_api_client'], { stdio: 'ignore' });
// The package with the dependencies its own metadata declares, plus pytest; versions pinned by the constraints file.
if (run(venvPython, [...pip, 'install', '--quiet', '-c', 'test/constraints.txt', '-r', 'test/requirements.txt', '.']) !== 0) {
  fail('"pip install ." failed (see the pip output above).');
}
for (const stale of ['build', 'adultwork_api_client.egg-info']) rmSync(join(pkg, stale), { recursive: true, force: true });

// From inside test/, so the source folder cannot shadow the installed package.
const status = run(venvPython, ['-m', 'pytest', '-c', 'pytest.ini', ...process.argv.slice(2)], {
  cwd: join(pkg, 'test'),
  env: { ...process.env, ADULTWORK_NODE: process.execPath, ADULTWORK_MOCK_CLI: mockCli },
});
process.exit(status);
