import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);

it('lists exactly the generated files in .openapi-generator/FILES', () => {
  const files = readFileSync(new URL('../src/.openapi-generator/FILES', import.meta.url), 'utf8').trim().split('\n');
  expect(files).toContain('runtime.ts');
  for (const file of files) expect(() => readFileSync(new URL(`../src/${file}`, import.meta.url))).not.toThrow();
});

it('loads the same API through import and require', async () => {
  const esm = await import('@adultwork-api/client-fetch');
  const cjs = require('@adultwork-api/client-fetch') as typeof esm;
  expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
  expect(typeof esm.PhoneChatApi).toBe('function');
  expect(esm.BookingStatus.Cancelled).toBe('Cancelled');
});

it('builds requests with the wire names and the spec paths', async () => {
  const { Configuration, PhoneChatApi } = await import('@adultwork-api/client-fetch');
  const api = new PhoneChatApi(new Configuration({ basePath: 'http://mock' }));
  const opts = await api.listGroupMemberPhoneChatMadeBookingsRequestOpts({ UserID: 7, PageNumber: 2 });
  expect(opts).toMatchObject({ path: '/v1/Groups/PhoneChat/MadeBookings', method: 'GET', query: { UserID: 7, PageNumber: 2 } });
  const del = await api.deletePhoneChatMadeBookingsRequestOpts({ DeleteMadeBookingsRequest: { BookingIDs: '1,2' } });
  expect(del).toMatchObject({ method: 'POST', body: { BookingIDs: '1,2' } });
});
