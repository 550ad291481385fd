import { type Point, type RegionDirectory, regionPrefix } from '@duijie/regions';
import { normalizeLabel, type Taxonomy } from '@duijie/taxonomy';
import type { Policy } from './policy.ts';
import {
  EDUCATION_ORDER,
  type Education,
  type SeekerProfile,
  SKILL_LEVEL_ORDER,
  type SkillClaim,
  type VacancyProfile,
} from './types.ts';

/** What the engine works with: a profile with its lookups done once. */
export type PreparedSkill = {
  claim: SkillClaim;
  index: number;
  label: string;
  level: number;
  years: number | null;
  /** Same key, same (skill, level, years): bulk scoring remembers each seeker's cover of it. */
  key: number;
};

export type PreparedSeeker = {
  profile: SeekerProfile;
  skills: PreparedSkill[];
  certificates: ReadonlySet<string>;
  birthDate: Date | null;
  education: number | null;
  point: Point | null;
  /** Prefix of the area the seeker's own scope covers ('' for anywhere). */
  scopePrefix: string;
  acceptedPrefixes: string[];
  expectedMonthly: number;
  statedExpectation: boolean;
  groups: ReadonlySet<string>;
  publicWelfareEligible: boolean;
  /** Housing (1) and meals (2) needed, and wanted shifts and employment types as code bits (0: any). */
  needs: number;
  shiftMask: number;
  typeMask: number;
  /** Age at the last `now` asked for (see constraints.ts); set up here to keep one object shape. */
  ageMemo: { now: number; age: number };
};

export type PreparedVacancy = {
  profile: VacancyProfile;
  required: PreparedSkill[];
  preferred: PreparedSkill[];
  /** Certificates the vacancy names plus those the law requires for its skills. */
  requiredCertificates: string[];
  minEducation: number | null;
  validThrough: number | null;
  datePosted: number;
  point: Point | null;
  offeredMonthly: number;
  /** Housing (1) and meals (2) provided; the shift and employment type as code bits (0: none). */
  offers: number;
  shiftBit: number;
  typeBit: number;
  /** The employer's 90-day retention in [0, 1], NaN when unknown. */
  retention: number;
  /** Freshness at the last `now` asked for (see factors/extras.ts). */
  freshnessMemo: { now: number; value: number };
};

export type RankingContext = {
  regions: RegionDirectory;
  taxonomy: Taxonomy;
  policy: Policy;
  cooperation: readonly { origin: string; destination: string }[];
  /** Interns shift and employment-type codes to bits (see codeBit). */
  codeBits: Map<string, number>;
  /** Interns (skill, level, years) to the small integers in PreparedSkill.key. */
  skillKeys: Map<string, number>;
  /** The skill of each key, for working out a seeker's covers of all of them at once. */
  skillByKey: PreparedSkill[];
};

const rank = (education: Education | null | undefined) => (education ? EDUCATION_ORDER.indexOf(education) : null);

function prepareSkill(claim: SkillClaim, ctx: RankingContext): PreparedSkill {
  const code = claim.code ?? ctx.taxonomy.resolveSkill(claim.name)?.code;
  const index = code ? (ctx.taxonomy.indexOf(code) ?? -1) : -1;
  const label = normalizeLabel(code ?? claim.name);
  const level = claim.level ? SKILL_LEVEL_ORDER.indexOf(claim.level) : -1;
  const years = claim.years ?? null;
  const id = `${index < 0 ? label : index}:${level}:${years ?? ''}`;
  const key = ctx.skillKeys.get(id);
  const prepared = { claim, index, label, level, years, key: key ?? ctx.skillKeys.size };
  if (key === undefined) {
    ctx.skillKeys.set(id, prepared.key);
    ctx.skillByKey.push(prepared);
  }
  return prepared;
}

/** A bit per distinct code; past 30 codes the rest share one bit (they then count as alike). */
export function codeBit(ctx: RankingContext, code: string): number {
  let bit = ctx.codeBits.get(code);
  if (bit === undefined) {
    bit = 1 << Math.min(ctx.codeBits.size, 30);
    ctx.codeBits.set(code, bit);
  }
  return bit;
}

const maskOf = (ctx: RankingContext, prefix: string, codes: readonly string[]) =>
  codes.reduce((mask, code) => mask | codeBit(ctx, `${prefix}:${code}`), 0);

const SCOPE_DIGITS = { village: 12, township: 9, county: 6, prefecture: 4, province: 2, anywhere: 0 } as const;

/**
 * Certificates as codes. Intake stores them so; a record stored before it did may still hold
 * the name as typed (焊工证), and the law's requirements are codes, so a name is read here too.
 */
function certificateCodes(certificates: readonly string[], taxonomy: Taxonomy): string[] {
  return certificates.map((c) => (c.startsWith('cert.') ? c : (taxonomy.resolveCertificate(c)?.code ?? c)));
}

export function prepareSeeker(profile: SeekerProfile, ctx: RankingContext): PreparedSeeker {
  const { regions, policy } = ctx;
  const residence = profile.residenceRegionCode;
  // A scope finer than what is known of the residence falls back to the county.
  const digits = Math.min(SCOPE_DIGITS[profile.demand.regionScope], residence.length === 12 ? 12 : 6);
  const expected = profile.demand.expectedMonthlyWage;
  return {
    profile,
    skills: profile.skills.map((s) => prepareSkill(s, ctx)),
    certificates: new Set(certificateCodes(profile.certificates, ctx.taxonomy)),
    birthDate: profile.birthDate ? new Date(profile.birthDate) : null,
    education: rank(profile.education),
    point: profile.location ?? regions.point(residence),
    scopePrefix: residence.slice(0, digits),
    acceptedPrefixes: profile.demand.acceptedRegions.map(regionPrefix),
    expectedMonthly: expected && expected > 0 ? expected : policy.wage.defaultExpectedMonthly,
    statedExpectation: Boolean(expected && expected > 0),
    groups: new Set(profile.priorityGroups),
    publicWelfareEligible: profile.priorityGroups.some((g) => policy.publicWelfareEligible.includes(g)),
    needs: (profile.demand.needsHousing ? 1 : 0) | (profile.demand.needsMeals ? 2 : 0),
    shiftMask: maskOf(ctx, 'shift', profile.demand.shifts),
    typeMask: maskOf(ctx, 'type', profile.demand.employmentTypes),
    ageMemo: { now: Number.NaN, age: 0 },
  };
}

export function prepareVacancy(profile: VacancyProfile, ctx: RankingContext): PreparedVacancy {
  const { regions, taxonomy } = ctx;
  const required = profile.requiredSkills.map((s) => prepareSkill(s, ctx));
  const preferred = profile.preferredSkills.map((s) => prepareSkill(s, ctx));
  const implied = taxonomy.requiredCertificates(
    required.map((s) => taxonomy.skills[s.index]?.code).filter((c): c is string => Boolean(c)),
  );
  return {
    profile,
    required,
    preferred,
    requiredCertificates: [...new Set([...certificateCodes(profile.requiredCertificates, taxonomy), ...implied])],
    minEducation: rank(profile.minEducation),
    validThrough: profile.validThrough ? new Date(profile.validThrough).getTime() : null,
    datePosted: new Date(profile.datePosted).getTime(),
    point: profile.location ?? regions.point(profile.regionCode),
    offeredMonthly: (profile.monthlyWageMin + Math.max(profile.monthlyWageMin, profile.monthlyWageMax)) / 2,
    offers: (profile.housingProvided ? 1 : 0) | (profile.mealsProvided ? 2 : 0),
    shiftBit: profile.shift ? codeBit(ctx, `shift:${profile.shift}`) : 0,
    typeBit: codeBit(ctx, `type:${profile.employmentType}`),
    retention: profile.employerRetention == null ? Number.NaN : Math.min(1, Math.max(0, profile.employerRetention)),
    freshnessMemo: { now: Number.NaN, value: 0 },
  };
}

/** Whole years of age on `now`. */
export function ageOn(birthDate: Date, now: number): number {
  const today = new Date(now);
  let age = today.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birthDate.getUTCMonth() ||
    (today.getUTCMonth() === birthDate.getUTCMonth() && today.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}
