import { z } from 'zod';
import {
  DateOnly,
  EmployerId,
  idOf,
  Paging,
  RegionCode,
  RegionFilter,
  SeekerId,
  Timestamp,
  VacancyId,
} from './common.ts';
import { say } from './say.ts';

export const PlacementId = idOf('plc');
export const FollowUpId = idOf('fup');

export const PlacementInput = z.object({
  seekerId: SeekerId,
  vacancyId: VacancyId,
  intentId: idOf('int').optional().describe('the intent it confirms, if one was recorded'),
  startDate: DateOnly,
  monthlyWage: z.int().min(0).max(1_000_000).describe('yuan a month, as agreed'),
  contractSigned: z.boolean(),
  socialInsurance: z.boolean().describe('enrolled in social insurance'),
});

export const FollowUp = z
  .object({
    id: FollowUpId,
    placementId: PlacementId,
    seekerId: SeekerId,
    employerId: EmployerId,
    regionCode: RegionCode,
    kind: z.enum(['72h', '30d', '90d', 'monthly']),
    dueAt: Timestamp,
    status: z.enum(['due', 'done']),
    overdue: z.boolean(),
    outcome: z.enum(['still_employed', 'changed_job', 'left']).nullable(),
    leftReason: z.enum(['wage_arrears', 'conditions', 'family', 'health', 'other']).nullable(),
    wagePaid: z.int().nullable(),
    doneAt: Timestamp.nullable(),
  })
  .meta({ id: 'FollowUp' });

export const Placement = z
  .object({
    id: PlacementId,
    seekerId: SeekerId,
    vacancyId: VacancyId,
    employerId: EmployerId,
    regionCode: RegionCode,
    startDate: DateOnly,
    monthlyWage: z.int(),
    contractSigned: z.boolean(),
    socialInsurance: z.boolean(),
    confirmedBy: z.string(),
    createdAt: Timestamp,
    followUps: z.array(FollowUp),
  })
  .meta({ id: 'Placement' });

export const FollowUpInput = z
  .object({
    outcome: z.enum(['still_employed', 'changed_job', 'left']),
    leftReason: z.enum(['wage_arrears', 'conditions', 'family', 'health', 'other']).optional(),
    wagePaid: z.int().min(0).max(1_000_000).optional().describe('yuan actually paid last month'),
    note: z.string().max(500).optional(),
  })
  .refine((f) => f.outcome !== 'left' || f.leftReason, {
    path: ['leftReason'],
    message: say('请说明离职原因', 'say why they left'),
  });

export const FollowUpQuery = z.object({
  regionCode: RegionCode.optional(),
  status: z.enum(['due', 'done']).default('due'),
  overdue: z.stringbool().optional().describe('only those past their due time'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** 就业跟踪台账: staff look placements up within their region (the seeker's, when placed). */
export const PlacementQuery = z.object({
  seekerId: SeekerId.optional(),
  employerId: EmployerId.optional(),
  vacancyId: VacancyId.optional(),
  ...RegionFilter,
  from: DateOnly.optional().describe('started on or after this date'),
  to: DateOnly.optional().describe('started on or before this date'),
  outcome: z
    .enum(['still_employed', 'changed_job', 'left'])
    .optional()
    .describe('with a follow-up that recorded this outcome'),
  overdue: z.stringbool().optional().describe('true: with a follow-up past due; false: with none past due'),
  ...Paging,
});
