// @ts-check
// `npm start` facing clients that do not speak HTTP properly: every port gets raw, malformed
// requests over TCP, answers them with a 4xx (or closes the socket), and keeps serving; and a
// server that dies is started again while the other one never stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { runStart } from './startProcess.js';

/**
 * What each probe sends, byte for byte. `bad` probes are malformed HTTP and must get a 4xx or a
 * closed socket; `incomplete` probes stop half-way and may get any answer below 500.
 * @type {Array<{ name: string, raw: string, kind: 'bad' | 'incomplete' }>}
 */
const probes = [
  { name: 'target "//["', raw: 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'bad' },
  { name: 'target "*"', raw: 'GET * HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'bad' },
  { name: 'OPTIONS *', raw: 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'bad' },
  { name: 'absolute-form with a broken host', raw: 'GET http://[::1/%%% HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'bad' },
  { name: 'absolute-form without a host', raw: 'GET http:// HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'bad' },
  { name: 'absolute-form with a garbage scheme', raw: 'GET ht!tp:/\x7f/a HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'bad' },
  { name: 'a control byte in a header value', raw: 'GET / HTTP/1.1\r\nHost: x\r\nX-Probe: a\x01b\r\n\r\n', kind: 'bad' },
  { name: 'a NUL byte in a header value', raw: 'GET / HTTP/1.1\r\nHost: x\r\nX-Probe: a\x00b\r\n\r\n', kind: 'bad' },
  { name: 'a space in a header name', raw: 'GET / HTTP/1.1\r\nHost: x\r\nX Probe: b\r\n\r\n', kind: 'bad' },
  { name: 'a byte above 0x7f in a header name', raw: 'GET / HTTP/1.1\r\nHost: x\r\nX-\xffProbe: b\r\n\r\n', kind: 'bad' },
  { name: 'headers over the size limit', raw: `GET / HTTP/1.1\r\nHost: x\r\nX-Probe: ${'a'.repeat(64 * 1024)}\r\n\r\n`, kind: 'bad' },
  { name: 'invalid percent-encoding in the path', raw: 'GET /v1/%zz/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: bearer t\r\n\r\n', kind: 'bad' },
  { name: 'a request line cut short, then close', raw: 'GET /v1/PhoneChat/MadeBook', kind: 'incomplete' },
  { name: 'headers cut short, then close', raw: 'GET / HTTP/1.1\r\nHost: x\r\nAuthorization: bea', kind: 'incomplete' },
  {
    name: 'a body cut short, then close',
    raw: 'POST /v1/PhoneChat/CancelMadeBooking HTTP/1.1\r\nHost: x\r\nAuthorization: bearer client-token\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Book',
    kind: 'incomplete',
  },
  { name: 'invalid percent-encoding in the query', raw: 'GET /?q=%E0%A4%A&r=%zz HTTP/1.1\r\nHost: x\r\n\r\n', kind: 'incomplete' },
];

/**
 * Sends `raw` to 127.0.0.1:`port`, half-closes, and gives the status code of the answer, or 0
 * if the server closed the socket without one.
 * @param {number} port @param {string} raw
 * @returns {Promise<number>}
 */
function sendRaw(port, raw) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within 10 s; got ${JSON.stringify(received.slice(0, 100))}`));
    }, 10_000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3}) /.exec(received);
      resolve(status ? Number(status[1]) : 0);
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) finish();
    });
    // A server may reset instead of closing: that is a closed socket too.
    socket.on('error', finish);
    socket.on('close', finish);
    socket.end(Buffer.from(raw, 'latin1'));
  });
}

/** @param {string} url */
const portOf = (url) => Number(new URL(url).port);

/**
 * @param {string} label
 * @param {string[]} args
 * @param {RegExp} backendLine
 * @param {string} token
 * @param {boolean} strict whether the backend's answers to bad probes are checked (4xx or close), not just below 500
 */
function suite(label, args, backendLine, token, strict) {
  describe(label, () => {
    /** @type {ReturnType<typeof runStart>} */
    let app;
    /** @type {Record<'docs' | 'api', string>} */
    const urls = { docs: '', api: '' };
    const normal = {
      docs: async () => (await fetch(`${urls.docs}/`)).status,
      api: async () =>
        (await fetch(`${urls.api}/v1/PhoneChat/MadeBookings?OrderBy=sessiondate-asc&BookingsPerPage=10`, { headers: { Authorization: `bearer ${token}` } })).status,
    };

    beforeAll(async () => {
      app = runStart([...args, '--docs-port', '0', '--mock-port', '0']);
      const text = await app.waitFor(/Press Ctrl-C/);
      urls.docs = /Docs: (http:\/\/\S+)/.exec(text)?.[1] ?? '';
      urls.api = backendLine.exec(text)?.[1] ?? '';
    });

    afterAll(async () => {
      expect(await app?.stop()).toBe(0);
    });

    for (const server of /** @type {const} */ (['docs', 'api'])) {
      it.each(probes)(`${server}: $name gets an answer and the server keeps serving`, async ({ raw, kind }) => {
        const status = await sendRaw(portOf(urls[server]), raw);
        if (kind === 'bad' && (server === 'docs' || strict)) {
          expect(status === 0 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
        } else {
          expect(status, `status ${status}`).toBeLessThan(500);
        }
        expect(await normal.docs()).toBe(200);
        expect(await normal.api()).toBe(200);
      });
    }

    it('no server crashed on the way', () => {
      expect(app.output()).not.toMatch(/stopped unexpectedly|unexpected error/);
    });

    it('starts a server that died again on the same port, and the other one never stops', async () => {
      const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(app.child.pid)], { encoding: 'utf8' });
      const docsChild = /^\s*(\d+) .*serve-one\.mjs docs /m.exec(children)?.[1];
      expect(docsChild, children).toBeDefined();
      process.kill(Number(docsChild), 'SIGKILL');
      await app.waitFor(/The docs page stopped unexpectedly \(SIGKILL\)/);
      expect(await normal.api()).toBe(200);
      await app.waitFor(/The docs page is serving again/);
      expect(await normal.docs()).toBe(200);
      expect(await normal.api()).toBe(200);
    });
  });
}

suite('npm start (docs and mock)', [], /Mock: (http:\/\/\S+)/, 'any-token', true);
suite('npm start -- --sandbox (docs and sandbox)', ['--sandbox'], /Sandbox: (http:\/\/\S+)/, 'client-token', true);
