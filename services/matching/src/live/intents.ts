import { fairs, type IntentRow, intents, livestreams, newId, publishEvent, type Transaction } from '@duijie/db';
import { and, eq, sql } from 'drizzle-orm';

export type LiveContext = { kind: 'fair' | 'livestream'; id: string };

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
export async function publishLive(
  tx: Transaction,
  context: LiveContext,
  type: string,
  payload: Record<string, unknown>,
  requestId: string,
) {
  const feedSeq = await nextFeedSeq(tx, context);
  await publishEvent(tx, {
    type: `${context.kind}.${type}`,
    aggregateType: context.kind,
    aggregateId: context.id,
    payload: { [`${context.kind}Id`]: context.id, ...payload, feedSeq },
    requestId,
  });
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
  extra: Record<string, unknown> = {},
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
