// A worker of FairWorkerPool (fair-parallel.ts): loads the regions and taxonomy once, then
// ranks the share of each fair it is sent.
import { parentPort } from 'node:worker_threads';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import { RankingEngine } from './engine.ts';
import { rankFair } from './fair.ts';
import type { FairJob } from './fair-parallel.ts';

const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();

parentPort?.on('message', (job: FairJob) => {
  try {
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
    parentPort?.postMessage(rankFair(engine, seekers, vacancies, { k: job.k, now: job.now }));
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort?.postMessage('ready');
