import { type DatabaseHandle, type OutboxConsumer, periodic } from '@duijie/db';
import { demandErrors } from '@duijie/demand';
import { RankingEngine } from '@duijie/ranking';
import { RegionDirectory } from '@duijie/regions';
import { PostgresVacancyIndex, type VacancyIndex, wordsOf } from '@duijie/search';
import {
  type AuthenticationOptions,
  authentication,
  createServiceApp,
  type Logger,
  recordWrites,
  type ServiceApp,
  type StaffTokens,
  staffStanding,
  verifyKey,
} from '@duijie/service-kit';
import { Taxonomy } from '@duijie/taxonomy';
import { errors } from './errors.ts';
import { FairQrCodes } from './fairs/qr.ts';
import { FairSupplies } from './fairs/supply.ts';
import { indexConsumer } from './index/sync.ts';
import { INVITATIONS_PER_DAY } from './invitations/invite.ts';
import { ChangeFeed } from './live/change-feed.ts';
import { LivestreamSessions } from './livestreams/session.ts';
import { Matcher } from './matcher.ts';
import { ProfileCache } from './profile-cache.ts';
import { fairRoutes } from './routes/fairs/index.ts';
import { intentRoutes } from './routes/intents/index.ts';
import { invitationRoutes } from './routes/invitations/index.ts';
import { livestreamRoutes } from './routes/livestreams/index.ts';
import { matchRoutes } from './routes/matches/index.ts';

export type MatchingDeps = {
  /** Whose X-Forwarded-For to believe (see ServiceAppOptions.trustedProxies); default loopback. */
  trustedProxies?: string;
  /** Limits on API keys here: requests per verified key, failed look-ups per address (see AuthenticationOptions). */
  keyLimits?: AuthenticationOptions['limits'];
  db: DatabaseHandle;
  logger: Logger;
  staffTokens: StaffTokens;
  clock?: () => Date;
  regions?: RegionDirectory;
  taxonomy?: Taxonomy;
  /** The search engine's index (Meilisearch) when there is one; the embedded index always runs too. */
  searchIndex?: VacancyIndex;
  /** How stale a fair's or livestream's live lists may be, at most (ms); 0 reads changes on every request. */
  liveRefreshMs?: number;
  /** Invitations an employer may send a day (default INVITATIONS_PER_DAY). */
  invitationsPerDay?: number;
  /**
   * Keep open vacancies' ranking profiles in memory (default true; see PROFILE-CACHE.md);
   * `thread`: in a worker thread's heap, not the service's (for the shipped regions and
   * taxonomy only: the thread loads its own).
   */
  profileCache?: boolean | 'thread';
  /** How often the profile cache reads the outbox for changes another instance applied (ms, default 1000). */
  profileFeedMs?: number;
};

export type MatchingApp = ServiceApp & {
  indexes: { primary: VacancyIndex; embedded: PostgresVacancyIndex };
  /** The ranking profiles in memory, when kept; `built` settles when the build at start has ended. */
  profiles: { cache: ProfileCache | null; built: Promise<void> };
};

/**
 * The matching service: the vacancy index kept in step with the outbox, and ranked matches
 * both ways on demand. Does not listen.
 */
export function buildApp(deps: MatchingDeps): MatchingApp {
  const app = createServiceApp({
    name: 'matching',
    description:
      'The vacancy index and ranked matches: seeker to vacancies, vacancy to seekers, job fairs and livestreams.',
    logger: deps.logger,
    errors: { ...errors, ...demandErrors },
    ...(deps.trustedProxies !== undefined ? { trustedProxies: deps.trustedProxies } : {}),
  });
  const clock = deps.clock ?? (() => new Date());
  const lookups = { regions: deps.regions ?? RegionDirectory.load(), taxonomy: deps.taxonomy ?? Taxonomy.load() };
  const embedded = new PostgresVacancyIndex(deps.db.db, (text) => wordsOf(text, lookups.taxonomy));
  const primary = deps.searchIndex ?? embedded;
  const engine = new RankingEngine(lookups);
  if (deps.profileCache === 'thread' && (deps.regions || deps.taxonomy)) {
    throw new Error('profileCache: thread ranks with the shipped regions and taxonomy, not those given');
  }
  const profiles =
    deps.profileCache === false
      ? null
      : new ProfileCache({
          db: deps.db.db,
          engine,
          thread: deps.profileCache === 'thread',
          onThreadFailed: (err) =>
            app.log.error(
              { err },
              'profile cache: its thread failed; a new one is built, matches meanwhile from the database',
            ),
        });
  const ranked = app.metrics.counter(
    'duijie_matching_ranked_total',
    "Seekers' match requests by where the candidates' profiles came from, and profiles the cache lacked",
    ['from'],
  );
  const candidateQueries = app.metrics.counter(
    'duijie_matching_candidate_queries_total',
    "Candidate queries of seekers' matches by where they were answered: the profile cache's lists or the index",
    ['from'],
  );
  const matcher = new Matcher({
    db: deps.db.db,
    primary,
    fallback: embedded,
    engine,
    lookups,
    ...(profiles ? { profiles } : {}),
    onDegraded: (err) => app.log.warn({ err }, 'search engine unreachable: the embedded index answers'),
    onCandidates: (from, queries) => candidateQueries.inc({ from }, queries),
    onCacheFailed: (err) =>
      app.log.error({ err }, 'profile cache: its thread failed a request; read from the database'),
    onRanked: (from, misses) => {
      ranked.inc({ from });
      if (misses > 0) ranked.inc({ from: 'miss' }, misses);
    },
  });
  // The embedded index's consumer keeps the profiles: it runs wherever matching does.
  const consumers: OutboxConsumer[] = [...new Set([embedded, primary])].map((index) =>
    indexConsumer(deps.db, index, lookups, index === embedded && profiles ? profiles : undefined),
  );
  let build = Promise.resolve();
  const feed = new ChangeFeed(deps.db.db, { minIntervalMs: deps.liveRefreshMs ?? 50 });
  // Another instance's consumer applies part of the events: read them from the outbox too.
  const following = profiles
    ? periodic({
        name: 'profile cache: changes from the outbox',
        everyMs: deps.profileFeedMs ?? 1000,
        task: () => feed.poll(true),
        logger: app.log,
      })
    : null;
  profiles?.follow(feed, (err) => app.log.error({ err }, 'profile cache: a refresh failed'));

  app.decorate('indexes', { primary, embedded });
  app.decorate('profiles', {
    cache: profiles,
    get built() {
      return build;
    },
  });
  app.metrics.gauge('duijie_index_lag_events', 'Vacancy events not yet applied to the index', ['consumer'], async () =>
    Promise.all(consumers.map(async (c) => ({ labels: { consumer: c.name }, value: await c.pending() }))),
  );
  app.addReadinessCheck('database', () => deps.db.ping());
  if (profiles) {
    app.addReadinessCheck('profile cache', async () => {
      if (!profiles.ready) throw new Error(`${profiles.state}: ${profiles.size} vacancies so far`);
      return { vacancies: profiles.size, kept: profiles.where };
    });
  }
  app.addReadinessCheck('index', async () => {
    const lag = Object.fromEntries(await Promise.all(consumers.map(async (c) => [c.name, await c.pending()] as const)));
    return { adapter: primary.kind, lag };
  });
  app.register(authentication, {
    staffTokens: deps.staffTokens,
    verifyApiKey: (key) => verifyKey(deps.db.db, key, clock()),
    staffStanding: staffStanding(deps.db.db),
    ...(deps.keyLimits ? { limits: deps.keyLimits } : {}),
  });
  recordWrites(app, deps.db.db);
  app.register(matchRoutes, { db: deps.db.db, matcher, engine, lookups, clock });
  app.register(invitationRoutes, {
    db: deps.db.db,
    matcher,
    engine,
    lookups,
    clock,
    invitationsPerDay: deps.invitationsPerDay ?? INVITATIONS_PER_DAY,
  });
  app.register(intentRoutes, { db: deps.db.db, regions: lookups.regions });
  app.register(fairRoutes, {
    db: deps.db.db,
    engine,
    lookups,
    clock,
    supplies: new FairSupplies({ db: deps.db.db, engine, feed, lookups }),
    qr: new FairQrCodes(deps.staffTokens.derive('fair-qr')),
  });
  app.register(livestreamRoutes, {
    prefix: '/v1/livestreams',
    db: deps.db.db,
    engine,
    lookups,
    clock,
    sessions: new LivestreamSessions({ db: deps.db.db, engine, feed, lookups }),
  });

  app.addHook('onReady', async () => {
    for (const c of consumers) await c.start();
    // Not awaited: the service answers (from the database) while the cache is built, and
    // reports ready once it is. The consumer started first: what it applies meanwhile wins.
    if (profiles && following) {
      // The feed's position first: changes committed from here on reach the cache, the older
      // ones are in the table the build reads.
      await feed.position();
      following.start();
      const started = performance.now();
      build = profiles.build().then(
        (n) => app.log.info({ vacancies: n, ms: Math.round(performance.now() - started) }, 'profile cache built'),
        (err) => app.log.error({ err }, 'profile cache: build failed; matches are read from the database'),
      );
    }
  });
  app.addHook('onClose', async () => {
    profiles?.stop();
    await following?.stop();
    await build;
    for (const c of consumers) await c.stop();
    await profiles?.clear();
  });
  return app as MatchingApp;
}
