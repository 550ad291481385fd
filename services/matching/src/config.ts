import { MeilisearchVacancyIndex, wordsOf } from '@duijie/search';
import { BaseConfig, Port } from '@duijie/service-kit';
import { Taxonomy } from '@duijie/taxonomy';
import { Meilisearch } from 'meilisearch';
import { z } from 'zod';

/** Where the search engine is, when there is one: without MEILI_URL the embedded index serves. */
export const SearchConfig = z.object({
  MEILI_URL: z.url().optional().describe('Meilisearch server; unset means the embedded index in the database'),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[\w-]+$/)
    .default('vacancies'),
});

export const MatchingConfig = BaseConfig.extend({
  PORT: Port.default(8082),
  ...SearchConfig.shape,
  PROFILE_CACHE: z
    .enum(['on', 'thread', 'off'])
    .default('on')
    .describe(
      'the open vacancies’ ranking profiles and candidate lists kept in memory (≈1.5 KB each, 1.5 GiB a million); thread: in a worker thread of their own, so the service’s collections stay short; off: read per request',
    ),
});

/** The Meilisearch index the configuration names, or none. */
export function searchIndexFrom(config: z.infer<typeof SearchConfig>, taxonomy = Taxonomy.load()) {
  if (!config.MEILI_URL) return undefined;
  const client = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY });
  return new MeilisearchVacancyIndex(client, {
    uid: config.MEILI_INDEX,
    taxonomy,
    words: (text) => wordsOf(text, taxonomy),
  });
}
