#!/usr/bin/env node
// Fuzzes the sandbox with Schemathesis (from PyPI, in a private virtual environment): every
// generated request, alone or in a linked sequence, must get a documented, schema-conforming
// answer and never a 5xx. The run fails below MIN_CASES test cases, so it cannot quietly shrink.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMATHESIS_VERSION = '4.32.5';
const MAX_EXAMPLES = Number(process.env.SANDBOX_FUZZ_EXAMPLES ?? 60);
// A run with the default examples must reach this many test cases; a tuned run sets its own floor.
const MIN_CASES = Number(process.env.SANDBOX_FUZZ_MIN_CASES ?? (process.env.SANDBOX_FUZZ_EXAMPLES ? 0 : 1000));
// Per pass; an idle 2-core machine needs well under a minute for the first, seconds for the second.
const RUN_TIMEOUT_MS = 180_000;
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const venv = join(packageDir, '.venv');
const bin = (name) => join(venv, process.platform === 'win32' ? 'Scripts' : 'bin', name);

function fail(message) {
  console.error(`schemathesis: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status;
}

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 9))'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  fail('Python 3.9 or newer is needed to run Schemathesis and none was found (set PYTHON, or install python3 and python3-venv).');
}

function ensureSchemathesis() {
  const probe = existsSync(bin('schemathesis')) ? spawnSync(bin('schemathesis'), ['--version'], { encoding: 'utf8' }) : undefined;
  if (probe?.status === 0 && probe.stdout.includes(SCHEMATHESIS_VERSION)) return;
  const python = findPython();
  if (!existsSync(bin('python'))) {
    console.log(`schemathesis: creating ${venv}`);
    if (run(python, ['-m', 'venv', venv]) !== 0) {
      fail('python -m venv failed; on Debian or Ubuntu install the python3-venv package (apt-get install python3-venv).');
    }
  }
  console.log(`schemathesis: installing schemathesis==${SCHEMATHESIS_VERSION}`);
  if (run(bin('python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`]) !== 0) {
    fail(`pip could not install schemathesis==${SCHEMATHESIS_VERSION}`);
  }
}

/**
 * Two places where the spec's patterns admit input no server can take, and so where the fuzzer
 * would call the sandbox's (correct) 422 "a valid request rejected":
 * - `BookingIDs` may hold IDs of any length while every result's `BookingID` is an int32, so
 *   no answer to "delete 99999999999" could conform;
 * - `StartDate`'s pattern admits days that do not exist (`2018-11-31`).
 * The fuzzer reads a copy of the spec with the fixes proposed in docs/sandbox.md (an
 * int32-bounded pattern, and `format: date`). The sandbox itself serves the real spec.
 */
const INT32_ID = '(?:[1-9]\\d{0,8}|1\\d{9}|20\\d{8}|21[0-3]\\d{7}|214[0-6]\\d{6}|2147[0-3]\\d{5}|21474[0-7]\\d{4}|214748[0-2]\\d{3}|2147483[0-5]\\d{2}|21474836[0-3]\\d|214748364[0-7])';
const DOCUMENTED_PATTERN = '^\\s*[1-9]\\d*\\s*(,\\s*[1-9]\\d*\\s*)*$';
const LIMITED_PATTERN = '^\\s*[1-9]\\d*\\s*(,\\s*[1-9]\\d*\\s*){0,3}$';

function specForFuzzing(specPath, directory) {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  // Every comma-separated ID list (the bookings to delete, the users to book or ask about).
  const idLists = [
    ...Object.values(spec.components.schemas).flatMap((schema) => Object.values(schema.properties ?? {})),
    ...Object.values(spec.components.parameters ?? {}).map((parameter) => parameter.schema ?? {}),
  ];
  for (const schema of idLists) {
    if (schema.pattern === DOCUMENTED_PATTERN) schema.pattern = `^\\s*${INT32_ID}\\s*(,\\s*${INT32_ID}\\s*)*$`;
    else if (schema.pattern === LIMITED_PATTERN) schema.pattern = `^\\s*${INT32_ID}\\s*(,\\s*${INT32_ID}\\s*){0,3}$`;
  }
  const startDate = spec.components.parameters?.StartDate?.schema;
  if (startDate && !startDate.format) startDate.format = 'date';
  const file = join(directory, 'openapi.fuzz.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/**
 * Schemathesis draws its progress with Rich, which animates spinners whenever it believes it
 * writes to a terminal: a real one, a pseudo-terminal a CI runner allocates, or FORCE_COLOR.
 * Its output goes through a pipe here, with Rich told the reader is no terminal
 * (TTY_COMPATIBLE=0, TTY_INTERACTIVE=0) and FORCE_COLOR dropped, so the log gets plain lines;
 * any escape sequence or carriage return that still slips through is removed before printing.
 */
const CONTROL = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|[\r\x07\b]/g;

function schemathesis(args, cwd) {
  return new Promise((resolve) => {
    const { FORCE_COLOR, CLICOLOR_FORCE, ...inherited } = process.env;
    const env = { ...inherited, NO_COLOR: '1', TERM: 'dumb', TTY_COMPATIBLE: '0', TTY_INTERACTIVE: '0', COLUMNS: '100', SCHEMATHESIS_TELEMETRY: 'false' };
    // Run where its caches and reports cannot land in the work tree.
    const child = spawn(bin('schemathesis'), args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const forward = (stream) => (chunk) => {
      const text = chunk.toString('utf8').replace(CONTROL, '');
      output += text;
      stream.write(text);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    const timer = setTimeout(() => {
      console.error('schemathesis: time budget spent, stopping');
      child.kill('SIGTERM');
    }, RUN_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      const cases = Number(/^\s*(\d+) generated/m.exec(output)?.[1] ?? 0);
      resolve({ code: code ?? 1, cases });
    });
  });
}

async function main() {
  ensureSchemathesis();
  const entry = join(packageDir, 'dist', 'index.js');
  if (!existsSync(entry)) fail('dist/index.js is missing: run "npm run build -w @adultwork-api/sandbox" first.');
  const { startSandbox, defaultSpecPath } = await import(entry);
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-fuzz-'));
  // checkResponses turns any answer the spec does not allow into a 500, which the fuzzer reports.
  const sandbox = await startSandbox({ checkResponses: true, onError: (error) => console.error('[sandbox]', error.message ?? error) });
  let failed = 0;
  let total = 0;
  let passes = [];
  try {
    const spec = specForFuzzing(defaultSpecPath(), directory);
    const common = [spec, '--url', sandbox.url, '--checks', 'all', '--max-examples', String(MAX_EXAMPLES), '--seed', process.env.SANDBOX_FUZZ_SEED ?? '20261122', '--generation-database', 'none', '--no-color', '--output-truncate', 'true', '--request-timeout', '10',
      // The sign-in endpoints answer a browser with HTML pages and redirects, refusing unknown
      // clients with an error page by design; test/oauth*.test.ts covers them.
      '--exclude-path-regex', '^/OAuth/'];
    passes = [
      // Every phase, the stateful one included: it follows the spec's links from a listing (or a
      // cancel, or a reschedule) to the operations that act on the booking it returned. A link
      // from an empty page has no booking to follow; Schemathesis notes those and moves on.
      ['every operation, then linked sequences (client token, every scope; the group routes answer 403 to it)', [], ['-H', 'Authorization: bearer client-token']],
      // The received side, as the main performer.
      ['every operation as the performer', [], ['-H', 'Authorization: bearer performer-token', '--phases', 'examples,coverage,fuzzing']],
      // No link starts or ends at a group route, so there is no stateful phase to run for them.
      [
        'group-manager routes (manager token, member 1001)',
        ['--config-file', join(packageDir, 'scripts', 'schemathesis-manager.toml')],
        ['-H', 'Authorization: bearer manager-token', '--include-path-regex', '^/v1/Groups/', '--phases', 'examples,coverage,fuzzing'],
      ],
    ];
    for (const [label, globalArgs, args] of passes) {
      console.log(`\nschemathesis: ${label}`);
      const reset = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST', headers: { Authorization: `Bearer ${sandbox.adminToken}` } });
      if (!reset.ok) fail(`reset failed: ${reset.status}`);
      const { code, cases } = await schemathesis([...globalArgs, 'run', ...common, ...args], directory);
      total += cases;
      if (code !== 0) failed += 1;
    }
  } finally {
    await sandbox.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  console.log(`\nschemathesis: ${passes.length - failed} passed, ${failed} failed; ${total} test cases in all`);
  if (total < MIN_CASES) console.error(`schemathesis: ${total} test cases is fewer than the ${MIN_CASES} this run must reach (SANDBOX_FUZZ_MIN_CASES)`);
  process.exit(failed === 0 && total >= MIN_CASES ? 0 : 1);
}

main().catch((error) => fail(error?.stack ?? String(error)));
