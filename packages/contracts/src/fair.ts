import { z } from 'zod';
import { EmployerId, idOf, PageQuery, PlaceName, RegionCode, SeekerId, Timestamp, VacancyId } from './common.ts';
import { CandidateSummary, MatchResult, VacancySummary } from './match.ts';
import { PriorityGroup } from './priority-group.ts';
import { say } from './say.ts';
import { Phone, ResidentIdNumber, SeekerRegistration } from './seeker.ts';
import { instantInput } from './time.ts';

export const FairId = idOf('fai');
export const IntentId = idOf('int');

/** 现场招聘会, 网络招聘会, 岗位超市 (a weekly booth market), 劳务协作 (origin → destination). */
export const FairKind = z.enum(['on_site', 'online', 'job_supermarket', 'labor_cooperation']);

/** A place as people write it, resolved at the door exactly as a vacancy's `region`. */
export const FairInput = z
  .object({
    name: z.string().min(1).max(120),
    kind: FairKind,
    venueRegionCode: RegionCode.optional().describe(
      'where the fair is held; for 劳务协作 the destination. Or give `venueRegion` as a name',
    ),
    venueRegion: PlaceName.optional().describe('where the fair is held, as a name (凤凰县, 湘西州凤凰县)'),
    originRegionCode: RegionCode.optional().describe('劳务协作: the region whose workers it is for'),
    originRegion: PlaceName.optional().describe('劳务协作: the origin as a name, when the code is not known'),
    // Without a zone: Beijing time (README, "One time zone rule").
    startsAt: instantInput(),
    endsAt: instantInput({ endOfDay: true }),
    targetGroups: z.array(PriorityGroup).max(10).default([]),
  })
  .refine((f) => f.endsAt > f.startsAt, {
    path: ['endsAt'],
    message: say('应晚于开始时间 startsAt', 'must be after startsAt'),
  })
  .refine((f) => f.venueRegionCode || f.venueRegion, {
    path: ['venueRegionCode'],
    message: say(
      '请填写举办地区划代码 venueRegionCode 或地名 venueRegion',
      'give the venueRegionCode or the venueRegion by name',
    ),
  })
  .refine((f) => f.kind !== 'labor_cooperation' || f.originRegionCode || f.originRegion, {
    path: ['originRegionCode'],
    message: say('劳务协作招聘会须注明劳务输出地区', 'a labor-cooperation fair names the origin region'),
  });

export const Fair = z
  .object({
    id: FairId,
    name: z.string(),
    kind: FairKind,
    venueRegionCode: RegionCode,
    originRegionCode: RegionCode.nullable(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    targetGroups: z.array(z.string()),
    createdAt: Timestamp,
    version: z.int(),
  })
  .meta({ id: 'Fair' });

/** Staff looking for fairs: always within the fairs their region runs (venue or, for 劳务协作, origin). */
export const FairQuery = PageQuery.extend({
  from: instantInput().optional().describe('fairs still running at or after this time (a date alone: that day)'),
  to: instantInput({ endOfDay: true })
    .optional()
    .describe('fairs starting at or before this time (a date alone: through that day)'),
  regionCode: RegionCode.optional().describe('fairs held in, or (劳务协作) for, this region (within your own)'),
  region: PlaceName.optional().describe('the same region as a name (凤凰县, 湘西州凤凰县), when the code is not known'),
  kind: FairKind.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, {
  path: ['to'],
  message: say('不得早于 from', 'must not be before from'),
});

export const BoothInput = z.object({
  booth: z.string().min(1).max(20).describe('booth number in the hall'),
  vacancyIds: z.array(VacancyId).min(1).max(200).describe('the employer’s vacancies offered at this fair'),
});

export const Booth = z
  .object({ fairId: FairId, employerId: EmployerId, booth: z.string(), vacancyIds: z.array(VacancyId) })
  .meta({ id: 'Booth' });

/**
 * How a seeker arrives: exactly one of their ID number, their phone, the QR code on their
 * registration slip, or — not registered yet — a short demand profile that registers them.
 */
export const CheckinInput = z
  .object({
    idNumber: ResidentIdNumber.optional(),
    phone: Phone.optional(),
    qr: z.string().max(300).optional().describe('the text of a seeker QR code for this fair'),
    walkIn: SeekerRegistration.optional().describe(
      'not on the demand list: registered on the spot (the residence by code or by place name, as in a registration)',
    ),
  })
  .refine((c) => [c.idNumber, c.phone, c.qr, c.walkIn].filter((x) => x !== undefined).length === 1, {
    path: ['idNumber'],
    message: say('idNumber、phone、qr、walkIn 须且只能提供一项', 'give exactly one of idNumber, phone, qr, walkIn'),
  });

export const FairRecommendation = z.object({
  booth: z.string(),
  vacancy: VacancySummary,
  match: MatchResult,
});

export const Checkin = z
  .object({
    fairId: FairId,
    seeker: CandidateSummary,
    method: z.enum(['id_number', 'phone', 'qr', 'walk_in']),
    checkedInAt: Timestamp,
    existing: z.boolean().describe('true: this seeker had checked in already; nothing was written again'),
    registered: z.boolean().describe('true: a walk-in was put on the demand list by this check-in'),
    recommendations: z
      .array(FairRecommendation)
      .describe('the fair’s best vacancies for the seeker, leaving out those already sent their share'),
    considered: z.int().describe('vacancies at the fair the engine ranked'),
  })
  .meta({ id: 'Checkin' });

export const FairCandidates = z
  .object({
    employerId: EmployerId,
    items: z.array(z.object({ seeker: CandidateSummary, vacancyId: VacancyId, match: MatchResult })),
    considered: z.int().describe('checked-in seekers ranked'),
  })
  .meta({ id: 'FairCandidates' });

export const FairAssignment = z
  .object({
    perSeeker: z.int(),
    perPost: z.int(),
    vacancies: z.array(
      z.object({
        vacancyId: VacancyId,
        openPlaces: z.int(),
        capacity: z.int().describe('open places × perPost: the most seekers sent to it'),
        seekers: z.array(z.object({ seekerId: SeekerId, score: z.number() })),
      }),
    ),
    seekers: z.int().describe('checked-in seekers assigned'),
  })
  .meta({ id: 'FairAssignment' });

export const IntentInput = z.object({
  seekerId: SeekerId.optional().describe('at a fair: the checked-in seeker'),
  viewerId: z.string().max(40).optional().describe('at a livestream: the viewer'),
  vacancyId: VacancyId,
});

export const Intent = z
  .object({
    id: IntentId,
    contextId: z.string(),
    personId: z.string(),
    vacancyId: VacancyId,
    employerId: EmployerId,
    recordedBy: z.string(),
    createdAt: Timestamp,
    existing: z.boolean().describe('true: this intent was recorded before; nothing was written again'),
  })
  .meta({ id: 'Intent' });

const Count = z.object({ key: z.string(), count: z.int() });

export const FairStats = z
  .object({
    fairId: FairId,
    employers: z.int().describe('employers with a booth'),
    vacancies: z.int(),
    posts: z.int().describe('open places offered (headcount less filled)'),
    seekersRegistered: z.int().describe('walk-ins put on the demand list at the fair'),
    seekersCheckedIn: z.int(),
    intents: z.int(),
    byPriorityGroup: z.array(Count).describe('checked-in seekers per priority group'),
    byOriginRegion: z.array(Count).describe('checked-in seekers per home prefecture'),
    intentsByPriorityGroup: z.array(Count),
  })
  .meta({ id: 'FairStats' });
