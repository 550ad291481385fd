import { type DatabaseHandle, openDatabase } from '@duijie/db';
import { buildApp as buildGateway, type GatewayDeps } from '@duijie/gateway/app';
import { GatewayConfig } from '@duijie/gateway/config';
import { buildApp as buildIntake, type IntakeDeps } from '@duijie/intake/app';
import { OidcSettings, oidcComplete, oidcFrom } from '@duijie/intake/config';
import { buildApp as buildMatching, type MatchingDeps } from '@duijie/matching/app';
import { SearchConfig, searchIndexFrom } from '@duijie/matching/config';
import { buildApp as buildNotification, type NotificationDeps } from '@duijie/notification/app';
import { NotificationSettings } from '@duijie/notification/config';
import type { VacancyIndex } from '@duijie/search';
import {
  type AuthenticationOptions,
  BaseConfig,
  embeddedPaths,
  type Logger,
  Port,
  type ServiceApp,
  type StaffTokens,
  staffTokensFor,
} from '@duijie/service-kit';

// One process: the services believe the gateway beside them on loopback, and TRUSTED_PROXIES
// names who is in front of the gateway (default: no one).
export const SystemConfig = BaseConfig.omit({ TRUSTED_PROXIES: true })
  .extend({
    ...SearchConfig.shape,
    ...NotificationSettings.shape,
    ...OidcSettings.shape,
    ...GatewayConfig.pick({
      UPSTREAM_TIMEOUT_MS: true,
      RATE_LIMIT_MAX: true,
      RATE_LIMIT_WINDOW_MS: true,
      TRUSTED_PROXIES: true,
    }).shape,
    GATEWAY_PORT: Port.default(8080),
    INTAKE_PORT: Port.default(8081),
    MATCHING_PORT: Port.default(8082),
    NOTIFICATION_PORT: Port.default(8083),
  })
  .superRefine(oidcComplete);
export type SystemConfig = ReturnType<typeof SystemConfig.parse>;

export type RunningSystem = {
  db: DatabaseHandle;
  staffTokens: StaffTokens;
  gatewayUrl: string;
  services: Record<'gateway' | 'intake' | 'matching' | 'notification', ServiceApp>;
  close(): Promise<void>;
};

export const urlOf = (app: ServiceApp) => {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('service is not listening on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
};

/**
 * The whole system in one process: one database (PGlite unless DATABASE_URL is set) shared
 * by the three services behind it, each on its own port, and the gateway in front
 * proxying to them over HTTP exactly as it does when they run apart.
 */
export async function startSystem(config: SystemConfig, logger: Logger): Promise<RunningSystem> {
  const staffTokens = staffTokensFor(config);
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: embeddedPaths(config.DATA_DIR).database,
    embedded: config.EMBEDDED_DATABASE,
  });
  const searchIndex = searchIndexFrom(config);
  const oidc = oidcFrom(config);
  const running = await runServices({
    db,
    staffTokens,
    ...(searchIndex ? { searchIndex } : {}),
    logger,
    host: config.HOST,
    notification: { config },
    ...(oidc ? { intake: { oidc } } : {}),
    gateway: {
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
      trustedProxies: config.TRUSTED_PROXIES,
    },
    ports: {
      gateway: config.GATEWAY_PORT,
      intake: config.INTAKE_PORT,
      matching: config.MATCHING_PORT,
      notification: config.NOTIFICATION_PORT,
    },
  });
  return {
    ...running,
    async close() {
      await running.close();
      await db.close();
    },
  };
}

/** The four services on a database that is opened (and closed) elsewhere: ports 0 pick free ones. */
export async function runServices(options: {
  db: DatabaseHandle;
  staffTokens: StaffTokens;
  logger: Logger;
  host?: string;
  ports?: Partial<Record<keyof RunningSystem['services'], number>>;
  gateway?: Partial<Omit<GatewayDeps, 'logger' | 'upstreams' | 'staffTokens'>>;
  searchIndex?: VacancyIndex;
  /** The services' limits on API keys (AuthenticationOptions.limits); per key, the gateway's rate limit by default. */
  keyLimits?: AuthenticationOptions['limits'];
  /** See MatchingDeps.liveRefreshMs. */
  liveRefreshMs?: number;
  /** See MatchingDeps.profileCache (default on). */
  matching?: Pick<MatchingDeps, 'profileCache'>;
  notification?: Partial<Omit<NotificationDeps, 'db' | 'logger' | 'staffTokens'>>;
  /** Intake's OIDC sign-in (IntakeDeps.oidc; absent: off) and its sign-in lock-out (IntakeDeps.signInLimits). */
  intake?: Pick<IntakeDeps, 'oidc' | 'signInLimits'>;
}): Promise<RunningSystem> {
  const { db, staffTokens, logger, host = '127.0.0.1', ports = {} } = options;
  // Each service limits a verified API key as the gateway limits a caller.
  const perKey = options.gateway?.rateLimit;
  const keyLimits = { ...(perKey ? { perKey } : {}), ...options.keyLimits };
  const common = { db, logger, staffTokens, keyLimits };
  const intake = buildIntake({ ...common, ...options.intake });
  const matching = buildMatching({
    ...common,
    ...(options.searchIndex ? { searchIndex: options.searchIndex } : {}),
    ...(options.liveRefreshMs !== undefined ? { liveRefreshMs: options.liveRefreshMs } : {}),
    ...options.matching,
  });
  const notification = buildNotification({ ...common, ...(options.notification ?? {}) });
  await intake.listen({ port: ports.intake ?? 0, host });
  await matching.listen({ port: ports.matching ?? 0, host });
  await notification.listen({ port: ports.notification ?? 0, host });
  const gateway = buildGateway({
    staffTokens,
    // The staff screens offer the identity platform's sign-in where intake has it.
    screens: { oidcSignIn: options.intake?.oidc !== undefined },
    ...options.gateway,
    logger,
    upstreams: { intake: urlOf(intake), matching: urlOf(matching), notification: urlOf(notification) },
  });
  await gateway.listen({ port: ports.gateway ?? 0, host });
  return {
    db,
    staffTokens,
    gatewayUrl: urlOf(gateway),
    services: { gateway, intake, matching, notification },
    async close() {
      await gateway.close();
      await Promise.all([intake.close(), matching.close(), notification.close()]);
    },
  };
}

/** Waits until every index consumer of the matching service has applied every event. */
export async function indexSettled(system: RunningSystem) {
  for (let i = 0; i < 200; i++) {
    const ready = (await system.services.matching.inject('/ready')).json();
    const lag = Object.values((ready.checks?.index?.lag ?? {}) as Record<string, number>);
    if (lag.length > 0 && lag.every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the index did not catch up');
}
