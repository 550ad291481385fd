import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ViewerInput } from '@duijie/contracts';
import { type Database, type LivestreamViewerRow, livestreamViewers, newId, seekers } from '@duijie/db';
import {
  type Caller,
  commonErrors,
  covers,
  type HttpProblem,
  hashKey,
  maskPhone,
  regionOf,
  requireStaff,
} from '@duijie/service-kit';
import { simplify } from '@duijie/taxonomy';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import type { Lookups } from '../index/sync.ts';

const RESIDENCE = { in: 'body', code: 'regionCode', name: 'region' } as const;

/** The header a viewer's client sends its token in. */
export const VIEWER_TOKEN_HEADER = 'x-viewer-token';

/**
 * A viewer's token: `vwt_` and 256 random bits, handed out once at registration and kept by
 * the viewer's client; stored as SHA-256 only (a random secret needs no slow hash).
 */
const mintViewerToken = () => {
  const token = `vwt_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashKey(token) };
};

const holds = (viewer: Pick<LivestreamViewerRow, 'tokenHash'>, token: string | undefined) => {
  if (!token || !viewer.tokenHash) return false;
  return timingSafeEqual(Buffer.from(viewer.tokenHash), Buffer.from(hashKey(token)));
};

/** The token a request presents, if any. */
export const presentedToken = (headers: Record<string, string | string[] | undefined>) => {
  const value = headers[VIEWER_TOKEN_HEADER];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Who before what, for the routes a viewer uses without logging in: a caller with neither
 * staff or employer credentials nor a viewer token is 401 before the body is read (the
 * token itself is checked against the viewer by the handler). With `viewerOnly`, even
 * staff and employers must send the token (a viewer's own list is the viewer's).
 */
export const viewerTokenFirst =
  ({ viewerOnly = false } = {}) =>
  async (request: FastifyRequest) => {
    if (!viewerOnly && request.caller.kind !== 'anonymous') return;
    mustSendToken(presentedToken(request.headers));
  };

const mustSendToken = (token: string | undefined) => {
  if (!token) {
    throw errors.viewerTokenRequired(VIEWER_TOKEN_HEADER);
  }
};

export type Registration = { row: LivestreamViewerRow; existing: boolean; unknownSkills: string[]; token?: string };

/** A viewer as answers show them: the call-back number masked. */
export const viewerFields = (row: LivestreamViewerRow) => ({
  id: row.id,
  livestreamId: row.livestreamId,
  regionCode: row.regionCode,
  skillCodes: row.skillCodes,
  expectedMonthlyWage: row.expectedMonthlyWage,
  seekerId: row.seekerId,
  callback:
    row.callbackPhone && row.callbackConsentedAt
      ? { phone: maskPhone(row.callbackPhone), consentedAt: row.callbackConsentedAt.toISOString() }
      : null,
  registeredAt: row.registeredAt.toISOString(),
});

export const viewerView = ({ row, existing, unknownSkills, token }: Registration) => ({
  ...viewerFields(row),
  existing,
  unknownSkills,
  ...(token ? { viewerToken: token } : {}),
});

/**
 * A viewer registers from the stream. The first registration of a platform user in a session
 * creates the viewer and hands out its token, once. Registering again is the same viewer only
 * for whoever shows that token: a platform id is no secret (it shows in the platform's pages),
 * so knowing one must not hand over the viewer — least of all one that staff linked to a
 * seeker, whose list and intents carry the seeker's name. A token is never issued again.
 * The place may be a name; skills the taxonomy does not know are answered back, not dropped
 * in silence. A call-back number is kept with the moment of consent (a viewer coming back
 * with their token may leave or change it).
 */
export async function registerViewer(
  db: Database,
  livestreamId: string,
  input: z.infer<typeof ViewerInput>,
  context: { caller: Caller; token: string | undefined; lookups: Lookups; now: Date },
): Promise<Registration> {
  const { lookups } = context;
  const regionCode = regionOf(lookups.regions, { code: input.regionCode, name: input.region }, RESIDENCE);
  if (!regionCode) throw commonErrors.regionRequired(RESIDENCE);
  if (input.seekerId) {
    // Only staff who may see the seeker link a viewer to them; anyone else is told of no one.
    const staff = requireStaff(context.caller);
    const [seeker] = await db
      .select({ region: seekers.residenceRegionCode })
      .from(seekers)
      .where(eq(seekers.id, input.seekerId));
    if (!seeker || !covers(staff, seeker.region)) throw errors.seekerNotFound(input.seekerId);
  }
  const unknownSkills: string[] = [];
  const skillCodes = new Set<string>();
  for (const name of input.skills) {
    const code = lookups.taxonomy.resolveSkill(name)?.code;
    if (code) skillCodes.add(code);
    else unknownSkills.push(simplify(name));
  }
  const callback = input.callback ? { callbackPhone: input.callback.phone, callbackConsentedAt: context.now } : {};
  const minted = mintViewerToken();
  const [inserted] = await db
    .insert(livestreamViewers)
    .values({
      id: newId('vwr'),
      livestreamId,
      platformUserId: input.platformUserId,
      seekerId: input.seekerId ?? null,
      regionCode,
      skillCodes: [...skillCodes],
      expectedMonthlyWage: input.expectedMonthlyWage ?? null,
      tokenHash: minted.hash,
      registeredAt: context.now,
      ...callback,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { row: inserted, existing: false, unknownSkills, token: minted.token };
  const [existing] = await db
    .select()
    .from(livestreamViewers)
    .where(
      and(eq(livestreamViewers.livestreamId, livestreamId), eq(livestreamViewers.platformUserId, input.platformUserId)),
    );
  if (!existing) throw new Error('viewer neither inserted nor found');
  if (!holds(existing, context.token)) {
    throw errors.viewerRegisteredAlready(VIEWER_TOKEN_HEADER);
  }
  if (!input.callback) return { row: existing, existing: true, unknownSkills };
  const [updated] = await db
    .update(livestreamViewers)
    .set(callback)
    .where(eq(livestreamViewers.id, existing.id))
    .returning();
  return { row: updated ?? existing, existing: true, unknownSkills };
}

/** The session's viewer, or `notFound()`. */
export async function viewerIn(db: Database, livestreamId: string, viewerId: string, notFound: () => HttpProblem) {
  const [viewer] = await db
    .select()
    .from(livestreamViewers)
    .where(and(eq(livestreamViewers.id, viewerId), eq(livestreamViewers.livestreamId, livestreamId)));
  if (!viewer) throw notFound();
  return viewer;
}

/** 401 unless the request shows this viewer's token: a viewer id alone is not the viewer. */
export function mustHoldToken(viewer: LivestreamViewerRow, token: string | undefined) {
  mustSendToken(token);
  if (!holds(viewer, token)) throw errors.invalidViewerToken();
}
