import { z } from 'zod';
import { EmployerId, Paging, RegionFilter, Timestamp, VacancyId } from './common.ts';
import { FairId, IntentId } from './fair.ts';
import { LivestreamId } from './livestream.ts';

/** 求职意向台账: intents recorded at fairs and livestreams, looked up by staff and employers. */
export const IntentQuery = z.object({
  fairId: FairId.optional(),
  livestreamId: LivestreamId.optional(),
  vacancyId: VacancyId.optional(),
  employerId: EmployerId.optional().describe('an employer’s key may name only its own'),
  ...RegionFilter,
  ...Paging,
});

/** An intent as a list shows it: who (by id only: no name, ID number or phone), where, for which vacancy. */
export const IntentListed = z
  .object({
    id: IntentId,
    context: z.enum(['fair', 'livestream']),
    contextId: z.union([FairId, LivestreamId]),
    personKind: z.enum(['seeker', 'viewer']).describe('a checked-in seeker at a fair, a viewer at a livestream'),
    personId: z.string().describe('the seeker (skr_…) or the viewer (vwr_…)'),
    vacancyId: VacancyId,
    employerId: EmployerId,
    recordedBy: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'IntentListed' });
export type IntentListed = z.infer<typeof IntentListed>;
