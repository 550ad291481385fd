import t from 'tap';
import { mergeOpenApi } from './merge.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

t.test('schemas of one name that differ are renamed per service, and references follow', async (t) => {
  const gateway = { openapi: '3.1.0', info: { title: 'gw', version: '1' }, paths: { '/health': {} } };
  const a = {
    paths: { '/v1/a': { get: { responses: { 200: { content: { 'application/json': { schema: ref('Item') } } } } } } },
    components: { schemas: { Item: { type: 'string' }, Problem: { type: 'object' } } },
  };
  const b = {
    paths: {
      '/v1/b': {
        get: {
          responses: {
            200: { content: { 'application/json': { schema: ref('Item') } } },
            400: { content: { 'application/problem+json': { schema: ref('Problem') } } },
          },
        },
      },
      '/health': { get: {} },
    },
    components: { schemas: { Item: { type: 'number' }, Problem: { type: 'object' } } },
  };
  const merged = mergeOpenApi(gateway, [
    { service: 'a', document: a },
    { service: 'b', document: b },
  ]);
  t.same(Object.keys(merged.paths ?? {}).sort(), ['/health', '/v1/a', '/v1/b']);
  t.same(merged.components?.schemas, {
    Item: { type: 'string' },
    b_Item: { type: 'number' },
    Problem: { type: 'object' },
  });
  type Operation = { get: { responses: { 200: { content: { 'application/json': { schema: unknown } } } } } };
  const schemaOf = (path: string) => {
    const item = merged.paths?.[path] as Operation | undefined;
    return item?.get.responses[200].content['application/json'].schema;
  };
  t.same(schemaOf('/v1/a'), ref('Item'));
  t.same(schemaOf('/v1/b'), ref('b_Item'));
});

t.test('the security schemes the services define are kept, and only what operations use', async (t) => {
  const gateway = { openapi: '3.1.0', info: { title: 'gw', version: '1' }, paths: {} };
  const service = {
    paths: {
      '/v1/a': { get: { security: [{ staffToken: [] }, { employerApiKey: [] }], responses: {} } },
      '/health': {
        get: { security: [], responses: { 200: { content: { 'application/json': { schema: ref('Health') } } } } },
      },
    },
    components: {
      schemas: { Health: { type: 'object' }, Unused: { type: 'string' } },
      securitySchemes: {
        staffToken: { type: 'http', scheme: 'bearer' },
        employerApiKey: { type: 'http', scheme: 'bearer' },
        viewerToken: { type: 'apiKey', in: 'header', name: 'X-Viewer-Token' },
      },
    },
  };
  const merged = mergeOpenApi(gateway, [{ service: 'a', document: service }]);
  t.same(Object.keys(merged.components?.securitySchemes ?? {}).sort(), ['employerApiKey', 'staffToken']);
  t.same(merged.components?.schemas, {}, 'the service’s /health is not merged, nor what only it used');
  t.same(merged.servers, [{ url: '/', description: '本网关 · This gateway' }], 'the gateway serving the document');
});
