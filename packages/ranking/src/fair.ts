import { boostRules } from './boosts.ts';
import { passesConstraints, withinAcceptedArea } from './constraints.ts';
import type { RankingEngine } from './engine.ts';
import { extrasValue, freshnessOf, qualityOf } from './factors/extras.ts';
import { locationFactor } from './factors/location.ts';
import { combineSkill } from './factors/skills.ts';
import { wageFactor } from './factors/wage.ts';
import type { Policy } from './policy.ts';
import { ageOn, type PreparedSeeker, type PreparedVacancy } from './prepare.ts';
import type { Ranked } from './top-k.ts';
import { TopKTable } from './top-k.ts';

export type FairRanking = {
  /** Each seeker's k best vacancies, best first. */
  forSeeker: Map<string, Ranked[]>;
  /** Each vacancy's k best seekers, best first. */
  forVacancy: Map<string, Ranked[]>;
  /** Pairs scored in full (the rest were outside the seeker's area or provably out of both top-k). */
  pairsScored: number;
};

const OUTSIDE = -2;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** For ids in sorted order: each one's rank among the distinct ids, and the distinct ids. */
function ranksById(sorted: readonly string[]) {
  const rank = new Int32Array(sorted.length);
  const ids: string[] = [];
  sorted.forEach((id, x) => {
    if (x === 0 || id !== sorted[x - 1]) ids.push(id);
    rank[x] = ids.length - 1;
  });
  return { rank, ids };
}

const maxOf = (values: Float32Array) => {
  let m = 0;
  for (const x of values) if (x > m) m = x;
  return m;
};

/** Interns keys to dense ids, remembering the first item of each as its representative. */
function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const ids = new Map<string, number>();
  const of = new Int32Array(items.length);
  const representatives: T[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    let id = ids.get(k);
    if (id === undefined) {
      id = representatives.length;
      ids.set(k, id);
      representatives.push(item);
    }
    of[i] = id;
  });
  return { of, representatives };
}

/** The skill keys of every vacancy in two flat arrays with offsets: no objects in the loop. */
function flattenKeys(vacancies: readonly PreparedVacancy[], pick: (v: PreparedVacancy) => readonly { key: number }[]) {
  const start = new Int32Array(vacancies.length + 1);
  vacancies.forEach((v, i) => {
    start[i + 1] = (start[i] as number) + pick(v).length;
  });
  const keys = new Int32Array(start[vacancies.length] as number);
  vacancies.forEach((v, i) => {
    pick(v).forEach((s, j) => {
      keys[(start[i] as number) + j] = s.key;
    });
  });
  return { start, keys };
}

/**
 * Every seeker against every vacancy of a fair, top-k each way, with exactly the engine's
 * scores. It shares work and proves skips rather than approximating: each seeker's cover of
 * every wanted (skill, level, years) is worked out once; vacancies at one place share one
 * location factor and one area check (a place outside the seeker's area is passed over
 * whole); the vacancies of a place sit in lists by required skill, and a list of skills the
 * seeker does not have is passed over whole when its bound is below the seeker's list and
 * below every one of its vacancies' lists; the lists are seeded so that both kinds of list
 * are strong early; and the loop computes exact scores on typed arrays, so only pairs that
 * enter a list come out of it.
 */
export function rankFair(
  engine: RankingEngine,
  seekers: readonly PreparedSeeker[],
  vacancies: readonly PreparedVacancy[],
  options: { k?: number; now?: number } = {},
): FairRanking {
  const k = options.k ?? 10;
  const now = options.now ?? Date.now();
  const { ctx } = engine;
  const { policy } = ctx;

  // Vacancies no seeker can take leave early; the rest are ordered by place.
  const placeKey = (v: PreparedVacancy) => `${v.profile.regionCode}|${v.point?.lat}|${v.point?.lng}`;
  const open = vacancies
    .filter((v) => {
      const p = v.profile;
      return (
        p.status === 'open' &&
        p.filledCount < p.headcount &&
        !p.employerBlacklisted &&
        (v.validThrough ?? Infinity) >= now
      );
    })
    .sort((a, b) => (placeKey(a) < placeKey(b) ? -1 : placeKey(a) > placeKey(b) ? 1 : 0));
  const places = groupBy(open, placeKey);
  // Boosts depend on the employer's kind, whether the post is designed for support, and the groups it prefers.
  const kinds = groupBy(
    open,
    (v) => `${v.profile.employerKind ?? ''}|${v.designedForSupport}|${(v.profile.priorityGroups ?? []).join(',')}`,
  );
  const required = flattenKeys(open, (v) => v.required);
  const preferred = flattenKeys(open, (v) => v.preferred);
  const offered = Float64Array.from(open, (v) => v.offeredMonthly);
  const trades = flattenKeys(open, (v) => v.trades.map((key) => ({ key })));

  const screen = screenArrays(open);
  const arrays: Arrays = {
    required,
    preferred,
    offered,
    kindOf: kinds.of,
    freshness: Float64Array.from(open, (v) => freshnessOf(v, now, policy.extras)),
    retention: Float64Array.from(open, (v) => v.retention),
    quality: Float64Array.from(open, (v) => qualityOf(v, policy)),
    trades,
    daysPerMonth: Float64Array.from(open, (v) => v.daysPerMonth),
    hoursPerMonth: Float64Array.from(open, (v) => v.hoursPerMonth),
    // 2: a public-welfare post (designed for whoever it admits); 1: a community factory.
    designed: Uint8Array.from(open, (v) => (v.profile.publicWelfare ? 2 : v.designedForSupport ? 1 : 0)),
    offers: Uint8Array.from(open, (v) => v.offers),
    shiftBit: Int32Array.from(open, (v) => v.shiftBit),
    typeBit: Int32Array.from(open, (v) => v.typeBit),
    ...screen.arrays,
  };
  const lists = skillLists(open, places.of, ctx.taxonomy.skills.length);
  // The lists hold ranks in id order, so ties settle by id without a string in the loop. One
  // rank per id: a record given twice is still listed once, as by id.
  const ordered = [...seekers].sort((a, b) => byId(a.profile.id, b.profile.id));
  const seekerRanks = ranksById(ordered.map((s) => s.profile.id));
  const seekerRank = new Map(ordered.map((s, x) => [s, seekerRanks.rank[x] as number]));
  const byVacancyId = open
    .map((_, i) => i)
    .sort((a, b) => byId((open[a] as PreparedVacancy).profile.id, (open[b] as PreparedVacancy).profile.id));
  const vacancyRanks = ranksById(byVacancyId.map((i) => (open[i] as PreparedVacancy).profile.id));
  const vacancyRank = new Int32Array(open.length);
  byVacancyId.forEach((i, x) => {
    vacancyRank[i] = vacancyRanks.rank[x] as number;
  });
  const forVacancy = new TopKTable(open.length, k);
  // The vacancies' thresholds in one typed array: the loop reads them far more than it writes.
  const vacancyThreshold = forVacancy.thresholds;
  // Pairs the hot loop lets through, finished outside it (no calls inside the loop).
  const found = { index: new Int32Array(open.length), score: new Float64Array(open.length) };
  const forSeeker = new Map<string, Ranked[]>();
  const cover = new Float64Array(ctx.skillByKey.length);
  // Only the (skill, level, years) the vacancies ask for: seekers' own keys are never looked up.
  const wantedKeys = [...new Set([...required.keys, ...preferred.keys])];
  const placeCache = new Float64Array(places.representatives.length);
  const boostCache = new Float64Array(kinds.representatives.length);
  let pairsScored = 0;

  // Seed each vacancy's list with a few seekers who hold its first required skill (any
  // seekers for posts that require none): its bound then works from the first seeker on.
  const holders = new Map<number, PreparedSeeker[]>();
  for (const s of seekers) {
    for (const skill of s.skills) {
      if (skill.index < 0) continue;
      const list = holders.get(skill.index) ?? [];
      list.push(s);
      holders.set(skill.index, list);
    }
  }
  open.forEach((v, i) => {
    const first = v.required[0];
    const pool = first ? (holders.get(first.index) ?? []) : seekers;
    for (let j = 0; j < Math.min(k, pool.length); j++) {
      const s = pool[(j * 7919 + i) % pool.length] as PreparedSeeker;
      const scored = engine.score(s, v, now);
      if (!scored) continue;
      pairsScored++;
      forVacancy.offer(i, seekerRank.get(s) as number, scored.score);
    }
  });
  for (let list = 0; list < lists.count; list++) lists.recompute(list, vacancyThreshold);
  const visited = new Int32Array(open.length);
  let stamp = 0;
  // And the other way: where to look first for a seeker's own list.
  const byFirstSkill = new Map<number, number[]>();
  open.forEach((v, i) => {
    const index = v.required[0]?.index ?? -1;
    const list = byFirstSkill.get(index) ?? [];
    list.push(i);
    byFirstSkill.set(index, list);
  });

  // One seeker's list at a time, in id order, so that a tie on a vacancy's list is settled
  // without looking (see scoreIndices).
  const best = new TopKTable(1, k);
  const seekerThreshold = best.thresholds;
  const vacancyId = (r: number) => vacancyRanks.ids[r] as string;
  for (const [x, s] of ordered.entries()) {
    const rank = seekerRank.get(s) as number;
    // The same seeker again (by id): their list is made already.
    if (x > 0 && seekerRank.get(ordered[x - 1] as PreparedSeeker) === rank) continue;
    const coverOf = engine.coverOf(s);
    for (const key of wantedKeys) cover[key] = coverOf(ctx.skillByKey[key] as PreparedVacancy['required'][number]);
    places.representatives.forEach((rep, p) => {
      placeCache[p] = withinAcceptedArea(s, rep.profile.regionCode) ? locationFactor(s, rep, ctx) : OUTSIDE;
    });
    kinds.representatives.forEach((rep, j) => {
      const rules = boostRules(s, rep, policy);
      boostCache[j] = Math.min(
        policy.maxBoost,
        rules.reduce((sum, r) => sum + r.amount, 0),
      );
    });
    const seekerScreen = screen.forSeeker(s, now);
    // What a list's skill factor can be at most for this seeker: with none of its required
    // skills, preferred skills and the best wish among the list's trades alone; for posts that
    // require none, the best fit among the trades of the list's titles.
    const skillBoundOf = (list: number) => {
      const none = lists.skill[list] === lists.none;
      let best = -1;
      const fit = none ? s.tradeFit : s.wishFit;
      for (let x = lists.tradeStart[list] as number; x < (lists.tradeStart[list + 1] as number); x++) {
        best = Math.max(best, fit[lists.trades[x] as number] as number);
      }
      if (s.wantsPublicWelfare && lists.publicWelfare[list] === 1) best = 1;
      return none
        ? combineSkill(0, 0, 1, 1, policy, -1, best, s.skilled, s.hasWishes)
        : combineSkill(0, 1, 1, 1, policy, best, -1, s.skilled, s.hasWishes);
    };
    const looseNone = combineSkill(
      0,
      0,
      1,
      1,
      policy,
      -1,
      s.wantsPublicWelfare ? 1 : maxOf(s.tradeFit),
      s.skilled,
      s.hasWishes,
    );
    const looseOther = combineSkill(
      0,
      1,
      1,
      1,
      policy,
      s.wantsPublicWelfare ? 1 : maxOf(s.wishFit),
      -1,
      s.skilled,
      s.hasWishes,
    );
    best.clear(0);
    for (const skill of s.skills.length > 0 ? s.skills : [{ index: -1 }]) {
      const pool = byFirstSkill.get(skill.index) ?? [];
      for (let j = 0; j < Math.min(2 * k, pool.length); j++) {
        const i = pool[(j * 7919) % pool.length] as number;
        const scored = engine.score(s, open[i] as PreparedVacancy, now);
        if (scored) best.offer(0, vacancyRank[i] as number, scored.score);
      }
    }
    const onPair = (i: number, score: number) => {
      // The screen in the loop already decided the constraints, unless there were too many
      // distinct certificates for its bits (the fair test holds the two to the same answer).
      if (!screen.complete && !passesConstraints(s, open[i] as PreparedVacancy, now, ctx)) return;
      pairsScored++;
      if (score >= (seekerThreshold[0] as number)) best.offer(0, vacancyRank[i] as number, score);
      const before = vacancyThreshold[i] as number;
      if (score >= before) {
        forVacancy.offer(i, rank, score);
        if (vacancyThreshold[i] !== before) lists.thresholdRose(i);
      }
    };
    const relevant = lists.relevantFor(s, ctx.taxonomy.similarityMatrix());
    const maxBoost = boostCache.reduce((m, b) => Math.max(m, b), 0);
    stamp++;
    const scan = (list: number, skipAbove: number) => {
      const location = placeCache[lists.place[list] as number] as number;
      const count = scoreIndices(
        lists.items,
        lists.start[list] as number,
        lists.start[list + 1] as number,
        visited,
        stamp,
        skipAbove,
        location,
        s.expectedMonthly,
        seekerScreen,
        seekerThreshold[0] as number,
        found,
        arrays,
        cover,
        boostCache,
        vacancyThreshold,
        policy,
      );
      for (let c = 0; c < count; c++) onPair(found.index[c] as number, found.score[c] as number);
    };
    // First the lists of skills the seeker has (or is near), where their list fills up; then
    // the rest, each passed over whole where its bound is below the seeker's list and below
    // every one of its vacancies' lists.
    for (let list = 0; list < lists.count; list++) {
      if (placeCache[lists.place[list] as number] !== OUTSIDE && relevant(list)) scan(list, Number.POSITIVE_INFINITY);
    }
    const w = policy.weights;
    for (let list = 0; list < lists.count; list++) {
      const location = placeCache[lists.place[list] as number] as number;
      if (location === OUTSIDE || relevant(list)) continue;
      // An expectation by the hour or day converts at each post's hours: no bound short of 1 then.
      const wage = s.expectedPerUnit
        ? 1
        : Math.max(
            wageFactor(lists.maxOffered[list] as number, s.expectedMonthly, policy),
            lists.designed[list] === 1 ? policy.wage.designedFloor : 0,
          );
      const rest = w.location * location + w.wage * wage + w.extras;
      // First with the seeker's loosest skill bound (no look at the list's trades): most lists
      // are passed over here; the rest get the list's own, tighter bound.
      const looseBase = w.skills * (lists.skill[list] === lists.none ? looseNone : looseOther) + rest;
      const loose = looseBase + (1 - looseBase) * maxBoost;
      if (loose < (seekerThreshold[0] as number) && loose < lists.minThreshold(list, vacancyThreshold)) continue;
      const base = w.skills * skillBoundOf(list) + rest;
      const bound = base + (1 - base) * maxBoost;
      if (bound >= (seekerThreshold[0] as number)) scan(list, Number.POSITIVE_INFINITY);
      // Only some of its vacancies' lists are low enough: look at just those.
      else if (bound >= lists.minThreshold(list, vacancyThreshold)) scan(list, bound);
    }
    forSeeker.set(s.profile.id, best.ranked(0, vacancyId));
  }
  const seekerId = (r: number) => seekerRanks.ids[r] as string;
  return {
    forSeeker,
    forVacancy: new Map(open.map((v, i) => [v.profile.id, forVacancy.ranked(i, seekerId)])),
    pairsScored,
  };
}

type Arrays = {
  required: { start: Int32Array; keys: Int32Array };
  preferred: { start: Int32Array; keys: Int32Array };
  offered: Float64Array;
  kindOf: Int32Array;
  freshness: Float64Array;
  retention: Float64Array;
  quality: Float64Array;
  trades: { start: Int32Array; keys: Int32Array };
  daysPerMonth: Float64Array;
  hoursPerMonth: Float64Array;
  designed: Uint8Array;
  offers: Uint8Array;
  shiftBit: Int32Array;
  typeBit: Int32Array;
} & ScreenArrays;

type ScreenArrays = {
  certificateBits: Int32Array;
  ageMin: Int16Array;
  ageMax: Int16Array;
  minEducation: Int8Array;
  publicWelfare: Uint8Array;
};
type SeekerScreen = {
  seeker: PreparedSeeker;
  certificateBits: number;
  age: number;
  education: number;
  publicWelfareEligible: boolean;
  needs: number;
  shiftMask: number;
  typeMask: number;
};

/**
 * The hard constraints a pair can fail (certificates, age, education, public-welfare posts;
 * the area is checked per place and the vacancy's own state before the loop) as typed
 * arrays. With more than 31 distinct certificates they no longer fit the bits, and
 * passesConstraints decides each pair the loop lets through.
 */
function screenArrays(open: readonly PreparedVacancy[]) {
  const bitOf = new Map<string, number>();
  for (const v of open) for (const c of v.requiredCertificates) if (!bitOf.has(c)) bitOf.set(c, bitOf.size);
  // More distinct certificates than bits: screen none by certificate (the exact check still runs).
  const usable = bitOf.size <= 31;
  const bits = (codes: Iterable<string>) => {
    let b = 0;
    if (usable) for (const c of codes) b |= 1 << (bitOf.get(c) ?? 31);
    return b & 0x7fffffff;
  };
  const arrays: ScreenArrays = {
    certificateBits: Int32Array.from(open, (v) => bits(v.requiredCertificates)),
    ageMin: Int16Array.from(open, (v) => v.profile.ageMin ?? -1),
    ageMax: Int16Array.from(open, (v) => v.profile.ageMax ?? 999),
    minEducation: Int8Array.from(open, (v) => v.minEducation ?? -1),
    // A post with eligibility of its own is decided by passesConstraints (the screen is then incomplete).
    publicWelfare: Uint8Array.from(open, (v) =>
      v.profile.publicWelfare && !v.profile.publicWelfareEligibility ? 1 : 0,
    ),
  };
  const ownRules = open.some((v) => v.profile.publicWelfareEligibility || v.profile.drivingLicenceYears != null);
  return {
    arrays,
    /** Every hard constraint is screened: the vacancy-level ones were filtered out before. */
    complete: usable && !ownRules,
    forSeeker(s: PreparedSeeker, now: number): SeekerScreen {
      return {
        seeker: s,
        certificateBits: bits(s.certificates),
        age: s.birthDate ? ageOn(s.birthDate, now) : -1,
        education: s.education ?? 99,
        publicWelfareEligible: s.publicWelfareEligible,
        needs: s.needs,
        shiftMask: s.shiftMask,
        typeMask: s.typeMask,
      };
    },
  };
}

/**
 * The hot loop over a list of one place's vacancies, on typed arrays only: the exact score
 * but for the constraints (screened here, decided by passesConstraints after), and only the
 * pairs that can enter a list come out. A vacancy already seen for this seeker is skipped.
 */
function scoreIndices(
  items: Int32Array,
  from: number,
  to: number,
  visited: Int32Array,
  stamp: number,
  /** Pass over vacancies whose own list is above this (the seeker's bound for the list). */
  skipAbove: number,
  location: number,
  expected: number,
  seeker: SeekerScreen,
  threshold: number,
  found: { index: Int32Array; score: Float64Array },
  a: Arrays,
  cover: Float64Array,
  boostOf: Float64Array,
  vacancyThreshold: Float64Array,
  policy: Policy,
) {
  const { required, preferred, offered, kindOf, certificateBits, ageMin, ageMax, minEducation, publicWelfare } = a;
  const { freshness, retention, quality, offers, shiftBit, typeBit, trades, daysPerMonth, hoursPerMonth, designed } = a;
  const s = seeker.seeker;
  const { wishFit, tradeFit, hasWishes, skilled } = s;
  const perUnit = s.expectedPerUnit;
  // Designed posts floor the wage for whoever they admit (public welfare) or for these seekers (community factories).
  const designedFits = s.cannotLeaveHome || s.publicWelfareEligible;
  const w = policy.weights;
  const rest = w.wage + w.extras;
  let count = 0;
  const missing = ~seeker.certificateBits;
  const age = seeker.age;
  for (let x = from; x < to; x++) {
    const i = items[x] as number;
    if (visited[i] === stamp || (vacancyThreshold[i] as number) > skipAbove) continue;
    visited[i] = stamp;
    if (((certificateBits[i] as number) & missing) !== 0) continue;
    if (publicWelfare[i] === 1 && !seeker.publicWelfareEligible) continue;
    if (age >= 0 && (age < (ageMin[i] as number) || age > (ageMax[i] as number))) continue;
    if (seeker.education < (minEducation[i] as number)) continue;
    const r0 = required.start[i] as number;
    const r1 = required.start[i + 1] as number;
    let requiredSum = 0;
    for (let j = r0; j < r1; j++) requiredSum += cover[required.keys[j] as number] as number;
    const p0 = preferred.start[i] as number;
    const p1 = preferred.start[i + 1] as number;
    let preferredSum = 0;
    for (let j = p0; j < p1; j++) preferredSum += cover[preferred.keys[j] as number] as number;
    const t0 = trades.start[i] as number;
    const t1 = trades.start[i + 1] as number;
    let wish = t1 > t0 ? 0 : -1;
    let fit = wish;
    // A post that requires skills reads only the wishes, and they are all 0 for a seeker with none.
    if (r1 === r0 || hasWishes) {
      for (let j = t0; j < t1; j++) {
        const index = trades.keys[j] as number;
        const wished = wishFit[index] as number;
        const fits = tradeFit[index] as number;
        if (wished > wish) wish = wished;
        if (fits > fit) fit = fits;
      }
    }
    if (s.wantsPublicWelfare && designed[i] === 2) {
      wish = 1;
      fit = 1;
    }
    const skills = combineSkill(requiredSum, r1 - r0, preferredSum, p1 - p0, policy, wish, fit, skilled, hasWishes);
    const boost = boostOf[kindOf[i] as number] as number;
    const known = w.skills * skills + w.location * location;
    // Wage and extras can add at most their weights: if even that cannot reach either list, stop here.
    const bound = known + rest + (1 - known - rest) * boost;
    const floor = Math.min(threshold, vacancyThreshold[i] as number);
    if (bound < floor) continue;
    const expectedHere = perUnit
      ? perUnit.amount * ((perUnit.unit === 'day' ? daysPerMonth[i] : hoursPerMonth[i]) as number)
      : expected;
    let wage = wageFactor(offered[i] as number, expectedHere, policy);
    const d = designed[i] as number;
    if (d === 2 || (d === 1 && designedFits)) wage = Math.max(wage, policy.wage.designedFloor);
    const partial = known + w.wage * wage;
    if (partial + w.extras + (1 - partial - w.extras) * boost < floor) continue;
    const extras = extrasValue(
      freshness[i] as number,
      retention[i] as number,
      quality[i] as number,
      seeker.needs,
      offers[i] as number,
      seeker.shiftMask,
      shiftBit[i] as number,
      seeker.typeMask,
      typeBit[i] as number,
      policy.extras,
    );
    const base = partial + w.extras * extras;
    const score = base + (1 - base) * boost;
    // The exact score, but for the constraints: below both lists, it is done with. Seekers
    // come in id order, so one tying a full vacancy list's last place loses the tie there.
    if (score < threshold && score <= (vacancyThreshold[i] as number)) continue;
    found.index[count] = i;
    found.score[count] = score;
    count++;
  }
  return count;
}

/**
 * The vacancies of each place in lists by required skill (one list per skill a vacancy
 * requires; one for posts requiring none; one for posts naming a skill the taxonomy does not
 * know, always scanned), with the lowest threshold among each list's vacancies, so a list a
 * seeker cannot enter anywhere is passed over in one comparison.
 */
function skillLists(open: readonly PreparedVacancy[], placeOf: Int32Array, n: number) {
  const none = n;
  const free = n + 1;
  const byKey = new Map<number, number[]>();
  open.forEach((v, i) => {
    const keys = v.required.some((r) => r.index < 0)
      ? [free]
      : v.required.length === 0
        ? [none]
        : [...new Set(v.required.map((r) => r.index))];
    for (const key of keys) {
      const id = (placeOf[i] as number) * (n + 2) + key;
      const list = byKey.get(id) ?? [];
      list.push(i);
      byKey.set(id, list);
    }
  });
  const ids = [...byKey.keys()].sort((x, y) => x - y);
  const count = ids.length;
  const start = new Int32Array(count + 1);
  const place = new Int32Array(count);
  const skill = new Int32Array(count);
  ids.forEach((id, list) => {
    start[list + 1] = (start[list] as number) + (byKey.get(id)?.length ?? 0);
    place[list] = Math.floor(id / (n + 2));
    skill[list] = id % (n + 2);
  });
  const items = new Int32Array(start[count] as number);
  const listsOf: number[][] = open.map(() => []);
  ids.forEach((id, list) => {
    (byKey.get(id) ?? []).forEach((i, x) => {
      items[(start[list] as number) + x] = i;
      listsOf[i]?.push(list);
    });
  });
  // The best pay in each list: its wage factor bounds every vacancy's in it.
  const maxOffered = new Float64Array(count);
  // Lists holding a post designed for support: their wage factor may be floored (see pairWage).
  const designed = new Uint8Array(count);
  const publicWelfare = new Uint8Array(count);
  for (let list = 0; list < count; list++) {
    for (let x = start[list] as number; x < (start[list + 1] as number); x++) {
      maxOffered[list] = Math.max(maxOffered[list] as number, open[items[x] as number]?.offeredMonthly ?? 0);
      if (open[items[x] as number]?.designedForSupport) designed[list] = 1;
      if (open[items[x] as number]?.profile.publicWelfare) publicWelfare[list] = 1;
    }
  }
  // The trades of each list's vacancies, flat with offsets: a seeker's bound for the list reads them.
  const tradeStart = new Int32Array(count + 1);
  const tradeLists: number[][] = [];
  for (let list = 0; list < count; list++) {
    const union = new Set<number>();
    for (let x = start[list] as number; x < (start[list + 1] as number); x++) {
      for (const j of open[items[x] as number]?.trades ?? []) union.add(j);
    }
    tradeLists.push([...union]);
    tradeStart[list + 1] = (tradeStart[list] as number) + union.size;
  }
  const trades = Int32Array.from(tradeLists.flat());
  const minThreshold = new Float64Array(count).fill(-1);
  const argmin = new Int32Array(count);
  // A list whose lowest vacancy's threshold rose is worked out again only when next asked.
  const stale = new Uint8Array(count);
  const recompute = (list: number, threshold: Float64Array) => {
    let min = Number.POSITIVE_INFINITY;
    let at = -1;
    for (let x = start[list] as number; x < (start[list + 1] as number); x++) {
      const t = threshold[items[x] as number] as number;
      if (t < min) {
        min = t;
        at = items[x] as number;
      }
    }
    minThreshold[list] = min;
    argmin[list] = at;
    stale[list] = 0;
  };
  return {
    count,
    none,
    items,
    start,
    place,
    skill,
    maxOffered,
    designed,
    publicWelfare,
    tradeStart,
    trades,
    recompute,
    /** The lowest threshold among the list's vacancies (never above the true one). */
    minThreshold(list: number, threshold: Float64Array): number {
      if (stale[list] === 1) recompute(list, threshold);
      return minThreshold[list] as number;
    },
    /** Thresholds only rise: a list's minimum moves only when its lowest vacancy's does. */
    thresholdRose(i: number) {
      for (const list of listsOf[i] ?? []) if (argmin[list] === i) stale[list] = 1;
    },
    /** Lists of the skills a seeker covers at all (similarity above 0), and the free-text lists. */
    relevantFor(s: PreparedSeeker, matrix: Float64Array) {
      const relevant = new Uint8Array(n + 2);
      relevant[free] = 1;
      for (const have of s.skills) {
        if (have.index < 0) continue;
        for (let j = 0; j < n; j++) if ((matrix[j * n + have.index] as number) > 0) relevant[j] = 1;
      }
      return (list: number) => relevant[skill[list] as number] === 1;
    },
  };
}
