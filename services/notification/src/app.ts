import type { DatabaseHandle } from '@duijie/db';
import { createServiceApp, type Logger, type ServiceApp } from '@duijie/service-kit';
import { liveFeedRoutes } from './live-feeds.ts';

export type NotificationDeps = {
  db: DatabaseHandle;
  logger: Logger;
  clock?: () => Date;
};

/** The notification service. Does not listen. */
export function buildApp(deps: NotificationDeps): ServiceApp {
  const app = createServiceApp({
    name: 'notification',
    description:
      'Subscriptions, channels and the delivery log: the right job reaches the right person, once; live feeds for fair and livestream screens.',
    logger: deps.logger,
  });
  app.addReadinessCheck('database', () => deps.db.ping());
  app.register(liveFeedRoutes, { db: deps.db.db });
  return app;
}
