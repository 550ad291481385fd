import { parseEvent, type TypedEnvelope } from '@duijie/contracts';
import {
  type DatabaseHandle,
  type EmployerRow,
  type Executor,
  employers,
  fairVacancies,
  livestreamVacancies,
  OutboxConsumer,
  type VacancyRow,
  vacancies,
} from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { PostgresVacancyIndex, toVacancyDocument, type VacancyIndex } from '@duijie/search';
import type { Taxonomy } from '@duijie/taxonomy';
import { asc, eq, gt, inArray } from 'drizzle-orm';
import type { ProfileCache } from '../profile-cache.ts';

export type Lookups = { regions: RegionDirectory; taxonomy: Taxonomy };

const VACANCY_EVENTS = [
  'vacancy.published',
  'vacancy.updated',
  'vacancy.closed',
  'vacancy.reopened',
  'vacancy.expired',
] as const;
const EMPLOYER_EVENTS = ['employer.blacklisted', 'employer.unblacklisted'] as const;
/** An employer's record of placements that lasted: ranking reads it, the index does not. */
const RECORD_EVENTS = ['employer.record_changed'] as const;
/** Events that move vacancies into or out of a fair or a livestream: their payloads name them. */
const PLACEMENT_EVENTS = ['fair.booth_joined', 'livestream.scheduled', 'livestream.vacancies_changed'] as const;
const REINDEX_BATCH = 5000;

/** The fairs and livestreams each vacancy is offered at. */
async function placementsOf(executor: Executor, ids: readonly string[]) {
  const placements = new Map<string, { fairIds: string[]; livestreamIds: string[] }>();
  const of = (id: string) => {
    let p = placements.get(id);
    if (!p) {
      p = { fairIds: [], livestreamIds: [] };
      placements.set(id, p);
    }
    return p;
  };
  const [atFairs, inStreams] = await Promise.all([
    executor
      .select({ vacancyId: fairVacancies.vacancyId, id: fairVacancies.fairId })
      .from(fairVacancies)
      .where(inArray(fairVacancies.vacancyId, [...ids])),
    executor
      .select({ vacancyId: livestreamVacancies.vacancyId, id: livestreamVacancies.livestreamId })
      .from(livestreamVacancies)
      .where(inArray(livestreamVacancies.vacancyId, [...ids])),
  ]);
  for (const r of atFairs) of(r.vacancyId).fairIds.push(r.id);
  for (const r of inStreams) of(r.vacancyId).livestreamIds.push(r.id);
  return placements;
}

/** The vacancies' documents as they are now; ids with no vacancy are returned as gone. */
async function documentsOf(executor: Executor, ids: readonly string[], lookups: Lookups) {
  if (ids.length === 0) return { rows: [], documents: [], gone: [] };
  const rows = await executor
    .select({ vacancy: vacancies, employer: employers })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(inArray(vacancies.id, [...ids]));
  const placements = await placementsOf(executor, ids);
  return {
    rows,
    documents: rows.map((r) => toVacancyDocument(r.vacancy, r.employer, lookups, placements.get(r.vacancy.id))),
    gone: ids.filter((id) => !rows.some((r) => r.vacancy.id === id)),
  };
}

/** The vacancies whose documents an event changes. */
async function vacanciesTouched(tx: Executor, event: TypedEnvelope): Promise<string[]> {
  switch (event.type) {
    case 'employer.blacklisted':
    case 'employer.unblacklisted':
    case 'employer.record_changed':
      return (
        await tx.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.employerId, event.payload.employerId))
      ).map((v) => v.id);
    // Events that move vacancies into or out of a fair or a livestream name them.
    case 'fair.booth_joined':
    case 'livestream.scheduled':
    case 'livestream.vacancies_changed':
      return event.payload.vacancyIds;
    default:
      return [event.aggregateId];
  }
}

/** The embedded index writes in the consumer's transaction; another index writes on its own. */
const within = (index: VacancyIndex, executor: Executor) =>
  index instanceof PostgresVacancyIndex ? index.on(executor) : index;

/**
 * Keeps one index in step with the supply list: each vacancy event re-reads the vacancy and
 * writes its document (so applying an event twice, or late, writes the same thing), and a
 * blacklisting re-writes every vacancy of the employer. One consumer per index: a
 * Meilisearch that is down holds back only its own consumer, which catches up when it returns.
 * With `profiles`, the same rows update the ranking profiles in memory once the transaction
 * has committed (and an employer's record of placements, which no document holds, too).
 */
export function indexConsumer(
  handle: DatabaseHandle,
  index: VacancyIndex,
  lookups: Lookups,
  profiles?: ProfileCache,
): OutboxConsumer {
  // The index's settings come before its first document, whenever its server first answers:
  // a Meilisearch down at start is set up by the retry that finds it back.
  let setUp = false;
  return new OutboxConsumer(handle, {
    name: `matching.vacancy-index.${index.kind}`,
    types: [...VACANCY_EVENTS, ...EMPLOYER_EVENTS, ...PLACEMENT_EVENTS, ...(profiles ? RECORD_EVENTS : [])],
    async onEvent(event, tx, afterCommit) {
      if (!setUp) {
        await index.setup();
        setUp = true;
      }
      const ids = await vacanciesTouched(tx, parseEvent(event));
      if (ids.length === 0) return;
      const { rows, documents, gone } = await documentsOf(tx, ids, lookups);
      if (event.type !== 'employer.record_changed') {
        const target = within(index, tx);
        await target.upsert(documents);
        await target.remove(gone);
      }
      if (profiles) afterCommit(() => profiles.apply(rows, gone));
    },
  });
}

/** Rebuilds an index from the vacancies table: empties it, then writes every vacancy's document. */
export async function reindex(db: Executor, index: VacancyIndex, lookups: Lookups): Promise<number> {
  await index.reset();
  const blacklisted = new Map<string, Pick<EmployerRow, 'blacklisted'>>(
    (await db.select({ id: employers.id, blacklisted: employers.blacklisted }).from(employers)).map((e) => [e.id, e]),
  );
  let after = '';
  let count = 0;
  for (;;) {
    const rows: VacancyRow[] = await db
      .select()
      .from(vacancies)
      .where(gt(vacancies.id, after))
      .orderBy(asc(vacancies.id))
      .limit(REINDEX_BATCH);
    if (rows.length === 0) {
      if (index instanceof PostgresVacancyIndex) await index.analyze();
      return count;
    }
    const placements = await placementsOf(
      db,
      rows.map((v) => v.id),
    );
    await index.upsert(
      rows.map((v) =>
        toVacancyDocument(v, blacklisted.get(v.employerId) ?? { blacklisted: false }, lookups, placements.get(v.id)),
      ),
    );
    count += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
