import type { DatabaseHandle } from '@duijie/db';
import { demandErrors } from '@duijie/demand';
import { RegionDirectory } from '@duijie/regions';
import {
  type AuthenticationOptions,
  authentication,
  createServiceApp,
  forgetIdempotencyKeys,
  idempotency,
  type Logger,
  periodic,
  recordWrites,
  type ServiceApp,
  type StaffTokens,
  staffStanding,
  verifyKey,
} from '@duijie/service-kit';
import { Taxonomy } from '@duijie/taxonomy';
import { ImportJobs } from './bulk/import-jobs.ts';
import { errors } from './errors.ts';
import { apiKeyRoutes } from './routes/api-keys/index.ts';
import { auditRoutes } from './routes/audit/index.ts';
import { employerRoutes } from './routes/employers/index.ts';
import { fairCodeRoutes } from './routes/fair-codes/index.ts';
import { importRoutes } from './routes/imports/index.ts';
import { placementRoutes } from './routes/placements/index.ts';
import { reportRoutes } from './routes/reports/index.ts';
import { seekerRoutes } from './routes/seekers/index.ts';
import { staffRoutes } from './routes/staff/index.ts';
import { staffOidcRoutes } from './routes/staff/oidc.ts';
import { expireDueVacancies } from './routes/vacancies/expire.ts';
import { vacancyRoutes } from './routes/vacancies/index.ts';
import { jobPostingInputRoutes } from './routes/vacancies/job-posting-input.ts';
import { vocabularyRoutes } from './routes/vocabularies/index.ts';
import { FairCodeSignIn } from './staff/fair-codes.ts';
import { type OidcOptions, StaffOidc } from './staff/oidc.ts';
import { type SignInLimits, StaffSignIn } from './staff/sign-in.ts';

export type IntakeDeps = {
  /** Whose X-Forwarded-For to believe (see ServiceAppOptions.trustedProxies); default loopback. */
  trustedProxies?: string;
  /** Limits on API keys here: requests per verified key, failed look-ups per address (see AuthenticationOptions). */
  keyLimits?: AuthenticationOptions['limits'];
  /** Failed sign-ins per username and per address before they are locked for a while. */
  signInLimits?: SignInLimits;
  db: DatabaseHandle;
  logger: Logger;
  /** Checks staff tokens: the secret is shared by every service. */
  staffTokens: StaffTokens;
  /** Injected so tests can fix the time. */
  clock?: () => Date;
  regions?: RegionDirectory;
  taxonomy?: Taxonomy;
  /** OIDC sign-in for staff through a province's identity platform; absent: off (its routes say so). */
  oidc?: OidcOptions;
  /** How often vacancies past their validThrough expire, old idempotency keys go and dead import jobs are marked failed (0: never). */
  expiryIntervalMs?: number;
};

/** The intake service: the supply list and the demand list come in here. Does not listen. */
export function buildApp(deps: IntakeDeps): ServiceApp {
  const app = createServiceApp({
    name: 'intake',
    description:
      'Employers, vacancies (the supply list) and seekers (the demand list): validated, normalised, stored with their events.',
    logger: deps.logger,
    errors: { ...errors, ...demandErrors },
    ...(deps.trustedProxies !== undefined ? { trustedProxies: deps.trustedProxies } : {}),
  });
  const clock = deps.clock ?? (() => new Date());
  const lookups = { regions: deps.regions ?? RegionDirectory.load(), taxonomy: deps.taxonomy ?? Taxonomy.load() };
  app.addReadinessCheck('database', () => deps.db.ping());
  app.register(authentication, {
    staffTokens: deps.staffTokens,
    verifyApiKey: (key) => verifyKey(deps.db.db, key, clock()),
    staffStanding: staffStanding(deps.db.db),
    ...(deps.keyLimits ? { limits: deps.keyLimits } : {}),
  });
  recordWrites(app, deps.db.db);
  app.register(idempotency, { db: deps.db.db });
  const jobs = new ImportJobs(deps.db.db, clock, deps.logger);
  // Jobs a stopped process left running stored nothing: say so at once.
  app.addHook('onReady', () => jobs.failStale());
  app.addHook('onClose', () => jobs.close());
  app.register(importRoutes, { jobs });
  app.register(employerRoutes, { prefix: '/v1/employers', db: deps.db.db, clock, regions: lookups.regions });
  app.register(apiKeyRoutes, { prefix: '/v1/employers', db: deps.db.db, clock });
  app.register(vacancyRoutes, { prefix: '/v1/vacancies', db: deps.db.db, clock, jobs, ...lookups });
  app.register(jobPostingInputRoutes, { prefix: '/v1/vacancies', db: deps.db.db, clock, ...lookups });
  app.register(seekerRoutes, { prefix: '/v1/seekers', db: deps.db.db, clock, jobs, ...lookups });
  app.register(placementRoutes, { db: deps.db.db, clock, regions: lookups.regions });
  app.register(reportRoutes, { db: deps.db.db, clock, regions: lookups.regions });
  app.register(vocabularyRoutes, lookups);
  const signIn = new StaffSignIn(deps.db.db, deps.staffTokens, clock, deps.signInLimits, (err) =>
    app.log.error({ err }, 'a failed sign-in’s audit line could not be written'),
  );
  app.addHook('onClose', () => signIn.settled());
  app.register(staffRoutes, { prefix: '/v1/staff', db: deps.db.db, clock, signIn });
  app.register(fairCodeRoutes, { codes: new FairCodeSignIn(signIn) });
  app.register(staffOidcRoutes, {
    prefix: '/v1/staff/oidc',
    db: deps.db.db,
    clock,
    regions: lookups.regions,
    oidc: deps.oidc ? new StaffOidc(deps.db.db, signIn, deps.oidc, clock) : undefined,
  });
  app.register(auditRoutes, { db: deps.db.db });

  const every = deps.expiryIntervalMs ?? 60_000;
  if (every > 0) {
    periodic({
      name: 'housekeeping',
      everyMs: every,
      immediate: false,
      task: () => {
        const now = clock();
        return Promise.all([
          expireDueVacancies(deps.db.db, now),
          forgetIdempotencyKeys(deps.db.db, now),
          jobs.failStale(),
        ]);
      },
      logger: app.log,
      app,
    });
  }
  return app;
}
