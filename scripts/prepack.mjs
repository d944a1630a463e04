#!/usr/bin/env node
// `prepack` of every published package, so that `npm pack` (and `npm publish`) of a fresh
// checkout gives a complete package: it builds the package through turbo (skipped when turbo is
// already running the task graph), and copies the root LICENSE in, since npm only ships a LICENSE
// that sits in the package's own folder (the copy is ignored by git).
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildWorkspace } from './build-workspace.mjs';

const name = process.env.npm_package_name;
if (!name) {
  console.error('prepack.mjs runs as the prepack script of a package: npm pack');
  process.exit(2);
}
if (!process.env.TURBO_HASH) {
  try {
    buildWorkspace(name, { stdio: 'stderr' });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
copyFileSync(fileURLToPath(new URL('../LICENSE', import.meta.url)), 'LICENSE');
