import { type DatabaseHandle, openDatabase } from '@duijie/db';
import { buildApp as buildGateway } from '@duijie/gateway/app';
import { buildApp as buildIntake } from '@duijie/intake/app';
import { buildApp as buildMatching } from '@duijie/matching/app';
import { buildApp as buildNotification } from '@duijie/notification/app';
import {
  BaseConfig,
  embeddedPaths,
  type Logger,
  Port,
  type ServiceApp,
  type StaffTokens,
  staffTokensFor,
} from '@duijie/service-kit';

export const SystemConfig = BaseConfig.extend({
  GATEWAY_PORT: Port.default(8080),
  INTAKE_PORT: Port.default(8081),
  MATCHING_PORT: Port.default(8082),
  NOTIFICATION_PORT: Port.default(8083),
});
export type SystemConfig = ReturnType<typeof SystemConfig.parse>;

export type RunningSystem = {
  db: DatabaseHandle;
  staffTokens: StaffTokens;
  gatewayUrl: string;
  services: Record<'gateway' | 'intake' | 'matching' | 'notification', ServiceApp>;
  close(): Promise<void>;
};

const urlOf = (app: ServiceApp) => {
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
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: embeddedPaths(config.DATA_DIR).database });
  const intake = buildIntake({ db, logger, staffTokens });
  const matching = buildMatching({ db, logger });
  const notification = buildNotification({ db, logger });
  await intake.listen({ port: config.INTAKE_PORT, host: config.HOST });
  await matching.listen({ port: config.MATCHING_PORT, host: config.HOST });
  await notification.listen({ port: config.NOTIFICATION_PORT, host: config.HOST });
  const gateway = buildGateway({
    logger,
    upstreams: { intake: urlOf(intake), matching: urlOf(matching), notification: urlOf(notification) },
  });
  await gateway.listen({ port: config.GATEWAY_PORT, host: config.HOST });
  return {
    db,
    staffTokens,
    gatewayUrl: urlOf(gateway),
    services: { gateway, intake, matching, notification },
    async close() {
      await gateway.close();
      await Promise.all([intake.close(), matching.close(), notification.close()]);
      await db.close();
    },
  };
}
