import { expect, it } from 'vitest';
import { createSandbox } from '../src/server.js';
import { call, expectConforms } from './helpers.js';

it('answers a token issued at run time through the same lookup, with its own scopes', async () => {
  const { server, state } = createSandbox({ checkResponses: true });
  state.store.addTokenSource((value) => (value === 'issued-at-run-time' ? { Token: value, UserID: 1001, Scopes: ['account_information'] } : undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const permissions = await call(url, 'getAccountPermissions', { token: 'issued-at-run-time' });
    expectConforms('getAccountPermissions', permissions);
    expect(permissions.json).toEqual({ Permissions: [{ Permission: 'account_information', Status: 'granted' }] });
    const credentials = await call(url, 'verifyCredentials', { token: 'issued-at-run-time' });
    expect(credentials.json).toMatchObject({ UserID: 1001, GroupID: 1, IsGroupManager: false });
    // The scopes decide as for fixture tokens; an unknown token is still a 401.
    expect((await call(url, 'listPhoneChatMadeBookings', { token: 'issued-at-run-time' })).status).toBe(403);
    expect((await call(url, 'listPhoneChatMadeBookings', { token: 'not-issued' })).status).toBe(401);
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
});
