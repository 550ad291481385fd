import { DomainEvent, type EventEnvelope, type EventPayload, type EventType } from '@duijie/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.ts';
import { newId } from '../id.ts';
import type { outboxEvents } from '../schema/outbox.ts';

export const OUTBOX_CHANNEL = 'duijie_outbox';

/** An event to publish: a type of the union in contracts (`DomainEvent`) with its payload; no other compiles. */
export type NewEvent = {
  [T in EventType]: {
    type: T;
    aggregateType: string;
    aggregateId: string;
    payload: EventPayload<T>;
    requestId?: string | null | undefined;
  };
}[EventType];

/** Refuses, before anything is written, an event the union does not know (a cast got past the types). */
function checkEvent(e: NewEvent): void {
  const checked = DomainEvent.safeParse({ type: e.type, payload: e.payload });
  if (!checked.success) {
    // Paths only: a payload's values may be personal data.
    const where = checked.error.issues.map((i) => i.path.join('.') || '(type)').join(', ');
    throw new Error(`event ${String(e.type)} does not match its schema in contracts/event.ts: ${where}`);
  }
}

/**
 * Writes events in the caller's transaction, with one pending delivery per registered
 * consumer that applies the event's type; consumers are woken by NOTIFY, which PostgreSQL
 * sends only on commit.
 */
export async function publishEvents(tx: Executor, events: readonly NewEvent[]): Promise<EventEnvelope[]> {
  if (events.length === 0) return [];
  for (const e of events) checkEvent(e);
  const records = events.map((e) => ({
    id: newId('evt'),
    type: e.type,
    aggregate_type: e.aggregateType,
    aggregate_id: e.aggregateId,
    payload: e.payload,
    request_id: e.requestId ?? null,
  }));
  // One statement however many events: the events, and their deliveries to every consumer.
  const rows = await queryRows<OutboxRecord>(
    tx,
    sql`
    with e as (
      insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, request_id)
      select id, type, aggregate_type, aggregate_id, payload, request_id
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as x(id text, type text, aggregate_type text, aggregate_id text, payload jsonb, request_id text)
      returning *
    ), d as (
      insert into outbox_deliveries (consumer, event_seq, aggregate_id)
      select c.name, e.seq, e.aggregate_id from outbox_consumers c join e on c.types is null or e.type = any(c.types)
    )
    select * from e order by seq`,
  );
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return rows.map(recordToEnvelope);
}

/** An outbox_events row as raw SQL returns it (snake case; bigint and jsonb as the driver gives them). */
export type OutboxRecord = {
  seq: string | number;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  request_id: string | null;
  occurred_at: string | Date;
};

export async function publishEvent(tx: Executor, event: NewEvent): Promise<EventEnvelope> {
  const [envelope] = await publishEvents(tx, [event]);
  return envelope as EventEnvelope;
}

export function recordToEnvelope(r: OutboxRecord): EventEnvelope {
  return {
    id: r.id,
    type: r.type,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    seq: Number(r.seq),
    occurredAt: new Date(r.occurred_at).toISOString(),
    requestId: r.request_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  };
}

export function toEnvelope(row: typeof outboxEvents.$inferSelect): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    aggregateType: row.aggregateType,
    aggregateId: row.aggregateId,
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    requestId: row.requestId,
    payload: row.payload,
  };
}
