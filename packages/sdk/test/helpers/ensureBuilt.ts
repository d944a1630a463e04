// The packaging, README, type and docs tests use the built packages; build them when a test run
// starts without turbo having done it first.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packages = ['../../../client-fetch', '../../../mock', '../../../sandbox', '../..'];

export default function setup(): void {
  for (const relative of packages) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}/dist`)) continue;
    const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`Building ${dir} failed`);
  }
}
