import { z } from 'zod';

/** A bad or missing environment variable: start-up stops with this message. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`, naming every bad or missing variable at once. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env) {
  const result = schema.safeParse(env);
  if (result.success) return result.data as z.output<S>;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      message: issue.message,
    })),
  );
}

export const Port = z.coerce.number().int().min(0).max(65535);
export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** What every service reads. */
export const BaseConfig = z.object({
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: LogLevel,
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL server; unset means embedded PGlite'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('where the embedded default keeps its database and staff token secret when DATABASE_URL is unset'),
  EMBEDDED_DATABASE: z
    .enum(['thread', 'in-process'])
    .default('thread')
    .describe(
      'where PGlite runs when DATABASE_URL is unset: a thread of its own, or (to compare) the services’ event loop',
    ),
  TRUSTED_PROXIES: z
    .string()
    .default('loopback')
    .describe(
      'addresses (comma-separated: loopback, uniquelocal, CIDRs) whose X-Forwarded-For the service believes: the gateway’s',
    ),
  STAFF_TOKEN_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('signs staff tokens; shared by every service (made and kept in DATA_DIR when embedded)'),
});
export type BaseConfig = z.infer<typeof BaseConfig>;

/** For main.ts: a bad configuration prints what is wrong and exits 1, with no stack trace. */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
) {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
