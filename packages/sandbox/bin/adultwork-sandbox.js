#!/usr/bin/env node
// The `adultwork-sandbox` command. It exists before any build, so npm links it when the repository is
// installed; in a fresh checkout it builds the package on first use, then runs dist/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  // Only a checkout of the repository lacks dist/ (the published package ships it).
  const { buildWorkspace } = await import('../../../scripts/build-workspace.mjs');
  console.error('Building @adultwork-api/sandbox first (once)...');
  try {
    buildWorkspace('@adultwork-api/sandbox', { stdio: 'stderr' });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
await import(cli.href);
