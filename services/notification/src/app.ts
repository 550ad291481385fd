import type { ChannelName, DatabaseHandle, OutboxConsumer } from '@duijie/db';
import { RankingEngine } from '@duijie/ranking';
import { RegionDirectory } from '@duijie/regions';
import {
  type AuthenticationOptions,
  authentication,
  createServiceApp,
  type Logger,
  periodic,
  recordWrites,
  type ServiceApp,
  type StaffTokens,
  staffStanding,
  verifyKey,
} from '@duijie/service-kit';
import { Taxonomy } from '@duijie/taxonomy';
import type { Channel } from './channels/port.ts';
import { channelsFrom, NotificationSettings } from './config.ts';
import { type DeliveryOptions, DeliveryWorker } from './delivery.ts';
import { errors } from './errors.ts';
import { AnswerLinks } from './invitations/answer-link.ts';
import { invitationMessages } from './invitations/invitations.ts';
import { LiveFeeds } from './live/feeds.ts';
import { OutboundGuard } from './outbound.ts';
import { broadcastRoutes } from './routes/broadcasts/index.ts';
import { liveFeedRoutes } from './routes/feeds/index.ts';
import { invitationAnswerRoutes } from './routes/invitations/index.ts';
import { linkRoutes } from './routes/links/index.ts';
import { subscriptionRoutes } from './routes/subscriptions/index.ts';
import { BroadcastPlanner, eventAlerts, jobAlerts } from './triggers.ts';

export type NotificationDeps = {
  /** Whose X-Forwarded-For to believe (see ServiceAppOptions.trustedProxies); default loopback. */
  trustedProxies?: string;
  /** Limits on API keys here: requests per verified key, failed look-ups per address (see AuthenticationOptions). */
  keyLimits?: AuthenticationOptions['limits'];
  db: DatabaseHandle;
  logger: Logger;
  staffTokens: StaffTokens;
  clock?: () => Date;
  /** Settings as the environment gives them; defaults otherwise. */
  config?: Partial<NotificationSettings>;
  /** Channels to use instead of those the settings configure (tests). */
  channels?: Partial<Record<ChannelName, Channel>>;
  delivery?: Partial<DeliveryOptions> & { pollMs?: number; run?: boolean };
  regions?: RegionDirectory;
  taxonomy?: Taxonomy;
  /** What webhook targets may be reached; default: public addresses and OUTBOUND_ALLOW. */
  outbound?: OutboundGuard;
  /** Live feeds read the outbox this often without a NOTIFY (default 5 s; tests set it long to see NOTIFY work alone). */
  feedFallbackMs?: number;
};

export type NotificationApp = ServiceApp & {
  delivery: DeliveryWorker;
  consumers: OutboxConsumer[];
  broadcasts: BroadcastPlanner;
  feeds: LiveFeeds;
};

/**
 * The notification service: triggers (outbox consumers) plan messages once per seeker,
 * reason and channel; the delivery worker sends them through the channels, keeping quiet
 * hours, daily caps and opt-outs; live feeds for fair and livestream screens. Does not listen.
 */
export function buildApp(deps: NotificationDeps): NotificationApp {
  const app = createServiceApp({
    name: 'notification',
    description:
      'Subscriptions, channels and the delivery log: the right job reaches the right person, once; live feeds for fair and livestream screens.',
    logger: deps.logger,
    errors,
    ...(deps.trustedProxies !== undefined ? { trustedProxies: deps.trustedProxies } : {}),
  });
  const settings = NotificationSettings.parse(deps.config ?? {});
  const clock = deps.clock ?? (() => new Date());
  const lookups = { regions: deps.regions ?? RegionDirectory.load(), taxonomy: deps.taxonomy ?? Taxonomy.load() };
  const engine = new RankingEngine(lookups);
  const outbound = deps.outbound ?? new OutboundGuard({ allow: settings.OUTBOUND_ALLOW });
  const channels = deps.channels ?? channelsFrom(settings, deps.staffTokens, outbound);
  const delivery = new DeliveryWorker(
    deps.db.db,
    channels,
    // On PGlite a batch's transaction holds the one connection every service in the process
    // shares: smaller batches keep requests from waiting behind a delivery run.
    {
      publicUrl: settings.PUBLIC_URL,
      batchSize: deps.db.kind === 'pglite' ? 50 : 500,
      ...deps.delivery,
    },
    clock,
  );
  const triggerOptions = {
    minScore: settings.NOTIFY_MIN_SCORE,
    maxPerVacancy: settings.NOTIFY_MAX_PER_VACANCY,
    clock,
    logger: app.log,
  };
  const consumers = [
    jobAlerts(deps.db, engine, lookups, triggerOptions),
    eventAlerts(deps.db, lookups, triggerOptions),
    invitationMessages(deps.db, lookups.regions, triggerOptions),
  ];
  const answerLinks = new AnswerLinks(deps.staffTokens.derive('invitation-answer'));
  const broadcasts = new BroadcastPlanner(deps.db.db, { clock, logger: app.log });

  app.decorate('delivery', delivery);
  app.metrics.gauge('duijie_outbox_backlog_events', 'Events a trigger has not yet applied', ['consumer'], async () =>
    Promise.all(consumers.map(async (c) => ({ labels: { consumer: c.name }, value: await c.pending() }))),
  );
  app.metrics.gauge(
    'duijie_notification_queue_messages',
    'Messages not yet sent, by state: due, waiting (quiet hours, daily cap, backoff), sending',
    ['state'],
    async () => Object.entries(await delivery.queue()).map(([state, value]) => ({ labels: { state }, value })),
  );
  const outcomes = app.metrics.counter('duijie_notifications_total', 'Delivery outcomes by channel', [
    'channel',
    'outcome',
  ]);
  delivery.onOutcome = (channel, outcome) => outcomes.inc({ channel, outcome });
  app.decorate('consumers', consumers);
  app.decorate('broadcasts', broadcasts);
  app.addReadinessCheck('database', () => deps.db.ping());
  app.addReadinessCheck('triggers', async () => ({
    lag: Object.fromEntries(await Promise.all(consumers.map(async (c) => [c.name, await c.pending()] as const))),
  }));
  app.register(authentication, {
    staffTokens: deps.staffTokens,
    verifyApiKey: (key) => verifyKey(deps.db.db, key, clock()),
    staffStanding: staffStanding(deps.db.db),
    ...(deps.keyLimits ? { limits: deps.keyLimits } : {}),
  });
  recordWrites(app, deps.db.db);
  // One LISTEN for every live-feed connection of the process.
  const feeds = new LiveFeeds(deps.db, app.log, deps.feedFallbackMs);
  app.decorate('feeds', feeds);
  app.register(liveFeedRoutes, { db: deps.db.db, feeds });
  app.register(subscriptionRoutes, {
    db: deps.db.db,
    clock,
    publicUrl: settings.PUBLIC_URL,
    smsKey: settings.SMS_API_KEY,
    outbound,
  });
  app.register(broadcastRoutes, {
    db: deps.db.db,
    clock,
    publicUrl: settings.PUBLIC_URL,
    answerLinks,
    regions: lookups.regions,
  });
  app.register(invitationAnswerRoutes, { db: deps.db.db, clock, links: answerLinks, regions: lookups.regions });
  app.register(linkRoutes, { db: deps.db.db, clock, publicUrl: settings.PUBLIC_URL, regions: lookups.regions });

  if (deps.delivery?.run !== false) {
    // Started when the app is ready, stopped when it closes; a failed run is logged and tried again.
    const every = deps.delivery?.pollMs ?? 1000;
    periodic({ name: 'broadcast planning', everyMs: every, task: () => broadcasts.drain(), logger: app.log, app });
    periodic({ name: 'delivery', everyMs: every, task: () => delivery.drain(), logger: app.log, app });
  }
  app.addHook('onReady', async () => {
    await feeds.start();
    for (const c of consumers) await c.start();
  });
  app.addHook('onClose', async () => {
    await feeds.stop();
    for (const c of consumers) await c.stop();
    await outbound.close();
  });
  return app as NotificationApp;
}
