import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiKeys, type Database } from '@duijie/db';
import { and, eq, isNull } from 'drizzle-orm';

/**
 * Employer API keys look like `dj_<prefix>_<secret>`: the prefix finds the row, the whole key
 * is checked against a SHA-256 hash. The secret has 256 bits of entropy, so a fast hash is
 * enough (a slow password hash protects guessable secrets, not random ones).
 */
export function mintKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `dj_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashKey(key) };
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export type KeyOwner = { keyId: string; employerId: string; fairId?: string };

/**
 * The employer a presented key acts for (and, for a booth's key, the one fair it acts at), or
 * null for an unknown, malformed, revoked or expired key.
 */
export async function verifyKey(db: Database, key: string, now: Date): Promise<KeyOwner | null> {
  const prefix = /^dj_([0-9a-f]{12})_[\w-]{43}$/.exec(key)?.[1];
  if (!prefix) return null;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)));
  if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hashKey(key)))) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  // Last use to the minute: a write on every request would cost more than the request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id, employerId: row.employerId, ...(row.fairId ? { fairId: row.fairId } : {}) };
}
