// The router refuses some paths before any route runs; a client still gets a problem it can read.
import t from 'tap';
import { createServiceApp, type ServiceApp } from './app.ts';
import { captureLogger } from './testing.ts';

const app = createServiceApp({ name: 'test', description: 'router refusals', logger: captureLogger().logger });
app.register(async (scoped: ServiceApp) => {
  scoped.get('/v1/things/:thingId', { config: { access: 'public' } }, async () => ({ ok: true }));
});
t.teardown(() => app.close());

t.test('a path parameter longer than any id is a 400 problem, not a 414 in plain JSON', async (t) => {
  const res = await app.inject({
    method: 'GET',
    url: `/v1/things/${'x'.repeat(500)}`,
    headers: { 'accept-language': 'en' },
  });
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.match(res.json(), { type: /bad-path$/, errors: [{ in: 'params', message: 'too long' }] });
});

t.test('a path that is not UTF-8 once decoded is a 400 problem', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/v1/things/%FF%FE', headers: { 'accept-language': 'en' } });
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.match(res.json(), { type: /bad-path$/, errors: [{ in: 'params', message: 'not UTF-8' }] });
  const zh = await app.inject({ method: 'GET', url: '/v1/things/%FF%FE' });
  t.match(zh.json(), { title: '路径无效', errors: [{ in: 'params', message: '不是 UTF-8' }] }, 'Chinese by default');
});

// curl sends `?region=凤凰县` as raw UTF-8 unless told to encode it; Node's parser refuses the
// request line before Fastify sees a request, and the client got Fastify's plain
// `{"error":"Bad Request","message":"Client Error"}`. It gets a problem it can read.
t.test('a request line Node cannot parse (raw 凤凰县 in the query) is a 400 problem', async (t) => {
  const { connect } = await import('node:net');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(Buffer.from('GET /v1/things/x?region=凤凰县 HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8')),
    );
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  t.match(head, /^HTTP\/1\.1 400 /);
  t.match(head, /content-type: application\/problem\+json/i);
  const problem = JSON.parse(body);
  t.match(problem, { type: /bad-request-line$/, status: 400, title: /[\u4e00-\u9fff]/ });
  t.match(problem.detail, /percent-encode|百分号/);
});
