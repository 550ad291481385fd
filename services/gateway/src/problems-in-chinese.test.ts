import { captureLogger, checkInBothLanguages, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from './app.ts';
import { standInService, standInUpstreams } from './testing.ts';

// The gateway's own refusals, and a service's answered through it, in Chinese by default and
// in English on request (the gateway passes Accept-Language on).
const { logger } = captureLogger('warn');
const { upstreams, close: closeUpstreams } = await standInUpstreams(logger);
const closed = standInService('closed', logger);
const closedUrl = await closed.listen({ port: 0, host: '127.0.0.1' });
await closed.close();
const gateway = buildApp({
  logger,
  upstreams,
  staffTokens: testStaffTokens,
  rateLimit: { max: 1000, windowMs: 60_000 },
});
const deadMatching = buildApp({ logger, upstreams: { ...upstreams, matching: closedUrl } });
t.teardown(async () => {
  await Promise.all([gateway.close(), deadMatching.close()]);
  await closeUpstreams();
});

const post =
  (payload: string, extra: Record<string, string> = {}) =>
  (headers: Record<string, string>) =>
    gateway.inject({
      method: 'POST',
      url: '/v1/employers',
      headers: { 'content-type': 'application/json', ...extra, ...headers },
      payload,
    });

t.test('a body over the route limit is refused at the gateway', async (t) => {
  const { zh, en } = await checkInBothLanguages(t, post(JSON.stringify({ name: '厂'.repeat(400_000) })), {
    code: 'body-too-large',
    status: 413,
  });
  t.match(zh, { limitBytes: 1024 * 1024 });
  t.match(en.detail, /1 MiB/);
});

t.test("a service's problem comes through in the caller's language", async (t) => {
  await checkInBothLanguages(t, post('{"name":'), { code: 'fst-err-ctp-invalid-json-body', status: 400 });
  await checkInBothLanguages(t, post(JSON.stringify({ name: 7, kind: 'bank' })), {
    code: 'validation-error',
    status: 400,
    fields: ['name', 'kind'],
  });
  await checkInBothLanguages(t, (headers) => gateway.inject({ url: '/v1/employers/emp_9', headers }), {
    code: 'employer-not-found',
    status: 404,
  });
});

t.test('a route that is nowhere, and a service that is down', async (t) => {
  await checkInBothLanguages(t, (headers) => gateway.inject({ url: '/nowhere', headers }), {
    code: 'route-not-found',
    status: 404,
  });

  await checkInBothLanguages(
    t,
    (headers) => deadMatching.inject({ url: '/v1/matches/search', method: 'POST', headers }),
    {
      code: 'upstream-unavailable',
      status: 502,
    },
  );
});

t.test('the merged document lists every problem type in both languages', async (t) => {
  const doc = (await gateway.inject('/docs/json')).json();
  const codes = (doc['x-problem-types'] as { code: string }[]).map((p) => p.code);
  for (const code of ['body-too-large', 'upstream-timeout', 'validation-error', 'route-not-found']) {
    t.ok(codes.includes(code), code);
  }
  t.match(doc.info.description, /## 错误类型 Problem types/);
  t.equal(doc.info.description.split('## 错误类型').length, 2, 'one table');
});
