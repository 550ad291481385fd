import { residentIdCheckChar, SeekerInput } from '@duijie/contracts';
import { apiKeys, type DatabaseHandle, employers, newId, vacancies } from '@duijie/db';
import { registerSeeker } from '@duijie/demand';
import { mintKey, type ServiceApp } from '@duijie/service-kit';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import { Taxonomy } from '@duijie/taxonomy';
import type { Test } from 'tap';
import { buildApp, type MatchingDeps } from './app.ts';

/** The matching app on a test database, closed with the test. */
export function matchingApp(t: Test, db: DatabaseHandle, deps: Partial<MatchingDeps> = {}) {
  const log = captureLogger();
  const app = buildApp({ db, logger: log.logger, staffTokens: testStaffTokens, ...deps });
  t.teardown(() => app.close());
  return { app, logLines: log.lines };
}

/** An ID number born on `yyyymmdd` in `county`, with its check character. */
export const idNumberOf = (county: string, yyyymmdd: string, serial: number) => {
  const stem = `${county}${yyyymmdd}${String(serial).padStart(3, '0')}`;
  return `${stem}${residentIdCheckChar(stem)}`;
};

let employerCount = 0;

/** An employer of a kind (an agency, a community factory …) and nothing else, written straight to the database. */
export async function insertEmployer(
  db: DatabaseHandle,
  employer: { name: string; kind: (typeof employers.$inferInsert)['kind']; regionCode: string },
): Promise<string> {
  const id = newId('emp');
  const n = employerCount++;
  await db.db
    .insert(employers)
    .values({ id, ...employer, creditCode: `TEST${process.pid}${String(n).padStart(8, '0')}` });
  return id;
}

/**
 * The records a fair or livestream needs, written straight to the database (they belong to
 * intake; matching only reads them): an employer with one open vacancy, and an API key for it.
 */
export async function addEmployer(db: DatabaseHandle, regionCode: string, title = '缝纫工') {
  const id = await insertEmployer(db, { name: `测试单位${employerCount}`, kind: 'enterprise', regionCode });
  const vacancyId = newId('vac');
  await db.db.insert(vacancies).values({
    id: vacancyId,
    employerId: id,
    title,
    requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
    regionCode,
    wageMin: 5000,
    wageUnit: 'month',
    monthlyWageMin: 5000,
    monthlyWageMax: 5000,
    headcount: 5,
  });
  const minted = mintKey();
  await db.db.insert(apiKeys).values({
    id: newId('key'),
    employerId: id,
    name: 'test',
    prefix: minted.prefix,
    hash: minted.hash,
    createdBy: 'test',
  });
  return { id, vacancyId, key: { authorization: `Bearer ${minted.key}` } };
}

const taxonomy = Taxonomy.load();

/** A seeker put on the demand list as intake would, by a nationwide admin. */
export async function addSeeker(
  db: DatabaseHandle,
  input: { name: string; idNumber: string } & Record<string, unknown>,
) {
  const { row } = await db.db.transaction((tx) =>
    registerSeeker(tx, SeekerInput.parse({ skills: [{ name: '缝纫' }], ...input }), {
      caller: { kind: 'staff', staffId: 'test-admin', name: '测试管理员', role: 'admin', regionCode: '000000' },
      taxonomy,
      now: new Date(),
      requestId: 'test',
    }),
  );
  return row;
}

/** A livestream in 泸溪县 tonight with these vacancies, as its host would send it. */
export const livestreamTonight = (vacancyIds: string[]) => ({
  title: '泸溪县直播带岗',
  host: '就业局小田',
  platform: '抖音',
  regionCode: '433122',
  startsAt: '2026-11-23T19:00:00+08:00',
  endsAt: '2026-11-23T21:00:00+08:00',
  vacancyIds,
});

/** That livestream, scheduled by `headers` (its host). */
export async function addLivestream(
  app: { inject: ServiceApp['inject'] },
  headers: Record<string, string>,
  vacancyIds: string[],
) {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/livestreams',
    headers,
    payload: livestreamTonight(vacancyIds),
  });
  if (res.statusCode !== 201) throw new Error(`no livestream: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}
