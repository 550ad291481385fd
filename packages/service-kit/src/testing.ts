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
