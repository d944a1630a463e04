#!/usr/bin/env node
// `prepack` of every published package: npm only ships a LICENSE that sits in the package's own
// folder, and the one license of the project is the root LICENSE, so a copy goes in just before
// packing (ignored by git).
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

copyFileSync(fileURLToPath(new URL('../LICENSE', import.meta.url)), 'LICENSE');
