import { captureLogger } from '@duijie/service-kit/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import t from 'tap';
import { buildApp } from './app.ts';
import { standInService, standInUpstreams } from './testing.ts';

const { logger } = captureLogger('warn');

const { upstreams, close: closeUpstreams } = await standInUpstreams(logger);

// A port that nothing listens on: take one, then give it back.
const closed = standInService('closed', logger);
const closedUrl = await closed.listen({ port: 0, host: '127.0.0.1' });
await closed.close();

const gateway = buildApp({ logger, upstreams });
const gatewayWithDeadMatching = buildApp({ logger, upstreams: { ...upstreams, matching: closedUrl } });
t.teardown(async () => {
  await Promise.all([gateway.close(), gatewayWithDeadMatching.close()]);
  await closeUpstreams();
});

const employer = { name: '保靖县黄金茶合作社', kind: 'enterprise' };

t.test('forwards /v1/<area> to the owning service with the request id', async (t) => {
  const res = await gateway.inject({
    method: 'POST',
    url: '/v1/employers',
    payload: employer,
    headers: { 'x-request-id': 'gw-test-1' },
  });
  t.equal(res.statusCode, 201, res.body);
  t.equal(res.json().name, employer.name);
  t.equal(res.headers['x-request-id'], 'gw-test-1');
  const read = await gateway.inject({ url: `/v1/employers/${res.json().id}` });
  t.equal(read.statusCode, 200);
});

t.test("passes the service's problem+json through unchanged", async (t) => {
  const res = await gateway.inject({ method: 'POST', url: '/v1/employers', payload: { ...employer, kind: 'farm' } });
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.match(res.json().errors, [{ field: 'kind' }]);
});

t.test('a service that is down is a 502 problem+json, and /ready says which', async (t) => {
  const res = await gatewayWithDeadMatching.inject({ url: '/v1/matches/anything' });
  t.equal(res.statusCode, 502);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.match(res.json(), { status: 502, type: /upstream-unavailable$/, detail: /matching/ });
  const ready = await gatewayWithDeadMatching.inject('/ready');
  t.equal(ready.statusCode, 503);
  t.match(ready.json().checks, { intake: { ok: true }, matching: { ok: false } });
  const docs = await gatewayWithDeadMatching.inject('/docs/json');
  t.same(docs.json().info['x-unavailable-services'], ['matching']);
});

t.test('an unknown route is a problem+json 404 from the gateway itself', async (t) => {
  const res = await gateway.inject('/v2/employers');
  t.equal(res.statusCode, 404);
  t.match(res.json(), { type: /route-not-found$/ });
});

t.test('serves one merged OpenAPI document that validates, and Swagger UI', async (t) => {
  const res = await gateway.inject('/docs/json');
  t.equal(res.statusCode, 200);
  const doc = res.json();
  const result = await validate(structuredClone(doc));
  t.ok(result.valid, result.valid ? 'valid' : compileErrors(result));
  t.ok(doc.paths['/v1/employers'], "intake's paths are in it");
  t.ok(doc.paths['/v1/employers/{id}']);
  t.ok(doc.paths['/health'], "the gateway's own operations are in it");
  t.notOk(doc.paths['/openapi.json'], 'internal routes are not');
  t.ok(doc.components.schemas.Employer, 'named schemas are shared as components');
  const ui = await gateway.inject('/docs');
  t.equal(ui.statusCode, 200);
  t.match(ui.headers['content-type'], /text\/html/);
});
