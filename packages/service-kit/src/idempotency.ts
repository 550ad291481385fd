import { createHash } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE } from '@duijie/contracts';
import { type Database, idempotencyKeys } from '@duijie/db';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Caller } from './caller.ts';
import { commonErrors } from './common-errors.ts';
import { refuse } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const _sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Whose key it is: the verified principal, so a refreshed token or another spelling of the
 * header is the same caller and two callers' keys never collide — a staff member, an employer
 * (any of its keys), or an anonymous caller's address (the gateway passes the client's on).
 */
const scopeOf = (request: FastifyRequest) => {
  const caller = request.caller as Caller | null;
  if (caller?.kind === 'staff') return `staff:${caller.staffId}`;
  if (caller?.kind === 'employer') return `employer:${caller.employerId}`;
  return `address:${request.ip}`;
};

/**
 * `Idempotency-Key` on POST: the first request with a key reserves it and its answer is kept
 * (for 24 hours); a retry with the same request gets the same answer (`Idempotent-Replayed:
 * true`), the same key with a different request is 422, and a retry while the first is still
 * running is 409. An answer of 5xx is not kept, so the request can be retried.
 */
export const idempotency = fp(
  async (app, { db }: { db: Database }) => {
    app.decorateRequest('idempotency', undefined);

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['idempotency-key'];
      if (request.method !== 'POST' || key === undefined) return;
      if (typeof key !== 'string' || !KEY.test(key)) {
        return refuse(reply, commonErrors.badIdempotencyKey());
      }
      const scope = scopeOf(request);
      // A sheet's bytes as they are: JSON of a Buffer is a list of numbers, megabytes long.
      const body = Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body ?? null);
      const requestHash = createHash('sha256').update(`${request.method} ${request.url} `).update(body).digest('hex');
      const [reserved] = await db
        .insert(idempotencyKeys)
        .values({ scope, key, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (reserved) {
        request.idempotency = { scope, key };
        return;
      }
      const [earlier] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      if (!earlier) return; // removed since: treat the request as new, without a key
      if (earlier.requestHash !== requestHash) {
        return refuse(reply, commonErrors.idempotencyKeyReused());
      }
      if (earlier.status !== 'done') {
        return refuse(reply, commonErrors.idempotencyKeyInProgress());
      }
      const status = earlier.responseStatus ?? 200;
      return reply
        .code(status)
        .header('idempotent-replayed', 'true')
        .type(status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json; charset=utf-8')
        .serializer((body: unknown) => JSON.stringify(body))
        .send(earlier.responseBody);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const held = request.idempotency;
      if (!held) return payload;
      const where = and(eq(idempotencyKeys.scope, held.scope), eq(idempotencyKeys.key, held.key));
      if (reply.statusCode >= 500) {
        await db.delete(idempotencyKeys).where(where);
      } else {
        const body = typeof payload === 'string' ? JSON.parse(payload) : null;
        await db
          .update(idempotencyKeys)
          .set({ status: 'done', responseStatus: reply.statusCode, responseBody: body })
          .where(where);
      }
      return payload;
    });
  },
  { name: 'duijie-idempotency' },
);

/** Forgets keys older than a day. */
export async function forgetIdempotencyKeys(db: Database, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - 86_400_000)));
}
