import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiKeys, type Database } from '@duijie/db';
import { HttpProblem } from '@duijie/service-kit';
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

export type KeyOwner = { keyId: string; employerId: string };

/** The employer a presented key acts for, or null for an unknown, malformed or revoked key. */
export async function verifyKey(db: Database, key: string, now: Date): Promise<KeyOwner | null> {
  const prefix = /^dj_([0-9a-f]{12})_[\w-]{43}$/.exec(key)?.[1];
  if (!prefix) return null;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)));
  if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hashKey(key)))) return null;
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  return { keyId: row.id, employerId: row.employerId };
}

/**
 * The employer the request's `Authorization: Bearer` key acts for; null when no key is sent
 * (staff use the API without one until staff tokens come). A key that is sent and not good
 * is refused outright.
 */
export async function keyOwner(db: Database, authorization: string | undefined, now: Date): Promise<KeyOwner | null> {
  if (!authorization) return null;
  const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '';
  const owner = await verifyKey(db, key, now);
  if (!owner) throw new HttpProblem(401, 'invalid-api-key', 'The API key is unknown or revoked');
  return owner;
}

/** A key may act only for its own employer. */
export function mustBeOwn(owner: KeyOwner | null, employerId: string): void {
  if (owner && owner.employerId !== employerId) {
    throw new HttpProblem(403, 'not-your-employer', `This key acts for ${owner.employerId}, not ${employerId}`);
  }
}
