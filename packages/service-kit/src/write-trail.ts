import { auditLog, type Database, employers, newId } from '@duijie/db';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorOf } from './caller.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route writes its own audit trail entry (with more detail): no `write` record for it. */
    audited?: boolean;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every change made through /v1 by staff or an employer's key, on the audit trail with who
 * made it: `write:` records naming the operation and the ids in its path (never the body, and
 * no other path parameter: some are secrets such as an unsubscribe token). Changes with a
 * trail entry of their own (an account disabled, a key revoked) say so (`config.audited`) and
 * are recorded by their own entry only. The region is the staff member's, or the employer's for a key, so a region's
 * admin reads what their staff and their employers did (GET /v1/audit). Written once the
 * answer is sent: a failure to write it is logged and never undoes the change.
 */
export function recordWrites(app: FastifyInstance, db: Database) {
  // What a write made: the first id its answer names (`"id":"vac_…"`), the subject of a POST
  // whose path names none.
  const made = new WeakMap<object, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (WRITES.has(request.method) && reply.statusCode < 300 && typeof payload === 'string') {
      const id = /"id":"([a-z]{3}_[0-9a-f]{32})"/.exec(payload)?.[1];
      if (id) made.set(request, id);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!WRITES.has(request.method) || reply.statusCode >= 400 || !route?.startsWith('/v1/')) return;
    if (request.routeOptions.config?.audited) return;
    const caller = request.caller;
    if (!caller || caller.kind === 'anonymous') return;
    const ids = Object.fromEntries(
      Object.entries((request.params ?? {}) as Record<string, string>).filter(([name]) => /(?:^id|Id)$/.test(name)),
    );
    try {
      await db.insert(auditLog).values({
        id: newId('aud'),
        actor: actorOf(caller),
        action: `write:${request.method} ${route}`,
        subjectType: 'request',
        subjectId: made.get(request) ?? Object.values(ids).at(-1) ?? route,
        regionCode:
          caller.kind === 'staff'
            ? caller.regionCode
            : sql`(${db.select({ r: employers.regionCode }).from(employers).where(eq(employers.id, caller.employerId))})`,
        requestId: request.id,
        detail: {
          status: reply.statusCode,
          ...(Object.keys(ids).length > 0 ? { ids } : {}),
          ...(made.has(request) ? { made: made.get(request) } : {}),
        },
      });
    } catch (err) {
      request.log.warn({ err }, 'the audit trail did not record a write');
    }
  });
}
