import type { EventPayload, EventType } from '@duijie/contracts';
import {
  fairs,
  type IntentRow,
  intents,
  livestreams,
  type NewEvent,
  newId,
  publishEvent,
  type Transaction,
} from '@duijie/db';
import { and, eq, sql } from 'drizzle-orm';

type LiveKind = 'fair' | 'livestream';
export type LiveContext<K extends LiveKind = LiveKind> = { kind: K; id: string };
/** The live events of a fair (or livestream), named without their prefix: `checked_in`. */
type LiveName<K extends LiveKind> = EventType extends infer T ? (T extends `${K}.${infer N}` ? N : never) : never;
/** What the caller gives: the payload less the context's id and the feed number, added here. */
type LivePayload<K extends LiveKind, N extends string> = `${K}.${N}` extends infer T extends EventType
  ? Omit<EventPayload<T>, 'fairId' | 'livestreamId' | 'feedSeq'>
  : never;

/**
 * The next number in a fair's or livestream's live feed. The update locks the row until the
 * transaction ends, so numbers are handed out in commit order and a screen that asks for
 * "after n" never misses one that committed late.
 */
export async function nextFeedSeq(tx: Transaction, context: LiveContext): Promise<number> {
  const table = context.kind === 'fair' ? fairs : livestreams;
  const [row] = await tx
    .update(table)
    .set({ feedSeq: sql`${table.feedSeq} + 1` })
    .where(eq(table.id, context.id))
    .returning({ feedSeq: table.feedSeq });
  if (!row) throw new Error(`${context.kind} ${context.id} vanished`);
  return row.feedSeq;
}

/** Publishes a live event of a fair or livestream, numbered in its feed. */
export async function publishLive<K extends LiveKind, N extends LiveName<K>>(
  tx: Transaction,
  context: LiveContext<K>,
  type: N,
  payload: LivePayload<K, N>,
  requestId: string,
) {
  const feedSeq = await nextFeedSeq(tx, context);
  // The name and payload were checked against the union above; the id key is built here, so
  // the compiler sees a string (publishEvent checks the whole event again at run time).
  await publishEvent(tx, {
    type: `${context.kind}.${type}`,
    aggregateType: context.kind,
    aggregateId: context.id,
    payload: { [`${context.kind}Id`]: context.id, ...payload, feedSeq },
    requestId,
  } as unknown as NewEvent);
}

/**
 * Records an intent once: the same person, vacancy and fair (or livestream) again answers
 * the first record with `existing: true` and writes nothing.
 */
export async function recordIntent(
  tx: Transaction,
  context: LiveContext,
  intent: { personId: string; vacancyId: string; employerId: string; recordedBy: string; now: Date },
  requestId: string,
  extra: { priorityGroups?: string[] } = {},
): Promise<{ row: IntentRow; existing: boolean }> {
  const [inserted] = await tx
    .insert(intents)
    .values({ id: newId('int'), contextId: context.id, ...intent, createdAt: intent.now })
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    await publishLive(
      tx,
      context,
      'intent_recorded',
      {
        intentId: inserted.id,
        personId: inserted.personId,
        vacancyId: inserted.vacancyId,
        employerId: inserted.employerId,
        ...extra,
      },
      requestId,
    );
    return { row: inserted, existing: false };
  }
  const [found] = await tx
    .select()
    .from(intents)
    .where(
      and(
        eq(intents.contextId, context.id),
        eq(intents.personId, intent.personId),
        eq(intents.vacancyId, intent.vacancyId),
      ),
    );
  if (!found) throw new Error('intent neither inserted nor found');
  return { row: found, existing: true };
}

export const intentView = ({ row, existing }: { row: IntentRow; existing: boolean }) => ({
  id: row.id,
  contextId: row.contextId,
  personId: row.personId,
  vacancyId: row.vacancyId,
  employerId: row.employerId,
  recordedBy: row.recordedBy,
  createdAt: row.createdAt.toISOString(),
  existing,
});
