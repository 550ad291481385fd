import { DomainEvent } from '@duijie/contracts';
import { type Database, queryRows, sql } from '@duijie/db';

/** One outbox event, its payload parsed by the union of event types (no consumer casts). */
export type Change = { seq: number; aggregateType: string; aggregateId: string } & DomainEvent;

export type ChangeFeedOptions = {
  /** Polls closer together than this are answered by the last one. */
  minIntervalMs?: number;
  /**
   * How far back each poll looks again. A sequence number is taken at insert, not at commit,
   * so an event can become visible after a later one: looking back this far (and skipping
   * what was seen) catches it.
   */
  window?: number;
};

const BATCH = 5000;

type OutboxRow = {
  seq: string | number;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
};

/**
 * The outbox read as a change feed by the live caches of this process (a fair's supply, a
 * livestream's lineup): each new event is handed to every listener once, whichever instance
 * of which service wrote it. Caches then refresh only what changed.
 */
export class ChangeFeed {
  #upTo: number | null = null;
  readonly #seen = new Set<number>();
  readonly #listeners = new Set<(changes: readonly Change[]) => void>();
  #inFlight: Promise<void> | null = null;
  #lastPoll = 0;

  constructor(
    private readonly db: Database,
    private readonly options: ChangeFeedOptions = {},
  ) {}

  subscribe(listener: (changes: readonly Change[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The position to read from next: what a cache built now has already seen in the database. */
  async position(): Promise<number> {
    await this.poll(true);
    return this.#upTo ?? 0;
  }

  /** Reads events new since the last poll and hands them to the listeners. */
  poll(force = false): Promise<void> {
    if (this.#inFlight) return this.#inFlight;
    if (!force && this.#upTo !== null && Date.now() - this.#lastPoll < (this.options.minIntervalMs ?? 0)) {
      return Promise.resolve();
    }
    this.#inFlight = this.#read().finally(() => {
      this.#inFlight = null;
      this.#lastPoll = Date.now();
    });
    return this.#inFlight;
  }

  async #read(): Promise<void> {
    if (this.#upTo === null) {
      const [row] = await queryRows<{ seq: number | null }>(
        this.db,
        sql`select max(seq)::int8 as seq from outbox_events`,
      );
      this.#upTo = Number(row?.seq ?? 0);
      return;
    }
    const window = this.options.window ?? 100;
    let upTo: number = this.#upTo;
    for (;;) {
      const rows: OutboxRow[] = await queryRows<OutboxRow>(
        this.db,
        sql`select seq, type, aggregate_type, aggregate_id, payload from outbox_events
            where seq > ${Math.max(0, upTo - window)} order by seq limit ${BATCH}`,
      );
      const fresh: Change[] = [];
      const floor = upTo - window;
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq <= floor || this.#seen.has(seq)) continue;
        this.#seen.add(seq);
        if (seq > upTo) upTo = seq;
        // publishEvent checks every payload, so only a row written before its type was in the
        // union fails here: no cache follows such an event.
        const event = DomainEvent.safeParse({ type: r.type, payload: r.payload });
        if (event.success)
          fresh.push({ seq, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, ...event.data });
      }
      this.#upTo = upTo;
      for (const seq of this.#seen) if (seq <= upTo - window) this.#seen.delete(seq);
      if (fresh.length > 0) for (const listener of this.#listeners) listener(fresh);
      if (rows.length < BATCH || fresh.length === 0) return;
    }
  }
}
