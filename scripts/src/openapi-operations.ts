/** The operations of the merged OpenAPI document the gateway serves, for tests generated from it. */

export type JsonSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
};

export type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema };

export type Operation = {
  /** `METHOD /path`, as the authorization matrix names it. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** Request bodies by media type. */
  body: Record<string, JsonSchema>;
  /** Documented answers: status → media types. */
  responses: Record<string, string[]>;
};

type Document = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export async function documentOperations(gatewayUrl: string): Promise<Operation[]> {
  const res = await fetch(`${gatewayUrl}/docs/json`);
  if (!res.ok) throw new Error(`/docs/json answered ${res.status}`);
  const document = (await res.json()) as Document;
  const resolve = refResolver(document);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content;
      const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: ((op.parameters ?? []) as Parameter[]).map((p) => ({ ...p, schema: resolve(p.schema) })),
        body: Object.fromEntries(Object.entries(content ?? {}).map(([type, c]) => [type, resolve(c.schema)])),
        responses: Object.fromEntries(
          Object.entries(responses).map(([status, r]) => [status, Object.keys(r.content ?? {})]),
        ),
      });
    }
  }
  return operations;
}

/** Replaces every `$ref` with the schema it names (the documents have no recursive schemas). */
function refResolver(document: Document) {
  const schemas = document.components?.schemas ?? {};
  const resolve = (value: unknown, depth = 0): never => {
    if (depth > 40) throw new Error('schema nested too deep: a recursive $ref?');
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth + 1)) as never;
    if (value && typeof value === 'object') {
      const ref = (value as JsonSchema).$ref;
      if (typeof ref === 'string') return resolve(schemas[ref.replace('#/components/schemas/', '')], depth + 1);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, depth + 1)])) as never;
    }
    return value as never;
  };
  return (schema: JsonSchema | undefined): JsonSchema => resolve(schema ?? {});
}
