// @ts-check
// `npm start`, as a newcomer runs it: both servers come up, print their URLs and stop on Ctrl-C.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { runStart as run } from './startProcess.js';

describe('npm start', () => {
  it('serves the docs and the mock, prints both URLs and stops both on Ctrl-C', async () => {
    const app = run(['--docs-port', '0'], { MOCK_PORT: '0' });
    const text = await app.waitFor(/Press Ctrl-C/);
    const docsUrl = /Docs: (http:\/\/\S+)/.exec(text)?.[1];
    const mockUrl = /Mock: (http:\/\/\S+)/.exec(text)?.[1];
    expect(docsUrl).toBeDefined();
    expect(mockUrl).toBeDefined();

    expect((await fetch(`${docsUrl}/`)).status).toBe(200);
    const list = await fetch(`${mockUrl}/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc&BookingsPerPage=10`, {
      headers: { Authorization: 'bearer any-token' },
    });
    expect(list.status).toBe(200);
    expect((await list.json()).BookingsPerPage).toBe(10);

    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    await expect(fetch(`${docsUrl}/`)).rejects.toThrow();
    await expect(fetch(`${mockUrl}/`)).rejects.toThrow();
  });

  it('serves the stateful sandbox instead of the mock with --sandbox', async () => {
    const app = run(['--sandbox', '--docs-port', '0', '--mock-port', '0']);
    const text = await app.waitFor(/Press Ctrl-C/);
    const sandboxUrl = /Sandbox: (http:\/\/\S+)/.exec(text)?.[1];
    expect(sandboxUrl).toBeDefined();
    expect(text).toContain('bearer client-token');
    // At a time before the seed's acceptance deadlines, so its pending bookings are still pending.
    const auth = { Authorization: 'bearer client-token', 'Content-Type': 'application/json', 'X-Sandbox-Now': '2018-03-04T12:00:00' };
    const before = await fetch(`${sandboxUrl}/v1/PhoneChat/MadeBookings?BookingsPerPage=100`, { headers: auth }).then((r) => r.json());
    const open = before.Bookings.find((b) => b.Status === 'Pending');
    expect(open).toBeDefined();
    const cancel = await fetch(`${sandboxUrl}/v1/PhoneChat/CancelMadeBooking`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ BookingID: open.BookingID, Reason: 'Plans changed' }),
    });
    expect(cancel.status).toBe(200);
    const after = await fetch(`${sandboxUrl}/v1/PhoneChat/MadeBookings?BookingsPerPage=100`, { headers: auth }).then((r) => r.json());
    expect(after.Bookings.find((b) => b.BookingID === open.BookingID).Status).toBe('Cancelled');
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });

  it('refuses an invalid port with a clear message', async () => {
    const app = run(['--docs-port', 'eighty']);
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/Invalid docs port "eighty"/);
  });

  it('says which flag to use when a port is taken', async () => {
    const blocker = createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = blocker.address();
    const taken = typeof address === 'object' && address ? address.port : 0;
    try {
      const app = run(['--docs-port', String(taken), '--mock-port', '0']);
      expect(await app.exited).toBe(1);
      expect(app.output()).toMatch(/already in use: pick another with --docs-port or DOCS_PORT/);
    } finally {
      blocker.close();
    }
  });
});
