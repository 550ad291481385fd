import { sql } from 'drizzle-orm';
// client.ts opens this with PGlite; queryRows is only called later, so the cycle is harmless.
import { type Database, queryRows } from './client.ts';
import { type Periodic, type PeriodicLogger, periodic } from './periodic.ts';

type TableStats = { relname: string; n_live_tup: number; n_dead_tup: number; n_mod_since_analyze: number };

/**
 * What autovacuum does on a server, for PGlite, which runs none: a table changed by more than
 * 50 rows + 10 % is analysed, one with more than 50 + 20 % dead rows vacuumed (PostgreSQL's
 * default thresholds). Without it the planner keeps the statistics of an empty table and
 * picks plans for one row — a consumer's claim over a thousand pending deliveries then
 * compares each with each (0.7 s a claim instead of 7 ms, measured).
 */
export class EmbeddedMaintenance {
  #loop: Periodic | null = null;

  /** Failures are for `logger` (none by default: the next pass tries again; a closed database ends with stop()). */
  constructor(
    private readonly db: Database,
    private readonly logger: PeriodicLogger = { error() {} },
  ) {}

  /**
   * Analyses every table that holds rows but has no statistics (reltuples -1): after a crash
   * PGlite comes back with its statistics and counters gone, and the planner then picks plans
   * for empty tables — start-up queries over a backlog crawled for tens of seconds (measured).
   * Run before serving; empty tables are left alone (there is nothing to learn from them).
   */
  async analyzeWithoutStatistics(): Promise<string[]> {
    const tables = await queryRows<{ relname: string }>(
      this.db,
      sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0
            and pg_relation_size(c.oid) > 0
          order by c.relname`,
    );
    for (const t of tables) await this.db.execute(sql`analyze ${sql.identifier(t.relname)}`);
    return tables.map((t) => t.relname);
  }

  /** One pass: the tables analysed and vacuumed. */
  async runOnce(): Promise<{ analyzed: string[]; vacuumed: string[] }> {
    // Counters reach pg_stat_user_tables when the backend flushes them; PGlite's one backend
    // rarely goes idle long enough, so ask for it — before any ANALYZE below, or changes
    // flushed after it would count as made since and trip the next pass.
    await this.db.execute(sql`select pg_stat_force_next_flush()`);
    // Statistics lost in a crash leave no counters behind to trip the thresholds below.
    const analyzed = await this.analyzeWithoutStatistics();
    const tables = await queryRows<TableStats>(
      this.db,
      sql`select relname, n_live_tup::int, n_dead_tup::int, n_mod_since_analyze::int
          from pg_stat_user_tables where schemaname = 'public' order by relname`,
    );
    const vacuumed: string[] = [];
    for (const t of tables) {
      if (analyzed.includes(t.relname)) continue;
      const table = sql.identifier(t.relname);
      if (t.n_dead_tup > 50 + 0.2 * t.n_live_tup) {
        await this.db.execute(sql`vacuum (analyze) ${table}`);
        vacuumed.push(t.relname);
        analyzed.push(t.relname);
      } else if (t.n_mod_since_analyze > 50 + 0.1 * t.n_live_tup) {
        await this.db.execute(sql`analyze ${table}`);
        analyzed.push(t.relname);
      }
    }
    return { analyzed, vacuumed };
  }

  start(intervalMs = 5_000) {
    if (this.#loop) return;
    this.#loop = periodic({
      name: 'embedded maintenance',
      everyMs: intervalMs,
      immediate: false,
      task: () => this.runOnce(),
      logger: this.logger,
    });
    this.#loop.start();
  }

  async stop() {
    await this.#loop?.stop();
    this.#loop = null;
  }
}
