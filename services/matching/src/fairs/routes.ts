import {
  Booth,
  BoothInput,
  Checkin,
  CheckinInput,
  EmployerId,
  Fair,
  FairAssignment,
  FairCandidates,
  FairId,
  FairInput,
  FairStats,
  Intent,
  IntentInput,
  SeekerId,
} from '@duijie/contracts';
import { type Database, type FairRow, fairCheckins, fairs, newId, type SeekerRow } from '@duijie/db';
import { assignRecommendations, type Match, type RankingEngine, rankFair } from '@duijie/ranking';
import { seekerProfile } from '@duijie/ranking/rows';
import {
  actorOf,
  covers,
  outOfScope,
  problemResponses,
  problems,
  requireStaff,
  type ServiceApp,
} from '@duijie/service-kit';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Lookups } from '../index/sync.ts';
import { intentView, publishLive, recordIntent } from '../live/intents.ts';
import { candidateSummary, vacancySummary } from '../views.ts';
import { actsAtFair, keepsBooth, runsFair } from './access.ts';
import { identifyArrival } from './arrival.ts';
import { boothsOf, takeBooth } from './booths.ts';
import type { FairQrCodes } from './qr.ts';
import { seekerAtFair } from './reach.ts';
import { slipHtml } from './slip.ts';
import { fairStats } from './stats.ts';
import type { FairSupplies, FairSupply } from './supply.ts';
import { PER_POST } from './supply.ts';

type Options = {
  db: Database;
  engine: RankingEngine;
  lookups: Lookups;
  supplies: FairSupplies;
  qr: FairQrCodes;
  clock: () => Date;
};

/** Vacancies recommended to a seeker on arrival. */
const ON_ARRIVAL = 5;
const FairParams = z.object({ fairId: FairId });

const fairView = (f: FairRow) => ({
  id: f.id,
  name: f.name,
  kind: f.kind,
  venueRegionCode: f.venueRegionCode,
  originRegionCode: f.originRegionCode,
  startsAt: f.startsAt.toISOString(),
  endsAt: f.endsAt.toISOString(),
  targetGroups: f.targetGroups,
  createdAt: f.createdAt.toISOString(),
  version: f.version,
});

/** 招聘会: fairs, booths, check-in with live recommendations, employers' live lists, intents, statistics. */
export async function fairRoutes(app: ServiceApp, { db, engine, lookups, supplies, qr, clock }: Options) {
  const fairOf = async (id: string) => {
    const [row] = await db.select().from(fairs).where(eq(fairs.id, id));
    if (!row) throw problems.notFound('fair', id);
    return row;
  };
  const knownRegion = (code: string | undefined, name: string) => {
    if (code && !lookups.regions.get(code)) {
      throw problems.unprocessable('unknown-region', `${code} is not a division code we know`, [
        { in: 'body', field: name, message: 'not a division code we know' },
      ]);
    }
  };

  app.post(
    '/v1/fairs',
    {
      schema: {
        tags: ['fairs'],
        summary: 'Schedule a job fair (staff of its venue region)',
        body: FairInput,
        response: { 201: Fair, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request.caller);
      const input = request.body;
      knownRegion(input.venueRegionCode, 'venueRegionCode');
      knownRegion(input.originRegionCode, 'originRegionCode');
      if (!covers(staff, input.venueRegionCode)) throw outOfScope(input.venueRegionCode, staff.regionCode);
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(fairs)
          .values({
            id: newId('fai'),
            ...input,
            originRegionCode: input.originRegionCode ?? null,
            startsAt: new Date(input.startsAt),
            endsAt: new Date(input.endsAt),
            createdBy: actorOf(staff),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await publishLive(
          tx,
          { kind: 'fair', id: inserted.id },
          'scheduled',
          { venueRegionCode: inserted.venueRegionCode, startsAt: inserted.startsAt.toISOString() },
          request.id,
        );
        return inserted;
      });
      return reply.code(201).send(fairView(row));
    },
  );

  app.get(
    '/v1/fairs/:fairId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fairs'],
        summary: 'A job fair',
        params: FairParams,
        response: { 200: Fair, ...problemResponses(400, 404) },
      },
    },
    async (request) => fairView(await fairOf(request.params.fairId)),
  );

  app.put(
    '/v1/fairs/:fairId/booths/:employerId',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['fairs'],
        summary:
          'An employer takes a booth with some of its vacancies (the employer’s key, or the fair’s staff of the employer’s region)',
        description:
          'Sending the booth again replaces its vacancies (or moves it to another number): the fair’s supply list is ' +
          'exactly what booths bring. A booth number holds one employer: one another employer holds is 409 naming it.',
        params: FairParams.extend({ employerId: EmployerId }),
        body: BoothInput,
        response: { 200: Booth, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const fair = await fairOf(request.params.fairId);
      const { employerId } = request.params;
      await keepsBooth(db, request.caller, fair, employerId);
      return takeBooth(db, { fairId: fair.id, employerId, ...request.body }, { now: clock(), requestId: request.id });
    },
  );

  app.get(
    '/v1/fairs/:fairId/booths',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fairs'],
        summary: 'The fair’s booths and what each brings',
        params: FairParams,
        response: { 200: z.object({ items: z.array(Booth) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => ({ items: await boothsOf(db, (await fairOf(request.params.fairId)).id) }),
  );

  app.post(
    '/v1/fairs/:fairId/checkins',
    {
      schema: {
        tags: ['fairs'],
        summary:
          'Check a seeker in (ID number, phone, QR code, or a walk-in registered on the spot) and get their best booths',
        description:
          'The answer carries the fair’s best vacancies for the seeker, explained, leaving out vacancies already ' +
          `recommended to ${PER_POST} seekers per open place. Checking in again answers the first check-in (200, \`existing: true\`). ` +
          'An ID number or phone finds only seekers the staff may see (or who checked in at this fair); anyone else is ' +
          'answered as no one. The seeker’s own QR code for this fair finds them wherever they live. A walk-in is ' +
          'registered in the staff’s own region only.',
        params: FairParams,
        body: CheckinInput,
        response: { 201: Checkin, 200: Checkin, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(request.params.fairId);
      const staff = runsFair(request.caller, fair);
      knownRegion(request.body.walkIn?.residenceRegionCode, 'walkIn.residenceRegionCode');
      const supply = await supplies.get(fair.id);
      const now = clock();
      const context = { kind: 'fair' as const, id: fair.id };
      const result = await db.transaction(async (tx) => {
        const arrival = await identifyArrival(tx, fair.id, request.body, {
          caller: staff,
          qr,
          taxonomy: lookups.taxonomy,
          now,
          requestId: request.id,
        });
        const profile =
          supply.seekers.get(arrival.seeker.id)?.prepared.profile ?? seekerProfile(arrival.seeker, lookups.regions);
        const [earlier] = await tx
          .select()
          .from(fairCheckins)
          .where(and(eq(fairCheckins.fairId, fair.id), eq(fairCheckins.seekerId, arrival.seeker.id)));
        if (earlier) {
          const given = new Set(earlier.recommended);
          const matches = engine.rankPreparedVacancies(profile, supply.preparedVacancies, {
            now,
            limit: ON_ARRIVAL,
            admit: (id) => given.has(id),
          });
          return { arrival: { ...arrival, method: earlier.method }, at: earlier.checkedInAt, matches, existing: true };
        }
        const matches = engine.rankPreparedVacancies(profile, supply.preparedVacancies, {
          now,
          limit: ON_ARRIVAL,
          admit: (id) => supply.hasRoom(id),
        });
        const recommended = matches.map((m) => m.vacancyId);
        await tx.insert(fairCheckins).values({
          fairId: fair.id,
          seekerId: arrival.seeker.id,
          method: arrival.method,
          recommended,
          checkedInBy: actorOf(staff),
          checkedInAt: now,
        });
        const levels = lookups.regions.levels(arrival.seeker.residenceRegionCode);
        await publishLive(
          tx,
          context,
          'checked_in',
          {
            seekerId: arrival.seeker.id,
            method: arrival.method,
            registered: arrival.registered,
            recommended,
            priorityGroups: arrival.seeker.priorityGroups,
            originRegionCode: levels.prefecture ?? levels.province ?? arrival.seeker.residenceRegionCode,
          },
          request.id,
        );
        return { arrival, at: now, matches, existing: false };
      });
      return reply.code(result.existing ? 200 : 201).send({
        fairId: fair.id,
        seeker: candidateSummary(result.arrival.seeker, staff, now),
        method: result.arrival.method,
        checkedInAt: result.at.toISOString(),
        existing: result.existing,
        registered: result.arrival.registered,
        recommendations: recommendationsOf(supply, result.matches),
        considered: supply.vacancies.size,
      });
    },
  );

  app.get(
    '/v1/fairs/:fairId/checkins/:seekerId/slip',
    {
      schema: {
        tags: ['fairs'],
        summary: 'A checked-in seeker’s printable slip: their best booths with reasons, and their QR code (HTML)',
        params: FairParams.extend({ seekerId: SeekerId }),
        produces: ['text/html'],
        response: { 200: z.string().describe('an HTML page, A6'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(request.params.fairId);
      runsFair(request.caller, fair);
      const supply = await supplies.get(fair.id);
      const [checkin] = await db
        .select()
        .from(fairCheckins)
        .where(and(eq(fairCheckins.fairId, fair.id), eq(fairCheckins.seekerId, request.params.seekerId)));
      const seeker = await supplies.checkedIn(supply, request.params.seekerId);
      if (!checkin || !seeker) throw problems.notFound('checkin', request.params.seekerId);
      const given = new Set(checkin.recommended);
      const matches = engine.rankPreparedVacancies(seeker.prepared.profile, supply.preparedVacancies, {
        now: clock(),
        limit: ON_ARRIVAL,
        admit: (id) => given.has(id),
      });
      const code = (await qr.image({ fairId: fair.id, kind: 'seeker', id: seeker.row.id }, 'svg')) as string;
      return reply
        .type('text/html; charset=utf-8')
        .send(slipHtml({ fair, seeker: seeker.row, recommendations: recommendationsOf(supply, matches), qrSvg: code }));
    },
  );

  const QrQuery = z.object({
    format: z
      .enum(['svg', 'png', 'text'])
      .default('svg')
      .describe('text: what the code says, for apps that draw their own'),
  });
  const QrCode = z.string().describe('the code as SVG, as PNG (binary), or its text, as `?format=` asks');
  const sendQr = async (
    reply: FastifyReply,
    subject: Parameters<FairQrCodes['image']>[0],
    format: 'svg' | 'png' | 'text',
  ) => {
    if (format === 'text') return reply.type('text/plain; charset=utf-8').send(qr.text(subject));
    return reply.type(format === 'svg' ? 'image/svg+xml' : 'image/png').send(await qr.image(subject, format));
  };

  app.get(
    '/v1/fairs/:fairId/seekers/:seekerId/qr',
    {
      schema: {
        tags: ['fairs'],
        summary: 'A seeker’s QR code for this fair (SVG or PNG): scanned at the door, it checks them in',
        description:
          'For seekers the fair’s staff may see (their region covers the seeker’s), or who checked in at this fair; ' +
          'anyone else is 404, as an id that is no one.',
        params: FairParams.extend({ seekerId: SeekerId }),
        querystring: QrQuery,
        produces: ['image/svg+xml', 'image/png', 'text/plain'],
        response: { 200: QrCode, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(request.params.fairId);
      const seeker = await seekerAtFair(db, runsFair(request.caller, fair), fair.id, request.params.seekerId);
      return sendQr(reply, { fairId: fair.id, kind: 'seeker', id: seeker.id }, request.query.format);
    },
  );

  app.get(
    '/v1/fairs/:fairId/booths/:employerId/qr',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['fairs'],
        summary: 'A booth’s QR code for this fair (SVG or PNG), for the booth’s sign',
        params: FairParams.extend({ employerId: EmployerId }),
        querystring: QrQuery,
        produces: ['image/svg+xml', 'image/png', 'text/plain'],
        response: { 200: QrCode, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(request.params.fairId);
      await keepsBooth(db, request.caller, fair, request.params.employerId);
      return sendQr(reply, { fairId: fair.id, kind: 'booth', id: request.params.employerId }, request.query.format);
    },
  );

  app.get(
    '/v1/fairs/:fairId/candidates',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['fairs'],
        summary: 'An employer’s live list: checked-in seekers ranked for its vacancies at the fair',
        description:
          'With an API key, the key’s employer; staff of the fair name any employer. Names are masked for employers.',
        params: FairParams,
        querystring: z.object({
          employerId: EmployerId.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: FairCandidates, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const fair = await fairOf(request.params.fairId);
      const { caller } = request;
      const employerId = request.query.employerId ?? (caller.kind === 'employer' ? caller.employerId : undefined);
      if (!employerId)
        throw problems.invalid([{ in: 'querystring', field: 'employerId', message: 'required for staff' }]);
      actsAtFair(caller, fair, employerId);
      const supply = await supplies.get(fair.id);
      const now = clock();
      const seekersHere = [...supply.seekers.values()];
      const best = new Map<string, { vacancyId: string; match: Match }>();
      for (const v of supply.vacancies.values()) {
        if (v.vacancy.employerId !== employerId) continue;
        const ranked = engine.rankPreparedSeekers(
          v.prepared,
          seekersHere.map((s) => s.prepared),
          { now, limit: request.query.limit },
        );
        for (const match of ranked) {
          const held = best.get(match.seekerId);
          if (!held || match.score > held.match.score) best.set(match.seekerId, { vacancyId: v.vacancy.id, match });
        }
      }
      const items = [...best.values()]
        .sort((a, b) => b.match.score - a.match.score || a.match.seekerId.localeCompare(b.match.seekerId))
        .slice(0, request.query.limit)
        .map(({ vacancyId, match }) => ({
          seeker: candidateSummary((supply.seekers.get(match.seekerId) as { row: SeekerRow }).row, caller, now),
          vacancyId,
          match,
        }));
      return { employerId, items, considered: seekersHere.length };
    },
  );

  app.get(
    '/v1/fairs/:fairId/assignment',
    {
      schema: {
        tags: ['fairs'],
        summary: 'Recommendations for the whole fair, capacity-aware (staff of the fair)',
        description:
          'Every checked-in seeker against every vacancy (exact top-k), then deferred acceptance: each seeker gets up ' +
          'to `perSeeker` vacancies and no vacancy more than its open places × `perPost` seekers; the result is stable.',
        params: FairParams,
        querystring: z.object({
          perSeeker: z.coerce.number().int().min(1).max(10).default(3),
          perPost: z.coerce.number().int().min(1).max(10).default(2),
        }),
        response: { 200: FairAssignment, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const fair = await fairOf(request.params.fairId);
      runsFair(request.caller, fair);
      const { perSeeker, perPost } = request.query;
      const supply = await supplies.get(fair.id);
      const ranking = rankFair(
        engine,
        [...supply.seekers.values()].map((s) => s.prepared),
        supply.preparedVacancies,
        { k: Math.max(10, perSeeker * 3), now: clock().getTime() },
      );
      const openPosts = new Map([...supply.vacancies.keys()].map((id) => [id, supply.openPlaces(id)]));
      const assignment = assignRecommendations(ranking.forSeeker, openPosts, { perSeeker, perPost });
      return {
        perSeeker,
        perPost,
        seekers: assignment.bySeeker.size,
        vacancies: [...assignment.byVacancy.entries()]
          .filter(([, held]) => held.length > 0)
          .map(([vacancyId, held]) => ({
            vacancyId,
            openPlaces: supply.openPlaces(vacancyId),
            capacity: supply.openPlaces(vacancyId) * perPost,
            seekers: held.map((h) => ({ seekerId: h.id, score: h.score })),
          })),
      };
    },
  );

  app.post(
    '/v1/fairs/:fairId/intents',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['fairs'],
        summary: 'Record an intent (达成意向) between a checked-in seeker and a vacancy at the fair',
        description:
          'By the vacancy’s employer or the fair’s staff. Counted; it fills no place until a placement is confirmed.',
        params: FairParams,
        body: IntentInput,
        response: { 201: Intent, 200: Intent, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(request.params.fairId);
      const { seekerId, vacancyId } = request.body;
      if (!seekerId) throw problems.invalid([{ in: 'body', field: 'seekerId', message: 'required at a fair' }]);
      const supply = await supplies.get(fair.id);
      const vacancy = supply.vacancies.get(vacancyId)?.vacancy;
      if (!vacancy) {
        throw problems.unprocessable('not-at-fair', 'This vacancy is not offered at this fair', [
          { in: 'body', field: 'vacancyId', message: 'not at this fair' },
        ]);
      }
      const caller = actsAtFair(request.caller, fair, vacancy.employerId);
      const seeker = (await supplies.checkedIn(supply, seekerId))?.row;
      if (!seeker) {
        throw problems.unprocessable('not-checked-in', 'This seeker has not checked in at this fair', [
          { in: 'body', field: 'seekerId', message: 'not checked in' },
        ]);
      }
      const result = await db.transaction((tx) =>
        recordIntent(
          tx,
          { kind: 'fair', id: fair.id },
          { personId: seekerId, vacancyId, employerId: vacancy.employerId, recordedBy: actorOf(caller), now: clock() },
          request.id,
          { priorityGroups: seeker.priorityGroups },
        ),
      );
      return reply.code(result.existing ? 200 : 201).send(intentView(result));
    },
  );

  app.get(
    '/v1/fairs/:fairId/stats',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fairs'],
        summary: 'Live statistics, as the bureaus report them: employers, vacancies, posts, seekers, intents',
        params: FairParams,
        response: { 200: FairStats, ...problemResponses(400, 404) },
      },
    },
    async (request) => fairStats(db, (await fairOf(request.params.fairId)).id),
  );
}

/** Matches as a slip or a check-in lists them: the booth, the vacancy, why. */
function recommendationsOf(supply: FairSupply, matches: readonly Match[]) {
  return matches.flatMap((match) => {
    const entry = supply.vacancies.get(match.vacancyId);
    return entry ? [{ booth: entry.booth, vacancy: vacancySummary(entry.vacancy), match }] : [];
  });
}
