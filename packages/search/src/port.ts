/**
 * The vacancy index: the supply list shaped for retrieval. The matching service asks it for
 * candidates through filters derived from a demand, then the ranking engine re-ranks them
 * exactly; so the index only has to be fast and never miss what the filters allow.
 */
export type VacancyDocument = {
  id: string;
  employerId: string;
  employerBlacklisted: boolean;
  status: 'open' | 'closed' | 'expired' | 'filled';
  title: string;
  /** Title, description and skills cut into words by jieba (search mode), each once. */
  words: string[];
  /** The workplace's code and every level above it: 420000, 420300, 420322 (and the 12-digit code). */
  regionCodes: string[];
  lat: number | null;
  lng: number | null;
  monthlyWageMin: number;
  monthlyWageMax: number;
  occupationCode: string | null;
  skillCodes: string[];
  fairIds: string[];
  livestreamIds: string[];
  /** public_welfare, housing, meals, and the employer's own tags. */
  tags: string[];
  /** Seconds since the epoch. */
  datePosted: number;
  /** The vacancy's version: an older document never replaces a newer one. */
  version: number;
};

export type VacancyFilters = {
  /** Default `open`. */
  status?: VacancyDocument['status'];
  /** Vacancies in any of these regions, at any level. */
  regionCodes?: readonly string[];
  near?: { lat: number; lng: number; radiusKm: number };
  /** The offer's top reaches at least this (yuan a month). */
  wageAtLeast?: number;
  /** The offer's bottom is at most this (yuan a month). */
  wageAtMost?: number;
  occupationCodes?: readonly string[];
  /** Vacancies asking for any of these skills. */
  skillCodes?: readonly string[];
  employerId?: string;
  fairId?: string;
  livestreamId?: string;
  /** Vacancies with every one of these tags. */
  tags?: readonly string[];
  /** Default true: a blacklisted employer's vacancies are not candidates. */
  excludeBlacklisted?: boolean;
};

/**
 * `text` is cut into words like the documents; a document matches when it has any of them,
 * and documents with more of them come first. Filters and text together: both must hold.
 */
export type SearchQuery = {
  filters?: VacancyFilters;
  text?: string;
  limit: number;
  /**
   * `newest` (the default) returns the newest matches first; `any` returns whichever matches
   * the index finds first, so it can stop at the limit: for candidates the engine re-ranks anyway.
   */
  order?: 'newest' | 'any';
};
export type SearchHit = { id: string; score: number };
export type SearchResult = { hits: SearchHit[]; estimatedTotal: number };

export interface VacancyIndex {
  readonly kind: 'postgres' | 'meilisearch';
  /** Creates what the index needs (settings, tables), idempotently. */
  setup(): Promise<void>;
  /** Adds or replaces documents; an older version of a document never replaces a newer one. */
  upsert(documents: readonly VacancyDocument[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  stats(): Promise<{ documents: number }>;
  /** Removes every document. */
  reset(): Promise<void>;
}
