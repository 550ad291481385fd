import { Writable } from 'node:stream';
import { NATIONWIDE, type StaffClaims } from '@duijie/contracts';
import fc from 'fast-check';
import type { Test } from 'tap';
import { StaffTokens } from './caller.ts';
import { createLogger, type Logger } from './logger.ts';

/** A logger that keeps its lines, so a test can assert what was (and was not) logged. */
export function captureLogger(level = 'info'): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines: () => [...lines] };
}

/** The staff token checker every test app uses. */
export const testStaffTokens = new StaffTokens('duijie-tests-only-secret-0123456789abcdef');

/** Headers of a staff member: a nationwide admin unless told otherwise. */
export async function staffAuth(claims: Partial<StaffClaims> = {}): Promise<{ authorization: string }> {
  const token = await testStaffTokens.issue({
    staffId: 'test-admin',
    name: '测试管理员',
    role: 'admin',
    regionCode: NATIONWIDE,
    ...claims,
  });
  return { authorization: `Bearer ${token}` };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The dotted paths whose values differ between two JSON records (objects compared member by member, arrays whole). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key)).sort();
  }
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [prefix];
}

/** A merge patch setting each dotted path to its value (`{'wage.max': 1}` → `{wage: {max: 1}}`). */
export function patchAt(values: [path: string, value: unknown][]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of values) {
    const keys = path.split('.');
    let at = patch;
    for (const key of keys.slice(0, -1)) {
      at[key] ??= {};
      at = at[key] as Record<string, unknown>;
    }
    at[keys.at(-1) as string] = value;
  }
  return patch;
}

/** The value at a dotted path, or undefined. */
export const valueAt = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), record);

/** A field a merge patch may name, with values as the API takes them (null: removed). */
export type PatchField = [path: string, values: unknown[]];

/**
 * The property every PATCH route is held to (JSON Merge Patch): for random subsets of
 * `fields`, each with one of its values, the record read back differs from the one before in
 * exactly the named fields whose value really changed, and in no other (`derived` aside: the
 * version, updatedAt … that every change moves). Throws, naming both sets, when it does not.
 */
export async function patchChangesExactly<R>(options: {
  fields: readonly PatchField[];
  read: () => Promise<R>;
  /** Sends the change (as `patchAt(changes)` or flat) with the version `before` was read at. */
  patch: (before: R, changes: [string, unknown][]) => Promise<{ statusCode: number; body: string }>;
  derived: readonly string[];
  /** What a removed member reads back as (an empty list …); absent otherwise. */
  defaults?: Readonly<Record<string, unknown>>;
  /** What a stored value reads back as (a masked phone …). */
  shown?: (path: string, value: unknown) => unknown;
  numRuns: number;
}): Promise<void> {
  const { fields, read, patch, derived, defaults = {}, shown = (_path, value) => value, numRuns } = options;
  const someChanges = fc
    .subarray([...fields], { minLength: 1 })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map(([path, values]) => fc.constantFrom(...values).map((value): [string, unknown] => [path, value])),
      ),
    );
  await fc.assert(
    fc.asyncProperty(someChanges, async (changes) => {
      const before = await read();
      const res = await patch(before, changes);
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
      const after = await read();
      const differs = ([path, value]: [string, unknown]) =>
        JSON.stringify(shown(path, value) ?? defaults[path] ?? null) !== JSON.stringify(valueAt(before, path) ?? null);
      const expected = changes
        .filter(differs)
        .map(([path]) => path)
        .sort();
      const changed = changedPaths(before, after).filter((path) => !derived.includes(path));
      if (JSON.stringify(changed) !== JSON.stringify(expected)) {
        throw new Error(`asked to change ${expected.join(', ')}; changed ${changed.join(', ')}`);
      }
    }),
    { numRuns },
  );
}

const CJK = /[\u4e00-\u9fff]/;

type ProblemResponse = { statusCode: number; headers: Record<string, unknown>; json: () => unknown };
type Asserts = Pick<Test, 'ok' | 'equal' | 'match' | 'notMatch'>;

/**
 * Checks a problem as a caller reads it: its type, its status, and every text a person reads
 * (title, detail, each field's message) in the language asked for, with the fields named.
 * Returns the body for further checks.
 */
export function checkProblem(
  t: Asserts,
  res: ProblemResponse,
  expected: { code: string; status: number; language: 'zh' | 'en'; fields?: string[] },
) {
  const body = res.json() as {
    type: string;
    title: string;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  t.equal(res.statusCode, expected.status, `${expected.code}: status (${JSON.stringify(body).slice(0, 300)})`);
  t.equal(body.type, `https://duijie.dev/problems/${expected.code}`, 'the stable code');
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.equal(res.headers['content-language'], expected.language === 'zh' ? 'zh-CN' : 'en');
  const texts = [body.title, body.detail ?? '', ...(body.errors ?? []).map((e) => e.message)];
  for (const text of texts) {
    if (expected.language === 'zh') t.match(text, CJK, `in Chinese: ${text}`);
    else t.notMatch(text, CJK, `in English: ${text}`);
  }
  for (const field of expected.fields ?? []) {
    t.ok(
      (body.errors ?? []).some((e) => e.field === field),
      `names ${field}`,
    );
  }
  return body;
}

/**
 * Sends a bad request twice, as a Chinese reader (no Accept-Language) and as one who asks for
 * English, and checks the problem each gets (see checkProblem).
 */
export async function checkInBothLanguages(
  t: Asserts,
  send: (headers: Record<string, string>) => Promise<ProblemResponse>,
  expected: { code: string; status: number; fields?: string[] },
) {
  const zh = checkProblem(t, await send({}), { ...expected, language: 'zh' });
  const en = checkProblem(t, await send({ 'accept-language': 'en' }), { ...expected, language: 'en' });
  return { zh, en };
}
