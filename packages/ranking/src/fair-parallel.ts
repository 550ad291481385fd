import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { FairRanking } from './fair.ts';
import type { Policy } from './policy.ts';
import { type Ranked, TopK } from './top-k.ts';
import type { CooperationPair, SeekerProfile, VacancyProfile } from './types.ts';

export type FairJob = {
  seekers: readonly SeekerProfile[];
  /** With `repostOf` set where re-posts were found over the whole set: a worker sees only its share. */
  vacancies: readonly VacancyProfile[];
  k: number;
  now: number;
  policy?: Policy;
  cooperation?: readonly CooperationPair[];
};

// Run from source, a worker needs tsx registered first (workers do not inherit the parent's
// module hooks); compiled, fair-worker.js runs as it is.
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('./fair-worker-entry.mjs', import.meta.url)
  : new URL('./fair-worker.js', import.meta.url);

/**
 * rankFair on every core, on a piscina pool. Worker threads are started once (each loads the
 * shipped regions and taxonomy, which takes a moment) and kept for the fairs that follow, as
 * a matching service keeps them. A job splits the vacancies between the workers and merges
 * the seekers' lists: splitting the vacancies, not the seekers, keeps each vacancy's list
 * whole in one worker, so the bound that saves most of the work stays as strong as on one
 * thread. The answer is the same as one thread's: ties break by id, whoever finds them.
 * Each share is a piscina task with its own answer, so fairs ranked at once never get each
 * other's lists (the hand-made pool this replaced matched replies to callers by arrival,
 * and two overlapping calls could swap them); a second fair's shares queue behind the first's.
 */
export class FairWorkerPool {
  private constructor(private readonly pool: Piscina) {}

  static async start(size = Math.min(availableParallelism(), 4)): Promise<FairWorkerPool> {
    const threads = Math.max(1, size);
    const pool = new Piscina({
      filename: fileURLToPath(workerUrl),
      minThreads: threads,
      maxThreads: threads,
      // Kept for the service's life, as the hand-made pool was: starting one costs the load.
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    // Ready when every worker has loaded (piscina gives a worker tasks only then): ask until
    // each thread has answered, so the first fair does not pay for the loading.
    const loaded = new Set<number>();
    for (let round = 0; loaded.size < threads && round < 500; round++) {
      const ids = await Promise.all(
        Array.from({ length: threads }, () => pool.run(null, { name: 'ready' }) as Promise<unknown>),
      );
      for (const id of ids) loaded.add(id as number);
    }
    return new FairWorkerPool(pool);
  }

  get size() {
    return this.pool.options.maxThreads;
  }

  async rank(job: FairJob): Promise<FairRanking> {
    // Dealt out in turn, not cut in halves: a supply list in the order it was posted groups
    // one place or one employer, and halves of it cost the workers unequal time. (Splitting
    // the seekers instead was measured too: ≈ 10 % slower, each worker then preparing every
    // vacancy.)
    const parts = await Promise.all(
      Array.from(
        { length: this.size },
        (_, i) =>
          this.pool.run({
            ...job,
            vacancies: job.vacancies.filter((_, j) => j % this.size === i),
          }) as Promise<FairRanking>,
      ),
    );
    const forVacancy = new Map<string, Ranked[]>();
    const merged = new Map<string, TopK>();
    let pairsScored = 0;
    for (const part of parts) {
      pairsScored += part.pairsScored;
      for (const [id, list] of part.forVacancy) forVacancy.set(id, list);
      for (const [id, list] of part.forSeeker) {
        let top = merged.get(id);
        if (!top) {
          top = new TopK(job.k);
          merged.set(id, top);
        }
        for (const r of list) top.offer(r.id, r.score);
      }
    }
    return { forSeeker: new Map([...merged].map(([id, top]) => [id, top.items])), forVacancy, pairsScored };
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** One fair on a pool of its own, closed afterwards. */
export async function rankFairParallel(job: FairJob, workers?: number): Promise<FairRanking> {
  const pool = await FairWorkerPool.start(workers);
  try {
    return await pool.rank(job);
  } finally {
    await pool.close();
  }
}
