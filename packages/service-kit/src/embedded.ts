import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StaffTokens } from './caller.ts';
import { type BaseConfig, ConfigError } from './config.ts';

/** What the embedded default keeps in DATA_DIR: the PGlite cluster, and the staff token secret. */
export const embeddedPaths = (dataDir: string) => ({
  database: join(dataDir, 'pglite'),
  staffSecret: join(dataDir, 'staff-token.secret'),
});

/**
 * The staff token signer/checker. With STAFF_TOKEN_SECRET set, every service shares it; on the
 * embedded default without one, a secret is made on first start and kept in DATA_DIR, so tokens
 * survive a restart. Against a PostgreSQL server the services run apart and must be told it.
 */
export function staffTokensFor(config: BaseConfig): StaffTokens {
  if (config.STAFF_TOKEN_SECRET) return new StaffTokens(config.STAFF_TOKEN_SECRET);
  if (config.DATABASE_URL) {
    throw new ConfigError([
      { variable: 'STAFF_TOKEN_SECRET', message: 'required with DATABASE_URL: every service must share it' },
    ]);
  }
  const file = embeddedPaths(config.DATA_DIR).staffSecret;
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return new StaffTokens(readFileSync(file, 'utf8').trim());
}
