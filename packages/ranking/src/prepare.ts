import { inRegion, type Point, type RegionDirectory, regionPrefix } from '@duijie/regions';
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
import { workingTime } from './wage.ts';

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
  /** Prefix of the area the seeker's own scope covers ('' for anywhere; null: only the listed regions). */
  scopePrefix: string | null;
  acceptedPrefixes: string[];
  expectedMonthly: number;
  /** An expectation by the hour or day, converted at each post's own hours (see expectedFor). */
  expectedPerUnit: { amount: number; unit: 'hour' | 'day' } | null;
  statedExpectation: boolean;
  /**
   * Per taxonomy skill index: how well the seeker fits a post of that trade through their own
   * skills (`tradeFit`, wishes included) and through their wishes alone (`wishFit`).
   */
  tradeFit: Float32Array;
  wishFit: Float32Array;
  /** Has a trade (a skill the policy does not count as unskilled): unskilled posts leave it unused. */
  skilled: boolean;
  hasWishes: boolean;
  /** Asked for a public-welfare post by that name (公益岗, 公益性岗位): any one they may take is a wish. */
  wantsPublicWelfare: boolean;
  /** The names of the seeker's own trades, for saying which an unskilled post leaves unused. */
  tradeNames: string[];
  cannotLeaveHome: boolean;
  /** Each driving licence held (certificate code) and since when (ms). */
  drivingSince: ReadonlyMap<string, number>;
  groups: ReadonlySet<string>;
  publicWelfareEligible: boolean;
  /** Housing (1) and meals (2) needed, and wanted shifts and employment types as code bits (0: any). */
  needs: number;
  shiftMask: number;
  typeMask: number;
  /** Age at the last `now` asked for (see constraints.ts); set up here to keep one object shape. */
  ageMemo: { now: number; age: number };
  /** Prefixes of the workplaces a labour-cooperation pair links the seeker's home to. */
  cooperationPrefixes: string[];
  /** The seeker's best cover of a wanted skill, made once by the engine (see engine.coverOf). */
  coverOf: ((wanted: PreparedSkill) => number) | undefined;
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
  /** The top of the offer a month, at the post's own working time: what a seeker reads in an ad. */
  offeredMonthly: number;
  /** Days worked a month and hours a month at the post's own working time, for converting a seeker's expectation. */
  daysPerMonth: number;
  hoursPerMonth: number;
  /** The trades the post is for: its required skills, else read from its occupation and title. */
  trades: number[];
  /** A 公益岗位, 社区工厂 or 帮扶车间: designed for people who cannot leave home or need support. */
  designedForSupport: boolean;
  /** Employment quality in [0, 1], NaN when nothing is known (social insurance, stability, agency). */
  quality: number;
  /** Set by markReposts: an agency's post of a job a direct employer offers in the same place. */
  repostOf: string | null;
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
  /** Trades read from a title, by title: titles repeat, segmenting is not free. */
  titleTrades: Map<string, number[]>;
  /** Labour-cooperation destinations by home region code (see cooperationOf). */
  cooperationByHome: Map<string, string[]>;
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

const PUBLIC_WELFARE = /公益/;
const NO_LICENCES: ReadonlyMap<string, number> = new Map();
const ZEROS = new Map<number, Float32Array>();
/** A shared, never written array of n zeros. */
function zerosOf(n: number): Float32Array {
  let z = ZEROS.get(n);
  if (!z) {
    z = new Float32Array(n);
    ZEROS.set(n, z);
  }
  return z;
}
const WANTS = /想|要|愿意|希望|打算|准备|找|学|都行|可以|就行/;
const REFUSES = /不想|不要|不再|不愿|不干|不做|干够|别再|受够|受不了|讨厌/;

/**
 * The clauses of a seeker's own words that say what they want: 想去东莞学厨师 and 从帮厨开始
 * 都行, not 在电子厂干了五年 (what they did) or 不想再干普工了 (what they refuse).
 */
export function wishClauses(statement: string): string[] {
  if (statement === '') return [];
  return statement.split(/[，。；！？、,.;!?\s]+/).filter((c) => WANTS.test(c) && !REFUSES.test(c));
}

/** Trade codes of the words a seeker used for what they want: each wish whole, then their statement. */
function wishIndices(profile: SeekerProfile, taxonomy: Taxonomy): number[] {
  const codes: string[] = [];
  for (const wish of profile.demand.occupations ?? []) {
    const code = taxonomy.skill(wish)?.code ?? taxonomy.resolveSkill(wish)?.code;
    if (code) codes.push(code);
  }
  for (const clause of wishClauses(profile.demand.statement ?? '')) codes.push(...taxonomy.extractSkills(clause));
  const indices: number[] = [];
  for (const code of codes) {
    const i = taxonomy.indexOf(code);
    if (i !== undefined && !indices.includes(i)) indices.push(i);
  }
  return indices;
}

/**
 * Certificates as codes. Intake stores them so; a record stored before it did may still hold
 * the name as typed (焊工证), and the law's requirements are codes, so a name is read here too.
 */
function certificateCodes(certificates: readonly string[], taxonomy: Taxonomy): string[] {
  return certificates.map((c) => (c.startsWith('cert.') ? c : (taxonomy.resolveCertificate(c)?.code ?? c)));
}

/** Destinations a labour-cooperation pair links this home to, worked out once per home. */
function cooperationOf(residence: string, ctx: RankingContext): string[] {
  let prefixes = ctx.cooperationByHome.get(residence);
  if (!prefixes) {
    prefixes = ctx.cooperation.filter((p) => inRegion(residence, p.origin)).map((p) => regionPrefix(p.destination));
    ctx.cooperationByHome.set(residence, prefixes);
  }
  return prefixes;
}

function heldCertificates(profile: SeekerProfile, taxonomy: Taxonomy): Set<string> {
  const held = new Set<string>();
  for (const code of certificateCodes(profile.certificates, taxonomy)) {
    for (const c of taxonomy.certificatesServed(code)) held.add(c);
  }
  for (const l of profile.drivingLicences ?? []) for (const c of taxonomy.certificatesServed(l.code)) held.add(c);
  return held;
}

export function prepareSeeker(profile: SeekerProfile, ctx: RankingContext): PreparedSeeker {
  const { regions, policy } = ctx;
  const residence = profile.residenceRegionCode;
  // A scope finer than what is known of the residence falls back to the county.
  const scope = profile.demand.regionScope;
  const digits = scope === 'listed' ? 0 : Math.min(SCOPE_DIGITS[scope], residence.length === 12 ? 12 : 6);
  const expected = profile.demand.expectedMonthlyWage;
  const stated = profile.demand.expectedWage;
  const skills = profile.skills.map((s) => prepareSkill(s, ctx));
  const { taxonomy } = ctx;
  const n = taxonomy.skills.length;
  const matrix = taxonomy.similarityMatrix();
  const wishes = wishIndices(profile, taxonomy);
  const wantsPublicWelfare =
    (profile.demand.occupations ?? []).some((w) => PUBLIC_WELFARE.test(w)) ||
    wishClauses(profile.demand.statement ?? '').some((w) => PUBLIC_WELFARE.test(w));
  const known = skills.filter((k) => k.index >= 0);
  const unskilled = policy.skills.unskilledTrades;
  const trades = known.filter((k) => !unskilled.includes(taxonomy.skills[k.index]?.code ?? ''));
  // Single precision, and one shared array of zeros for those with no trade or wish: a fair
  // holds thousands of seekers on every worker.
  const tradeFit = known.length + wishes.length > 0 ? new Float32Array(n) : zerosOf(n);
  const wishFit = wishes.length > 0 ? new Float32Array(n) : zerosOf(n);
  // Plain indexed loops over typed arrays: a fair prepares every seeker on every worker.
  for (const k of known) {
    for (let j = 0; j < n; j++) {
      const similarity = matrix[j * n + k.index] as number;
      if (similarity > (tradeFit[j] as number)) tradeFit[j] = similarity;
    }
  }
  if (wishes.length > 0) {
    // The first wish is what they want most; later ones a little less.
    for (let rank = 0; rank < wishes.length; rank++) {
      const w = wishes[rank] as number;
      const weight = rank === 0 ? 1 : policy.skills.laterWish;
      for (let j = 0; j < n; j++) {
        const wished = (matrix[j * n + w] as number) * weight;
        if (wished > (wishFit[j] as number)) wishFit[j] = wished;
      }
    }
    // A trade changer's old trade counts a little less than what they now ask for.
    for (let j = 0; j < n; j++) {
      tradeFit[j] = Math.max((tradeFit[j] as number) * policy.skills.unwishedTrade, wishFit[j] as number);
    }
  }
  return {
    profile,
    skills,
    tradeFit,
    wishFit,
    skilled: trades.length > 0,
    hasWishes: wishes.length > 0 || wantsPublicWelfare,
    wantsPublicWelfare,
    tradeNames: [...new Set(trades.map((k) => taxonomy.skills[k.index]?.name ?? k.claim.name))],
    cannotLeaveHome: profile.demand.cannotLeaveHome ?? false,
    drivingSince: profile.drivingLicences?.length
      ? new Map(profile.drivingLicences.map((l) => [l.code, new Date(l.issuedOn).getTime()]))
      : NO_LICENCES,
    expectedPerUnit:
      stated && (stated.unit === 'hour' || stated.unit === 'day') && stated.amount > 0
        ? { amount: stated.amount, unit: stated.unit }
        : null,
    // A licence held with its date is a certificate held, whether or not it is listed again.
    // A driving class serves for the classes it covers: the set holds those too, so every
    // check (here and in the fair's bit screen) stays an exact lookup.
    certificates: heldCertificates(profile, ctx.taxonomy),
    birthDate: profile.birthDate ? new Date(profile.birthDate) : null,
    education: rank(profile.education),
    point: profile.location ?? regions.point(residence),
    scopePrefix: profile.demand.regionScope === 'listed' ? null : residence.slice(0, digits),
    acceptedPrefixes: profile.demand.acceptedRegions.map(regionPrefix),
    expectedMonthly: expected && expected > 0 ? expected : policy.wage.defaultExpectedMonthly,
    statedExpectation: Boolean((expected && expected > 0) || (stated && stated.amount > 0)),
    // Cannot leave home is a situation, not a group, but the policy favours it like one.
    groups: new Set([...profile.priorityGroups, ...(profile.demand.cannotLeaveHome ? [CANNOT_LEAVE_HOME] : [])]),
    publicWelfareEligible: profile.priorityGroups.some((g) => policy.publicWelfareEligible.includes(g)),
    needs: (profile.demand.needsHousing ? 1 : 0) | (profile.demand.needsMeals ? 2 : 0),
    shiftMask: maskOf(ctx, 'shift', profile.demand.shifts),
    typeMask: maskOf(ctx, 'type', profile.demand.employmentTypes),
    ageMemo: { now: Number.NaN, age: 0 },
    coverOf: undefined,
    cooperationPrefixes: cooperationOf(residence, ctx),
  };
}

/** The situation boosts and posts for people who cannot leave home key on, beside the groups. */
export const CANNOT_LEAVE_HOME = 'cannot_leave_home';

/** The trades of a post that names no skill: its occupation, else the trade words of its title. */
function tradesOf(profile: VacancyProfile, required: PreparedSkill[], ctx: RankingContext): number[] {
  const known = required.filter((s) => s.index >= 0).map((s) => s.index);
  if (known.length > 0) return [...new Set(known)];
  const { taxonomy } = ctx;
  const occupation = profile.occupationCode ? taxonomy.indexOf(profile.occupationCode) : undefined;
  if (occupation !== undefined) return [occupation];
  let trades = ctx.titleTrades.get(profile.title);
  if (trades?.length === 0) trades = preferredTrades(profile, ctx);
  if (!trades) {
    // A title that is a trade word (普工) needs no segmenting: the segmenter loads only when asked.
    const exact = taxonomy.exactSkill(profile.title);
    trades = (exact ? [exact] : taxonomy.extractSkills(profile.title)).flatMap((code) => {
      const i = taxonomy.indexOf(code);
      return i === undefined ? [] : [i];
    });
    // Bounded: a long-lived engine sees many titles, most of them once.
    if (ctx.titleTrades.size > 50_000) ctx.titleTrades.clear();
    ctx.titleTrades.set(profile.title, trades);
    if (trades.length === 0) trades = preferredTrades(profile, ctx);
  }
  return trades;
}

/** A title that names no trade (基层服务岗位): the skills the post prefers say what the work is. */
function preferredTrades(profile: VacancyProfile, ctx: RankingContext): number[] {
  const out: number[] = [];
  for (const claim of profile.preferredSkills) {
    const code = claim.code ?? ctx.taxonomy.resolveSkill(claim.name)?.code;
    const i = code ? ctx.taxonomy.indexOf(code) : undefined;
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/** Social insurance, stability and who posts it, in [0, 1]; NaN when none of them is known. */
function qualityOf(profile: VacancyProfile, policy: Policy): number {
  const q = policy.quality;
  let sum = 0;
  let count = 0;
  if (profile.socialInsurance != null) {
    sum += profile.socialInsurance ? 1 : 0;
    count++;
  }
  if (profile.employmentType === 'seasonal' || profile.employmentType === 'temporary') {
    sum += q.seasonal;
    count++;
  }
  if (profile.employerKind === 'labor_agency') {
    sum += q.agency;
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

export function prepareVacancy(profile: VacancyProfile, ctx: RankingContext): PreparedVacancy {
  const { regions, taxonomy, policy } = ctx;
  const required = profile.requiredSkills.map((s) => prepareSkill(s, ctx));
  const preferred = profile.preferredSkills.map((s) => prepareSkill(s, ctx));
  const time = workingTime(profile);
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
    offeredMonthly: Math.max(profile.monthlyWageMin, profile.monthlyWageMax),
    daysPerMonth: time.daysPerMonth,
    hoursPerMonth: time.daysPerMonth * time.hoursPerDay,
    trades: tradesOf(profile, required, ctx),
    designedForSupport: profile.publicWelfare || profile.employerKind === 'community_factory',
    quality: qualityOf(profile, policy),
    repostOf: profile.repostOf ?? null,
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
