// The hand-graded relevance set of packages/ranking/eval, read as the caseworker wrote it,
// and the measures the relevance bench scores rankings by. Shared by the bench and the
// test that keeps the set well-formed.
import { readFileSync } from 'node:fs';
import type { RegionDirectory } from '@duijie/regions';

export type Certificate = string | { name: string; years?: number };
export type SetEmployer = {
  key: string;
  name: string;
  kind: 'enterprise' | '扶贫车间·社区工厂' | 'public-welfare employer' | 'labour agency';
  place: string;
  blacklisted: boolean;
  blacklistReason?: string;
};
export type SetWage =
  | { unit: 'month' | 'day' | 'hour' | 'year'; min: number; max: number }
  | { unit: 'piece'; rate?: number; monthlyEstimate: { min: number; max: number } };
export type SetVacancy = {
  key: string;
  employer: string;
  title: string;
  place: string;
  description: string;
  requiredSkills: { name: string; years?: number }[];
  preferredSkills: string[];
  certificates: Certificate[];
  wage: SetWage;
  hoursPerDay: number | null;
  restDaysPerMonth: number | null;
  housing: boolean;
  meals: boolean;
  socialInsurance: boolean;
  stability: 'stable' | 'seasonal';
  ageMin: number | null;
  ageMax: number | null;
  education: string | null;
  headcount: number;
  status: 'open' | 'closed' | 'filled' | 'expired';
  publicWelfare?: { groups: string[]; residence: string; cannotLeaveHome: boolean };
  priority?: string[];
  designedFor?: string;
  sameJobAs?: string;
};
export type SetSeeker = {
  key: string;
  name: string;
  story: string;
  residence: string;
  birthYear: number;
  gender: 'male' | 'female';
  education: string;
  groups: string[];
  skills: { name: string; years?: number }[];
  certificates: { name: string; years?: number }[];
  wishes: string[];
  accepts: { scope: 'county' | 'prefecture' | 'province' | 'anywhere' | 'none'; places: string[] };
  expectedWage: { unit: 'month' | 'day' | 'hour'; min: number };
  needsHousing: boolean;
  cannotLeaveHome: boolean;
};
export type Grade = { seeker: string; vacancy: string; grade: number; reason: string };
export type RelevanceSet = {
  employers: SetEmployer[];
  vacancies: SetVacancy[];
  seekers: SetSeeker[];
  grades: Grade[];
};

const EVAL = new URL('../../packages/ranking/eval/', import.meta.url);
const json = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, EVAL), 'utf8')) as T;

export function loadRelevanceSet(): RelevanceSet {
  const [header, ...lines] = readFileSync(new URL('grades.tsv', EVAL), 'utf8').split('\n');
  if (header !== 'seeker\tvacancy\tgrade\treason') throw new Error(`grades.tsv: unexpected header ${header}`);
  const grades = lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [seeker = '', vacancy = '', grade = '', reason = ''] = line.split('\t');
      return { seeker, vacancy, grade: Number(grade), reason };
    });
  return {
    employers: json('employers.json'),
    vacancies: json('vacancies.json'),
    seekers: json('seekers.json'),
    grades,
  };
}

export const certificateName = (c: Certificate) => (typeof c === 'string' ? c : c.name);
/** Ages in the set are as of 2026. */
export const SET_YEAR = 2026;

/** A region code's prefix that every place inside it shares (province 2, prefecture 4, county 6 digits). */
function prefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Reads places by name, once each. */
export class Places {
  private readonly codes = new Map<string, string>();
  constructor(private readonly regions: RegionDirectory) {}

  code(place: string): string {
    let code = this.codes.get(place);
    if (!code) {
      const found = this.regions.resolve(place).region?.code;
      if (!found) throw new Error(`not a place: ${place}`);
      code = found;
      this.codes.set(place, code);
    }
    return code;
  }

  /** The prefixes of the region codes the seeker accepts, as the set defines them. */
  accepted(seeker: SetSeeker): string[] {
    const home = this.code(seeker.residence);
    const around = { county: home, prefecture: home.slice(0, 4), province: home.slice(0, 2), anywhere: '', none: null }[
      seeker.accepts.scope
    ];
    return [...(around === null ? [] : [around]), ...seeker.accepts.places.map((p) => prefixOf(this.code(p)))];
  }

  inside(seeker: SetSeeker, vacancy: SetVacancy): boolean {
    const at = this.code(vacancy.place);
    return this.accepted(seeker).some((prefix) => at.startsWith(prefix));
  }
}

/** Grades by seeker, then vacancy; a pair without a line is 0 (outside the accepted area). */
export function gradeTable(grades: readonly Grade[]) {
  const table = new Map<string, Map<string, Grade>>();
  for (const g of grades) {
    const row = table.get(g.seeker) ?? new Map<string, Grade>();
    row.set(g.vacancy, g);
    table.set(g.seeker, row);
  }
  return table;
}

const gain = (grade: number) => 2 ** grade - 1;
const dcg = (grades: readonly number[], k: number) =>
  grades.slice(0, k).reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);

/** NDCG@k with gain 2^g − 1; the ideal ranks all the seeker's graded pairs. */
export function ndcg(ranked: readonly number[], all: readonly number[], k: number): number {
  const ideal = dcg(
    [...all].sort((a, b) => b - a),
    k,
  );
  return ideal === 0 ? 0 : dcg(ranked, k) / ideal;
}

/** The share of the top k graded ≥ 2, counting missing places as misses. */
export const precisionAt = (ranked: readonly number[], k: number) =>
  ranked.slice(0, k).filter((g) => g >= 2).length / k;

/** Character bigrams of a text, with counts (a naive keyword search's view of it). */
export function bigrams(text: string): Map<string, number> {
  const chars = [...text.toLowerCase().replace(/[\s\p{P}\p{S}\d]+/gu, ' ')];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as string;
    const b = chars[i + 1] as string;
    if (a === ' ' || b === ' ') continue;
    counts.set(a + b, (counts.get(a + b) ?? 0) + 1);
  }
  return counts;
}

/** Cosine of two bigram count vectors. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [k, n] of a) dot += n * (b.get(k) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot / d;
}

export const seekerText = (s: SetSeeker) => [...s.skills.map((k) => k.name), ...s.wishes, s.story].join(' ');
export const vacancyText = (v: SetVacancy) =>
  [v.title, v.description, ...v.requiredSkills.map((k) => k.name), ...v.preferredSkills].join(' ');
