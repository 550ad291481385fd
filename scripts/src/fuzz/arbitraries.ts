// fast-check arbitraries from the JSON Schemas of the OpenAPI document: mostly values the
// schema allows, mixed with what careless or hostile clients send — wrong types, integers
// past any column, NUL bytes, invalid UTF-8, very long strings, dates out of range, fields
// nobody asked for.
import fc from 'fast-check';
import type { JsonSchema, Operation } from '../openapi-operations.ts';

/**
 * Stands for bytes that are not UTF-8 (0xFF 0xFE): JSON text cannot hold them, so the request
 * writer swaps this marker for the raw bytes (or `%FF%FE` in a URL).
 */
export const INVALID_UTF8 = '\u0001INVALID-UTF8\u0001';

const nastyString = fc.constantFrom(
  'a\u0000b',
  '\u0000',
  `x${INVALID_UTF8}y`,
  '\ud800',
  'x'.repeat(70_000),
  '电焊'.repeat(20_000),
  '',
  ' ',
  '0000-01-01',
  '9999-12-31T23:59:59.999Z',
  '2026-02-30',
  '-1',
  '2147483648',
  '1e400',
  "'; select 1; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
);
const nastyNumber = fc.constantFrom(
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER + 2,
  1e20,
  1e308,
  -1,
  0,
  0.5,
  Number.MAX_SAFE_INTEGER,
);
const wrongType = fc.constantFrom<unknown>(null, true, [], {}, 'text', 1, [null], { nested: { deeper: [1] } });
const nasty = fc.oneof(nastyString, nastyNumber, wrongType);

/** Dates and times as a client might type them, valid or not. */
const dates = fc.constantFrom(
  '2026-12-31',
  '2026-06-01',
  '1900-01-01',
  '1899-12-31',
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026/12/31',
);
const dateTimes = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-12-31T08:00:00+08:00',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00.000Z',
    '2026-13-01T00:00:00Z',
  ),
);

export type Pools = Record<string, readonly string[]>;

type Options = {
  /** Real ids by the name of the field or parameter that holds them, so some requests find records. */
  pools: Pools;
  /** How often a value is replaced by a nasty one (0–1). */
  nastiness: number;
};

/** A value for `schema`: mostly what it allows, sometimes what it does not. */
export function arbitraryOf(schema: JsonSchema, options: Options, name = '', depth = 0): fc.Arbitrary<unknown> {
  const valid = validValueOf(schema, options, name, depth);
  const weight = Math.round(options.nastiness * 100);
  return fc.oneof({ weight: 100 - weight, arbitrary: valid }, { weight, arbitrary: nasty });
}

function validValueOf(schema: JsonSchema, options: Options, name: string, depth: number): fc.Arbitrary<unknown> {
  const pool = options.pools[name];
  if (pool && pool.length > 0) {
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, plain(schema, options, name, depth));
  }
  return plain(schema, options, name, depth);
}

function plain(schema: JsonSchema, options: Options, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((s) => validValueOf(s, options, name, depth)));
  }
  if (schema.allOf && schema.allOf.length > 0) return validValueOf(schema.allOf[0] as JsonSchema, options, name, depth);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => plain({ ...schema, type }, options, name, depth)));
  }
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.max(num('minimum') ?? -1_000_000, Number.MIN_SAFE_INTEGER);
      const max = Math.min(num('maximum') ?? 1_000_000, Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: num('minimum') ?? -1e6, max: num('maximum') ?? 1e6, noNaN: true });
    case 'string':
      return stringOf(schema);
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const items = schema.items ? arbitraryOf(schema.items, options, singular(name), depth + 1) : nasty;
      return fc.array(items, { minLength: num('minItems') ?? 0, maxLength: Math.min(num('maxItems') ?? 3, 3) });
    }
    case 'object':
      return objectOf(schema, options, depth);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

/** One time in ten a value, else null: each object's own mistakes must stay rare, or no body is ever good. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

/** `vacancyIds` holds what `vacancyId` would. */
const singular = (name: string) => (name.endsWith('Ids') ? name.slice(0, -1) : name);

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date') return dates;
  if (schema.format === 'date-time') return dateTimes;
  if (schema.format === 'email') return fc.constantFrom('someone@example.com', 'not-an-address', 'a@b');
  if (schema.format === 'uri') return fc.constantFrom('https://example.com/hook', 'http://127.0.0.1:9/x', 'nope');
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern JavaScript cannot read: fall through to plain strings.
    }
  }
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 40);
  return fc.oneof(
    fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }),
    fc.string({ unit: 'binary', minLength, maxLength: Math.max(minLength, maxLength) }),
    fc.constantFrom('电焊', '缝纫工', '泸溪县', '湘西州', '叉车'),
  );
}

function objectOf(schema: JsonSchema, options: Options, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, s]) => [key, arbitraryOf(s, options, key, depth + 1)]),
    ) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: [...required] },
  );
  // Some required fields go missing too: the answer must be a 400 naming them.
  const maybeDropped = fc
    .tuple(record, rarely(fc.constantFrom(...(required.size ? [...required] : ['_']))))
    .map(([value, drop]) => {
      if (drop === null) return value;
      const { [drop]: _, ...rest } = value;
      return rest;
    });
  const extra = rarely(fc.tuple(fc.constantFrom('salary', '__proto__', 'constructor', 'x'.repeat(300)), nasty));
  return fc.tuple(maybeDropped, extra).map(([value, more]) => (more ? { ...value, [more[0]]: more[1] } : value));
}

export type FuzzRequest = {
  operation: string;
  caller: 'admin' | 'anonymous';
  method: string;
  /** Path with each parameter encoded (INVALID_UTF8 becomes %FF%FE). */
  path: string;
  query: [string, string][];
  contentType?: string;
  /** The body as bytes (INVALID_UTF8 becomes 0xFF 0xFE). */
  body?: Buffer;
};

/**
 * Long enough to be silly, short enough to stay a request: past 16 KiB of headers Node's
 * parser answers 431 before any of our code runs.
 */
const MAX_URL_PART = 600;

/** Percent-encodes the UTF-8 bytes (a lone surrogate, which encodeURIComponent refuses, as U+FFFD). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text)]
    .map((b) =>
      /[\w.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const encode = (value: unknown) =>
  percentEncoded((typeof value === 'string' ? value : JSON.stringify(value)).slice(0, MAX_URL_PART)).replaceAll(
    percentEncoded(INVALID_UTF8),
    '%FF%FE',
  );

const bytesOf = (text: string) =>
  Buffer.concat(
    text
      .split(JSON.stringify(INVALID_UTF8).slice(1, -1))
      .flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xff, 0xfe]), Buffer.from(part)])),
  );

type Parts = { params: Record<string, unknown>; query: Record<string, unknown>; body?: unknown };

/** Every place in the parts a value could be swapped: each parameter, and the body and all inside it. */
function placesIn(parts: Parts): (string | number)[][] {
  const places: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    places.push(path);
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    }
  };
  for (const name of Object.keys(parts.params)) places.push(['params', name]);
  for (const name of Object.keys(parts.query)) places.push(['query', name]);
  if (parts.body !== undefined) walk(parts.body, ['body']);
  return places;
}

/** The parts with the value at one place (the `at`-th, wrapping) replaced by `bad`. */
function withOneBadValue(parts: Parts, at: number, bad: unknown): Parts {
  const places = placesIn(parts);
  const place = places[at % Math.max(places.length, 1)];
  if (!place) return parts;
  const copy = structuredClone(parts) as Record<string | number, unknown>;
  let holder = copy;
  for (const key of place.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  holder[place.at(-1) as string | number] = bad;
  return copy as Parts;
}

/**
 * Requests for one operation, sent as admin or anonymous: its parameters and body from its
 * schemas, and in most of them one value — a parameter, the body, or a field deep in it —
 * swapped for a nasty one, so that the rest is good enough to reach the code behind validation.
 */
export function requestsOf(operation: Operation, options: Options): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const bodyTypes = Object.entries(operation.body);
  const params = fc.record(
    Object.fromEntries(pathParams.map((p) => [p.name, arbitraryOf(p.schema, options, p.name)])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
  );
  const query = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, arbitraryOf(p.schema, options, p.name)])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  );
  const body =
    bodyTypes.length > 0
      ? fc.oneof(
          ...bodyTypes.map(([type, schema]) =>
            fc.record({ type: fc.constant(type), value: arbitraryOf(schema, options) }),
          ),
        )
      : fc.constant(undefined);
  const swap = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.nat(), nasty) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc
    .record({ caller: fc.constantFrom('admin' as const, 'anonymous' as const), params, query, body, swap })
    .map(({ caller, params, query, body, swap }) => {
      const good: Parts = { params, query, ...(body ? { body: body.value } : {}) };
      const parts = swap ? withOneBadValue(good, swap[0], swap[1]) : good;
      return {
        operation: operation.key,
        caller,
        method: operation.method,
        path: operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(parts.params[name])),
        query: Object.entries(parts.query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        ...(body ? { contentType: body.type, body: bytesOf(JSON.stringify(parts.body) ?? 'null') } : {}),
      };
    });
}

/** The query string, with INVALID_UTF8 as raw %FF%FE. */
export const queryString = (query: [string, string][]) =>
  query.length === 0 ? '' : `?${query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
