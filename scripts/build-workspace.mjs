#!/usr/bin/env node
// Builds what one workspace package needs (the spec bundle, its own build and the builds of the
// packages it depends on) through turbo, so that `npm test -w <package>` and the package's bin
// work in a fresh checkout. Cached: a second run costs about a second.
//
//   node scripts/build-workspace.mjs [package-name]   (default: the package npm is running a script of)
//
// Under `turbo run test` the task graph has already built all of this, so it does nothing there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {string} name the workspace package, e.g. "@adultwork-api/mock"
 * @param {{ stdio?: 'inherit' | 'stderr' }} [options] `stderr` keeps stdout clean for a CLI
 */
export function buildWorkspace(name, options = {}) {
  const turbo = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
  if (!existsSync(turbo)) throw new Error(`${name} is not built and turbo is missing: run "npm install" at the repository root first`);
  // The same tasks `test` depends on in turbo.json, for this package and what it depends on.
  const result = spawnSync(turbo, ['run', 'lint', 'bundle', 'build', `--filter=${name}`, '--output-logs=errors-only', '--log-prefix=none'], {
    cwd: root,
    stdio: options.stdio === 'stderr' ? ['ignore', process.stderr, 'inherit'] : 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
  });
  if (result.status !== 0) throw new Error(`Building ${name} failed (see above)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const name = process.argv[2] ?? process.env.npm_package_name;
  if (!name) {
    console.error('Usage: node scripts/build-workspace.mjs <package-name> (or run it from an npm script)');
    process.exit(2);
  }
  if (process.env.TURBO_HASH) process.exit(0);
  try {
    buildWorkspace(name);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
