import {
  CandidatePage,
  DemandMatchPage,
  DemandProfile,
  Explanation,
  MatchPage,
  MatchQuery,
  NATIONWIDE,
  SeekerId,
  VacancyId,
} from '@duijie/contracts';
import type { Database } from '@duijie/db';
import { seekersWorthRanking } from '@duijie/demand';
import { expectedMonthly, type RankingEngine, type SeekerProfile } from '@duijie/ranking';
import { demandProfile, seekerProfile, vacancyProfile } from '@duijie/ranking/rows';
import {
  acceptedRegionCodes,
  commonErrors,
  offsetCursor,
  problemResponses,
  regionOf,
  type ServiceApp,
  seekerInScope,
} from '@duijie/service-kit';
import { mapCertificates } from '@duijie/taxonomy';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import type { Lookups } from '../../index/sync.ts';
import { AD_HOC_SEEKER, type Matcher, type Ranked } from '../../matcher.ts';
import { vacancyForCaller } from '../../vacancy-access.ts';
import { candidateSummary, vacancySummary } from '../../views.ts';

type Options = { db: Database; matcher: Matcher; engine: RankingEngine; lookups: Lookups; clock: () => Date };

/** Seekers the engine ranks for one vacancy at most. */
const CANDIDATE_POOL = 2000;

/** Where the next page of a ranked list starts. */
const offsets = offsetCursor('o');

/** A page of matches the matcher ranked from `offset`; the cursor names where the next one starts. */
function page(ranked: Ranked, limit: number, offset: number) {
  return {
    items: ranked.matches.map(({ vacancy, match }) => ({ vacancy: vacancySummary(vacancy), match })),
    nextCursor: ranked.more ? offsets.encode(offset + limit) : null,
    considered: ranked.considered,
    degraded: ranked.degraded,
  };
}

/** Ranked matches both ways, explained: through the gateway at /v1/seekers/…/matches, /v1/matches/… and /v1/vacancies/…/candidates. */
export async function matchRoutes(app: ServiceApp, { db, matcher, engine, lookups, clock }: Options) {
  const Params = z.object({ seekerId: SeekerId });

  app.get(
    '/v1/seekers/:seekerId/matches',
    {
      schema: {
        tags: ['matches'],
        operationId: 'matchSeeker',
        summary:
          '为已登记求职者排序推荐岗位，逐条说明理由（求职者所在地区的工作人员） · Ranked vacancies for a registered seeker, each explained (staff of the seeker’s region)',
        params: Params,
        querystring: MatchQuery,
        response: { 200: MatchPage, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const row = await seekerInScope(db, request.caller, request.params.seekerId);
      const { limit, cursor, ...narrowing } = request.query;
      const offset = offsets.decode(cursor);
      const ranked = await matcher.vacanciesFor(seekerProfile(row, lookups.regions), narrowing, clock(), {
        offset,
        limit,
      });
      return page(ranked, limit, offset);
    },
  );

  app.post(
    '/v1/matches/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['matches'],
        operationId: 'searchMatches',
        summary:
          '为未登记的求职需求排序推荐岗位（如招聘会现场来访者）；不保存任何数据 · Ranked vacancies for a demand not on the list (a walk-in at a fair); nothing is stored',
        body: DemandProfile,
        querystring: MatchQuery,
        response: { 200: DemandMatchPage, ...problemResponses(400, 422) },
      },
    },
    async (request) => {
      const unknownSkills: string[] = [];
      const unknownCertificates: string[] = [];
      const profile = adHocProfile(request.body, lookups, unknownSkills, unknownCertificates);
      const { limit, cursor, ...narrowing } = request.query;
      const offset = offsets.decode(cursor);
      const ranked = await matcher.vacanciesFor(profile, narrowing, clock(), { offset, limit });
      return { ...page(ranked, limit, offset), unknownSkills, unknownCertificates };
    },
  );

  app.get(
    '/v1/matches/explain',
    {
      schema: {
        tags: ['matches'],
        operationId: 'explainMatch',
        summary:
          '一个求职者与一个岗位：解释得分，或说明排除二者的硬性条件 · One seeker and one vacancy: the score explained, or the hard constraints that exclude the pair',
        querystring: z.object({ seeker: SeekerId, vacancy: VacancyId }),
        response: { 200: Explanation, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const row = await seekerInScope(db, request.caller, request.query.seeker);
      const [found] = await matcher.vacancyRows([request.query.vacancy]);
      if (!found) throw errors.vacancyNotFound(request.query.vacancy);
      const evaluation = engine.evaluate(
        seekerProfile(row, lookups.regions),
        vacancyProfile(found.vacancy, found.employer),
        clock(),
      );
      return {
        seekerId: row.id,
        vacancyId: found.vacancy.id,
        ...(evaluation.ok
          ? { ok: true, match: evaluation.match }
          : {
              ok: false,
              rejections: evaluation.rejections.map((r) => ({ constraint: r.constraint, reason: r.reason })),
            }),
      };
    },
  );

  app.get(
    '/v1/vacancies/:vacancyId/candidates',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['matches'],
        operationId: 'listCandidates',
        summary:
          '为岗位排序推荐求职者：供其用人单位（姓名脱敏）和所在地区的工作人员查看 · Ranked seekers for a vacancy: for its employer (names masked) and for staff of its region',
        params: z.object({ vacancyId: VacancyId }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: CandidatePage, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { vacancy, employer, caller } = await vacancyForCaller(matcher, request.caller, request.params.vacancyId);
      const pool = await seekersWorthRanking(db, vacancy, {
        taxonomy: lookups.taxonomy,
        regions: lookups.regions,
        within: caller.kind === 'staff' ? caller.regionCode : NATIONWIDE,
        limit: CANDIDATE_POOL,
      });
      const now = clock();
      const ranked = engine.rankSeekers(
        vacancyProfile(vacancy, employer),
        pool.map((s) => seekerProfile(s, lookups.regions)),
        { now, limit: request.query.limit },
      );
      const byId = new Map(pool.map((s) => [s.id, s]));
      return {
        considered: pool.length,
        items: ranked.flatMap((match) => {
          const s = byId.get(match.seekerId);
          if (!s) return [];
          return [
            {
              seeker: candidateSummary(s, caller, now),
              match,
            },
          ];
        }),
      };
    },
  );
}

/**
 * A demand from the request, as the engine sees it: skills mapped to codes, the wage monthly.
 * Skills and certificates the taxonomy does not know are listed in `unknownSkills` and `unknownCertificates`.
 */
const RESIDENCE = { in: 'body', code: 'residenceRegionCode', name: 'residence' } as const;

function adHocProfile(
  input: z.infer<typeof DemandProfile>,
  lookups: Lookups,
  unknownSkills: string[],
  unknownCertificates: string[],
): SeekerProfile {
  const residence = regionOf(lookups.regions, { code: input.residenceRegionCode, name: input.residence }, RESIDENCE);
  if (!residence) throw commonErrors.regionRequired(RESIDENCE);
  const expected = input.demand.expectedWage;
  return {
    id: AD_HOC_SEEKER,
    birthDate: input.birthDate ?? null,
    education: input.education ?? null,
    residenceRegionCode: residence,
    location: lookups.regions.point(residence),
    priorityGroups: input.priorityGroups,
    skills: input.skills.map((s) => {
      const code = s.code ?? lookups.taxonomy.resolveSkill(s.name)?.code;
      if (!code) unknownSkills.push(s.name);
      return { ...s, code };
    }),
    certificates: mapCertificates(input.certificates, lookups.taxonomy, unknownCertificates),
    drivingLicences: input.drivingLicences.map((l) => ({
      code: lookups.taxonomy.resolveCertificate(l.licence)?.code ?? l.licence,
      issuedOn: l.issuedOn,
    })),
    demand: demandProfile({
      ...input.demand,
      acceptedRegions: acceptedRegionCodes(lookups.regions, input.demand.acceptedRegions, {
        in: 'body',
        field: 'demand.acceptedRegions',
      }),
      expectedMonthlyWage: expectedMonthly(expected),
    }),
  };
}
