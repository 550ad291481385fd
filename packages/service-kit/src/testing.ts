import { Writable } from 'node:stream';
import { NATIONWIDE, type StaffClaims } from '@duijie/contracts';
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
