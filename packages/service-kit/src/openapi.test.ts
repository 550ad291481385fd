import t from 'tap';
import { z } from 'zod';
import { createServiceApp, problemResponses } from './app.ts';
import { captureLogger } from './testing.ts';

type Responses = Record<string, { content?: Record<string, unknown> }>;

t.test('problems are documented as application/problem+json, whatever else the route produces', async (t) => {
  const app = createServiceApp({ name: 'test', description: 'test', logger: captureLogger('silent').logger });
  // As the services do: routes in a plugin, registered after the app's own (OpenAPI among them).
  app.register(async (app) => {
    app.get(
      '/v1/things/:id',
      { schema: { response: { 200: z.object({ id: z.string() }), ...problemResponses(400, 404) } } },
      async () => ({ id: 'x' }),
    );
    app.get(
      '/v1/things/:id/picture',
      {
        schema: {
          produces: ['image/png', 'text/plain'],
          response: { 200: z.string(), ...problemResponses(404) },
        },
      },
      async (_request, reply) => reply.type('text/plain').send('x'),
    );
  });
  await app.ready();
  t.teardown(() => app.close());
  const paths = (app.swagger() as { paths: Record<string, { get: { responses: Responses } }> }).paths;
  const json = paths['/v1/things/{id}']?.get.responses ?? {};
  t.same(Object.keys(json['404']?.content ?? {}), ['application/problem+json']);
  t.same(Object.keys(json['400']?.content ?? {}), ['application/problem+json']);
  t.same(Object.keys(json['200']?.content ?? {}), ['application/json'], 'other answers keep their media type');
  const picture = paths['/v1/things/{id}/picture']?.get.responses ?? {};
  t.same(Object.keys(picture['404']?.content ?? {}), ['application/problem+json'], 'not image/png');
  t.same(Object.keys(picture['200']?.content ?? {}), ['image/png', 'text/plain']);
});

t.test('each operation’s security and operationId come from its route, whatever it forgot', async (t) => {
  const app = createServiceApp({ name: 'test', description: 'test', logger: captureLogger('silent').logger });
  app.register(async (app) => {
    const ok = { response: { 200: z.object({ ok: z.boolean() }) } };
    app.get('/v1/staff-only/:thingId', { schema: ok }, async () => ({ ok: true }));
    app.get('/v1/either', { config: { access: 'staff-or-employer' }, schema: ok }, async () => ({ ok: true }));
    app.post('/v1/open', { config: { access: 'public' }, schema: { ...ok, operationId: 'openThing' } }, async () => ({
      ok: true,
    }));
    app.get(
      '/v1/viewer',
      {
        config: { access: 'public' },
        schema: { ...ok, headers: z.object({ 'x-viewer-token': z.string().optional() }) },
      },
      async () => ({ ok: true }),
    );
  });
  await app.ready();
  t.teardown(() => app.close());
  type Op = { operationId: string; security: unknown[]; responses: Record<string, unknown> };
  const document = app.swagger() as unknown as {
    paths: Record<string, Record<string, Op>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  const op = (path: string, method = 'get') => document.paths[path]?.[method];
  t.same(op('/v1/staff-only/{thingId}')?.security, [{ staffToken: [] }], 'no access said: staff, as enforced');
  t.equal(op('/v1/staff-only/{thingId}')?.operationId, 'getStaffOnlyByThingId', 'derived from method and path');
  t.same(op('/v1/either')?.security, [{ staffToken: [] }, { employerApiKey: [] }]);
  t.same(op('/v1/open', 'post')?.security, []);
  t.equal(op('/v1/open', 'post')?.operationId, 'openThing', 'the route’s own id is kept');
  t.same(op('/v1/viewer')?.security, [{}, { viewerToken: [] }], 'a credential header of its own, or nothing');
  t.ok(op('/v1/either')?.responses['400'], 'the 400 of input hygiene, on every route');
  t.same(Object.keys(document.components.securitySchemes).sort(), ['employerApiKey', 'staffToken', 'viewerToken']);
  t.notOk(document.components.schemas.ProblemInput, 'schemas no operation uses are left out');
});
