import t from 'tap';
import { z } from 'zod';
import { createServiceApp, type ServiceApp } from './app.ts';
import { captureLogger } from './testing.ts';

const app = createServiceApp({ name: 'test', description: 'input hygiene', logger: captureLogger().logger });
app.register(async (scoped: ServiceApp) => {
  const echo = async (request: { body: unknown; query: unknown; params: unknown }) => ({
    body: request.body ?? null,
    query: request.query,
    params: request.params,
  });
  scoped.post(
    '/things',
    { schema: { body: z.object({ name: z.string(), tags: z.array(z.string()).optional() }) } },
    echo,
  );
  scoped.get('/things/:id', { schema: { querystring: z.object({ skill: z.string().optional() }) } }, echo);
});
t.teardown(() => app.close());

const post = (payload: string | Buffer) =>
  app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload });

t.test('a NUL character anywhere in a body is a 400 naming the field', async (t) => {
  const res = await post(JSON.stringify({ name: '张\u0000三', tags: ['ok', 'a\u0000b'] }));
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.match(res.json(), {
    type: /validation-error$/,
    errors: [
      { in: 'body', field: 'name', message: /NUL/ },
      { in: 'body', field: 'tags.1', message: /NUL/ },
    ],
  });
  t.notMatch(res.body, '张', 'the value is not echoed');
});

t.test('bytes that are not UTF-8 are a 400 naming the field, not stored as U+FFFD', async (t) => {
  const body = Buffer.concat([Buffer.from('{"name":"ab'), Buffer.from([0xff, 0xfe]), Buffer.from('","tags":[]}')]);
  const res = await post(body);
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ in: 'body', field: 'name', message: /UTF-8/ }]);
  const lone = await post('{"name":"\\ud800"}');
  t.equal(lone.statusCode, 400, 'half a surrogate pair from an escape too');
  t.match(lone.json().errors, [{ in: 'body', field: 'name' }]);
});

t.test('query and path are checked the same way', async (t) => {
  const query = await app.inject('/things/x?skill=a%00b');
  t.equal(query.statusCode, 400);
  t.match(query.json().errors, [{ in: 'querystring', field: 'skill', message: /NUL/ }]);
  const path = await app.inject('/things/a%00b');
  t.equal(path.statusCode, 400);
  t.match(path.json().errors, [{ in: 'params', field: 'id' }]);
  const notUtf8 = await app.inject('/things/x?skill=a%FFb');
  t.equal(notUtf8.statusCode, 400, notUtf8.body);
  t.match(notUtf8.json().errors, [{ in: 'querystring', field: 'skill', message: /UTF-8/ }]);
  const pathNotUtf8 = await app.inject('/things/a%FFb');
  t.equal(pathNotUtf8.statusCode, 400, pathNotUtf8.body);
});

t.test('good text passes untouched, CJK, emoji and all', async (t) => {
  const res = await post(JSON.stringify({ name: '王某 👷', tags: ['电焊，持证'] }));
  t.equal(res.statusCode, 200);
  t.same(res.json().body, { name: '王某 👷', tags: ['电焊，持证'] });
  t.equal((await app.inject('/things/vac_1?skill=%E7%94%B5%E7%84%8A')).json().query.skill, '电焊');
  t.equal((await post('')).statusCode, 400, 'an empty JSON body is still a 400');
  t.equal((await post('{"__proto__":{"x":1},"name":"a"}')).statusCode, 400, 'and prototype poisoning');
});
