import { ApiKey, ApiKeyCreated, ApiKeyId, ApiKeyInput, EmployerId } from '@duijie/contracts';
import { type ApiKeyRow, apiKeys, auditLog, type Database, newId, publishEvent } from '@duijie/db';
import {
  actorOf,
  type Caller,
  covers,
  mintKey,
  outOfScope,
  problemResponses,
  requireStaff,
  type ServiceApp,
} from '@duijie/service-kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { findEmployer } from '../employers/index.ts';

type Options = { db: Database; clock: () => Date };

const toApiKey = (row: ApiKeyRow) => ({
  id: row.id,
  employerId: row.employerId,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** Keys are managed by staff whose region covers the employer. */
async function staffFor(db: Database, caller: Caller, employerId: string) {
  const staff = requireStaff(caller);
  const employer = await findEmployer(db, employerId);
  if (!covers(staff, employer.regionCode)) throw outOfScope(employer.regionCode, staff.regionCode);
  return { staff, regionCode: employer.regionCode };
}

/** Employer API keys: created (shown once), listed, revoked; each change in the audit log. */
export async function apiKeyRoutes(app: ServiceApp, { db, clock }: Options) {
  const Params = z.object({ employerId: EmployerId });

  app.post(
    '/:employerId/api-keys',
    {
      config: { audited: true },
      schema: {
        tags: ['employers'],
        operationId: 'createApiKey',
        summary:
          '为用人单位创建 API 密钥（密钥只在本次答复中出现） · Create an API key for the employer (the key is shown in this answer only)',
        params: Params,
        body: ApiKeyInput,
        response: { 201: ApiKeyCreated, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { employerId } = request.params;
      const { staff, regionCode } = await staffFor(db, request.caller, employerId);
      const actor = actorOf(staff);
      const minted = mintKey();
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(apiKeys)
          .values({
            id: newId('key'),
            employerId,
            name: request.body.name,
            prefix: minted.prefix,
            hash: minted.hash,
            createdBy: actor,
            createdAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await publishEvent(tx, {
          type: 'api-key.created',
          aggregateType: 'employer',
          aggregateId: employerId,
          payload: { employerId, keyId: inserted.id },
          requestId: request.id,
        });
        await tx.insert(auditLog).values({
          id: newId('aud'),
          actor,
          action: 'api-key.created',
          subjectType: 'employer',
          subjectId: employerId,
          regionCode,
          requestId: request.id,
          detail: { keyId: inserted.id, prefix: inserted.prefix },
        });
        return inserted;
      });
      return reply.code(201).send({ ...toApiKey(row), key: minted.key });
    },
  );

  app.get(
    '/:employerId/api-keys',
    {
      schema: {
        tags: ['employers'],
        operationId: 'listApiKeys',
        summary: "用人单位的 API 密钥列表（不含密钥本身） · List the employer's API keys (never the keys themselves)",
        params: Params,
        response: { 200: z.object({ items: z.array(ApiKey) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await staffFor(db, request.caller, request.params.employerId);
      const rows = await db.select().from(apiKeys).where(eq(apiKeys.employerId, request.params.employerId));
      return { items: rows.map(toApiKey) };
    },
  );

  app.post(
    '/:employerId/api-keys/:keyId/revoke',
    {
      config: { audited: true },
      schema: {
        tags: ['employers'],
        operationId: 'revokeApiKey',
        summary: '吊销 API 密钥：立即失效 · Revoke an API key: it stops working at once',
        params: Params.extend({ keyId: ApiKeyId }),
        response: { 200: ApiKey, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { employerId, keyId } = request.params;
      const { staff, regionCode } = await staffFor(db, request.caller, employerId);
      const actor = actorOf(staff);
      const row = await db.transaction(async (tx) => {
        const [revoked] = await tx
          .update(apiKeys)
          .set({ revokedAt: clock() })
          .where(and(eq(apiKeys.id, keyId), eq(apiKeys.employerId, employerId)))
          .returning();
        if (!revoked) throw errors.apiKeyNotFound(keyId);
        await publishEvent(tx, {
          type: 'api-key.revoked',
          aggregateType: 'employer',
          aggregateId: employerId,
          payload: { employerId, keyId },
          requestId: request.id,
        });
        await tx.insert(auditLog).values({
          id: newId('aud'),
          actor,
          action: 'api-key.revoked',
          subjectType: 'employer',
          subjectId: employerId,
          regionCode,
          requestId: request.id,
          detail: { keyId },
        });
        return revoked;
      });
      return toApiKey(row);
    },
  );
}
