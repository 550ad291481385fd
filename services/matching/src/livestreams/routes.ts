import {
  HostControlsChange,
  Intent,
  IntentInput,
  Lineup,
  LineupQuery,
  Livestream,
  LivestreamId,
  LivestreamInput,
  LivestreamStats,
  VacancyId,
  Viewer,
  ViewerId,
  ViewerInput,
  ViewerJobs,
} from '@duijie/contracts';
import {
  type Database,
  type LivestreamRow,
  type LivestreamViewerRow,
  livestreams,
  livestreamVacancies,
  newId,
  queryRows,
  seekers,
  sql,
  updateVersioned,
  vacancies,
} from '@duijie/db';
import { type RankingEngine, seekerProfileDefaults } from '@duijie/ranking';
import { seekerProfile } from '@duijie/ranking/rows';
import {
  actorOf,
  type Caller,
  covers,
  HttpProblem,
  outOfScope,
  PATCH_TYPES,
  problemResponses,
  problems,
  requireStaff,
  type ServiceApp,
} from '@duijie/service-kit';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Lookups } from '../index/sync.ts';
import { intentView, publishLive, recordIntent } from '../live/intents.ts';
import { AD_HOC_SEEKER } from '../routes/matches.ts';
import { vacancySummary } from '../views.ts';
import type { LivestreamSession, LivestreamSessions } from './session.ts';
import {
  mustHoldToken,
  presentedToken,
  registerViewer,
  VIEWER_TOKEN_HEADER,
  viewerIn,
  viewerTokenFirst,
} from './viewers.ts';

type Options = {
  db: Database;
  engine: RankingEngine;
  lookups: Lookups;
  sessions: LivestreamSessions;
  clock: () => Date;
};

const Params = z.object({ livestreamId: LivestreamId });
const encodeOffset = (n: number) => Buffer.from(`l:${n}`).toString('base64url');

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^l:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) {
    throw new HttpProblem(400, 'bad-cursor', 'The cursor is not one this API gave out', [
      { in: 'querystring', field: 'cursor', message: 'not a cursor from a previous page' },
    ]);
  }
  return Number(m[1]);
}

const livestreamView = (row: LivestreamRow, vacancyIds: string[]) => ({
  id: row.id,
  title: row.title,
  host: row.host,
  platform: row.platform,
  regionCode: row.regionCode,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  targetRegions: row.targetRegions,
  targetGroups: row.targetGroups,
  vacancyIds,
  pinnedVacancyIds: row.pinnedVacancyIds,
  presentingVacancyId: row.presentingVacancyId,
  version: row.version,
});

const viewerView = (row: LivestreamViewerRow, existing: boolean, token?: string) => ({
  id: row.id,
  livestreamId: row.livestreamId,
  regionCode: row.regionCode,
  skillCodes: row.skillCodes,
  expectedMonthlyWage: row.expectedMonthlyWage,
  seekerId: row.seekerId,
  registeredAt: row.registeredAt.toISOString(),
  existing,
  ...(token ? { viewerToken: token } : {}),
});

// Loose: the validated headers replace request.headers, and the others must stay.
const ViewerTokenHeader = z.looseObject({
  [VIEWER_TOKEN_HEADER]: z.string().max(100).optional().describe('the viewer token handed out at registration'),
});

/** Staff who run the session: those covering the bureau that holds it. */
function runsSession(caller: Caller, row: LivestreamRow) {
  const staff = requireStaff(caller);
  if (!covers(staff, row.regionCode)) throw outOfScope(row.regionCode, staff.regionCode);
  return staff;
}

/** 直播带岗: sessions, the host's ranked lineup, viewers and their own lists, intents, statistics. */
export async function livestreamRoutes(app: ServiceApp, { db, engine, lookups, sessions, clock }: Options) {
  const sessionOf = async (id: string): Promise<LivestreamSession> => {
    const session = await sessions.get(id);
    if (!session) throw problems.notFound('livestream', id);
    return session;
  };
  const checkVacancies = async (ids: readonly string[], field: string) => {
    const found = new Set(
      (
        await db
          .select({ id: vacancies.id })
          .from(vacancies)
          .where(inArray(vacancies.id, [...ids]))
      ).map((r) => r.id),
    );
    const errors = ids.flatMap((id, i) =>
      found.has(id) ? [] : [{ in: 'body' as const, field: `${field}.${i}`, message: 'no such vacancy' }],
    );
    if (errors.length > 0) throw problems.unprocessable('unknown-vacancies', 'Some vacancies do not exist', errors);
  };

  app.post(
    '/v1/livestreams',
    {
      schema: {
        tags: ['livestreams'],
        summary: 'Schedule a recruiting livestream with its vacancies (staff of its region)',
        body: LivestreamInput,
        response: { 201: Livestream, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request.caller);
      const { vacancyIds, ...input } = request.body;
      for (const [i, code] of [input.regionCode, ...input.targetRegions].entries()) {
        if (!lookups.regions.get(code)) {
          throw problems.unprocessable('unknown-region', `${code} is not a division code we know`, [
            {
              in: 'body',
              field: i === 0 ? 'regionCode' : `targetRegions.${i - 1}`,
              message: 'not a division code we know',
            },
          ]);
        }
      }
      if (!covers(staff, input.regionCode)) throw outOfScope(input.regionCode, staff.regionCode);
      const unique = [...new Set(vacancyIds)];
      if (unique.length > 0) await checkVacancies(unique, 'vacancyIds');
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(livestreams)
          .values({
            id: newId('liv'),
            ...input,
            startsAt: new Date(input.startsAt),
            endsAt: new Date(input.endsAt),
            createdBy: actorOf(staff),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        if (unique.length > 0) {
          await tx
            .insert(livestreamVacancies)
            .values(unique.map((vacancyId) => ({ livestreamId: inserted.id, vacancyId, addedAt: now })));
        }
        await publishLive(
          tx,
          { kind: 'livestream', id: inserted.id },
          'scheduled',
          {
            startsAt: inserted.startsAt.toISOString(),
            targetRegions: inserted.targetRegions,
            targetGroups: inserted.targetGroups,
            vacancyIds: unique,
          },
          request.id,
        );
        return inserted;
      });
      return reply.code(201).send(livestreamView(row, unique));
    },
  );

  app.get(
    '/v1/livestreams/:livestreamId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['livestreams'],
        summary: 'A livestream session',
        params: Params,
        response: { 200: Livestream, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const stored = await sessions.stored(request.params.livestreamId);
      if (!stored) throw problems.notFound('livestream', request.params.livestreamId);
      return livestreamView(stored.row, stored.vacancyIds);
    },
  );

  app.put(
    '/v1/livestreams/:livestreamId/vacancies',
    {
      schema: {
        tags: ['livestreams'],
        summary: 'Set the session’s vacancies (staff)',
        params: Params,
        body: z.object({ vacancyIds: z.array(VacancyId).max(2000) }),
        response: { 200: Livestream, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const session = await sessionOf(request.params.livestreamId);
      runsSession(request.caller, session.row);
      const wanted = [...new Set(request.body.vacancyIds)];
      if (wanted.length > 0) await checkVacancies(wanted, 'vacancyIds');
      const before = [...session.vacancies.keys()];
      await db.transaction(async (tx) => {
        await tx.delete(livestreamVacancies).where(eq(livestreamVacancies.livestreamId, session.row.id));
        if (wanted.length > 0) {
          await tx
            .insert(livestreamVacancies)
            .values(wanted.map((vacancyId) => ({ livestreamId: session.row.id, vacancyId, addedAt: clock() })));
        }
        await publishLive(
          tx,
          { kind: 'livestream', id: session.row.id },
          'vacancies_changed',
          { vacancyIds: [...new Set([...before, ...wanted])] },
          request.id,
        );
      });
      return livestreamView((await sessionOf(session.row.id)).row, wanted);
    },
  );

  app.patch(
    '/v1/livestreams/:livestreamId/host',
    {
      schema: {
        tags: ['livestreams'],
        summary: 'The host’s controls: pin jobs to the top, move the “presenting now” pointer (staff)',
        params: Params,
        description: 'A JSON Merge Patch: a control left out stays; `null` unpins all or clears the pointer.',
        consumes: PATCH_TYPES,
        body: HostControlsChange,
        response: { 200: Livestream, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const session = await sessionOf(request.params.livestreamId);
      runsSession(request.caller, session.row);
      const { version, ...controls } = request.body;
      const inSession = (id: string) => session.vacancies.has(id);
      const errors = [
        ...(controls.pinnedVacancyIds ?? []).flatMap((id, i) =>
          inSession(id)
            ? []
            : [{ in: 'body' as const, field: `pinnedVacancyIds.${i}`, message: 'not in this session' }],
        ),
        ...(controls.presentingVacancyId && !inSession(controls.presentingVacancyId)
          ? [{ in: 'body' as const, field: 'presentingVacancyId', message: 'not in this session' }]
          : []),
      ];
      if (errors.length > 0)
        throw problems.unprocessable('not-in-session', 'Only the session’s vacancies can be shown', errors);
      const row = await db.transaction(async (tx) => {
        const updated = await updateVersioned(tx, livestreams, session.row.id, version, {
          ...(controls.pinnedVacancyIds !== undefined
            ? { pinnedVacancyIds: [...new Set(controls.pinnedVacancyIds ?? [])] }
            : {}),
          ...(controls.presentingVacancyId !== undefined ? { presentingVacancyId: controls.presentingVacancyId } : {}),
          updatedAt: clock(),
        });
        await publishLive(
          tx,
          { kind: 'livestream', id: updated.id },
          'lineup_changed',
          { pinnedVacancyIds: updated.pinnedVacancyIds, presentingVacancyId: updated.presentingVacancyId },
          request.id,
        );
        return updated;
      });
      sessions.wrote(row);
      return livestreamView(row, [...session.vacancies.keys()]);
    },
  );

  app.get(
    '/v1/livestreams/:livestreamId/lineup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['livestreams'],
        summary:
          'The host’s ranked job list: pinned jobs first, then the session’s vacancies for its audience, with diversity',
        description:
          'Ranked for the viewers who registered interest (grouped by home prefecture, trades and wage), or for the ' +
          'session’s target regions and groups while none have. New viewers change it at most once a second; a ' +
          'changed vacancy or host control at once. Send `If-None-Match` with the last ETag: 304 when nothing changed.',
        params: Params,
        querystring: LineupQuery,
        response: { 200: Lineup, 304: z.null().describe('not changed'), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const now = clock();
      const session = await sessions.lineup(request.params.livestreamId, now);
      if (!session) throw problems.notFound('livestream', request.params.livestreamId);
      const { limit, cursor } = request.query;
      const offset = decodeOffset(cursor);
      const etag = `W/"${session.row.id}-${session.version}-${session.row.version}-${offset}-${limit}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      const presenting = session.row.presentingVacancyId;
      const items = session.lineup.slice(offset, offset + limit).flatMap((entry, i) => {
        const v = session.vacancies.get(entry.vacancyId);
        if (!v) return [];
        return [
          {
            position: offset + i + 1,
            vacancy: vacancySummary(v.vacancy),
            pinned: entry.pinned,
            presenting: entry.vacancyId === presenting,
            interest: entry.interest,
            reach: Math.round(entry.reach),
          },
        ];
      });
      return {
        livestreamId: session.row.id,
        items,
        nextCursor: offset + limit < session.lineup.length ? encodeOffset(offset + limit) : null,
        presentingVacancyId: presenting,
        audience: { viewers: session.viewersCounted, basis: session.basis },
        asOf: new Date(session.computedAt || now.getTime()).toISOString(),
      };
    },
  );

  app.post(
    '/v1/livestreams/:livestreamId/viewers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['livestreams'],
        summary: 'A viewer registers interest from the stream (short link or QR code): no login',
        description:
          'The first registration answers a `viewerToken`, once: the viewer’s client keeps it and sends it as ' +
          `\`${VIEWER_TOKEN_HEADER}\` for the viewer’s own list and intents. Registering the same \`platformUserId\` ` +
          'again is the same viewer (200, `existing: true`, no token) only with that token; without it, 409. ' +
          'Only staff who may see a seeker link a viewer to them.',
        params: Params,
        headers: ViewerTokenHeader,
        body: ViewerInput,
        response: { 201: Viewer, 200: Viewer, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const session = await sessionOf(request.params.livestreamId);
      const { row, existing, token } = await registerViewer(db, session.row.id, request.body, {
        caller: request.caller,
        token: presentedToken(request.headers),
        lookups,
        now: clock(),
      });
      return reply.code(existing ? 200 : 201).send(viewerView(row, existing, token));
    },
  );

  app.get(
    '/v1/livestreams/:livestreamId/viewers/:viewerId/jobs',
    {
      config: { access: 'public' },
      onRequest: viewerTokenFirst({ viewerOnly: true }),
      schema: {
        tags: ['livestreams'],
        summary: 'A viewer’s own ranked list of the session’s jobs, explained (with the viewer’s token)',
        params: Params.extend({ viewerId: ViewerId }),
        headers: ViewerTokenHeader,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: ViewerJobs, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const session = await sessionOf(request.params.livestreamId);
      const { viewerId } = request.params;
      const viewer = await viewerIn(db, session.row.id, viewerId, () => problems.notFound('viewer', viewerId));
      mustHoldToken(viewer, presentedToken(request.headers));
      const [seeker] = viewer.seekerId ? await db.select().from(seekers).where(eq(seekers.id, viewer.seekerId)) : [];
      // A viewer not on the demand list is ranked as an ad-hoc demand, under the id such matches carry.
      const profile = seeker
        ? seekerProfile(seeker, lookups.regions)
        : seekerProfileDefaults({
            id: AD_HOC_SEEKER,
            residenceRegionCode: viewer.regionCode,
            location: lookups.regions.point(viewer.regionCode),
            skills: viewer.skillCodes.map((code) => ({ code, name: lookups.taxonomy.skill(code)?.name ?? code })),
            // As for the audience: a viewer naming a licensed trade is taken to hold its licence
            // until they register, when it is checked.
            certificates: lookups.taxonomy.requiredCertificates(viewer.skillCodes),
            demand: { regionScope: 'anywhere', expectedMonthlyWage: viewer.expectedMonthlyWage },
          });
      const matches = engine.rankPreparedVacancies(
        profile,
        [...session.vacancies.values()].map((v) => v.prepared),
        { now: clock(), limit: request.query.limit },
      );
      return {
        viewerId: viewer.id,
        items: matches.flatMap((match) => {
          const v = session.vacancies.get(match.vacancyId);
          return v
            ? [{ vacancy: vacancySummary(v.vacancy), match: { ...match, seekerId: seeker?.id ?? match.seekerId } }]
            : [];
        }),
      };
    },
  );

  app.post(
    '/v1/livestreams/:livestreamId/intents',
    {
      config: { access: 'public' },
      onRequest: viewerTokenFirst(),
      schema: {
        tags: ['livestreams'],
        summary: 'An intent from the stream: a viewer and one of the session’s vacancies',
        description:
          'By the viewer (with their viewer token), the vacancy’s employer, or staff who run the session. ' +
          'Once per viewer and vacancy.',
        params: Params,
        headers: ViewerTokenHeader,
        body: IntentInput,
        response: { 201: Intent, 200: Intent, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const session = await sessionOf(request.params.livestreamId);
      const { viewerId, vacancyId } = request.body;
      if (!viewerId) throw problems.invalid([{ in: 'body', field: 'viewerId', message: 'required at a livestream' }]);
      const vacancy = session.vacancies.get(vacancyId)?.vacancy;
      if (!vacancy) {
        throw problems.unprocessable('not-in-session', 'This vacancy is not in this livestream', [
          { in: 'body', field: 'vacancyId', message: 'not in this session' },
        ]);
      }
      const { caller } = request;
      if (caller.kind === 'employer' && caller.employerId !== vacancy.employerId) {
        throw new HttpProblem(403, 'not-your-employer', `This key acts for ${caller.employerId}, not this vacancy`);
      }
      if (caller.kind === 'staff') runsSession(caller, session.row);
      const viewer = await viewerIn(db, session.row.id, viewerId, () =>
        problems.unprocessable('not-a-viewer', 'No such viewer registered in this livestream', [
          { in: 'body', field: 'viewerId', message: 'not registered here' },
        ]),
      );
      // Anyone else is the viewer, and shows it with their token.
      if (caller.kind === 'anonymous') mustHoldToken(viewer, presentedToken(request.headers));
      const result = await db.transaction((tx) =>
        recordIntent(
          tx,
          { kind: 'livestream', id: session.row.id },
          {
            personId: viewerId,
            vacancyId,
            employerId: vacancy.employerId,
            recordedBy: caller.kind === 'anonymous' ? `viewer:${viewerId}` : actorOf(caller),
            now: clock(),
          },
          request.id,
        ),
      );
      return reply.code(result.existing ? 200 : 201).send(intentView(result));
    },
  );

  app.get(
    '/v1/livestreams/:livestreamId/stats',
    {
      config: { access: 'public' },
      schema: {
        tags: ['livestreams'],
        summary: 'Viewers who registered interest, of them on the demand list, and intents by vacancy',
        params: Params,
        response: { 200: LivestreamStats, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const session = await sessionOf(request.params.livestreamId);
      const id = session.row.id;
      const [viewers] = await queryRows<{ viewers: number; registrations: number }>(
        db,
        sql`select count(*)::int as viewers, count(seeker_id)::int as registrations from livestream_viewers where livestream_id = ${id}`,
      );
      const byVacancy = await queryRows<{ vacancy_id: string; count: number }>(
        db,
        sql`select vacancy_id, count(*)::int as count from intents where context_id = ${id} group by vacancy_id order by count(*) desc, vacancy_id`,
      );
      return {
        livestreamId: id,
        viewers: viewers?.viewers ?? 0,
        registrations: viewers?.registrations ?? 0,
        intents: byVacancy.reduce((sum, r) => sum + r.count, 0),
        intentsByVacancy: byVacancy.map((r) => ({ vacancyId: r.vacancy_id, count: r.count })),
      };
    },
  );
}
