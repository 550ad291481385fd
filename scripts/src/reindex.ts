// Rebuilds the vacancy index from the vacancies table: `pnpm reindex` (the embedded index, and
// Meilisearch too when MEILI_URL is set). Run it with the services' environment.
import { openDatabase } from '@duijie/db';
import { searchIndexFrom } from '@duijie/matching/config';
import { reindex } from '@duijie/matching/reindex';
import { RegionDirectory } from '@duijie/regions';
import { PostgresVacancyIndex, wordsOf } from '@duijie/search';
import { embeddedPaths, loadConfigOrExit } from '@duijie/service-kit';
import { Taxonomy } from '@duijie/taxonomy';
import { SystemConfig } from './system.ts';

const config = loadConfigOrExit(SystemConfig);
const lookups = { regions: RegionDirectory.load(), taxonomy: Taxonomy.load() };
const db = await openDatabase({ url: config.DATABASE_URL, dataDir: embeddedPaths(config.DATA_DIR).database });
try {
  const indexes = [
    new PostgresVacancyIndex(db.db, (text) => wordsOf(text, lookups.taxonomy)),
    searchIndexFrom(config, lookups.taxonomy),
  ];
  for (const index of indexes) {
    if (!index) continue;
    const started = performance.now();
    await index.setup();
    const count = await reindex(db.db, index, lookups);
    process.stdout.write(
      `${index.kind}: ${count} vacancies indexed in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
} finally {
  await db.close();
}
