import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
 * rankFair on every core. Worker threads are started once (each loads the shipped regions
 * and taxonomy, which takes a moment) and kept for the fairs that follow, as a matching
 * service keeps them. A job splits the vacancies between the workers and merges the
 * seekers' lists: splitting the vacancies, not the seekers, keeps each vacancy's list whole
 * in one worker, so the bound that saves most of the work stays as strong as on one thread.
 * The answer is the same as one thread's: ties break by id, whoever finds them.
 */
export class FairWorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(size = Math.min(availableParallelism(), 4)): Promise<FairWorkerPool> {
    const workers = await Promise.all(
      Array.from(
        { length: Math.max(1, size) },
        () =>
          new Promise<Worker>((resolve, reject) => {
            const worker = new Worker(workerUrl);
            worker.once('message', () => resolve(worker));
            worker.once('error', reject);
          }),
      ),
    );
    return new FairWorkerPool(workers);
  }

  get size() {
    return this.workers.length;
  }

  async rank(job: FairJob): Promise<FairRanking> {
    const share = Math.ceil(job.vacancies.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((worker, i) =>
        ask(worker, { ...job, vacancies: job.vacancies.slice(i * share, (i + 1) * share) }),
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
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function ask(worker: Worker, job: FairJob): Promise<FairRanking> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    worker.once('error', onError);
    worker.once('message', (result: FairRanking | { error: string }) => {
      worker.off('error', onError);
      if ('error' in result) reject(new Error(result.error));
      else resolve(result);
    });
    worker.postMessage(job);
  });
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
