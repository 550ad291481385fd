// The matching issue's acceptance run: seeded through intake, matched through the gateway,
// on real listening servers, on PGlite and on the PostgreSQL server.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import type { DatabaseHandle } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import type { MatchingApp } from '@duijie/matching/app';
import { reindex } from '@duijie/matching/reindex';
import { RegionDirectory } from '@duijie/regions';
import { MeilisearchVacancyIndex, wordsOf } from '@duijie/search';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { Taxonomy } from '@duijie/taxonomy';
import { Meilisearch } from 'meilisearch';
import t, { type Test } from 'tap';
import { indexSettled, type RunningSystem, runServices } from './system.ts';

const taxonomy = Taxonomy.load();

async function seed(system: RunningSystem) {
  const admin = await staffAuth();
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = admin) => {
    const res = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };
  const employer = async (stem: string, regionCode: string) =>
    (
      await call('POST', '/v1/employers', {
        name: `单位${stem.slice(-3)}`,
        kind: 'enterprise',
        creditCode: `${stem}${creditCodeCheckChar(stem)}`,
        regionCode,
      })
    ).id as string;
  const shiyan = await employer('91420302MA4H00001', '420302');
  const rogue = await employer('91420322MA4H00002', '420322');
  const vacancy = async (employerId: string, title: string, regionCode: string, wage: number, skill?: string) =>
    (
      await call('POST', '/v1/vacancies', {
        employerId,
        title,
        regionCode,
        headcount: 3,
        wage: { min: wage, unit: 'month' },
        ...(skill ? { requiredSkills: [{ name: skill }] } : {}),
      })
    ).id as string;
  const ids = {
    welding: await vacancy(shiyan, '电焊工', '420302', 7000, '电焊'),
    cleaning: await vacancy(shiyan, '保洁员', '420322', 3800),
    shenzhen: await vacancy(shiyan, '电焊工', '440305', 9000, '电焊'),
    rogue: await vacancy(rogue, '电焊工', '420322', 8000, '电焊'),
  };
  const stem = '42032219880415231';
  const seeker = (
    await call('POST', '/v1/seekers', {
      name: '王某',
      idNumber: `${stem}${residentIdCheckChar(stem)}`,
      residenceRegionCode: '420322101201',
      skills: [{ name: '電焊', years: 6 }],
      certificates: ['cert.welding'],
      demand: { regionScope: 'province', expectedWage: { min: 5000, unit: 'month' } },
    })
  ).id as string;
  const key = (await call('POST', `/v1/employers/${shiyan}/api-keys`, { name: 'HR' })).key as string;
  return { call, admin, ids, seeker, employers: { shiyan, rogue }, key };
}

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger('warn');
  const system = await runServices({ db, staffTokens: testStaffTokens, logger: log.logger });
  t.teardown(() => system.close());
  const { call, admin, ids, seeker, employers, key } = await seed(system);
  await indexSettled(system);
  const matches = async (query = '') =>
    (await call('GET', `/v1/seekers/${seeker}/matches${query}`, undefined, admin)) as {
      items: { vacancy: { id: string }; match: { score: number; reason: { zh: string }; matchedSkills: string[] } }[];
      considered: number;
      degraded: boolean;
      nextCursor: string | null;
    };

  t.test('a seeker gets the vacancies in the right order, each explained', async (t) => {
    const page = await matches();
    const order = page.items.map((i) => i.vacancy.id);
    t.equal(order[0] === ids.welding || order[0] === ids.rogue, true, 'a welding job comes first');
    t.ok(order.indexOf(ids.welding) < order.indexOf(ids.cleaning), '电焊 above 保洁 for a welder');
    t.notOk(order.includes(ids.shenzhen), '深圳 is outside the province the seeker accepts');
    t.equal(page.degraded, false);
    t.ok(page.considered >= 3, 'says how many candidates were considered');
    const welding = page.items.find((i) => i.vacancy.id === ids.welding);
    t.match(welding?.match, { matchedSkills: ['电焊'], reason: { zh: /电焊/ } });
    const firstPage = await matches('?limit=1');
    t.equal(firstPage.items.length, 1);
    const second = await matches(`?limit=1&cursor=${firstPage.nextCursor}`);
    t.equal(second.items[0]?.vacancy.id, order[1], 'the cursor goes on where the page ended');
  });

  t.test('another county’s officer gets 404; nobody without a token', async (t) => {
    const zhushan = await staffAuth({ role: 'officer', regionCode: '420323' });
    const res = await fetch(`${system.gatewayUrl}/v1/seekers/${seeker}/matches`, { headers: zhushan });
    t.equal(res.status, 404);
    t.equal((await fetch(`${system.gatewayUrl}/v1/seekers/${seeker}/matches`)).status, 401);
  });

  t.test('a blacklisted employer’s openings never appear', async (t) => {
    await call('POST', `/v1/employers/${employers.rogue}/blacklist`, { reason: '欠薪处理决定 2026-9', version: 1 });
    await indexSettled(system);
    t.notOk((await matches()).items.some((i) => i.vacancy.id === ids.rogue));
    const explained = await call('GET', `/v1/matches/explain?seeker=${seeker}&vacancy=${ids.rogue}`);
    t.match(explained, { ok: false, rejections: [{ constraint: 'employer_blacklisted' }] });
  });

  t.test('a closed vacancy disappears once its event is consumed', async (t) => {
    await call('POST', `/v1/vacancies/${ids.cleaning}/close`, { version: 1 });
    await indexSettled(system);
    t.notOk((await matches()).items.some((i) => i.vacancy.id === ids.cleaning));
  });

  t.test('an employer sees candidates for its own vacancies only, names masked', async (t) => {
    const bearer = { authorization: `Bearer ${key}` };
    const own = await fetch(`${system.gatewayUrl}/v1/vacancies/${ids.welding}/candidates`, { headers: bearer });
    t.equal(own.status, 200);
    const body = (await own.json()) as { items: unknown[] };
    t.match(body.items, [{ seeker: { id: seeker, name: '王*', age: Number }, match: { matchedSkills: ['电焊'] } }]);
    t.notMatch(JSON.stringify(body), '420322198804', 'no ID number');
    const theirs = await fetch(`${system.gatewayUrl}/v1/vacancies/${ids.rogue}/candidates`, { headers: bearer });
    t.equal(theirs.status, 403);
    const staff = await call('GET', `/v1/vacancies/${ids.welding}/candidates`);
    t.equal(staff.items[0]?.seeker.name, '王某', 'staff of the region see the name');
  });

  t.test('a walk-in at a fair is matched without being stored', async (t) => {
    const res = await call('POST', '/v1/matches/search', {
      residenceRegionCode: '420322',
      skills: [{ name: '焊工' }],
      certificates: ['cert.welding'],
      demand: { regionScope: 'prefecture' },
    });
    t.equal(res.items[0]?.vacancy.id, ids.welding);
  });

  t.test('an emptied index costs a seeker nothing once the cache is built, and reindex restores it', async (t) => {
    const before = (await matches()).items.map((i) => i.vacancy.id);
    const { embedded } = (system.services.matching as unknown as MatchingApp).indexes;
    const inHubei = { filters: { regionCodes: ['420000'] }, limit: 100 };
    const indexed = (await embedded.search(inHubei)).hits.map((h) => h.id).sort();
    await embedded.reset();
    t.equal((await embedded.stats()).documents, 0);
    t.same(
      (await matches()).items.map((i) => i.vacancy.id),
      before,
      'the same matches: the profile cache brings the candidates',
    );
    await reindex(db.db, embedded, { regions: RegionDirectory.load(), taxonomy });
    t.same((await embedded.search(inHubei)).hits.map((h) => h.id).sort(), indexed, 'the index as it was');
    t.same(
      (await matches()).items.map((i) => i.vacancy.id),
      before,
    );
  });
});

t.test('Meilisearch unreachable: the embedded index answers and the response says degraded', async (t) => {
  // With the profile cache, a seeker's candidates need no index once it is built: the
  // embedded index answers while it builds, or, here, when it is off.
  for (const profileCache of [false, true]) {
    await t.test(profileCache ? 'with the profile cache built' : 'without a profile cache', (t) =>
      withEachDatabase(t, (t, db) => unreachable(t, db, profileCache)),
    );
  }
});

async function unreachable(t: Test, db: DatabaseHandle, profileCache: boolean) {
  {
    const nowhere = new MeilisearchVacancyIndex(new Meilisearch({ host: 'http://127.0.0.1:9' }), {
      uid: 'vacancies',
      taxonomy,
      words: (text) => wordsOf(text, taxonomy),
      taskTimeoutMs: 500,
    });
    const log = captureLogger('error');
    const system = await runServices({
      db,
      staffTokens: testStaffTokens,
      logger: log.logger,
      searchIndex: nowhere,
      matching: { profileCache },
    });
    t.teardown(() => system.close());
    const { call, seeker, ids } = await seed(system);
    // Only the embedded index's consumer can catch up; Meilisearch's keeps retrying.
    for (let i = 0; i < 200; i++) {
      const lag = (await system.services.matching.inject('/ready')).json().checks.index.lag;
      if (lag['matching.vacancy-index.postgres'] === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (profileCache) await (system.services.matching as unknown as MatchingApp).profiles.built;
    const page = await call('GET', `/v1/seekers/${seeker}/matches`);
    t.equal(page.degraded, !profileCache, profileCache ? 'not degraded: no index was asked' : 'degraded');
    t.ok(page.items.some((i: { vacancy: { id: string } }) => i.vacancy.id === ids.welding));
    const ready = (await system.services.matching.inject('/ready')).json();
    t.match(ready.checks.index, { adapter: 'meilisearch', lag: { 'matching.vacancy-index.meilisearch': Number } });
    t.ok(
      ready.checks.index.lag['matching.vacancy-index.meilisearch'] > 0,
      '/ready shows the lag of the unreachable index',
    );
  }
}
