import { z } from 'zod';
import { idOf, PageQuery, PlaceName, RegionCode, SeekerId, Timestamp, VacancyId, Version } from './common.ts';
import { MatchResult, VacancySummary } from './match.ts';
import { patchOf } from './patch.ts';
import { PriorityGroup } from './priority-group.ts';
import { say } from './say.ts';
import { Phone } from './seeker.ts';
import { instantInput } from './time.ts';

export const LivestreamId = idOf('liv');
export const ViewerId = idOf('vwr');

export const LivestreamInput = z
  .object({
    title: z.string().min(1).max(120),
    host: z.string().min(1).max(60).describe('the host (主播) as the audience knows them'),
    platform: z.string().min(1).max(30).describe('抖音, 视频号, 快手 …'),
    regionCode: RegionCode.optional().describe('the bureau running the session; or give `region` as a name'),
    region: PlaceName.optional().describe('the bureau running the session, as a place name (凤凰县, 湘西州凤凰县)'),
    // Without a zone: Beijing time (README, "One time zone rule").
    startsAt: instantInput(),
    endsAt: instantInput({ endOfDay: true }),
    targetRegions: z
      .array(PlaceName)
      .max(50)
      .default([])
      .describe('where the audience is wanted from, each a region code or a place name; stored as codes'),
    targetGroups: z.array(PriorityGroup).max(10).default([]),
    vacancyIds: z.array(VacancyId).max(2000).default([]),
  })
  .refine((l) => l.endsAt > l.startsAt, {
    path: ['endsAt'],
    message: say('应晚于开始时间 startsAt', 'must be after startsAt'),
  })
  .refine((l) => l.regionCode !== undefined || l.region !== undefined, {
    path: ['regionCode'],
    message: say('请填写区划代码 regionCode 或地名 region', 'give the regionCode or the region by name'),
  });

export const Livestream = z
  .object({
    id: LivestreamId,
    title: z.string(),
    host: z.string(),
    platform: z.string(),
    regionCode: RegionCode,
    startsAt: Timestamp,
    endsAt: Timestamp,
    targetRegions: z.array(RegionCode),
    targetGroups: z.array(z.string()),
    vacancyIds: z.array(VacancyId),
    pinnedVacancyIds: z.array(VacancyId),
    presentingVacancyId: VacancyId.nullable(),
    version: z.int(),
  })
  .meta({ id: 'Livestream' });

export const HostControls = z.object({
  pinnedVacancyIds: z.array(VacancyId).max(20).optional().describe('shown first, in this order'),
  presentingVacancyId: VacancyId.nullable().optional().describe('the job on screen now; null when none'),
});

/** A change to the host's controls, as a JSON Merge Patch: null unpins all, or clears the pointer. */
export const HostControlsChange = patchOf(HostControls)
  .extend({ version: Version.describe('the version read') })
  .strict();

export const LineupQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const LineupItem = z.object({
  position: z.int().min(1),
  vacancy: VacancySummary,
  pinned: z.boolean(),
  presenting: z.boolean(),
  interest: z.number().describe('mean score over the audience the vacancy can be offered to'),
  reach: z.int().describe('viewers it can be offered to'),
});

export const Lineup = z
  .object({
    livestreamId: LivestreamId,
    items: z.array(LineupItem),
    nextCursor: z.string().nullable(),
    presentingVacancyId: VacancyId.nullable(),
    audience: z.object({
      viewers: z.int().describe('viewers the lineup was ranked for'),
      basis: z.enum(['viewers', 'target']).describe('target: no viewer yet, ranked for the session’s target profile'),
    }),
    asOf: Timestamp,
  })
  .meta({ id: 'Lineup' });

/** A place named where a code is wanted, read at the door as vacancies' places are. */
/** A viewer registering interest from the stream, with the least we need to rank for them. */
export const ViewerInput = z
  .object({
    platformUserId: z
      .string()
      .min(1)
      .max(100)
      .describe('the platform’s id for the viewer: registering twice is one viewer'),
    regionCode: RegionCode.optional().describe('where the viewer lives; or give `region` as a name'),
    region: PlaceName.optional(),
    skills: z.array(z.string().min(1).max(60)).max(10).default([]).describe('what they can do, in their words'),
    expectedMonthlyWage: z.int().min(0).max(1_000_000).optional(),
    seekerId: SeekerId.optional().describe('when the viewer is on the demand list already'),
    callback: z
      .object({
        phone: Phone,
        consent: z.literal(true).describe('the viewer agreed to be called on this number about the session’s jobs'),
      })
      .optional()
      .describe('回电: a mobile number the session’s staff may call back, with the viewer’s consent'),
  })
  .refine((v) => v.regionCode !== undefined || v.region !== undefined, {
    path: ['regionCode'],
    message: say('请填写区划代码 regionCode 或地名 region', 'give the regionCode or the region by name'),
  });

/** A viewer's call-back number as answers show it: masked. */
export const ViewerCallback = z.object({
  phone: z.string().describe('masked: 138****5678'),
  consentedAt: Timestamp.describe('when the viewer agreed to be called back'),
});

const ViewerFields = {
  id: ViewerId,
  livestreamId: LivestreamId,
  regionCode: RegionCode,
  skillCodes: z.array(z.string()),
  expectedMonthlyWage: z.int().nullable(),
  seekerId: SeekerId.nullable(),
  callback: ViewerCallback.nullable().describe('null when the viewer left no number'),
  registeredAt: Timestamp,
};

export const Viewer = z
  .object({
    ...ViewerFields,
    existing: z.boolean(),
    unknownSkills: z.array(z.string()).describe('skills sent that the taxonomy does not know: not used for ranking'),
    viewerToken: z
      .string()
      .optional()
      .describe('on the first registration only: the viewer’s client keeps it and sends it as X-Viewer-Token'),
  })
  .meta({ id: 'Viewer' });

/** A viewer as the session's staff list them (the call-back number masked). */
export const ViewerSummary = z.object({ ...ViewerFields, platformUserId: z.string() }).meta({ id: 'ViewerSummary' });

export const ViewerQuery = PageQuery.extend({
  withCallback: z
    .stringbool()
    .optional()
    .describe('true: only viewers who left a number to be called back; false: only those who did not'),
});

/** A viewer's unmasked call-back number: each read is written to the audit log. */
export const ViewerPersonalData = z
  .object({
    viewerId: ViewerId,
    livestreamId: LivestreamId,
    callbackPhone: z.string().nullable(),
    consentedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ViewerPersonalData' });

export const ViewerJobs = z
  .object({
    viewerId: ViewerId,
    items: z.array(z.object({ vacancy: VacancySummary, match: MatchResult })),
  })
  .meta({ id: 'ViewerJobs' });

export const LivestreamStats = z
  .object({
    livestreamId: LivestreamId,
    viewers: z.int().describe('viewers who registered interest'),
    registrations: z.int().describe('of them, on the demand list'),
    intents: z.int(),
    intentsByVacancy: z.array(z.object({ vacancyId: VacancyId, count: z.int() })),
  })
  .meta({ id: 'LivestreamStats' });

/** Where a session stands at the time of the request: before, during or after its window. */
export const LivestreamStatus = z.enum(['upcoming', 'live', 'ended']);

/** Staff looking for sessions: always within their own region. */
export const LivestreamQuery = PageQuery.extend({
  from: instantInput().optional().describe('sessions still on at or after this instant (Beijing time without a zone)'),
  to: instantInput({ endOfDay: true }).optional().describe('sessions starting at or before this instant'),
  regionCode: RegionCode.optional().describe('sessions run by bureaus in this region (within your own)'),
  region: PlaceName.optional().describe('the region by name instead of `regionCode`'),
  status: LivestreamStatus.optional().describe('upcoming, live or ended at the time of the request'),
});
