import { z } from 'zod';
import { EventId, Timestamp } from './common.ts';

export const EVENT_TYPES = [
  'employer.registered',
  'employer.updated',
  'employer.blacklisted',
  'vacancy.published',
  'vacancy.updated',
  'vacancy.closed',
  'vacancy.reopened',
  'vacancy.expired',
  'seeker.registered',
  'seeker.updated',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** The outbox event envelope: what every consumer receives. */
export const EventEnvelope = z
  .object({
    id: EventId,
    type: z.string().describe('dotted name, e.g. vacancy.published'),
    aggregateType: z.string(),
    aggregateId: z.string(),
    seq: z.number().int().describe('global order of the outbox'),
    occurredAt: Timestamp,
    requestId: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'EventEnvelope' });
export type EventEnvelope = z.infer<typeof EventEnvelope>;
