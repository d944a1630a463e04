#!/usr/bin/env node
// @ts-check
// `npm run example:oauth`: the sandbox (API and Unified Login on one local port) and the example
// app on http://127.0.0.1:4030, whose callback the sandbox's fixture client "sample-web-app"
// registers. Stop with Ctrl-C.
import { startSandbox } from '@adultwork-api/sandbox';
import { startExampleApp } from './app.js';

const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4020) });
const app = await startExampleApp({
  authUrl: sandbox.url,
  apiUrl: sandbox.url,
  clientId: 'sample-web-app',
  clientSecret: 'sample-web-app-secret',
  port: 4030,
});
console.log(`Sandbox on ${sandbox.url}`);
console.log(`Example app on ${app.url}: open it, sign in as a fixture user (ClientUser has bookings), and see the bookings.`);

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    void Promise.all([app.stop(), sandbox.stop()]).then(() => process.exit(0));
  });
}
