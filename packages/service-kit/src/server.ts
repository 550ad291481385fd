import { type DatabaseHandle, openDatabase } from '@duijie/db';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { StaffTokens } from './caller.ts';
import { type BaseConfig, loadConfigOrExit } from './config.ts';
import { embeddedPaths, staffTokensFor } from './embedded.ts';
import { createLogger, type Logger } from './logger.ts';

export type Closable = { close(): Promise<unknown> };
type ShutdownLog = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

/**
 * Closes everything, in order, on SIGTERM/SIGINT or a fatal error, giving in-flight
 * requests `delayMs` to finish.
 */
export function closeOnSignals(closables: Closable[], log: ShutdownLog, delayMs = 10_000): Shutdown {
  const shutdown = { closing: false };
  closeWithGrace({ delay: delayMs }, async ({ signal, err }) => {
    shutdown.closing = true;
    if (err) log.error({ err }, 'shutting down after a fatal error');
    else log.info({ signal }, 'shutting down');
    for (const c of closables) await c.close();
  });
  return shutdown;
}

/** Whether a signal (or a fatal error) has begun closing: work still running then fails for that reason. */
export type Shutdown = { readonly closing: boolean };

export type RunServiceOptions<C extends { PORT: number; HOST: string; LOG_LEVEL: string }> = {
  name: string;
  config: C;
  /** Opens the service's resources and builds its app; `closables` are closed after the app. */
  start(logger: Logger): Promise<{ app: FastifyInstance; closables?: Closable[] }>;
};

/** What every service's main.ts does: log, build, close on signals, listen. */
export async function runService<C extends { PORT: number; HOST: string; LOG_LEVEL: string }>(
  options: RunServiceOptions<C>,
): Promise<FastifyInstance> {
  const logger = createLogger({ level: options.config.LOG_LEVEL, name: options.name });
  const { app, closables = [] } = await options.start(logger);
  closeOnSignals([app, ...closables], app.log);
  await app.listen({ port: options.config.PORT, host: options.config.HOST });
  return app;
}

/**
 * main.ts of a service that owns a database connection: reads its config, opens the
 * database (PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR), builds and listens.
 * Alone on PGlite, the process has a database of its own: `pnpm start` shares one instead.
 */
export async function runDatabaseService<C extends BaseConfig & { PORT: number }>(
  name: string,
  schema: z.ZodType<C>,
  build: (deps: {
    db: DatabaseHandle;
    logger: Logger;
    config: C;
    staffTokens: StaffTokens;
    trustedProxies: string;
  }) => FastifyInstance,
): Promise<FastifyInstance> {
  const config = loadConfigOrExit(schema);
  return runService({
    name,
    config,
    async start(logger) {
      const staffTokens = staffTokensFor(config);
      const db = await openDatabase({
        url: config.DATABASE_URL,
        dataDir: embeddedPaths(config.DATA_DIR).database,
        embedded: config.EMBEDDED_DATABASE,
      });
      const app = build({ db, logger, config, staffTokens, trustedProxies: config.TRUSTED_PROXIES });
      return { app, closables: [db] };
    },
  });
}
