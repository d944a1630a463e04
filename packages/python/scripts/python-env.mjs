// The package's private virtual environment (.venv), shared by the test and bench scripts: made
// once with PYTHON (default python3, then python), then both packages installed into it the way
// users install them (pip install of the folders, not editable) with the pinned tools.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const root = resolve(pkg, '..', '..');
const MIN_PYTHON = [3, 10];
const windows = process.platform === 'win32';
const venv = join(pkg, '.venv');
export const venvPython = windows ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');

const INSTALL_HINT = [
  'Install Python 3.10 or newer with its venv module, for example:',
  '  Debian/Ubuntu: sudo apt-get install python3 python3-venv python3-pip',
  '  macOS:         brew install python',
  '  Windows:       winget install Python.Python.3.12',
  'or point PYTHON at an interpreter: PYTHON=/path/to/python3 npm test',
].join('\n');

export function fail(message) {
  console.error(`\n@adultwork-api/python: ${message}\n`);
  process.exit(1);
}

export function run(command, args, options = {}) {
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
    fail(`${candidate} is Python ${major}.${minor}; the package needs ${MIN_PYTHON.join('.')} or newer.\n${INSTALL_HINT}`);
  }
  fail(`no Python interpreter found (tried ${candidates.join(', ')}).\n${INSTALL_HINT}`);
}

const STALE = [join(pkg, 'build'), join(pkg, 'src', 'adultwork.egg-info'), join(root, 'packages', 'client-python', 'build'), join(root, 'packages', 'client-python', 'adultwork_api_client.egg-info')];

export function prepareVenv() {
  if (!existsSync(venvPython)) {
    const python = findPython();
    console.log(`Creating a virtual environment in ${venv} with ${python}`);
    if (run(python, ['-m', 'venv', venv]) !== 0 || !existsSync(venvPython)) {
      rmSync(venv, { recursive: true, force: true });
      fail(`"${python} -m venv" failed. On Debian/Ubuntu the venv module is a separate package: sudo apt-get install python3-venv\n${INSTALL_HINT}`);
    }
  }
  // setuptools builds in the source folders; stale output could put removed modules back.
  for (const stale of STALE) rmSync(stale, { recursive: true, force: true });
  const pip = ['-m', 'pip', '--disable-pip-version-check'];
  // Rebuilt from the current sources on every run: remove the previous install first.
  run(venvPython, [...pip, 'uninstall', '--quiet', '--yes', 'adultwork', 'adultwork-api-client'], { stdio: 'ignore' });
  const status = run(venvPython, [...pip, 'install', '--quiet', '-c', 'test/constraints.txt', '-r', 'test/requirements.txt', '../client-python', '.']);
  for (const stale of STALE) rmSync(stale, { recursive: true, force: true });
  if (status !== 0) fail('"pip install" failed (see the pip output above).');
  return venvPython;
}
