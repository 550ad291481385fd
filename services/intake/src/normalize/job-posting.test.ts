import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { chinesePosting } from './job-posting.fixture.ts';
import { fromJobPosting } from './job-posting.ts';

const dir = new URL('../../fixtures/jobposting/', import.meta.url);
const examples = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, 2), JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>]),
);
const fields = (r: ReturnType<typeof fromJobPosting>) => r.errors.map((e) => e.field).sort();

t.test('schema.org example 0028: every member is read, and what is American is refused by name', async (t) => {
  const r = fromJobPosting(examples['01'] ?? {});
  t.match(r.input, {
    title: 'Software Engineer',
    minEducation: 'bachelor',
    minExperienceMonths: 36,
    employmentType: 'full_time',
    region: 'WAKirkland',
  });
  t.equal(r.datePosted?.toISOString(), '2011-10-30T16:00:00.000Z', 'a bare date is that day in China');
  t.same(fields(r), ['baseSalary.value.unitText', 'salaryCurrency'], 'USD, and no unit for 100000');
  t.match(r.errors.find((e) => e.field === 'salaryCurrency')?.message, /USD/);
  t.match(r.input.description, /seeks a full-time mid-level software engineer/);
  t.match(r.input.description, /福利待遇：Medical, Life, Dental/);
  t.match(r.input.description, /技能要求：Web application development/, 'a skills paragraph is kept as text');
  t.same(r.notMapped, ['industry', 'occupationalCategory']);
});

t.test('structured members: credentials, months of experience, DefinedTerm skills, name for title', async (t) => {
  t.match(fromJobPosting(examples['06'] ?? {}).input, { minEducation: 'bachelor', minExperienceMonths: 60 });
  t.same(fromJobPosting(examples['02'] ?? {}).input.requiredSkills, [
    { name: 'Knowledge of computer programming principles' },
  ]);
  t.equal(fromJobPosting(examples['03'] ?? {}).input.title, 'Mobile App Developer');
  t.same(fromJobPosting(examples['07'] ?? {}).notMapped, ['employmentUnit']);
  t.match(fromJobPosting(examples['11'] ?? {}).input.description, /^单位介绍：Acme is committed/);
});

t.test('every schema.org example maps without throwing, and none invents a wage or a place', async (t) => {
  for (const [name, example] of Object.entries(examples)) {
    const r = fromJobPosting(example);
    t.ok(r.input.title, `${name} has its title`);
    if (!example.baseSalary) t.notOk(r.input.wage, `${name}: no wage made up`);
    if (!example.jobLocation) t.notOk(r.input.region, `${name}: no place made up`);
  }
});

t.test('a Chinese posting maps fully', async (t) => {
  const r = fromJobPosting(chinesePosting);
  t.same(r.errors, []);
  t.equal(r.creditCode, chinesePosting.hiringOrganization.identifier);
  t.match(r.input, {
    title: '電焊工',
    externalId: 'GG-2026-17',
    region: '湖北省十堰市郧西县',
    address: '城关镇工业园',
    wage: { min: 220, max: 300, unit: 'day' },
    employmentType: 'full_time',
    requiredSkills: [{ name: '电焊' }, { name: '气割' }],
    minEducation: 'junior_middle',
    minExperienceMonths: 24,
    headcount: 6,
    validThrough: '2026-12-31T15:59:59.000Z',
  });
  t.equal(r.input.description, '负责钢结构焊接。\n二保焊\n学历要求：初中\n福利待遇：包吃住');
});

t.test('a place abroad and a foreign currency are refused naming the member', async (t) => {
  const abroad = fromJobPosting({
    ...chinesePosting,
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressCountry: 'US' } },
    baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { value: 20, unitText: 'HOUR' } },
  });
  t.same(fields(abroad), ['baseSalary.currency', 'jobLocation.address.addressCountry']);
  t.ok(abroad.input.wage, 'the amount is still read');
});

t.test('a date-time without a zone is Beijing time, for datePosted and validThrough alike', async (t) => {
  const r = fromJobPosting({ ...chinesePosting, datePosted: '2026-11-20T09:00:00', validThrough: '2026-12-31T18:00' });
  t.equal(r.datePosted?.toISOString(), '2026-11-20T01:00:00.000Z');
  t.equal(r.input.validThrough, '2026-12-31T10:00:00.000Z');
  const zoned = fromJobPosting({ ...chinesePosting, validThrough: '2026-12-31T18:00:00Z' });
  t.equal(zoned.input.validThrough, '2026-12-31T18:00:00.000Z', 'a zone given is kept');
});

t.test('a date outside 1900–2100 is not read as one', async (t) => {
  const r = fromJobPosting({ ...chinesePosting, datePosted: '0000-01-01', validThrough: '0000-12-31' });
  t.equal(r.datePosted, undefined, 'the posting counts as posted now');
  t.match(r.errors, [{ field: 'validThrough', message: 'not a date' }]);
});
