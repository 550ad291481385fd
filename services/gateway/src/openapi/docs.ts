import type { ServiceApp } from '@duijie/service-kit';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ServiceName } from '../areas.ts';
import { mergeOpenApi, type OpenApiDocument } from './merge.ts';

declare module 'fastify' {
  interface FastifyRequest {
    mergedOpenApi?: OpenApiDocument;
  }
}

type Options = { upstreams: Record<ServiceName, string>; timeoutMs?: number };

async function fetchDocument(url: string, timeoutMs: number): Promise<OpenApiDocument | null> {
  try {
    const res = await fetch(`${url}/openapi.json`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? ((await res.json()) as OpenApiDocument) : null;
  } catch {
    return null;
  }
}

/**
 * Swagger UI at /docs and the merged document at /docs/json. The services' documents are
 * fetched on each request for the document (it is small, and never goes stale), so a
 * service that was down shows up as soon as it is back.
 */
// 10 s: a service builds its document the first time it is asked, which on a loaded two-core
// machine took over 2 s and left the merged document without that service's operations.
export async function docsPlugin(app: ServiceApp, { upstreams, timeoutMs = 10_000 }: Options) {
  const merged = async () =>
    mergeOpenApi(
      app.swagger() as OpenApiDocument,
      await Promise.all(
        Object.entries(upstreams).map(async ([service, url]) => ({
          service,
          document: await fetchDocument(url, timeoutMs),
        })),
      ),
    );

  app.decorateRequest('mergedOpenApi', undefined);
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiHooks: {
      preHandler: async (request) => {
        if (request.url.startsWith('/docs/json') || request.url.startsWith('/docs/yaml')) {
          request.mergedOpenApi = await merged();
        }
      },
    },
    transformSpecificationClone: false,
    transformSpecification: (spec, request) => request.mergedOpenApi ?? spec,
  });
}
