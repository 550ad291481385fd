import { say } from '@duijie/contracts';
import t from 'tap';
import { z } from 'zod';
import { createServiceApp, type ServiceApp } from './app.ts';
import { catalogue } from './catalogue.ts';
import { captureLogger, checkProblem } from './testing.ts';

const errors = catalogue({
  unknownRegion: {
    status: 422,
    code: 'unknown-region',
    title: { zh: '未知的行政区划', en: 'Unknown region' },
    detail: (code: string) => ({ zh: `${code} 不是已知的行政区划代码`, en: `${code} is not a division code we know` }),
    errors: () => [{ in: 'body', field: 'regionCode', message: { zh: '未知代码', en: 'not a code we know' } }],
  },
});

const Body = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['enterprise', 'agency']),
    headcount: z.int().min(1),
    min: z.int(),
    max: z.int(),
  })
  .refine((b) => b.max >= b.min, { path: ['max'], message: say('最高值不得低于最低值', 'max must not be below min') });

const log = captureLogger();
const app = createServiceApp({ name: 'test', description: 'languages', logger: log.logger, bodyLimit: 1000, errors });
app.register(async (scoped: ServiceApp) => {
  scoped.post('/things', { schema: { body: Body } }, async () => ({ ok: true }));
  scoped.get('/things/:id', { schema: { params: z.object({ id: z.string().regex(/^thg_\d+$/) }) } }, async () => ({}));
  scoped.get('/regions', async () => {
    throw errors.unknownRegion('999999');
  });
});
t.teardown(() => app.close());

const good = { name: '厂', kind: 'agency', headcount: 1, min: 1, max: 2 };
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/things',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });

t.test('a catalogue problem is Chinese by default and English when asked for', async (t) => {
  const zh = checkProblem(t, await app.inject('/regions'), {
    code: 'unknown-region',
    status: 422,
    language: 'zh',
    fields: ['regionCode'],
  });
  t.match(zh, { title: '未知的行政区划', detail: '999999 不是已知的行政区划代码' });
  const en = await app.inject({ url: '/regions', headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.8' } });
  t.match(checkProblem(t, en, { code: 'unknown-region', status: 422, language: 'en' }), {
    title: 'Unknown region',
    detail: '999999 is not a division code we know',
  });
});

t.test('q-values decide: Chinese preferred over English stays Chinese, and so does an unknown language', async (t) => {
  for (const header of ['zh-CN,en;q=0.9', 'en;q=0.1, zh-TW', 'fr', 'zh;q=0.5, en;q=0.5', '*']) {
    const res = await app.inject({ url: '/regions', headers: { 'accept-language': header } });
    t.equal(res.headers['content-language'], 'zh-CN', header);
  }
  const res = await app.inject({ url: '/regions', headers: { 'accept-language': 'zh;q=0.2, en-GB;q=0.8' } });
  t.equal(res.headers['content-language'], 'en');
});

t.test('each kind of bad field gets a message in the caller language, naming the field', async (t) => {
  const cases: [string, unknown, string][] = [
    ['missing required field', { ...good, name: undefined }, 'name'],
    ['wrong type', { ...good, headcount: 'three' }, 'headcount'],
    ['unknown enum value', { ...good, kind: 'bank' }, 'kind'],
    ['too small', { ...good, headcount: 0 }, 'headcount'],
    ['a rule of our own (say)', { ...good, min: 5, max: 2 }, 'max'],
  ];
  for (const [name, body, field] of cases) {
    t.test(name, async (t) => {
      const zh = checkProblem(t, await post(body), {
        code: 'validation-error',
        status: 400,
        language: 'zh',
        fields: [field],
      });
      t.equal(zh.detail, '请求体中有无效字段');
      const en = checkProblem(t, await post(body, { 'accept-language': 'en' }), {
        code: 'validation-error',
        status: 400,
        language: 'en',
        fields: [field],
      });
      t.equal(en.detail, 'The request body has invalid fields');
    });
  }
  const missing = (await post({ ...good, name: undefined })).json();
  t.match(missing.errors, [{ field: 'name', message: '必填，应为字符串' }]);
  const wrong = (await post({ ...good, headcount: 'three' }, { 'accept-language': 'en' })).json();
  t.match(wrong.errors, [{ field: 'headcount', message: 'expected number, received string' }]);
  const rule = (await post({ ...good, min: 5, max: 2 }, { 'accept-language': 'en' })).json();
  t.match(rule.errors, [{ field: 'max', message: 'max must not be below min' }]);
});

t.test("Fastify's own refusals are problems in Chinese, with their codes kept", async (t) => {
  const raw = (payload: string, type = 'application/json', headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/things', headers: { 'content-type': type, ...headers }, payload });
  const kinds: [string, () => ReturnType<typeof raw>, string, number][] = [
    ['bad JSON', () => raw('{"name":'), 'fst-err-ctp-invalid-json-body', 400],
    ['empty JSON', () => raw(''), 'fst-err-ctp-empty-json-body', 400],
    ['too large', () => raw(JSON.stringify({ ...good, name: 'x'.repeat(2000) })), 'fst-err-ctp-body-too-large', 413],
    ['unsupported media type', () => raw('a,b', 'text/csv'), 'fst-err-ctp-invalid-media-type', 415],
  ];
  for (const [name, send, code, status] of kinds) {
    checkProblem(t, await send(), { code, status, language: 'zh' });
    t.comment(name);
  }
  checkProblem(t, await raw('{"name":', 'application/json', { 'accept-language': 'en' }), {
    code: 'fst-err-ctp-invalid-json-body',
    status: 400,
    language: 'en',
  });
  checkProblem(t, await app.inject('/nowhere'), { code: 'route-not-found', status: 404, language: 'zh' });
  checkProblem(t, await app.inject('/things/bad'), {
    code: 'validation-error',
    status: 400,
    language: 'zh',
    fields: ['id'],
  });
});

t.test('every refusal is logged with its problem type and status, and nothing of the request', async (t) => {
  await post({ ...good, name: undefined, note: '433101199003071234' });
  await app.inject('/nowhere-433101199003071234');
  const refused = log.lines().filter((l) => l.includes('request refused'));
  t.ok(refused.some((l) => l.includes('validation-error') && l.includes('"status":400')));
  t.ok(refused.some((l) => l.includes('route-not-found') && l.includes('"status":404')));
  t.notOk(refused.some((l) => l.includes('433101199003071234')));
});

t.test('the OpenAPI document lists the problem types, in both languages', async (t) => {
  await app.ready();
  const doc = app.swagger() as unknown as { info: { description: string }; 'x-problem-types': unknown[] };
  t.match(doc['x-problem-types'], [{ code: String, status: Number, title: { zh: String, en: String } }]);
  t.ok(
    doc['x-problem-types'].some((p) => (p as { code: string }).code === 'unknown-region'),
    'the service’s own',
  );
  t.ok(
    doc['x-problem-types'].some((p) => (p as { code: string }).code === 'validation-error'),
    'and the common ones',
  );
  t.ok(
    doc['x-problem-types'].some((p) => (p as { code: string }).code === 'bad-request-line'),
    'the refusal of a request line Node cannot parse is listed too',
  );
  t.match(doc.info.description, /\| `unknown-region` \| 422 \| 未知的行政区划 \| Unknown region \|/);
});
