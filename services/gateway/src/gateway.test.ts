import { createServiceApp, problemResponses, problems, type ServiceApp } from '@duijie/service-kit';
import { captureLogger } from '@duijie/service-kit/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import t from 'tap';
import { z } from 'zod';
import { buildApp } from './app.ts';

const { logger } = captureLogger('warn');

/** A stand-in service built on the same kit as the real ones: the gateway only sees HTTP. */
function standInService(name: string) {
  const app = createServiceApp({ name, description: `stand-in ${name}`, logger });
  const Employer = z.object({ id: z.string(), name: z.string(), kind: z.enum(['enterprise', 'labor_agency']) });
  const stored = new Map<string, z.infer<typeof Employer>>();
  // Routes go in a plugin, as in the real services, so the OpenAPI plugin sees them.
  app.register(async (scoped: ServiceApp) => {
    scoped.post(
      '/v1/employers',
      {
        schema: {
          body: Employer.omit({ id: true }),
          response: { 201: Employer.meta({ id: 'Employer' }), ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        const employer = { id: `emp_${stored.size}`, ...request.body };
        stored.set(employer.id, employer);
        return reply.code(201).send(employer);
      },
    );
    scoped.get(
      '/v1/employers/:id',
      { schema: { params: z.object({ id: z.string() }), response: { 200: Employer, ...problemResponses(404) } } },
      async (request) => {
        const found = stored.get(request.params.id);
        if (!found) throw problems.notFound('employer', request.params.id);
        return found;
      },
    );
  });
  return app;
}

const intake = standInService('intake');
const matching = standInService('matching');
const notification = standInService('notification');
const listen = (app: typeof intake) => app.listen({ port: 0, host: '127.0.0.1' });
const upstreams = {
  intake: await listen(intake),
  matching: await listen(matching),
  notification: await listen(notification),
};

// A port that nothing listens on: take one, then give it back.
const closed = standInService('closed');
const closedUrl = await listen(closed);
await closed.close();

const gateway = buildApp({ logger, upstreams });
const gatewayWithDeadMatching = buildApp({ logger, upstreams: { ...upstreams, matching: closedUrl } });
t.teardown(async () => {
  await Promise.all([gateway.close(), gatewayWithDeadMatching.close()]);
  await Promise.all([intake.close(), matching.close(), notification.close()]);
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

t.test('a caller over the rate limit gets 429 problem+json with Retry-After; others and /health do not', async (t) => {
  const limited = buildApp({ logger, upstreams, rateLimit: { max: 3, windowMs: 60_000 } });
  t.teardown(() => limited.close());
  const as = (authorization: string) => ({ url: '/v1/employers/emp_1', headers: { authorization } });
  for (let i = 0; i < 3; i++)
    t.equal((await limited.inject(as('Bearer a'))).statusCode, 404, `request ${i + 1} passes`);
  const over = await limited.inject(as('Bearer a'));
  t.equal(over.statusCode, 429);
  t.match(over.headers['content-type'], /^application\/problem\+json/);
  t.match(over.json(), { status: 429, type: /rate-limited$/ });
  t.ok(Number(over.headers['retry-after']) > 0, 'Retry-After says when');
  t.equal((await limited.inject(as('Bearer b'))).statusCode, 404, 'another caller has its own allowance');
  t.equal((await limited.inject('/health')).statusCode, 200, 'health is never limited');
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
