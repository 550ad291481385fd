// What the live feeds and the short link answer is in the OpenAPI document, as the fuzz test
// and any generated client read it.
import { openDatabase } from '@duijie/db';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from '../app.ts';

const db = await openDatabase({});
const log = captureLogger('warn');
const app = buildApp({
  db,
  logger: log.logger,
  staffTokens: testStaffTokens,
  delivery: { run: false },
});
t.teardown(async () => {
  await app.close();
  await db.close();
});

type Responses = Record<string, { content?: Record<string, unknown> }>;

t.test('the feeds answer text/event-stream, the short link a redirect', async (t) => {
  const res = await app.inject('/openapi.json');
  t.equal(res.statusCode, 200, log.lines().join('\n').slice(0, 1500));
  const paths = res.json().paths as Record<string, { get: { responses: Responses } }>;
  for (const feed of ['/v1/feeds/fairs/{id}', '/v1/feeds/livestreams/{id}']) {
    t.same(Object.keys(paths[feed]?.get.responses['200']?.content ?? {}), ['text/event-stream'], feed);
  }
  const link = paths['/v1/notifications/l/{code}']?.get.responses ?? {};
  t.ok(link['302'], 'the redirect is documented');
  t.same(Object.keys(link['302']?.content ?? {}), [], 'with no body');
});
