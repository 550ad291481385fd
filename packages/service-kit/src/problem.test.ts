import t from 'tap';
import { z } from 'zod';
import { createServiceApp, type ServiceApp } from './app.ts';
import { HttpProblem } from './problem.ts';
import { captureLogger } from './testing.ts';

const log = captureLogger();
const app = createServiceApp({ name: 'test', description: 'problem mapping', logger: log.logger });
app.register(async (scoped: ServiceApp) => {
  scoped.get('/boom', async () => {
    throw new Error('connection to postgres://admin:secret@db failed');
  });
  scoped.get('/failed-statement', async () => {
    throw Object.assign(
      new Error('Failed query: insert into seekers values ($1, $2)\nparams: 王某,433101199003071234'),
      {
        params: ['王某', '433101199003071234'],
      },
    );
  });
  scoped.get('/conflict', async () => {
    throw new HttpProblem(409, 'vacancy-closed', 'Vacancy vac_1 is closed', undefined, { vacancyId: 'vac_1' });
  });
  scoped.get(
    '/search',
    { schema: { querystring: z.object({ limit: z.coerce.number().int().max(100) }) } },
    async () => ({ ok: true }),
  );
  scoped.post('/json', async () => ({ ok: true }));
});
t.teardown(() => app.close());

t.test('an unexpected error is a 500 that says nothing of its cause', async (t) => {
  const res = await app.inject('/boom');
  t.equal(res.statusCode, 500);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.notMatch(res.body, /secret|postgres/);
  t.match(res.json(), { type: /internal$/, requestId: res.headers['x-request-id'] });
  t.ok(
    log.lines().some((l) => l.includes('connection to postgres')),
    'but the log has it',
  );
});

t.test('a failed statement is logged by the request logger without its values', async (t) => {
  const res = await app.inject('/failed-statement');
  t.equal(res.statusCode, 500);
  const line = log.lines().find((l) => l.includes('insert into seekers')) ?? '';
  t.match(line, /"requestId|"reqId/, 'under the request id');
  t.notMatch(line, '433101199003071234');
  t.notMatch(line, '王某');
});

t.test('a domain problem keeps its code, detail and extra members', async (t) => {
  const res = await app.inject({ url: '/conflict', headers: { 'accept-language': 'en' } });
  t.equal(res.statusCode, 409);
  t.match(res.json(), {
    type: /vacancy-closed$/,
    title: 'Conflict',
    detail: 'Vacancy vac_1 is closed',
    vacancyId: 'vac_1',
  });
});

t.test('a bad query parameter is named, with where it was', async (t) => {
  const res = await app.inject('/search?limit=500');
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ in: 'querystring', field: 'limit' }]);
});

t.test('a body that is not JSON is a 400 problem, not a 500', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: '/json',
    headers: { 'content-type': 'application/json' },
    payload: '{"name":',
  });
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /application\/problem\+json/);
});
