// @ts-check
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { docsPage, startDocsServer } from '../src/serve.js';
import { chromiumPath, offlineFlags } from './chromium.js';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@adultwork-api/openapi/openapi.json'), 'utf8'));
// Only the HTTP-method keys of a path item: the OAuth paths also carry `servers`.
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const operations = Object.values(spec.paths).flatMap((item) => methods.filter((method) => item[method]).map((method) => item[method]));
const screenshot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'images', 'docs-page.png');

/** @type {import('playwright-core').Browser} */
let browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: offlineFlags });
});

afterAll(async () => {
  await browser?.close();
});

describe('the rendered docs page', () => {
  it('shows every operation with the network cut off, loading nothing but itself', async () => {
    const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
    /** @type {string[]} */
    const outside = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(pathToFileURL(docsPage).href, { waitUntil: 'load' });
    // Redoc shows one section at a time: open each tag in the navigation, then each operation,
    // and check that the operation's own heading is on screen.
    for (const tag of spec.tags) {
      await page.getByText(tag['x-displayName'] ?? tag.name, { exact: true }).first().click();
      for (const operation of operations.filter((op) => op.tags.includes(tag.name))) {
        await page.getByText(operation.summary, { exact: true }).first().click();
        const heading = page.locator('h1, h2').filter({ hasText: operation.summary }).first();
        await heading.waitFor({ state: 'visible', timeout: 15_000 });
        expect(await heading.isVisible()).toBe(true);
      }
    }

    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('is served, with the bundled spec, by the docs server', async () => {
    const server = await startDocsServer();
    try {
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain(spec.info.title);
      const served = await fetch(`${server.url}/openapi.json`).then((r) => r.json());
      expect(served.info.version).toBe(spec.info.version);
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.stop();
    }
  });
});
