import { readFileSync } from 'node:fs';
import { shortNames } from './short-names.ts';

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';
export type Point = { lat: number; lng: number };

export type Region = {
  /** Six-digit GB/T 2260 code (province 430000, prefecture 433100, county 433101). */
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: string | null;
  point: Point | null;
  /** own: the division's own coordinate; prefecture / province / mean-of-children: a fallback. */
  coordinateSource: string | null;
  shortNames: string[];
};

export type Resolution = {
  /** The one region the text names, when it names exactly one. */
  region: Region | null;
  /** Every region the text could name (several when it is ambiguous, e.g. 朝阳区). */
  candidates: Region[];
  /** Text after the longest part that was recognised (e.g. a township not in the data). */
  unmatched: string;
};

type Data = { columns: string[]; rows: [string, string, string | null, number | null, number | null, string | null][] };

const levelOf = (code: string): Region['level'] =>
  code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';

/** Six-digit code a 6- or 12-digit code falls in (its county, or itself). */
export const countyCodeOf = (code: string) => code.slice(0, 6);

/** Level of any region code, including 12-digit township (乡镇) and village (村) codes. */
export function levelOfCode(code: string): RegionLevel {
  if (code.length === 12) return code.endsWith('000') ? 'township' : 'village';
  return levelOf(code);
}

const EARTH_RADIUS_KM = 6371;

export function haversineKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Names that belong to no one place: the placeholder prefectures of the municipalities.
const PLACEHOLDER = /^(市辖区|县|(自治区|省)直辖县级行政区划)$/;

/**
 * China's administrative divisions (NBS 2023: 31 provinces, 342 prefectures, 2,978
 * counties) with a coordinate each: lookup by code and by name, parent chains, containment
 * and distance. Township and village codes (12 digits) are handled through their county.
 */
export class RegionDirectory {
  private readonly byCode = new Map<string, Region>();
  private readonly byName = new Map<string, Region[]>();
  private readonly longestName: number;

  constructor(regions: Region[]) {
    for (const region of regions) this.byCode.set(region.code, region);
    for (const region of regions) {
      if (PLACEHOLDER.test(region.name)) continue;
      for (const name of [region.name, ...region.shortNames]) {
        const list = this.byName.get(name) ?? [];
        list.push(region);
        this.byName.set(name, list);
      }
    }
    this.longestName = Math.max(...[...this.byName.keys()].map((n) => n.length));
  }

  /** The directory of the shipped data (read once). */
  static load(): RegionDirectory {
    cached ??= new RegionDirectory(readShipped());
    return cached;
  }

  get size() {
    return this.byCode.size;
  }

  all(): Region[] {
    return [...this.byCode.values()];
  }

  /** The region of a 6-digit code, or of the county a 12-digit code lies in. */
  get(code: string): Region | undefined {
    return this.byCode.get(countyCodeOf(code));
  }

  /** The region and its ancestors, the region first. */
  chain(code: string): Region[] {
    const out: Region[] = [];
    for (let r = this.get(code); r; r = r.parentCode ? this.byCode.get(r.parentCode) : undefined) out.push(r);
    return out;
  }

  /** Codes of the region's province, prefecture and county (where it has them). */
  levels(code: string): Partial<Record<Region['level'], string>> {
    return Object.fromEntries(this.chain(code).map((r) => [r.level, r.code]));
  }

  /** Is `inner` the same as or inside `outer`? Either may be a 12-digit code. */
  isWithin(inner: string, outer: string): boolean {
    if (outer.length === 12) {
      if (inner.length !== 12) return false;
      return outer.endsWith('000') ? inner.slice(0, 9) === outer.slice(0, 9) : inner === outer;
    }
    return this.chain(inner).some((r) => r.code === outer);
  }

  point(code: string): Point | null {
    return this.get(code)?.point ?? null;
  }

  /** Great-circle distance between two regions' coordinates, or null where one has none. */
  distanceKm(a: string, b: string): number | null {
    const pa = this.point(a);
    const pb = this.point(b);
    return pa && pb ? haversineKm(pa, pb) : null;
  }

  /** Regions with this exact name or short name, larger divisions first. */
  findByName(name: string, within?: string): Region[] {
    const found = this.byName.get(name.trim()) ?? [];
    return (within ? found.filter((r) => this.isWithin(r.code, within)) : found).slice().sort(byLevel);
  }

  /**
   * Reads a place as people write it: a full name, a short name (湘西, 湘西州), or a path
   * such as 湖北省十堰市郧西县 or 湖北郧西. `within` narrows an ambiguous name.
   */
  resolve(text: string, within?: string): Resolution {
    const cleaned = text.replace(/[\s,，、/·-]+/g, '');
    const parses = this.parsePath(cleaned, within);
    const best = Math.max(0, ...parses.map((p) => p.consumed));
    const finals = dedupe(parses.filter((p) => p.consumed === best && best > 0).map((p) => p.region));
    return {
      region: finals.length === 1 ? (finals[0] ?? null) : null,
      candidates: finals.sort(byLevel),
      unmatched: cleaned.slice(best),
    };
  }

  private parsePath(text: string, within: string | undefined): { region: Region; consumed: number }[] {
    const results: { region: Region; consumed: number }[] = [];
    for (let len = Math.min(text.length, this.longestName); len >= 2; len--) {
      for (const region of this.findByName(text.slice(0, len), within)) {
        const rest = text.slice(len);
        const deeper = rest ? this.parsePath(rest, region.code).filter((p) => p.region.code !== region.code) : [];
        if (deeper.length > 0) {
          for (const d of deeper) results.push({ region: d.region, consumed: len + d.consumed });
        } else results.push({ region, consumed: len });
      }
    }
    return results;
  }
}

let cached: RegionDirectory | undefined;

const LEVEL_ORDER = { province: 0, prefecture: 1, county: 2 } as const;
const byLevel = (a: Region, b: Region) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code);
const dedupe = (regions: Region[]) => [...new Map(regions.map((r) => [r.code, r])).values()];

function readShipped(): Region[] {
  const data = JSON.parse(readFileSync(new URL('../data/regions.json', import.meta.url), 'utf8')) as Data;
  return data.rows.map(([code, name, parentCode, lat, lng, coordinateSource]) => {
    const level = levelOf(code);
    return {
      code,
      name,
      level,
      parentCode,
      point: lat !== null && lng !== null ? { lat, lng } : null,
      coordinateSource,
      shortNames: PLACEHOLDER.test(name) ? [] : shortNames(name, level),
    };
  });
}
