import { z } from 'zod';
import { ApiKeyId, EmployerId, Timestamp } from './common.ts';

export const ApiKeyInput = z
  .object({ name: z.string().min(1).max(60).describe('what the key is for, e.g. 招聘系统对接') })
  .strict();

/** An employer API key as listed: never the key itself. */
export const ApiKey = z
  .object({
    id: ApiKeyId,
    employerId: EmployerId,
    name: z.string(),
    prefix: z.string().describe('the part of the key after dj_, to tell keys apart'),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

/** The answer to creating a key: the only time the key is shown. */
export const ApiKeyCreated = ApiKey.extend({
  key: z.string().describe('send as Authorization: Bearer <key>; shown once, stored only as a hash'),
}).meta({ id: 'ApiKeyCreated' });
