import { withEachDatabase } from '@duijie/db/testing';
import { Taxonomy } from '@duijie/taxonomy';
import { Meilisearch } from 'meilisearch';
import t from 'tap';
import { contractWords, vacancyIndexContract } from './contract.ts';
import { MeilisearchVacancyIndex } from './meilisearch-index.ts';
import { PostgresVacancyIndex } from './postgres-index.ts';

await t.test('PostgreSQL adapter', async (t) => {
  await withEachDatabase(t, async (t, db) => {
    await vacancyIndexContract(t, new PostgresVacancyIndex(db.db, contractWords));
  });
});

const meiliUrl = process.env.MEILI_URL;
await t.test(
  'Meilisearch adapter',
  { skip: meiliUrl ? false : 'MEILI_URL is not set: no Meilisearch server to run the contract against' },
  async (t) => {
    const client = new Meilisearch({ host: meiliUrl ?? '', apiKey: process.env.MEILI_MASTER_KEY });
    const index = new MeilisearchVacancyIndex(client, {
      uid: `duijie_contract_${process.pid}`,
      taxonomy: Taxonomy.load(),
      words: contractWords,
    });
    t.teardown(() => client.deleteIndex(`duijie_contract_${process.pid}`).waitTask());
    await vacancyIndexContract(t, index);
  },
);
