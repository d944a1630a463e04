// Renders the bundled spec into dist/index.html: one file that needs no network. Redocly's
// default page loads Redoc from a CDN; --inlineBundle embeds the script instead.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const spec = require.resolve('@adultwork-api/openapi/openapi.json');
const output = join(here, '..', 'dist', 'index.html');
const redocly = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

mkdirSync(dirname(output), { recursive: true });
const result = spawnSync(
  process.execPath,
  [redocly, 'build-docs', spec, '--inlineBundle', '--openapi.disableTelemetry=true', '--title', 'AdultWork API (unofficial) reference', '-o', output],
  { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
);
if (result.status !== 0) {
  console.error(result.stdout, result.stderr);
  process.exit(result.status ?? 1);
}

// Redoc's sidebar shows an attribution logo that it loads from the web. Offline that is a failed
// request, so the same mark is inlined as a data URI (the link to Redoc stays).
const attribution = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#555">Redoc</text></svg>',
)}`;
const html = readFileSync(output, 'utf8').replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, attribution);
writeFileSync(output, html);

// Links to other sites are fine offline; anything the page would load on its own is not.
const remote = [...html.matchAll(/<(?:script|img|iframe)\b[^>]*\ssrc="(https?:[^"]+)"|<link\b[^>]*\shref="(https?:[^"]+)"/g)].map((m) => m[1] ?? m[2]);
if (remote.length) {
  console.error(`The docs page still loads remote resources: ${remote.join(', ')}`);
  process.exit(1);
}
console.log(`Docs page: ${output} (${Math.round(html.length / 1024)} KiB, no remote resources)`);
