// The hand-graded relevance set (packages/ranking/eval) is well-formed: bench:relevance
// scores against it, so a typo here would silently move every figure.
import { Skill } from '@duijie/contracts';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import t from 'tap';
import { certificateName, gradeTable, loadRelevanceSet, Places, SET_YEAR } from '../bench/relevance-set.ts';

const set = loadRelevanceSet();
const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();
const places = new Places(regions);

/**
 * Skill names a bureau types that the taxonomy does not resolve: none since the audit
 * (二氧化碳气体保护焊 and PLC are trades now). Any unresolved name is a typo or a missing trade.
 */
const KNOWN_UNKNOWN_SKILLS = new Set<string>();

t.test('the set is big enough: at least 50 seekers and 100 vacancies', async (t) => {
  t.ok(set.seekers.length >= 50, `${set.seekers.length} seekers`);
  t.ok(set.vacancies.length >= 100, `${set.vacancies.length} vacancies`);
});

t.test('every key is unique and every reference names a real record', async (t) => {
  for (const [what, keys] of [
    ['employer', set.employers.map((e) => e.key)],
    ['vacancy', set.vacancies.map((v) => v.key)],
    ['seeker', set.seekers.map((s) => s.key)],
  ] as const) {
    t.equal(new Set(keys).size, keys.length, `${what} keys are unique`);
  }
  const employers = new Set(set.employers.map((e) => e.key));
  const vacancies = new Set(set.vacancies.map((v) => v.key));
  t.same(
    set.vacancies.filter((v) => !employers.has(v.employer)).map((v) => v.key),
    [],
    'every vacancy names a listed employer',
  );
  t.same(
    set.vacancies.filter((v) => v.sameJobAs !== undefined && !vacancies.has(v.sameJobAs)).map((v) => v.key),
    [],
    'every re-post names the vacancy it copies',
  );
});

t.test('every graded pair names real records, once, with a grade 0–3 and a reason', async (t) => {
  const seekers = new Set(set.seekers.map((s) => s.key));
  const vacancies = new Set(set.vacancies.map((v) => v.key));
  const bad = set.grades.filter(
    (g) =>
      !seekers.has(g.seeker) ||
      !vacancies.has(g.vacancy) ||
      !Number.isInteger(g.grade) ||
      g.grade < 0 ||
      g.grade > 3 ||
      g.reason.trim() === '',
  );
  t.same(bad, [], 'no malformed line');
  const pairs = set.grades.map((g) => `${g.seeker}/${g.vacancy}`);
  t.equal(new Set(pairs).size, pairs.length, 'no pair graded twice');
  t.same(
    set.grades.filter((g) => g.reason.startsWith('A:') && g.grade !== 0),
    [],
    'a rule-A reason always comes with grade 0',
  );
});

t.test('every place parses to one region', async (t) => {
  const names = new Set([
    ...set.employers.map((e) => e.place),
    ...set.vacancies.flatMap((v) => [v.place, ...(v.publicWelfare ? [v.publicWelfare.residence] : [])]),
    ...set.seekers.flatMap((s) => [s.residence, ...s.accepts.places]),
  ]);
  const unparsed = [...names].filter((name) => {
    const found = regions.resolve(name);
    return !found.region || found.unmatched !== '';
  });
  t.same(unparsed, [], `${names.size} place names, each one region`);
});

t.test('every skill name is a valid skill the taxonomy knows (or a listed gap of it)', async (t) => {
  const names = new Set([
    ...set.vacancies.flatMap((v) => [...v.requiredSkills.map((s) => s.name), ...v.preferredSkills]),
    ...set.seekers.flatMap((s) => s.skills.map((k) => k.name)),
  ]);
  t.same(
    [...names].filter((name) => !Skill.safeParse({ name }).success),
    [],
    'every name fits the Skill contract',
  );
  t.same(
    [...names].filter((name) => !taxonomy.resolveSkill(name) && !KNOWN_UNKNOWN_SKILLS.has(name)),
    [],
    `${names.size} skill names resolve`,
  );
  t.ok(
    set.vacancies.every((v) => v.certificates.every((c) => certificateName(c).trim() !== '')),
    'no empty certificate name',
  );
});

t.test('every pair inside a seeker’s accepted area is graded, and none outside it', async (t) => {
  const table = gradeTable(set.grades);
  const missing: string[] = [];
  const outside: string[] = [];
  for (const s of set.seekers) {
    const row = table.get(s.key) ?? new Map();
    for (const v of set.vacancies) {
      const inside = places.inside(s, v);
      if (inside && !row.has(v.key)) missing.push(`${s.key}/${v.key}`);
      if (!inside && row.has(v.key)) outside.push(`${s.key}/${v.key}`);
    }
  }
  t.same(missing, [], 'no ungraded pair inside an accepted area');
  t.same(outside, [], 'no graded pair outside it (those are 0 by rule A)');
});

t.test('closed, filled, expired and blacklisted vacancies are graded 0 for a rule-A reason', async (t) => {
  const vacancy = new Map(set.vacancies.map((v) => [v.key, v]));
  const blacklisted = new Set(set.employers.filter((e) => e.blacklisted).map((e) => e.key));
  t.same(
    set.grades.filter((g) => {
      const v = vacancy.get(g.vacancy);
      return v && (v.status !== 'open' || blacklisted.has(v.employer)) && !g.reason.startsWith('A:');
    }),
    [],
  );
});

const EDUCATION_ORDER = ['小学', '初中', ['高中', '中专'], '大专', '本科'];
const educationRank = (e: string) => EDUCATION_ORDER.findIndex((level) => level === e || level.includes(e));

t.test(
  'the rule-A grades that data alone decides agree with the data: age, education, 公益岗 eligibility',
  async (t) => {
    const vacancy = new Map(set.vacancies.map((v) => [v.key, v]));
    const seeker = new Map(set.seekers.map((s) => [s.key, s]));
    const wrong: string[] = [];
    for (const g of set.grades) {
      const v = vacancy.get(g.vacancy);
      const s = seeker.get(g.seeker);
      if (!v || !s) continue;
      const age = SET_YEAR - s.birthYear;
      const pw = v.publicWelfare;
      const excluded =
        (v.ageMin !== null && age < v.ageMin) ||
        (v.ageMax !== null && age > v.ageMax) ||
        (v.education !== null && educationRank(s.education) < educationRank(v.education)) ||
        (pw !== undefined &&
          (!s.groups.some((group) => pw.groups.includes(group)) ||
            !regions.isWithin(places.code(s.residence), places.code(pw.residence)) ||
            (pw.cannotLeaveHome && !s.cannotLeaveHome)));
      if (excluded && (g.grade !== 0 || !g.reason.startsWith('A:'))) wrong.push(`${g.seeker}/${g.vacancy}`);
    }
    t.same(wrong, [], 'each such pair is 0 with an A: reason');
  },
);

t.test('every seeker has something worth recommending (NDCG is defined)', async (t) => {
  const best = new Map<string, number>();
  for (const g of set.grades) best.set(g.seeker, Math.max(best.get(g.seeker) ?? 0, g.grade));
  t.same(
    set.seekers.filter((s) => (best.get(s.key) ?? 0) === 0).map((s) => s.key),
    [],
  );
});
