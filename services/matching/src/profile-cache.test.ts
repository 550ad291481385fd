// Matching from memory (issue 19): the open vacancies' ranking profiles are kept by the
// index's outbox consumer and built at start. After every kind of change, and across a
// restart, a seeker's matches must be what a brute-force scan of the table says; a vacancy
// the cache lacks (its consumer held back) or holds in an older version is read from the
// database, so exactness never depends on the cache.
import {
  type DatabaseHandle,
  employers,
  type NewEvent,
  newId,
  publishEvents,
  seekers,
  type Transaction,
  vacancies,
} from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { RankingEngine } from '@duijie/ranking';
import { seekerProfile, vacancyProfile } from '@duijie/ranking/rows';
import { RegionDirectory } from '@duijie/regions';
import { staffAuth } from '@duijie/service-kit/testing';
import { Taxonomy } from '@duijie/taxonomy';
import { eq } from 'drizzle-orm';
import t, { type Test } from 'tap';
import type { MatchingApp } from './app.ts';
import { reindex } from './index/sync.ts';
import { ChangeFeed } from './live/change-feed.ts';
import { ProfileCache } from './profile-cache.ts';
import { addEmployer, addSeeker, idNumberOf, insertEmployer, matchingApp } from './testing.ts';

const COUNTY = '420322';
const lookups = { regions: RegionDirectory.load(), taxonomy: Taxonomy.load() };
const engine = new RankingEngine(lookups);
const NOW = new Date();
const clock = () => NOW;

/** Every vacancy in the table ranked for the seeker by the engine: the truth a request must equal. */
async function bruteForce(db: DatabaseHandle, seekerId: string) {
  const [seeker] = await db.db.select().from(seekers).where(eq(seekers.id, seekerId));
  if (!seeker) throw new Error('no seeker');
  const all = await db.db
    .select({ vacancy: vacancies, employer: employers })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId));
  return engine
    .rankVacancies(
      seekerProfile(seeker, lookups.regions),
      all.map((r) => vacancyProfile(r.vacancy, r.employer)),
      { now: NOW, limit: 100 },
    )
    .map((m) => ({ id: m.vacancyId, score: m.score }));
}

/** The requests the app ranked from memory so far, and the candidate queries it answered there (its metrics). */
async function fromMemory(app: MatchingApp) {
  const text = (await app.inject('/metrics')).body;
  const count = (metric: string) =>
    Number(new RegExp(`${metric}\\{[^}]*from="memory"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return {
    ranked: count('duijie_matching_ranked_total'),
    candidates: count('duijie_matching_candidate_queries_total'),
  };
}

/** Waits until the app's consumer has applied every event and `done` holds of its cache. */
async function settled(app: MatchingApp, done: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    const lag = (await app.inject('/ready')).json().checks.index.lag as Record<string, number>;
    if (Object.values(lag).every((n) => n === 0) && (await done())) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the consumer did not apply the events');
}

// Kept in the service's own heap (the default), and in a thread of its own (PROFILE_CACHE=thread).
for (const kept of ['this thread', 'a thread of its own'] as const) {
  const profileCache = kept === 'this thread' ? true : 'thread';
  await t.test(`profiles kept in ${kept}`, (t) => withEachDatabase(t, (t, db) => keptIn(t, db, profileCache, kept)));
}

async function keptIn(t: Test, db: DatabaseHandle, profileCache: true | 'thread', kept: string) {
  const officer = (await staffAuth({ staffId: 'cache-desk', role: 'officer', regionCode: COUNTY })) as Record<
    string,
    string
  >;
  const employer = await addEmployer(db, COUNTY);
  const seeker = await addSeeker(db, {
    name: '王桂芳',
    idNumber: idNumberOf(COUNTY, '19860301', 11),
    residenceRegionCode: COUNTY,
    demand: { regionScope: 'county' },
  });

  /** A change to a vacancy or employer as intake makes it: the row and its event, committed together. */
  const change = (write: (tx: Transaction) => Promise<unknown>, event: NewEvent) =>
    db.db.transaction(async (tx) => {
      await write(tx);
      await publishEvents(tx, [event]);
    });
  const vacancyEvent = (
    type: 'vacancy.published' | 'vacancy.updated' | 'vacancy.closed' | 'vacancy.reopened',
    id: string,
    status: string,
  ) =>
    ({
      type,
      aggregateType: 'vacancy',
      aggregateId: id,
      payload: { vacancyId: id, employerId: employer.id, status, version: 1 },
    }) as NewEvent;
  const wage = (id: string, monthly: number) =>
    change(
      (tx) =>
        tx
          .update(vacancies)
          .set({ wageMin: monthly, monthlyWageMin: monthly, monthlyWageMax: monthly })
          .where(eq(vacancies.id, id)),
      vacancyEvent('vacancy.updated', id, 'open'),
    );
  const status = (id: string, to: 'open' | 'closed') =>
    change(
      (tx) => tx.update(vacancies).set({ status: to }).where(eq(vacancies.id, id)),
      vacancyEvent(to === 'open' ? 'vacancy.reopened' : 'vacancy.closed', id, to),
    );

  /** The seeker's matches through the route, as ids and scores. */
  const matches = async (app: MatchingApp) => {
    const res = await app.inject({
      method: 'GET',
      url: `/v1/seekers/${seeker.id}/matches?limit=100`,
      headers: officer,
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    return (res.json().items as { vacancy: { id: string }; match: { score: number } }[]).map((i) => ({
      id: i.vacancy.id,
      score: i.match.score,
    }));
  };
  /** The matches equal brute force, and the request was answered from memory. */
  const exact = async (t: Test, app: MatchingApp, what: string) => {
    const before = await fromMemory(app);
    const got = await matches(app);
    t.same(got, await bruteForce(db, seeker.id), `${what}: the matches are the brute-force scan's`);
    const after = await fromMemory(app);
    t.equal(after.ranked, before.ranked + 1, `${what}: ranked from memory`);
    t.equal(after.candidates, before.candidates + 2, `${what}: both candidate queries answered from memory`);
    return got;
  };

  // Its consumer alone keeps its cache: the change feed's re-reads, a second later, would race
  // the tests below that write behind the cache, without an event (no write in Duijie does).
  const started = matchingApp(t, db, { clock, profileFeedMs: 3_600_000, profileCache });
  const first = started.app as MatchingApp;
  // addEmployer writes its vacancy without an event: index it as at a start after an import.
  await reindex(db.db, first.indexes.embedded, lookups);
  await first.ready();
  await first.profiles.built;
  const cache = first.profiles.cache;
  if (!cache) throw new Error('no cache');
  t.ok(await cache.peek(employer.vacancyId), 'the build at start took the vacancy already there');
  t.match((await first.inject('/ready')).json().checks['profile cache'], { ok: true, vacancies: 1, kept });

  const published = newId('vac');
  const other = newId('vac');

  t.test('a vacancy published, then its wage raised, then closed and reopened', async (t) => {
    for (const [id, monthly] of [
      [published, 4800],
      [other, 5200],
    ] as const) {
      await change(
        (tx) =>
          tx.insert(vacancies).values({
            id,
            employerId: employer.id,
            title: '缝纫工',
            requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
            regionCode: COUNTY,
            wageMin: monthly,
            wageUnit: 'month',
            monthlyWageMin: monthly,
            monthlyWageMax: monthly,
            headcount: 3,
          }),
        vacancyEvent('vacancy.published', id, 'open'),
      );
    }
    await settled(first, async () => Boolean((await cache.peek(published)) && (await cache.peek(other))));
    t.equal((await exact(t, first, 'published')).length, 3);

    await wage(published, 7000);
    await settled(first, async () => (await cache.peek(published))?.profile.monthlyWageMax === 7000);
    const raised = await exact(t, first, 'wage raised');
    t.equal(raised[0]?.id, published, 'the better-paid post comes first');

    await status(published, 'closed');
    await settled(first, async () => !(await cache.peek(published)));
    const closed = await exact(t, first, 'closed');
    t.notOk(
      closed.some((m) => m.id === published),
      'a closed vacancy is not offered',
    );

    await status(published, 'open');
    await settled(first, async () => Boolean(await cache.peek(published)));
    t.ok((await exact(t, first, 'reopened')).some((m) => m.id === published));
  });

  t.test('its employer blacklisted, then taken off the list', async (t) => {
    const listing = (type: 'employer.blacklisted' | 'employer.unblacklisted', blacklisted: boolean) =>
      change((tx) => tx.update(employers).set({ blacklisted }).where(eq(employers.id, employer.id)), {
        type,
        aggregateType: 'employer',
        aggregateId: employer.id,
        payload: { employerId: employer.id, version: 1 },
      });
    await listing('employer.blacklisted', true);
    await settled(first, async () => (await cache.count()) === 0);
    t.same(await exact(t, first, 'blacklisted'), [], 'nothing of a blacklisted employer');
    await listing('employer.unblacklisted', false);
    await settled(first, async () => (await cache.count()) === 3);
    t.equal((await exact(t, first, 'taken off the blacklist')).length, 3);
  });

  t.test("an agency's re-post is marked from memory, and no longer once the direct post closes", async (t) => {
    // The marks depend on each request's candidates, and the cached profiles are shared by
    // every request: a mark must never stay behind in the cache.
    const agency = await insertEmployer(db, { name: '某劳务派遣公司', kind: 'labor_agency', regionCode: COUNTY });
    const repost = newId('vac');
    await change(
      (tx) =>
        tx.insert(vacancies).values({
          id: repost,
          employerId: agency,
          title: '缝纫工',
          requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
          regionCode: COUNTY,
          wageMin: 5200,
          wageUnit: 'month',
          monthlyWageMin: 5200,
          monthlyWageMax: 5200,
          headcount: 20,
        }),
      vacancyEvent('vacancy.published', repost, 'open'),
    );
    await settled(first, async () => Boolean(await cache.peek(repost)));
    const agencyItem = async () => {
      const res = await first.inject({ url: `/v1/seekers/${seeker.id}/matches?limit=100`, headers: officer });
      const items = res.json().items as { vacancy: { id: string }; match: { explanation?: unknown } }[];
      return JSON.stringify(items.find((i) => i.vacancy.id === repost)?.match ?? null);
    };
    await exact(t, first, 'with a re-post');
    t.match(await agencyItem(), /中介转发/, "the agency's post is explained as a re-post");
    t.equal((await cache.peek(repost))?.repostOf, null, "the request's mark is not written into the cache");

    const direct = [employer.vacancyId, published, other];
    for (const id of direct) await status(id, 'closed');
    const held = async (id: string) => Boolean(await cache.peek(id));
    await settled(first, async () => (await Promise.all(direct.map(held))).every((k) => !k));
    await exact(t, first, 'its direct posts closed');
    const alone = await agencyItem();
    t.notMatch(alone, /中介转发/, 'with no direct post left, it is not called a re-post');
    t.match(alone, /劳务派遣/, 'but still an agency post');

    for (const id of direct) await status(id, 'open');
    await status(repost, 'closed');
    await settled(first, async () => (await Promise.all(direct.map(held))).every(Boolean) && !(await held(repost)));
    t.equal((await exact(t, first, 'as before')).length, 3);
  });

  t.test('a vacancy the consumer has not brought to the cache is a candidate once the cache reads it', async (t) => {
    // Written without an event and indexed by hand: the index has it, the cache does not.
    // The cache's lists, not the index, bring a seeker's candidates once it is built, so the
    // vacancy waits for the cache (on another instance, the change feed's next poll).
    const missed = newId('vac');
    await db.db.insert(vacancies).values({
      id: missed,
      employerId: employer.id,
      title: '缝纫工',
      requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
      regionCode: COUNTY,
      wageMin: 9000,
      wageUnit: 'month',
      monthlyWageMin: 9000,
      monthlyWageMax: 9000,
      headcount: 1,
    });
    await reindex(db.db, first.indexes.embedded, lookups);
    t.notOk(await cache.peek(missed), 'the cache lacks it');
    t.notOk(
      (await matches(first)).some((m) => m.id === missed),
      'not a candidate while the cache lacks it',
    );
    await cache.refresh([missed]);
    const got = await exact(t, first, 'once the cache has read it');
    t.equal(got[0]?.id, missed, 'and it is found, first');
  });

  t.test('a careless narrowing is answered from memory as the index would: nothing, never an error', async (t) => {
    const ask = (query: string) =>
      first.inject({ method: 'GET', url: `/v1/seekers/${seeker.id}/matches${query}`, headers: officer });
    const before = await fromMemory(first);
    for (const query of ['?minWage=9999999', '?regionCode=990000', '?regionCode=650102&minWage=1']) {
      const res = await ask(query);
      t.equal(res.statusCode, 200, query);
      t.same(res.json().items, [], `${query}: no vacancy`);
    }
    t.equal((await fromMemory(first)).candidates, before.candidates + 6, 'every candidate query answered from memory');
    for (const [query, field] of [
      ['?regionCode=42032', 'regionCode'],
      ['?minWage=99999999', 'minWage'],
    ] as const) {
      const bad = await ask(query);
      t.equal(bad.statusCode, 400, `${query} is refused`);
      t.match(bad.json(), { errors: [{ field }] }, `${query}: the problem names ${field}`);
    }
  });

  if (profileCache === 'thread') {
    t.test('its thread dies: matches stay exact, from the database, until a new thread is built', async (t) => {
      const before = await exact(t, first, 'before');
      // A row with no vacancy in it: the thread's store throws on it, uncaught, and the thread dies.
      cache.apply([{ vacancy: null, employer: null } as never]);
      for (let i = 0; i < 200 && !started.logLines().some((l) => l.includes('its thread failed')); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      t.ok(
        started.logLines().some((l) => l.includes('its thread failed')),
        'the failure is logged',
      );
      t.same(await matches(first), before, 'meanwhile the same matches');
      for (let i = 0; i < 400 && !cache.ready; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      t.match(
        (await first.inject('/ready')).json().checks['profile cache'],
        { ok: true, vacancies: 4, kept },
        'a new thread, built from the table',
      );
      t.same(await exact(t, first, 'from the new thread'), before);
    });
  }

  t.test('a vacancy changed behind the cache is shown as it is, not as the cache has it', async (t) => {
    // Closed without an event (as if its consumer were held back): the index and the cache
    // still hold it open, so it is a candidate and ranked on the page.
    await db.db.update(vacancies).set({ status: 'closed' }).where(eq(vacancies.id, other));
    t.ok(await cache.peek(other), 'the cache still has it');
    const before = await fromMemory(first);
    const got = await matches(first);
    t.same(got, await bruteForce(db, seeker.id), 'the matches are the brute-force scan’s');
    t.notOk(
      got.some((m) => m.id === other),
      'the closed vacancy is not offered',
    );
    t.equal(
      (await fromMemory(first)).ranked,
      before.ranked,
      'the page did not match the cache: read from the database',
    );
    await db.db.update(vacancies).set({ status: 'open' }).where(eq(vacancies.id, other));
  });

  t.test('a restart builds the cache from the table and answers the same', async (t) => {
    const before = await matches(first);
    await first.close();
    const second = matchingApp(t, db, { clock, profileCache }).app as MatchingApp;
    await second.ready();
    await second.profiles.built;
    t.equal(await second.profiles.cache?.count(), 4, 'every open vacancy');
    t.same(await exact(t, second, 'after the restart'), before);

    t.test('two instances: each event reaches one consumer, and both caches', async (t) => {
      const third = matchingApp(t, db, { clock, profileFeedMs: 20, profileCache }).app as MatchingApp;
      await third.ready();
      await third.profiles.built;
      await wage(published, 8000);
      const raised = async (app: MatchingApp) =>
        (await app.profiles.cache?.peek(published))?.profile.monthlyWageMax === 8000;
      await settled(second, async () => (await raised(second)) && (await raised(third)));
      t.same(await exact(t, second, 'on one instance'), await exact(t, third, 'on the other'));
    });
  });

  t.test('the change feed alone brings a change to a cache', async (t) => {
    const alone = new ProfileCache({ db: db.db, engine });
    const feed = new ChangeFeed(db.db);
    alone.follow(feed, (err) => t.error(err));
    await feed.position();
    await alone.build();
    t.equal(alone.get(published)?.profile.monthlyWageMax, 8000);
    await wage(published, 8100);
    await status(other, 'closed');
    await feed.poll(true);
    await alone.refreshed;
    t.equal(alone.get(published)?.profile.monthlyWageMax, 8100, 'the raise');
    t.notOk(alone.get(other), 'the closing');
  });

  if (profileCache === 'thread') {
    t.test(
      'its thread dies half-way through the build: a new thread builds again, to every open vacancy',
      async (t) => {
        const failures: Error[] = [];
        const cache = new ProfileCache({
          db: db.db,
          engine,
          thread: true,
          onThreadFailed: (err) => failures.push(err),
        });
        t.teardown(() => cache.clear());
        const open = await db.db.$count(vacancies, eq(vacancies.status, 'open'));
        const building = cache.build();
        // Posted while the build runs: an open vacancy with no employer, on which the thread
        // dies, the build left unfinished.
        cache.apply([{ vacancy: { id: newId('vac'), status: 'open' }, employer: null } as never]);
        // It fails with the thread's own error, or, had it more batches to read, says the thread died.
        await t.rejects(building, /blacklisted|died during the build/, 'the interrupted build fails, saying why');
        for (let i = 0; i < 400 && !cache.ready; i++) await new Promise((resolve) => setTimeout(resolve, 25));
        t.ok(cache.ready, 'ready again');
        t.equal(await cache.count(), open, 'every open vacancy, in the new thread');
        t.ok(failures.length >= 1, 'the death was reported');
      },
    );
  }
}
