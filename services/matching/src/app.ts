import type { DatabaseHandle } from '@duijie/db';
import { createServiceApp, type Logger, type ServiceApp } from '@duijie/service-kit';

export type MatchingDeps = {
  db: DatabaseHandle;
  logger: Logger;
  clock?: () => Date;
};

/** The matching service. Does not listen. */
export function buildApp(deps: MatchingDeps): ServiceApp {
  const app = createServiceApp({
    name: 'matching',
    description:
      'The vacancy index and ranked matches: seeker to vacancies, vacancy to seekers, job fairs and livestreams.',
    logger: deps.logger,
  });
  app.addReadinessCheck('database', () => deps.db.ping());
  return app;
}
