import { z } from 'zod';
import { EmployerId, PlaceName, RegionCode, Timestamp, VacancyId } from './common.ts';
import { FairId, IntentId } from './fair.ts';
import { LivestreamId } from './livestream.ts';

/** 求职意向台账: intents recorded at fairs and livestreams, looked up by staff and employers. */
export const IntentQuery = z.object({
  fairId: FairId.optional(),
  livestreamId: LivestreamId.optional(),
  vacancyId: VacancyId.optional(),
  employerId: EmployerId.optional().describe('an employer’s key may name only its own'),
  regionCode: RegionCode.optional().describe('staff: intents of this region (within your own)'),
  region: PlaceName.optional().describe(
    'staff: the region by name (凤凰县, 湘西州凤凰县) or code; it covers its subregions',
  ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('opaque cursor from the previous page'),
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
