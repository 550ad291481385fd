import { creditCodeCheckChar } from '@duijie/contracts';
import type { DatabaseHandle } from '@duijie/db';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import type { Test } from 'tap';
import { buildApp, type IntakeDeps } from './app.ts';

/** The intake app on a test database, closed with the test, with no housekeeping timer. */
export function intakeApp(t: Test, db: DatabaseHandle, deps: Partial<IntakeDeps> = {}) {
  const log = captureLogger();
  const app = buildApp({ db, logger: log.logger, expiryIntervalMs: 0, staffTokens: testStaffTokens, ...deps });
  t.teardown(() => app.close());
  return { app, logLines: log.lines };
}

/** Registers an employer through the API as a nationwide admin; `creditStem` is the first 17 characters of its code. */
export async function registerEmployer(
  app: ReturnType<typeof buildApp>,
  employer: { name: string; kind?: string; creditStem: string; regionCode: string },
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: await staffAuth(),
    payload: {
      name: employer.name,
      kind: employer.kind ?? 'enterprise',
      creditCode: `${employer.creditStem}${creditCodeCheckChar(employer.creditStem)}`,
      regionCode: employer.regionCode,
    },
  });
  if (res.statusCode !== 201) throw new Error(`employer not registered: ${res.body}`);
  return res.json().id as string;
}
