#!/usr/bin/env node
// One server of `npm start` in a process of its own: `serve-one.mjs <docs|mock|sandbox> <port> <host>`.
// The parent (scripts/start.mjs) talks to it over the IPC channel: this process sends
// { ready: { url, port, ... } } or { failed: { code, message } }; it stops on SIGTERM or when the
// parent goes away, so a server never outlives `npm start`.
const servers = {
  docs: async () => (await import('@adultwork-api/docs')).startDocsServer,
  mock: async () => (await import('@adultwork-api/mock')).startMock,
  sandbox: async () => (await import('@adultwork-api/sandbox')).startSandbox,
};

const [kind, rawPort, host] = process.argv.slice(2);
const load = kind ? servers[kind] : undefined;
if (!load || !process.send) {
  console.error('serve-one.mjs is started by scripts/start.mjs: serve-one.mjs <docs|mock|sandbox> <port> <host>');
  process.exit(2);
}

/** @type {{ stop(): Promise<void> } | undefined} */
let running;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await running?.stop().catch(() => undefined);
  process.exit(code);
}

// Ctrl-C in a terminal reaches every process of the group; the parent decides, and stops this
// one with SIGTERM, so that it does not take a child that ends first for a crash.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => stop(0));
process.on('disconnect', () => stop(0));
// Any error that escapes a request handler ends this server only; the parent logs it and starts
// the server again, while the other servers keep serving.
process.on('uncaughtException', (error) => {
  console.error(`[${kind}] unexpected error, stopping:`, error);
  void stop(1);
});
process.on('unhandledRejection', (error) => {
  console.error(`[${kind}] unexpected error, stopping:`, error);
  void stop(1);
});

try {
  const start = await load();
  running = await start({ port: Number(rawPort), host });
  // Everything plain the server reports about itself (its URL, port, and e.g. a token) goes to
  // the parent, which prints it.
  const ready = Object.fromEntries(Object.entries(running).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)));
  process.send({ ready });
} catch (error) {
  process.send({ failed: { code: error?.code, message: error?.message ?? String(error) } }, () => process.exit(1));
}
