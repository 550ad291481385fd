import type { Taxonomy } from '@duijie/taxonomy';
import type { Meilisearch, Settings } from 'meilisearch';
import type { SearchQuery, SearchResult, VacancyDocument, VacancyFilters, VacancyIndex } from './port.ts';

/** Documents per addDocuments call. */
const BATCH = 5000;

/**
 * The index settings, declared here and applied at every start (Meilisearch makes an equal
 * update a no-op). `words` holds jieba's cut of the text as an array, filtered on exactly, so
 * matching does not depend on the engine's own Chinese segmentation (charabia cuts 电焊工
 * differently from jieba's dictionary of trades); `title` stays searchable for free-text use,
 * with synonyms from the taxonomy's trades.
 */
export function meiliSettings(taxonomy: Pick<Taxonomy, 'skills'>): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const skill of taxonomy.skills) {
    const names = [skill.name, ...skill.synonyms];
    for (const name of names) synonyms[name] = names.filter((n) => n !== name);
  }
  return {
    searchableAttributes: ['title', 'words'],
    filterableAttributes: [
      'id',
      'status',
      'employerId',
      'employerBlacklisted',
      'regionCodes',
      '_geo',
      'monthlyWageMin',
      'monthlyWageMax',
      'occupationCode',
      'skillCodes',
      'fairIds',
      'livestreamIds',
      'tags',
      'words',
    ],
    sortableAttributes: ['datePosted', 'monthlyWageMax', '_geo'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'datePosted:desc'],
    synonyms,
    // Chinese words are two or three characters: typos only ever apply to longer Latin words.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 10_000 },
  };
}

/** A value in a filter expression: always double-quoted, with `\` and `"` escaped. */
export const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

const num = (n: number) => {
  if (!Number.isFinite(n)) throw new Error(`not a finite number in a filter: ${n}`);
  return String(n);
};
const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;

/** The filter expression for the port's filters and the text's words, clauses joined by AND. */
export function meiliFilter(f: VacancyFilters, words: readonly string[] = []): string {
  const clauses = [`status = ${quote(f.status ?? 'open')}`];
  if (f.excludeBlacklisted !== false) clauses.push('employerBlacklisted = false');
  if (f.regionCodes?.length) clauses.push(`regionCodes IN ${list(f.regionCodes)}`);
  if (f.near)
    clauses.push(`_geoRadius(${num(f.near.lat)}, ${num(f.near.lng)}, ${num(Math.round(f.near.radiusKm * 1000))})`);
  if (f.wageAtLeast !== undefined) clauses.push(`monthlyWageMax >= ${num(f.wageAtLeast)}`);
  if (f.wageAtMost !== undefined) clauses.push(`monthlyWageMin <= ${num(f.wageAtMost)}`);
  if (f.occupationCodes?.length) clauses.push(`occupationCode IN ${list(f.occupationCodes)}`);
  if (f.skillCodes?.length) clauses.push(`skillCodes IN ${list(f.skillCodes)}`);
  if (f.employerId) clauses.push(`employerId = ${quote(f.employerId)}`);
  if (f.fairId) clauses.push(`fairIds = ${quote(f.fairId)}`);
  if (f.livestreamId) clauses.push(`livestreamIds = ${quote(f.livestreamId)}`);
  for (const tag of f.tags ?? []) clauses.push(`tags = ${quote(tag)}`);
  // Any of the words: a filter on the array, so every adapter means the same by text.
  if (words.length > 0) clauses.push(`words IN ${list(words)}`);
  return clauses.join(' AND ');
}

/** The document as Meilisearch stores it: the port's, with `_geo` for geo filters. */
export function toMeiliDocument(doc: VacancyDocument) {
  const { lat, lng, ...rest } = doc;
  return { ...rest, ...(lat !== null && lng !== null ? { _geo: { lat, lng } } : {}) };
}

/**
 * The vacancy index on a Meilisearch server through the official client. Every write waits
 * for its task (with a timeout), so a search after a write sees it, as the port promises.
 */
export class MeilisearchVacancyIndex implements VacancyIndex {
  readonly kind = 'meilisearch';

  constructor(
    private readonly client: Meilisearch,
    private readonly options: {
      uid: string;
      taxonomy: Pick<Taxonomy, 'skills'>;
      words: (text: string) => string[];
      taskTimeoutMs?: number;
    },
  ) {}

  private get index() {
    return this.client.index<ReturnType<typeof toMeiliDocument>>(this.options.uid);
  }

  private get wait() {
    return { timeout: this.options.taskTimeoutMs ?? 30_000 };
  }

  async setup(): Promise<void> {
    const existing = await this.client.getIndex(this.options.uid).catch(() => null);
    if (!existing) await this.client.createIndex(this.options.uid, { primaryKey: 'id' }).waitTask(this.wait);
    await this.index.updateSettings(meiliSettings(this.options.taxonomy)).waitTask(this.wait);
  }

  async upsert(documents: readonly VacancyDocument[]): Promise<void> {
    const fresh = await this.newerThanStored(documents);
    for (let i = 0; i < fresh.length; i += BATCH) {
      await this.index.addDocuments(fresh.slice(i, i + BATCH).map(toMeiliDocument)).waitTask(this.wait);
    }
  }

  /** Meilisearch replaces unconditionally: documents older than the stored version are dropped here. */
  private async newerThanStored(documents: readonly VacancyDocument[]): Promise<VacancyDocument[]> {
    const stored = new Map<string, number>();
    for (let i = 0; i < documents.length; i += BATCH) {
      const ids = documents.slice(i, i + BATCH).map((d) => d.id);
      const page = await this.index.getDocuments({
        filter: `id IN ${list(ids)}`,
        fields: ['id', 'version'],
        limit: ids.length,
      });
      for (const d of page.results) stored.set(String(d.id), Number(d.version));
    }
    return documents.filter((d) => (stored.get(d.id) ?? 0) <= d.version);
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.index.deleteDocuments([...ids]).waitTask(this.wait);
  }

  async search({ filters = {}, text, limit, order = 'newest' }: SearchQuery): Promise<SearchResult> {
    const words = text ? this.options.words(text) : [];
    const result = await this.index.search('', {
      filter: meiliFilter(filters, words),
      limit,
      attributesToRetrieve: ['id', 'words'],
      ...(order === 'newest' ? { sort: ['datePosted:desc'] } : {}),
    });
    const wanted = new Set(words);
    const hits = result.hits.map((h) => ({
      id: String(h.id),
      score: words.length > 0 ? (h.words ?? []).filter((w: string) => wanted.has(w)).length : 0,
    }));
    // The page comes newest first; within it, more of the words first, as the port says.
    hits.sort((a, b) => b.score - a.score);
    return { hits, estimatedTotal: result.estimatedTotalHits ?? hits.length };
  }

  async stats(): Promise<{ documents: number }> {
    return { documents: (await this.index.getStats()).numberOfDocuments };
  }

  async reset(): Promise<void> {
    await this.index.deleteAllDocuments().waitTask(this.wait);
  }
}
