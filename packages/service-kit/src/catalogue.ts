import { STATUS_CODES } from 'node:http';
import type { FieldError, Text } from '@duijie/contracts';

/** A bad field as the domain raises it: its message in both languages (or, for now, English only). */
export type FieldProblem = Omit<FieldError, 'message'> & { message: string | Text };

/**
 * An error the domain throws on purpose: it becomes a problem+json response as it is.
 * `code` is stable (clients switch on it); `detail` says what happened this time. Raise one
 * through the service's catalogue (`errors.unknownRegion(code)`); a plain English `detail`
 * still works while code moves over.
 */
export class HttpProblem extends Error {
  /** The detail in both languages, when it was raised from a catalogue. */
  readonly text?: Text;

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string | Text,
    readonly errors?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
    readonly title: Text = statusTitle(status),
  ) {
    super(typeof detail === 'string' ? detail : detail.en);
    this.name = 'HttpProblem';
    if (typeof detail !== 'string') this.text = detail;
  }
}

/** One kind of problem: its status, its stable code, its title, and what it says each time. */
export type ProblemKind<A extends unknown[]> = {
  status: number;
  code: string;
  title: Text;
  detail: (...args: A) => Text;
  /** The fields to name, from the same arguments. */
  errors?: (...args: NoInfer<A>) => FieldProblem[];
  /** Members of the problem type's own (RFC 9457), e.g. the id of the record in the way. */
  extra?: (...args: NoInfer<A>) => Record<string, unknown>;
};

/** What the OpenAPI document lists of a problem type. */
export type ProblemType = { code: string; status: number; title: Text };

/** Raises one kind of problem; also says what it is, for the OpenAPI listing. */
export type Raise<A extends unknown[]> = ((...args: A) => HttpProblem) & { readonly type: ProblemType };

export type Catalogue<A extends Record<string, unknown[]> = Record<string, never>> = { [K in keyof A]: Raise<A[K]> };

/**
 * A service's errors, one entry each:
 *
 *     export const errors = catalogue({
 *       badCursor: { status: 400, code: 'bad-cursor', title: { zh: '翻页游标无效', en: 'Bad cursor' },
 *         detail: () => ({ zh: '该游标不是本接口给出的', en: 'The cursor is not one this API gave out' }) },
 *     });
 *     throw errors.badCursor();
 */
export function catalogue<A extends Record<string, unknown[]>>(
  kinds: { [K in keyof A]: ProblemKind<A[K]> },
): {
  [K in keyof A]: Raise<A[K]>;
} {
  const raisers = Object.entries(kinds).map(([name, k]) => {
    const kind = k as ProblemKind<unknown[]>;
    const raise = (...args: unknown[]) =>
      new HttpProblem(
        kind.status,
        kind.code,
        kind.detail(...args),
        kind.errors?.(...args),
        kind.extra?.(...args),
        kind.title,
      );
    return [name, Object.assign(raise, { type: { code: kind.code, status: kind.status, title: kind.title } })];
  });
  return Object.fromEntries(raisers) as { [K in keyof A]: Raise<A[K]> };
}

/** The problem types of some catalogues, each code once, in code order. */
export function problemTypesOf(...catalogues: Record<string, Raise<never>>[]): ProblemType[] {
  const byCode = new Map<string, ProblemType>();
  for (const raise of catalogues.flatMap((c) => Object.values(c))) byCode.set(raise.type.code, raise.type);
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const ZH_STATUS: Record<number, string> = {
  400: '请求有误',
  401: '未认证',
  403: '无权操作',
  404: '未找到',
  405: '不支持该方法',
  406: '无法提供所要的格式',
  409: '冲突',
  410: '已不存在',
  413: '请求体过大',
  415: '不支持的媒体类型',
  422: '无法处理的内容',
  429: '请求过于频繁',
  500: '服务器内部错误',
  502: '上游服务出错',
  503: '服务暂不可用',
  504: '上游服务超时',
};

/** The HTTP status's own name, for a problem raised without a title of its own. */
export function statusTitle(status: number): Text {
  const en = STATUS_CODES[status] ?? 'Error';
  return { zh: ZH_STATUS[status] ?? (status >= 500 ? ZH_STATUS[500] : ZH_STATUS[400]) ?? en, en };
}

/** A record's name in both languages, for "<what>-not-found". */
export type Noun = { code: string } & Text;

/** The 404 of one kind of record: code `<what>-not-found`, the id in the detail. */
export const notFound = (what: Noun): ProblemKind<[id: string]> => ({
  status: 404,
  code: `${what.code}-not-found`,
  title: { zh: `${what.zh}不存在`, en: `${capitalised(what.en)} not found` },
  detail: (id) => ({ zh: `未找到${what.zh} ${id}`, en: `${what.en} ${id} was not found` }),
});

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
