// Runs the quick start of README.md, as written, against the real mock: if the README drifts
// from the SDK, this fails.
import { startMock, type RunningMock } from '@adultwork-api/mock';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
// Written inside the package so that '@adultwork-api/sdk' resolves to this workspace's build.
const script = fileURLToPath(new URL('./.readme-quickstart.tmp.mjs', import.meta.url));
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  rmSync(script, { force: true });
  await mock?.stop();
});

it('the README quick start runs against the mock and prints what the README says', async () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const quickstart = blocks.find((code) => code.includes("from '@adultwork-api/sdk'"));
  expect(quickstart).toBeDefined();
  expect(quickstart).toContain("'http://127.0.0.1:4010'");
  writeFileSync(script, (quickstart as string).replaceAll('http://127.0.0.1:4010', mock.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { encoding: 'utf8' });
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^page 1 of 3, \d+ bookings in all$/);
  expect(lines.slice(1, 6).map((line) => Number(line.split(' ')[0]))).toEqual([11, 12, 13, 14, 15]);
  expect(lines).toContain('cancelled: 1 Cancelled');
  expect(lines.filter((line) => line.startsWith('delete '))).toHaveLength(3);
  expect(lines.some((line) => /^delete \d+ refused: /.test(line))).toBe(true);
  expect(lines.at(-1)).toMatch(/^typed error: NotFoundError 404 \S/);
});
