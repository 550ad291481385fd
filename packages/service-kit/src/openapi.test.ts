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
