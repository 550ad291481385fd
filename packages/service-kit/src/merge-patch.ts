import { MERGE_PATCH, mergePatch } from '@duijie/contracts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { commonErrors } from './common-errors.ts';
import { issueText } from './language.ts';

/** PATCH bodies may say what they are (RFC 7396 §3): read them as JSON. */
export function acceptMergePatch(app: FastifyInstance) {
  app.addContentTypeParser(MERGE_PATCH, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
}

/** The media types a PATCH route's OpenAPI names. */
export const PATCH_TYPES = ['application/json', MERGE_PATCH];

/**
 * A record with a JSON Merge Patch applied, checked as a whole by its create schema (which
 * puts back the default of a removed member): 422 naming the fields the result breaks.
 */
export function applyChange<S extends z.ZodType>(schema: S, current: z.input<S>, patch: unknown): z.output<S> {
  const merged = schema.safeParse(mergePatch(current, patch), { reportInput: true });
  if (merged.success) return merged.data;
  throw commonErrors.changeLeavesInvalid(
    merged.error.issues.map((i) => ({ in: 'body', field: i.path.join('.'), message: issueText(i) })),
  );
}
