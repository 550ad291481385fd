import { inLanguage, isSaid, type Language, type Text } from '@duijie/contracts';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import Negotiator from 'negotiator';
import { z } from 'zod';

const OFFERED: Language[] = ['zh', 'en'];

/**
 * The language a caller's problems are written in: Chinese, unless `Accept-Language` puts an
 * `en` (or any `en-*`) ahead of Chinese by its q-values. Negotiator reads the q-values.
 */
export function languageOf(request: Pick<FastifyRequest, 'headers'>): Language {
  const header = request.headers['accept-language'];
  if (!header) return 'zh';
  const [first] = new Negotiator({ headers: { 'accept-language': header } }).languages(OFFERED);
  return first === 'en' ? 'en' : 'zh';
}

/** `Content-Language` of a response written in a language. */
export const CONTENT_LANGUAGE: Record<Language, string> = { zh: 'zh-CN', en: 'en' };

const locales = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

/** A zod issue as zod gives it, or as fastify-type-provider-zod keeps it (code beside, the rest in params). */
export type IssueLike = { readonly code: string; readonly message: string };
type IssueFields = IssueLike & { input?: unknown; expected?: unknown };

/**
 * A zod issue's message in both languages: the schema's own words when they were written with
 * `say()`, zod's locale otherwise. A custom message not written with `say()` stays as it is.
 */
export function issueText(issue: IssueLike): Text {
  if (isSaid(issue.message) || issue.code === 'custom') {
    return { zh: inLanguage(issue.message, 'zh'), en: inLanguage(issue.message, 'en') };
  }
  if (issue.code === 'invalid_type') return typeText(issue as IssueFields);
  const render = (language: Language) => {
    const out = locales[language](issue as never);
    return (typeof out === 'string' ? out : out?.message) ?? issue.message;
  };
  return { zh: render('zh'), en: render('en') };
}

const TYPES: Record<string, Text> = {
  string: { zh: '字符串', en: 'string' },
  number: { zh: '数字', en: 'number' },
  int: { zh: '整数', en: 'integer' },
  bigint: { zh: '整数', en: 'integer' },
  boolean: { zh: '布尔值', en: 'boolean' },
  object: { zh: '对象', en: 'object' },
  array: { zh: '数组', en: 'array' },
  null: { zh: '空值 null', en: 'null' },
  date: { zh: '日期', en: 'date' },
  nan: { zh: 'NaN', en: 'NaN' },
};
const typeName = (type: string): Text => TYPES[type] ?? { zh: type, en: type };

/** "Required" for a missing field, else what was expected and what came. */
function typeText(issue: IssueFields): Text {
  const expected = typeName(String(issue.expected));
  // Without the input (a validator that did not keep it), zod's own words say what came.
  const received =
    'input' in issue ? receivedType(issue.input) : (/received (\w+)$/.exec(issue.message)?.[1] ?? 'undefined');
  if (received === 'undefined') return { zh: `必填，应为${expected.zh}`, en: `required: expected ${expected.en}` };
  const came = typeName(received);
  return { zh: `类型错误：应为${expected.zh}，收到的是${came.zh}`, en: `expected ${expected.en}, received ${came.en}` };
}

function receivedType(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

/**
 * fastify-type-provider-zod's validator, keeping each issue's input so that its message can be
 * written again in the caller's language ("expected number, received string"). The input stays
 * in the error object: problems carry only the messages, and 4xx errors are not logged.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const items = result.error.issues.map(({ path, code, message, ...params }) => ({
      [VALIDATION_ITEM]: true,
      keyword: code,
      instancePath: `/${path.join('/')}`,
      schemaPath: `#/${path.join('/')}/${code}`,
      message,
      params,
    }));
    return { error: items as unknown as Error };
  };

// The mark fastify-type-provider-zod puts on its items, so its `hasZodFastifySchemaValidationErrors` knows ours.
const VALIDATION_ITEM = Symbol.for('ZodFastifySchemaValidationError');
