import { keepOnlyUsed, type ProblemType, problemTypesMarkdown } from '@duijie/service-kit';

type Json = Record<string, unknown>;
export type OpenApiDocument = Json & {
  paths?: Record<string, Json>;
  components?: Json & { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  tags?: { name: string; description?: string }[];
};

export type ServiceDocument = { service: string; document: OpenApiDocument | null };

const PUBLIC_PATH = /^\/v1\//;
const PROBLEM_TABLE = '## 错误类型';

/**
 * One document for the whole API: the gateway's own operations plus every service's public
 * (`/v1/…`) paths. Schemas of the same name that differ between services are renamed
 * `<service>_<Name>`, and that service's references follow them.
 */
export function mergeOpenApi(gateway: OpenApiDocument, services: ServiceDocument[]): OpenApiDocument {
  const paths: Record<string, Json> = {};
  for (const [path, item] of Object.entries(gateway.paths ?? {})) {
    if (!PUBLIC_PATH.test(path)) paths[path] = item;
  }
  const schemas: Record<string, unknown> = { ...(gateway.components?.schemas ?? {}) };
  const securitySchemes: Record<string, unknown> = { ...(gateway.components?.securitySchemes ?? {}) };
  const tags = new Map<string, { name: string; description?: string }>();
  const missing: string[] = [];
  const problemTypes = new Map<string, ProblemType>();
  for (const type of (gateway['x-problem-types'] as ProblemType[] | undefined) ?? []) problemTypes.set(type.code, type);

  for (const { service, document } of services) {
    if (!document) {
      missing.push(service);
      continue;
    }
    const renames = new Map<string, string>();
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) {
        renames.set(name, `${service}_${name}`);
      }
    }
    const doc = renames.size > 0 ? renameRefs(document, renames) : document;
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      schemas[renames.get(name) ?? name] = schema;
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (PUBLIC_PATH.test(path)) paths[path] = item;
    }
    for (const tag of doc.tags ?? []) tags.set(tag.name, tag);
    Object.assign(securitySchemes, doc.components?.securitySchemes);
    for (const type of (doc['x-problem-types'] as ProblemType[] | undefined) ?? []) problemTypes.set(type.code, type);
  }

  const info = { ...(gateway.info as Json), title: 'Duijie API' } as Json;
  // Every service's problem types in one table, in place of the gateway's own.
  const allTypes = [...problemTypes.values()].sort((a, b) => a.code.localeCompare(b.code));
  const intro =
    String(info.description ?? '')
      .split(PROBLEM_TABLE)[0]
      ?.trimEnd() ?? '';
  info.description = `${intro}\n\n${problemTypesMarkdown(allTypes)}`;
  if (missing.length > 0) {
    info['x-unavailable-services'] = missing;
    info.description = `${info.description ?? ''}\n\nNot shown, unreachable when this document was made: ${missing.join(', ')}.`;
  }
  // Then only what the merged operations use: the services' own /health and /ready are gone.
  return keepOnlyUsed({
    ...gateway,
    'x-problem-types': allTypes,
    info,
    // Relative: the document is served by the gateway it describes, whatever its address.
    servers: [{ url: '/', description: '本网关 · This gateway' }],
    paths,
    components: { ...(gateway.components ?? {}), schemas, securitySchemes },
    tags: [...tags.values()],
  });
}

function renameRefs(document: OpenApiDocument, renames: Map<string, string>): OpenApiDocument {
  const text = JSON.stringify(document, (key, value) => {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      const renamed = renames.get(name);
      if (renamed) return `#/components/schemas/${renamed}`;
    }
    return value;
  });
  return JSON.parse(text) as OpenApiDocument;
}
