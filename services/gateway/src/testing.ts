import { createServiceApp, type Logger, problemResponses, problems, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import type { ServiceName } from './areas.ts';

/** A stand-in service built on the same kit as the real ones: the gateway only sees HTTP. */
export function standInService(name: string, logger: Logger) {
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
    // A bulk route as intake has: it reads bodies of up to 32 MiB (and finds no JSON in spaces).
    scoped.post('/v1/vacancies/bulk', { bodyLimit: 32 * 1024 * 1024, schema: { hide: true } }, async () => ({}));
    // Who the service believes the client is: the gateway tells it.
    scoped.get('/v1/reports/client', { schema: { hide: true } }, async (request) => ({ ip: request.ip }));
  });
  return app;
}

/** The three stand-ins listening on loopback, and their URLs for the gateway. */
export async function standInUpstreams(logger: Logger) {
  const apps = {
    intake: standInService('intake', logger),
    matching: standInService('matching', logger),
    notification: standInService('notification', logger),
  };
  const listen = (app: ServiceApp) => app.listen({ port: 0, host: '127.0.0.1' });
  const upstreams: Record<ServiceName, string> = {
    intake: await listen(apps.intake),
    matching: await listen(apps.matching),
    notification: await listen(apps.notification),
  };
  return { apps, upstreams, close: () => Promise.all(Object.values(apps).map((app) => app.close())) };
}
