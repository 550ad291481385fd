import { type FieldError, say } from '@duijie/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commonErrors } from './common-errors.ts';

/**
 * Text no person writes is refused at the door, for every service: a NUL character (PostgreSQL
 * cannot store it, so it used to surface as a 500 with the statement in the log), bytes that
 * are not UTF-8 (Node would have read them as U+FFFD and stored that without a word), and
 * half a surrogate pair from a JSON escape (the same thing, spelled `\ud800`). Each is a 400
 * naming the field, in the body, the query or the path.
 */

const NUL = say('含有 NUL 字符（\\u0000）', 'contains a NUL character (\\u0000)');
const NOT_UTF8 = say('不是有效的 UTF-8 文本', 'is not valid UTF-8 text');
const NAME_NUL = say('字段名含有 NUL 字符（\\u0000）', 'its name contains a NUL character (\\u0000)');
const NAME_NOT_UTF8 = say('字段名不是有效的 UTF-8 文本', 'its name is not valid UTF-8 text');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

type Part = 'body' | 'querystring' | 'params';

/** The fields of a parsed value whose text (or key) cannot be stored: dotted paths, as in validation errors. */
export function unusableText(value: unknown, part: Part, path: string[] = [], found: FieldError[] = []): FieldError[] {
  const field = () => path.join('.') || '(root)';
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ in: part, field: field(), message: NUL });
    else if (LONE_SURROGATE.test(value)) found.push({ in: part, field: field(), message: NOT_UTF8 });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      unusableText(item, part, [...path, String(i)], found);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key.replaceAll('\u0000', '\\u0000')];
      if (key.includes('\u0000') || LONE_SURROGATE.test(key)) {
        found.push({ in: part, field: at.join('.'), message: key.includes('\u0000') ? NAME_NUL : NAME_NOT_UTF8 });
      }
      unusableText(item, part, at, found);
    }
  }
  return found;
}

// Parsed JSON, a query or path params (whose objects have prototypes of their own): not a
// Buffer or a stream a parser passed through (the gateway's proxy forwards bodies unread).
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !ArrayBuffer.isView(value) &&
  typeof (value as { pipe?: unknown }).pipe !== 'function';

const refusal = (part: Part, errors: FieldError[]) => commonErrors.validation(part, errors);

/**
 * A JSON body parser that reads UTF-8 strictly: bytes that are not UTF-8 are a 400 naming the
 * fields they fall in (found by reading the body leniently once more), instead of U+FFFD.
 */
export function strictJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer | string, done: (err: Error | null, value?: unknown) => void) => {
    let text: string;
    try {
      text = typeof body === 'string' ? body : strictUtf8.decode(body);
    } catch {
      const lenient = lenientUtf8.decode(body as Buffer);
      let fields: FieldError[] = [];
      try {
        fields = replacementCharacters(JSON.parse(lenient));
      } catch {
        // Not JSON either: the body as a whole is named.
      }
      return done(refusal('body', fields.length > 0 ? fields : [{ in: 'body', field: '(root)', message: NOT_UTF8 }]));
    }
    parse(request, text, done);
  };
}

/** Where a lenient decoding put U+FFFD: the fields whose bytes were not UTF-8. */
function replacementCharacters(value: unknown, path: string[] = [], found: FieldError[] = []): FieldError[] {
  if (typeof value === 'string' && value.includes('\ufffd')) {
    found.push({ in: 'body', field: path.join('.') || '(root)', message: NOT_UTF8 });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) replacementCharacters(item, [...path, key], found);
  }
  return found;
}

/**
 * The query's fields whose percent-encoded bytes are not UTF-8: the query parser keeps those
 * as the literal `%FF`, which is not what was sent either.
 */
function undecodableQuery(url: string): FieldError[] {
  const query = url.split('?')[1];
  if (!query?.includes('%')) return [];
  const found: FieldError[] = [];
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=');
    const decoded = (text: string) => {
      try {
        return decodeURIComponent(text.replaceAll('+', ' '));
      } catch {
        return undefined;
      }
    };
    if (decoded(key) === undefined || decoded(value) === undefined) {
      found.push({ in: 'querystring', field: decoded(key) ?? '(a name)', message: NOT_UTF8 });
    }
  }
  return found;
}

/** application/json, with or without parameters (not the …+json types: a pattern would take them from a proxy's catch-all). */
const JSON_TYPES = /^application\/json(?![\w+.-])/i;

/** Installs the strict JSON parser and the check of body, query and path on an app. */
export function refuseUnusableText(app: FastifyInstance) {
  // Under a pattern, not the string 'application/json': a plugin (the gateway's proxy) may then
  // still set its own parser for the string in its scope, which takes precedence there.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer' }, strictJsonParser(app));
  // preValidation: after the caller is known (an anonymous write is 401 whatever it sends),
  // before the schema, so the field is named for what it is rather than for its shape.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const undecodable = undecodableQuery(request.url);
    if (undecodable.length > 0) throw refusal('querystring', undecodable);
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const errors = unusableText(value, part);
      if (errors.length > 0) throw refusal(part, errors);
    }
  });
}
