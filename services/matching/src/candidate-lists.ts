import type { VacancyProfile } from '@duijie/ranking';
import type { RegionDirectory } from '@duijie/regions';
import {
  regionCodesOf,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type VacancyFilters,
} from '@duijie/search';

/** What a filter reads of a vacancy, as the index's document has it. */
type Entry = {
  id: string;
  regions: readonly string[];
  skills: readonly string[];
  occupation: string | null;
  wageMax: number;
  /** Seconds since the epoch, as the index orders by. */
  posted: number;
  /** False once the vacancy is gone or listed again: the lists drop it lazily. */
  live: boolean;
};

/** The filters answered here; a query with any other goes to the index. */
const ANSWERED = new Set<keyof VacancyFilters>([
  'status',
  'regionCodes',
  'wageAtLeast',
  'occupationCodes',
  'skillCodes',
]);

/** Newest first, ties by id: the order of every list, and of `newest`'s hits. */
const newer = (a: Entry, b: Entry) => b.posted - a.posted || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The profile cache's vacancies listed newest first, all of them and by region (every level),
 * by skill, and by skill in each region, so that a seeker's candidates are found in memory
 * and not by the index: on the server at a million vacancies, a common skill over a province
 * made PostgreSQL build the skill's whole bitmap before the area cut it down. A query walks
 * the few lists its filters name, newest first, and stops at its limit. Answers as
 * `PostgresVacancyIndex` does (`candidate-lists.test.ts` holds it to that) for the filters a
 * seeker's matches use; any other query (text, a fair, a livestream…) is the index's.
 */
export class CandidateLists {
  readonly #entries = new Map<string, Entry>();
  readonly #all = new NewestList();
  readonly #byRegion = new Map<string, NewestList>();
  readonly #bySkill = new Map<string, NewestList>();
  readonly #byRegionSkill = new Map<string, Map<string, NewestList>>();
  /** Every level of a workplace's region, by its code: computed once, shared by its vacancies. */
  readonly #levels = new Map<string, readonly string[]>();

  constructor(private readonly regions: RegionDirectory) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Lists the vacancy, or lists it again as it is now. */
  put(profile: VacancyProfile): void {
    this.delete(profile.id);
    const skills: string[] = [];
    for (const claims of [profile.requiredSkills, profile.preferredSkills]) {
      for (const { code } of claims) if (code && !skills.includes(code)) skills.push(code);
    }
    const posted = profile.datePosted instanceof Date ? profile.datePosted : new Date(profile.datePosted);
    const entry: Entry = {
      id: profile.id,
      regions: this.#levelsOf(profile.regionCode),
      skills,
      occupation: profile.occupationCode ?? null,
      wageMax: profile.monthlyWageMax,
      posted: Math.floor(posted.getTime() / 1000),
      live: true,
    };
    this.#entries.set(entry.id, entry);
    this.#all.add(entry);
    for (const region of entry.regions) {
      listOf(this.#byRegion, region).add(entry);
      const inRegion = this.#byRegionSkill.get(region) ?? new Map<string, NewestList>();
      this.#byRegionSkill.set(region, inRegion);
      for (const skill of skills) listOf(inRegion, skill).add(entry);
    }
    for (const skill of skills) listOf(this.#bySkill, skill).add(entry);
  }

  delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    entry.live = false;
    this.#all.dropped();
    for (const region of entry.regions) {
      this.#byRegion.get(region)?.dropped();
      const inRegion = this.#byRegionSkill.get(region);
      for (const skill of entry.skills) inRegion?.get(skill)?.dropped();
    }
    for (const skill of entry.skills) this.#bySkill.get(skill)?.dropped();
  }

  clear(): void {
    this.#entries.clear();
    this.#all.clear();
    for (const map of [this.#byRegion, this.#bySkill, this.#byRegionSkill]) map.clear();
  }

  /**
   * The query's hits, newest first, or null when it asks for what only the index answers.
   * (`any` lets the index return whichever it finds; the newest are as good, and as cheap here.)
   */
  search({ filters = {}, text, limit }: SearchQuery): SearchResult | null {
    if (text || (filters.status ?? 'open') !== 'open' || filters.excludeBlacklisted === false) return null;
    if (
      Object.entries(filters).some(([key, value]) => value !== undefined && !ANSWERED.has(key as keyof VacancyFilters))
    )
      return null;
    const matches = matcher(filters);
    const hits: SearchHit[] = [];
    for (const entry of walk(this.#sources(filters))) {
      if (hits.length >= limit) break;
      if (matches(entry)) hits.push({ id: entry.id, score: 0 });
    }
    return { hits, estimatedTotal: hits.length };
  }

  /** The lists holding every vacancy the filters' regions and skills allow (and maybe more). */
  #sources({ regionCodes = [], skillCodes = [] }: VacancyFilters): NewestList[] {
    const found = (list: NewestList | undefined) => (list ? [list] : []);
    if (regionCodes.length > 0 && skillCodes.length > 0) {
      return regionCodes.flatMap((r) => skillCodes.flatMap((s) => found(this.#byRegionSkill.get(r)?.get(s))));
    }
    if (regionCodes.length > 0) return regionCodes.flatMap((r) => found(this.#byRegion.get(r)));
    if (skillCodes.length > 0) return skillCodes.flatMap((s) => found(this.#bySkill.get(s)));
    return [this.#all];
  }

  #levelsOf(code: string): readonly string[] {
    let levels = this.#levels.get(code);
    if (!levels) {
      levels = regionCodesOf(code, this.regions);
      this.#levels.set(code, levels);
    }
    return levels;
  }
}

/**
 * Entries newest first: a sorted array, and the entries added since it was last merged,
 * sorted when read. Gone entries stay until the next merge (they are skipped as they are met).
 */
class NewestList {
  #sorted: Entry[] = [];
  #added: Entry[] = [];
  #addedSorted = true;
  #gone = 0;

  add(entry: Entry): void {
    this.#added.push(entry);
    this.#addedSorted = false;
    // Bounded by the list's size, so a build of a million merges a few dozen times, not thousands.
    if (this.#added.length > Math.max(4096, this.#sorted.length >> 2)) this.#merge();
  }

  dropped(): void {
    this.#gone++;
    if (this.#gone > 1024 && this.#gone * 2 > this.#sorted.length) this.#merge();
  }

  clear(): void {
    this.#sorted = [];
    this.#added = [];
    this.#gone = 0;
  }

  /** Both arrays, sorted: the added ones merged in first when they are many. */
  arrays(): [Entry[], Entry[]] {
    if (!this.#addedSorted) {
      if (this.#added.length > Math.max(512, this.#sorted.length >> 6)) this.#merge();
      else this.#added.sort(newer);
      this.#addedSorted = true;
    }
    return [this.#sorted, this.#added];
  }

  #merge(): void {
    const added = this.#added.filter((e) => e.live).sort(newer);
    const merged: Entry[] = [];
    let j = 0;
    for (const e of this.#sorted) {
      if (!e.live) continue;
      while (j < added.length && newer(added[j] as Entry, e) < 0) merged.push(added[j++] as Entry);
      merged.push(e);
    }
    while (j < added.length) merged.push(added[j++] as Entry);
    this.#sorted = merged;
    this.#added = [];
    this.#addedSorted = true;
    this.#gone = 0;
  }
}

/** The live entries of the lists, each once, newest first: a merge of their sorted arrays. */
function* walk(lists: readonly NewestList[]): Iterable<Entry> {
  const arrays = lists.flatMap((l) => l.arrays()).filter((a) => a.length > 0);
  const at = new Array<number>(arrays.length).fill(0);
  // An entry on two lists (a county and its prefecture, two related skills) comes out of both.
  const seen = lists.length > 1 ? new Set<Entry>() : null;
  for (;;) {
    let best = -1;
    let head: Entry | undefined;
    for (let k = 0; k < arrays.length; k++) {
      const e = (arrays[k] as Entry[])[at[k] as number];
      if (e && (!head || newer(e, head) < 0)) {
        head = e;
        best = k;
      }
    }
    if (!head) return;
    at[best] = (at[best] as number) + 1;
    if (!head.live || seen?.has(head)) continue;
    seen?.add(head);
    yield head;
  }
}

function listOf(lists: Map<string, NewestList>, key: string): NewestList {
  const list = lists.get(key);
  if (list) return list;
  const added = new NewestList();
  lists.set(key, added);
  return added;
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
