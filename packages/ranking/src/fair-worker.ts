// A worker of FairWorkerPool (fair-parallel.ts), run by piscina: loads the regions and
// taxonomy once, then ranks the share of each fair it is given.
import { threadId } from 'node:worker_threads';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import { RankingEngine } from './engine.ts';
import { type FairRanking, rankFair } from './fair.ts';
import type { FairJob } from './fair-parallel.ts';

const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();

/** Ranks one share of a fair: piscina answers the task that sent it, whatever else runs. */
export default function rankShare(job: FairJob): FairRanking {
  const engine = new RankingEngine({
    regions,
    taxonomy,
    ...(job.policy ? { policy: job.policy } : {}),
    ...(job.cooperation ? { cooperation: job.cooperation } : {}),
  });
  // Each worker has only its share of the vacancies: re-posts were found over the whole set
  // by the caller (VacancyProfile.repostOf), not here.
  const vacancies = job.vacancies.map((v) => engine.prepareVacancy(v));
  const seekers = job.seekers.map((s) => engine.prepareSeeker(s));
  return rankFair(engine, seekers, vacancies, { k: job.k, now: job.now });
}

/**
 * Answers, with the thread's id, once the module (and with it the regions and taxonomy) has
 * loaded; holds its thread a moment, so the pool's start reaches every worker.
 */
export function ready(): number {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  return threadId;
}
