import { z } from 'zod';
import { EventId, Timestamp } from './common.ts';

// Ids are plain strings here: a payload names records the writer just read or wrote.
const id = z.string();
const ids = z.array(z.string());

/** One member of the union: the event's `type` and the schema of its payload. */
const event = <T extends string, P extends z.ZodRawShape>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload: z.object(payload) });

const vacancyChange = { vacancyId: id, employerId: id, status: z.string(), version: z.number().int() };
const seekerChange = { seekerId: id, residenceRegionCode: z.string().optional(), version: z.number().int() };
const employerListing = { employerId: id, version: z.number().int() };
const apiKey = { employerId: id, keyId: id };
/** Live events of a fair or livestream carry their number in its feed (the SSE id). */
const feedSeq = z.number().int().positive();
const intent = { intentId: id, personId: id, vacancyId: id, employerId: id, feedSeq };

/**
 * Every event the services publish, keyed by `type`: the outbox refuses any other, and
 * consumers parse with it instead of casting. A new event type starts here.
 */
export const DomainEvent = z.discriminatedUnion('type', [
  event('employer.registered', { employerId: id, regionCode: z.string(), kind: z.string() }),
  event('employer.blacklisted', employerListing),
  event('employer.unblacklisted', employerListing),
  event('employer.record_changed', { employerId: id, retention90: z.number().nullable() }),
  event('api-key.created', apiKey),
  event('api-key.revoked', apiKey),
  event('vacancy.published', vacancyChange),
  event('vacancy.updated', vacancyChange),
  event('vacancy.closed', vacancyChange),
  event('vacancy.reopened', vacancyChange),
  event('vacancy.expired', { vacancyId: id, employerId: id, version: z.number().int() }),
  event('seeker.registered', seekerChange),
  event('seeker.updated', seekerChange),
  event('placement.confirmed', {
    placementId: id,
    seekerId: id,
    vacancyId: id,
    employerId: id,
    regionCode: z.string(),
  }),
  event('follow_up.recorded', { followUpId: id, kind: z.string(), outcome: z.string(), regionCode: z.string() }),
  event('broadcast.created', { broadcastId: id }),
  // Published on main by the invitations work (cb9014c, 9f2301c): here so its merge typechecks.
  event('invitation.sent', { invitationId: id, vacancyId: id, employerId: id, seekerId: id, sentBy: z.string() }),
  event('invitation.answered', { invitationId: id, vacancyId: id, employerId: id, seekerId: id, answer: z.string() }),
  event('fair.scheduled', { fairId: id, venueRegionCode: z.string(), startsAt: z.string(), feedSeq }),
  event('fair.booth_joined', { fairId: id, employerId: id, booth: z.string(), vacancyIds: ids, feedSeq }),
  event('fair.checked_in', {
    fairId: id,
    seekerId: id,
    method: z.string(),
    registered: z.boolean(),
    recommended: ids,
    priorityGroups: z.array(z.string()),
    originRegionCode: z.string(),
    feedSeq,
  }),
  event('fair.intent_recorded', { fairId: id, ...intent, priorityGroups: z.array(z.string()).optional() }),
  event('livestream.scheduled', {
    livestreamId: id,
    startsAt: z.string(),
    targetRegions: z.array(z.string()),
    targetGroups: z.array(z.string()),
    vacancyIds: ids,
    feedSeq,
  }),
  event('livestream.vacancies_changed', { livestreamId: id, vacancyIds: ids, feedSeq }),
  event('livestream.lineup_changed', {
    livestreamId: id,
    pinnedVacancyIds: ids,
    presentingVacancyId: id.nullable(),
    feedSeq,
  }),
  event('livestream.intent_recorded', {
    livestreamId: id,
    ...intent,
    priorityGroups: z.array(z.string()).optional(),
  }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

export type EventType = DomainEvent['type'];
export const EVENT_TYPES = DomainEvent.options.map((o) => o.shape.type.value) as readonly EventType[];
export const EventType = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);
/** The payload of one type, as a consumer reads it. */
export type EventPayload<T extends EventType> = Extract<DomainEvent, { type: T }>['payload'];

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

/** An envelope whose type and payload were checked against the union: what a consumer works with. */
export type TypedEnvelope = Omit<EventEnvelope, 'type' | 'payload'> & DomainEvent;

/**
 * A received envelope parsed by the union (throws naming what is wrong): consumers call this
 * instead of casting `payload`. A failure fails the delivery, which is retried, then `dead`.
 */
export function parseEvent(envelope: EventEnvelope): TypedEnvelope {
  const { type, payload } = DomainEvent.parse({ type: envelope.type, payload: envelope.payload });
  return { ...envelope, type, payload } as TypedEnvelope;
}
