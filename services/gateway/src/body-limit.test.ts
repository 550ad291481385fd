import { connect } from 'node:net';
import { captureLogger } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from './app.ts';
import { standInUpstreams } from './testing.ts';

const { logger } = captureLogger('warn');
const { upstreams, close } = await standInUpstreams(logger);
const gateway = buildApp({ logger, upstreams });
const address = new URL(await gateway.listen({ port: 0, host: '127.0.0.1' }));
t.teardown(async () => {
  await gateway.close();
  await close();
});

const MiB = 1024 * 1024;

/**
 * A raw HTTP/1.1 POST as curl sends it with `-H 'Expect:'`: headers, then the body at once
 * (or in chunks), without waiting for the server. Resolves with the status line, headers and
 * body of the answer, and how long it took.
 */
function rawPost(path: string, body: { declared?: number; send: number; chunked?: boolean }) {
  return new Promise<{ status: number; head: string; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(address.port), address.hostname);
    let answer = '';
    const length = body.chunked ? 'transfer-encoding: chunked' : `content-length: ${body.declared ?? body.send}`;
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nhost: ${address.host}\r\ncontent-type: application/json\r\n${length}\r\n\r\n`,
      );
      const piece = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < body.send && !socket.destroyed) {
          const n = Math.min(piece.length, body.send - sent);
          sent += n;
          const chunk = body.chunked
            ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')])
            : piece.subarray(0, n);
          if (!socket.write(chunk)) return socket.once('drain', more);
        }
        if (body.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
      };
      more();
    });
    socket.on('data', (data) => {
      answer += data.toString('utf8');
      const [head = '', rest = ''] = answer.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? Number.NaN);
      if (Buffer.byteLength(rest) >= length) {
        socket.destroy();
        resolve({ status: Number(head.split(' ')[1]), head, body: rest, ms: performance.now() - started });
      }
    });
    // The gateway may close while we are still writing: that is the point.
    socket.on('error', (err) => (answer ? undefined : reject(err)));
  });
}

// "At once" without a clock: the client sends a quarter of what it declares and then waits,
// so an answer at all means the gateway did not wait for the body.
t.test('a declared body over 1 MiB is 413 problem+json at once, without Expect: 100-continue', async (t) => {
  const res = await rawPost('/v1/employers', { declared: 2 * MiB, send: MiB / 2 });
  t.equal(res.status, 413, res.head);
  t.match(res.head, /content-type: application\/problem\+json/i);
  t.match(JSON.parse(res.body), { status: 413, type: /body-too-large$/, limitBytes: MiB });
  t.pass(`answered in ${Math.round(res.ms)} ms, before the rest of the body was sent`);
});

t.test('a 40 MiB body is refused before it is read', async (t) => {
  const res = await rawPost('/v1/vacancies/bulk', { declared: 40 * MiB, send: 256 * 1024 });
  t.equal(res.status, 413, 'over even the bulk routes’ 32 MiB');
  t.pass(`answered in ${Math.round(res.ms)} ms, after 256 KiB of 40 MiB`);
});

t.test('a chunked body is counted as it streams: past the limit it is 413', async (t) => {
  const res = await rawPost('/v1/employers', { send: 3 * MiB, chunked: true });
  t.equal(res.status, 413, res.head);
  t.match(JSON.parse(res.body), { status: 413, type: /body-too-large$/ });
});

t.test('bodies within the limit go through: 2 MiB on a bulk route, a small chunked one anywhere', async (t) => {
  const bulk = await rawPost('/v1/vacancies/bulk', { send: 2 * MiB });
  t.equal(bulk.status, 400, 'bulk routes take up to 32 MiB: the service read it all, and found no JSON');
  const small = await rawPost('/v1/employers', { send: 1000, chunked: true });
  t.equal(small.status, 400, 'reaches the service, which reads 1,000 spaces as no JSON');
});
