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
