import { z } from 'zod';

/** The media type of RFC 7396 JSON Merge Patch; every PATCH route takes it as well as application/json. */
export const MERGE_PATCH = 'application/merge-patch+json';

/** A JSON Merge Patch of T: any member may be absent; null removes it; objects are patches in turn. */
export type MergePatch<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: MergePatch<T[K]> | null }
    : T;

const unwrapped = (schema: z.ZodType) =>
  schema instanceof z.ZodDefault ||
  schema instanceof z.ZodPrefault ||
  schema instanceof z.ZodOptional ||
  schema instanceof z.ZodNullable;

/** One member of a patch: the create schema without its default; nullable when the member may be left out. */
function patchMember(member: z.ZodType): z.ZodType {
  let inner = member;
  let description = member.description;
  let removable = false;
  while (unwrapped(inner)) {
    removable = true;
    inner = (inner as z.ZodOptional<z.ZodType>).unwrap();
    description ??= inner.description;
  }
  if (inner instanceof z.ZodObject) inner = patchObject(inner);
  const patch = removable ? inner.nullable().optional() : inner.optional();
  return description ? patch.describe(description) : patch;
}

function patchObject(schema: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, member]) => [key, patchMember(member)]));
  // A new object: the create schema's cross-field checks (wage max ≥ min) hold for the merged record, not the patch.
  return z.strictObject(shape);
}

/**
 * The JSON Merge Patch schema of a create schema, recursively: every member optional, no
 * defaults (an absent member is left as it is), `null` allowed where the create schema lets
 * the member be left out (it removes it: back to the default, or absent), unknown members
 * refused. Validate the merged record with the create schema, not the patch alone.
 */
export function patchOf<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<z.ZodType<MergePatch<z.output<Shape[K]>> | null>> }> {
  return patchObject(schema) as never;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7396 §2: the target with the patch applied. A member that is absent is untouched, null
 * removes it, an object merges into the member, anything else (arrays too) replaces it.
 */
export function mergePatch<T>(target: T, patch: unknown): T {
  if (!isObject(patch)) return patch as T;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result as T;
}
