import type { VacancyProfile } from '@duijie/ranking';
import type { RegionDirectory } from '@duijie/regions';
import { regionCodesOf, type SearchQuery, type SearchResult, type VacancyFilters } from '@duijie/search';

/** What a filter reads of a vacancy, as the index's document has it. */
type Entry = {
  regions: readonly string[];
  skills: readonly string[];
  occupation: string | null;
  wageMax: number;
  /** Seconds since the epoch, as the index orders by. */
  posted: number;
  day: number;
};

/** The filters answered here; a query with any other goes to the index. */
const ANSWERED = new Set<keyof VacancyFilters>([
  'status',
  'regionCodes',
  'wageAtLeast',
  'occupationCodes',
  'skillCodes',
]);
const DAY = 86_400;

/**
 * The profile cache's vacancies listed by region (every level) and by skill, so that a
 * seeker's candidates are found in memory and not by the index: on the server at a million
 * vacancies, a common skill over a province made PostgreSQL build the skill's whole bitmap
 * before the area cut it down. Answers a query as `PostgresVacancyIndex` does (the test in
 * `candidate-lists.test.ts` holds it to that), for the filters a seeker's matches use; any
 * other query (text, a fair, a livestream…) is the index's.
 */
export class CandidateLists {
  readonly #entries = new Map<string, Entry>();
  readonly #byRegion = new Map<string, Set<string>>();
  readonly #bySkill = new Map<string, Set<string>>();
  /** Vacancies by the day they were posted, and those days newest first: the walk for `newest`. */
  readonly #byDay = new Map<number, Set<string>>();
  #days: number[] = [];

  constructor(private readonly regions: RegionDirectory) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Lists the vacancy, or lists it again as it is now. */
  put(profile: VacancyProfile): void {
    const { id } = profile;
    this.delete(id);
    const posted = Math.floor(new Date(profile.datePosted).getTime() / 1000);
    const skills = [...profile.requiredSkills, ...profile.preferredSkills].flatMap((s) => (s.code ? [s.code] : []));
    const entry: Entry = {
      regions: regionCodesOf(profile.regionCode, this.regions),
      skills: [...new Set(skills)],
      occupation: profile.occupationCode ?? null,
      wageMax: profile.monthlyWageMax,
      posted,
      day: Math.floor(posted / DAY),
    };
    this.#entries.set(id, entry);
    for (const code of entry.regions) listed(this.#byRegion, code).add(id);
    for (const code of entry.skills) listed(this.#bySkill, code).add(id);
    if (!this.#byDay.has(entry.day)) {
      this.#days.push(entry.day);
      this.#days.sort((a, b) => b - a);
    }
    listed(this.#byDay, entry.day).add(id);
  }

  delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    for (const code of entry.regions) unlist(this.#byRegion, code, id);
    for (const code of entry.skills) unlist(this.#bySkill, code, id);
    if (unlist(this.#byDay, entry.day, id)) this.#days = this.#days.filter((d) => d !== entry.day);
  }

  clear(): void {
    for (const map of [this.#entries, this.#byRegion, this.#bySkill, this.#byDay]) map.clear();
    this.#days = [];
  }

  /**
   * The query's hits, or null when it asks for what only the index answers. `any` stops at
   * the limit; `newest` is ordered by the day posted and then the second, ties by id.
   */
  search({ filters = {}, text, limit, order = 'newest' }: SearchQuery): SearchResult | null {
    if (text || (filters.status ?? 'open') !== 'open' || filters.excludeBlacklisted === false) return null;
    if (
      Object.entries(filters).some(([key, value]) => value !== undefined && !ANSWERED.has(key as keyof VacancyFilters))
    )
      return null;
    const matches = matcher(filters);
    const source = this.#smallestSource(filters);
    let ids: string[];
    if (order === 'any') {
      ids = [];
      for (const id of source ? distinct(source.lists) : this.#entries.keys()) {
        if (ids.length >= limit) break;
        if (matches(this.#entry(id))) ids.push(id);
      }
    } else if (source && source.size * source.size <= limit * this.#entries.size) {
      // A small area or a rare skill: read it all; else the days, newest first, until the limit.
      ids = this.#newest(distinct(source.lists), matches, limit);
    } else {
      ids = this.#newestByDay(matches, limit);
    }
    return { hits: ids.map((id) => ({ id, score: 0 })), estimatedTotal: ids.length };
  }

  #entry(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`candidate lists: ${id} is listed but has no entry`);
    return entry;
  }

  /** The lists by region or by skill a query can be read from, whichever holds fewer vacancies. */
  #smallestSource(filters: VacancyFilters) {
    const sources = [
      [filters.regionCodes, this.#byRegion],
      [filters.skillCodes, this.#bySkill],
    ] as const;
    let best: { lists: Set<string>[]; size: number } | null = null;
    for (const [codes, index] of sources) {
      if (!codes?.length) continue;
      const lists = codes.flatMap((code) => index.get(code) ?? []);
      const size = lists.reduce((n, list) => n + list.size, 0);
      if (!best || size < best.size) best = { lists, size };
    }
    return best;
  }

  #newest(ids: Iterable<string>, matches: (e: Entry) => boolean, limit: number): string[] {
    const found: [string, Entry][] = [];
    for (const id of ids) {
      const entry = this.#entry(id);
      if (matches(entry)) found.push([id, entry]);
    }
    return newestFirst(found).slice(0, limit);
  }

  /** Whole days, newest first, until they hold the limit: every later day's vacancies are older. */
  #newestByDay(matches: (e: Entry) => boolean, limit: number): string[] {
    const found: [string, Entry][] = [];
    for (const day of this.#days) {
      if (found.length >= limit) break;
      for (const id of this.#byDay.get(day) ?? []) {
        const entry = this.#entry(id);
        if (matches(entry)) found.push([id, entry]);
      }
    }
    return newestFirst(found).slice(0, limit);
  }
}

function matcher(f: VacancyFilters): (e: Entry) => boolean {
  const regions = f.regionCodes?.length ? new Set(f.regionCodes) : null;
  const skills = f.skillCodes?.length ? new Set(f.skillCodes) : null;
  const occupations = f.occupationCodes?.length ? new Set(f.occupationCodes) : null;
  const floor = f.wageAtLeast;
  return (e) =>
    (floor === undefined || e.wageMax >= floor) &&
    (!regions || e.regions.some((c) => regions.has(c))) &&
    (!skills || e.skills.some((c) => skills.has(c))) &&
    (!occupations || (e.occupation !== null && occupations.has(e.occupation)));
}

function newestFirst(found: [string, Entry][]): string[] {
  found.sort(([a, x], [b, y]) => y.posted - x.posted || (a < b ? -1 : a > b ? 1 : 0));
  return found.map(([id]) => id);
}

/** Each id once, over lists that may share some (a county and its prefecture, two related skills). */
function* distinct(lists: readonly Set<string>[]): Iterable<string> {
  if (lists.length === 1) {
    yield* lists[0] ?? [];
    return;
  }
  const seen = new Set<string>();
  for (const list of lists) {
    for (const id of list) {
      if (seen.has(id)) continue;
      seen.add(id);
      yield id;
    }
  }
}

function listed<K>(index: Map<K, Set<string>>, key: K): Set<string> {
  const list = index.get(key);
  if (list) return list;
  const added = new Set<string>();
  index.set(key, added);
  return added;
}

/** Takes the id off the key's list; true when the list is then empty (and gone). */
function unlist<K>(index: Map<K, Set<string>>, key: K, id: string): boolean {
  const list = index.get(key);
  if (!list) return false;
  list.delete(id);
  if (list.size > 0) return false;
  index.delete(key);
  return true;
}
