import { DomainEvent } from '@duijie/contracts';
import {
  type DatabaseHandle,
  OUTBOX_CHANNEL,
  type Periodic,
  type PeriodicLogger,
  periodic,
  queryRows,
  sql,
} from '@duijie/db';

export type FeedKind = 'fair' | 'livestream';
/** One event as a screen receives it: its number in the feed, its type, what may be shown. */
export type FeedEvent = { n: number; type: string; view: Record<string, unknown> };

type Watcher = { kind: FeedKind; id: string; after: number; deliver(event: FeedEvent): void };
type FeedRow = {
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  employer_name: string | null;
  vacancy_title: string | null;
  counts: Record<string, number> | string;
};

/**
 * What a screen shows beside an event: the employer's name, the job's title, and the feed's
 * running counts up to and including it (check-ins, intents, employers with a booth) — names
 * of organisations and jobs, counts of people, never who.
 */
export type FeedContext = {
  employerName: string | null;
  vacancyTitle: string | null;
  counts: { checkedIn: number; intents: number; employers: number };
};

const BATCH = 500;

/**
 * What a screen in the hall may show of each event: counts and groups, never who. Events
 * without a public view are not sent.
 */
function publicView(event: DomainEvent, context: FeedContext): Record<string, unknown> | null {
  const named = (view: Record<string, unknown>) => ({
    ...view,
    ...(context.employerName !== null ? { employerName: context.employerName } : {}),
    ...(context.vacancyTitle !== null ? { vacancyTitle: context.vacancyTitle } : {}),
    counts: context.counts,
  });
  switch (event.type) {
    case 'fair.scheduled':
    case 'livestream.scheduled':
      return { startsAt: event.payload.startsAt };
    case 'fair.booth_joined':
      return named({ employerId: event.payload.employerId, booth: event.payload.booth });
    case 'fair.checked_in':
      return named({
        method: event.payload.method,
        registered: event.payload.registered,
        priorityGroups: event.payload.priorityGroups,
        originRegionCode: event.payload.originRegionCode,
        recommended: event.payload.recommended.length,
      });
    case 'fair.intent_recorded':
      return named({
        vacancyId: event.payload.vacancyId,
        employerId: event.payload.employerId,
        priorityGroups: event.payload.priorityGroups,
      });
    case 'livestream.lineup_changed':
      return {
        presentingVacancyId: event.payload.presentingVacancyId,
        pinnedVacancyIds: event.payload.pinnedVacancyIds,
      };
    case 'livestream.intent_recorded':
      return named({ vacancyId: event.payload.vacancyId, employerId: event.payload.employerId });
    default:
      return null;
  }
}

/**
 * The live feeds of one process: one LISTEN on the outbox channel, and on each NOTIFY one
 * read of every watched feed's new events, fanned out to its screens — not a poll per
 * connection. A feed's events are numbered under its row lock in the writing transaction,
 * so "after n" never misses one that committed late, and a screen joining with
 * `Last-Event-ID` gets exactly what it missed from the same read.
 */
export class LiveFeeds {
  /** Reads of the outbox so far (tests count them). */
  reads = 0;
  readonly #watchers = new Set<Watcher>();
  readonly #loop: Periodic;
  #unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly logger: PeriodicLogger & { warn(obj: object, msg: string): void },
    /** A read this often even without NOTIFY: the listening connection may have dropped one. */
    fallbackMs = 5_000,
  ) {
    this.#loop = periodic({ name: 'live feeds', everyMs: fallbackMs, task: () => this.#read(), logger });
  }

  get watching(): number {
    return this.#watchers.size;
  }

  async start(): Promise<void> {
    this.#unlisten = await this.handle.listen(OUTBOX_CHANNEL, () => this.#loop.wake());
    this.#loop.start();
  }

  async stop(): Promise<void> {
    await this.#unlisten?.().catch(() => {});
    this.#unlisten = null;
    await this.#loop.stop();
  }

  /** Delivers the feed's events after `after`, then each new one as it commits, until the returned stop. */
  watch(kind: FeedKind, id: string, after: number, deliver: Watcher['deliver']): () => void {
    const watcher = { kind, id, after, deliver };
    this.#watchers.add(watcher);
    this.#loop.wake();
    return () => this.#watchers.delete(watcher);
  }

  async #read(): Promise<void> {
    for (;;) {
      if (this.#watchers.size === 0) return;
      // Each feed from the least number one of its screens has seen.
      const feeds = new Map<string, { kind: FeedKind; id: string; after: number }>();
      for (const w of this.#watchers) {
        const key = `${w.kind}:${w.id}`;
        const f = feeds.get(key);
        if (!f || w.after < f.after) feeds.set(key, { kind: w.kind, id: w.id, after: w.after });
      }
      this.reads++;
      const rows = await queryRows<FeedRow>(
        this.handle.db,
        // Each event with its employer's name, its job's title and the feed's counts so far.
        sql`select e.type, e.aggregate_type, e.aggregate_id, e.payload,
                   emp.name as employer_name, v.title as vacancy_title,
                   (select jsonb_build_object(
                             'checkedIn', count(*) filter (where o.type = 'fair.checked_in'),
                             'intents', count(*) filter (where o.type in ('fair.intent_recorded', 'livestream.intent_recorded')),
                             'employers', count(distinct o.payload->>'employerId') filter (where o.type = 'fair.booth_joined'))
                      from outbox_events o
                      where o.aggregate_id = e.aggregate_id and o.aggregate_type = e.aggregate_type
                        and (o.payload->>'feedSeq')::int <= (e.payload->>'feedSeq')::int) as counts
            from jsonb_to_recordset(${JSON.stringify([...feeds.values()])}::jsonb) as w(kind text, id text, after int)
            join outbox_events e on e.aggregate_id = w.id and e.aggregate_type = w.kind
            left join employers emp on emp.id = e.payload->>'employerId'
            left join vacancies v on v.id = e.payload->>'vacancyId'
            where (e.payload->>'feedSeq')::int > w.after
            order by e.seq limit ${BATCH}`,
      );
      for (const row of rows) this.#fanOut(row);
      if (rows.length < BATCH) return;
    }
  }

  #fanOut(row: FeedRow): void {
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    const n = Number(payload.feedSeq);
    const parsed = DomainEvent.safeParse({ type: row.type, payload });
    if (!parsed.success) this.logger.warn({ type: row.type, feedSeq: n }, 'a live event does not match its schema');
    const raw = typeof row.counts === 'string' ? JSON.parse(row.counts) : (row.counts ?? {});
    const context: FeedContext = {
      employerName: row.employer_name,
      vacancyTitle: row.vacancy_title,
      counts: {
        checkedIn: Number(raw.checkedIn ?? 0),
        intents: Number(raw.intents ?? 0),
        employers: Number(raw.employers ?? 0),
      },
    };
    const view = parsed.success ? publicView(parsed.data, context) : null;
    for (const w of this.#watchers) {
      if (w.kind !== row.aggregate_type || w.id !== row.aggregate_id || !(n > w.after)) continue;
      w.after = n;
      if (view) w.deliver({ n, type: row.type, view });
    }
  }
}
