import { type Education, type FieldError, instantOf, type VacancyInput } from '@duijie/contracts';

/**
 * schema.org JobPosting (JSON-LD, as job boards and ATSs emit it for search engines) read as
 * a vacancy. Members come in several shapes (Text or a typed object, one or a list), so each
 * is read by a small reader. What cannot be a Chinese vacancy honestly is refused by name: a
 * place outside China, a wage not in yuan or without its unit. What has no field of its own
 * is kept in the description under a label; what is dropped is listed.
 */
export type FromJobPosting = {
  input: Partial<Omit<VacancyInput, 'employerId'>>;
  /** The posting's own date, when it gives one. */
  datePosted?: Date;
  /** 统一社会信用代码 named in hiringOrganization.identifier, to find the employer by. */
  creditCode?: string;
  /** hiringOrganization's name, and its members other than identifier: the vacancy's employer is the one on record. */
  organization: { name?: string; members: string[] };
  errors: FieldError[];
  /** Members read nowhere (they are not part of a vacancy here), or only in part. */
  notMapped: string[];
  /** What was stored other than as given, or in place of what was not given: `field: value (why)`. */
  assumed: string[];
};

type Json = Record<string, unknown>;

const CHINA = new Set(['CN', 'CHN', 'CHINA', '中国', '中华人民共和国', "PEOPLE'S REPUBLIC OF CHINA"]);
const UNIT = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' } as const;
const EMPLOYMENT: Record<string, VacancyInput['employmentType']> = {
  FULL_TIME: 'full_time',
  PART_TIME: 'part_time',
  TEMPORARY: 'temporary',
  CONTRACTOR: 'temporary',
  PER_DIEM: 'temporary',
  INTERN: 'internship',
  INTERNSHIP: 'internship',
  SEASONAL: 'seasonal',
};
// Most specific first: "postgraduate" before "graduate", 中专 before 专科.
const EDUCATION: [RegExp, Education][] = [
  [/doctor|ph\.?d|博士/i, 'doctorate'],
  [/master|postgraduate|硕士|研究生/i, 'master'],
  [/bachelor|undergraduate|本科|学士/i, 'bachelor'],
  [/associate|大专|专科|高职/i, 'associate'],
  [/vocational|中专|职高|技校|中职/i, 'vocational'],
  [/high school|secondary|高中/i, 'senior_middle'],
  [/middle school|junior|初中/i, 'junior_middle'],
  [/primary|elementary|小学/i, 'primary'],
];
/** Members with text worth keeping, and the label they keep in the description. */
const DESCRIBED: [string, string][] = [
  ['responsibilities', '岗位职责'],
  ['qualifications', '任职资格'],
  ['jobBenefits', '福利待遇'],
  ['incentiveCompensation', '奖金提成'],
  ['workHours', '工作时间'],
  ['physicalRequirement', '体能要求'],
  ['sensoryRequirement', '感官要求'],
  ['employerOverview', '单位介绍'],
  ['specialCommitments', '特别承诺'],
];
const READ = new Set([
  '@context',
  '@type',
  'title',
  'name',
  'description',
  'datePosted',
  'validThrough',
  'hiringOrganization',
  'jobLocation',
  'baseSalary',
  'salaryCurrency',
  'employmentType',
  'skills',
  'educationRequirements',
  'experienceRequirements',
  'totalJobOpenings',
  'identifier',
  ...DESCRIBED.map(([member]) => member),
]);
const MAX_SKILL = 60;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
// JSON-LD's own keys say what a node is, not what the posting says.
const STRUCTURAL = new Set(['@type', '@context', '@id']);
/** The members of a node other than those read, as paths under `at`. */
const unread = (node: unknown, at: string, read: readonly string[]) =>
  isObject(node)
    ? Object.keys(node)
        .filter((k) => !STRUCTURAL.has(k) && !read.includes(k))
        .map((k) => `${at}.${k}`)
    : [];
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (isObject(v)) return text(v.name) ?? text(v.description) ?? text(v.credentialCategory) ?? text(v.value);
  return undefined;
};
/** A Text or a PropertyValue: the value, not the name of the scheme. */
const identifier = (v: unknown): string | undefined => {
  const first = list(v)[0];
  return isObject(first) ? (text(first.value) ?? text(first['@id'])) : text(first);
};
const number = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[,，\s]/g, '')) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};
const stripHtml = (html: string) =>
  html
    .replace(/<(br|\/p|\/li|\/div)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
/** A date (2026-12-31) or a date-time, Beijing time unless it says its zone; a bare date starts or ends that day. */
const timestamp = (v: unknown, endOfDay: boolean): Date | undefined => {
  const s = text(v);
  const d = s ? instantOf(s, { endOfDay }) : undefined;
  // Years the database and the contracts take (1900–2100); year 0 would fail the statement.
  const year = d?.getUTCFullYear() ?? 0;
  return d && year >= 1900 && year <= 2100 ? d : undefined;
};

export function fromJobPosting(ld: Json): FromJobPosting {
  const errors: FieldError[] = [];
  const refuse = (field: string, message: string) => errors.push({ in: 'body', field, message });
  const input: FromJobPosting['input'] = {};
  const extra: string[] = [];
  const assumed: string[] = [];
  const result: FromJobPosting = {
    input,
    errors,
    organization: { members: [] },
    notMapped: Object.keys(ld).filter((k) => !READ.has(k)),
    assumed,
  };
  const cut = (field: string, value: string, max: number) => {
    if (value.length > max) assumed.push(`${field}: cut to ${max} characters (it had ${value.length})`);
    return value.slice(0, max);
  };

  const title = text(ld.title) ?? text(ld.name);
  if (title) input.title = cut('title', title, 120);
  else refuse('title', 'a JobPosting needs a title');

  const externalId = identifier(ld.identifier);
  if (externalId) input.externalId = externalId.slice(0, 200);
  const posted = timestamp(ld.datePosted, false);
  if (posted) result.datePosted = posted;
  const validThrough = timestamp(ld.validThrough, true);
  if (validThrough) input.validThrough = validThrough.toISOString();
  else if (ld.validThrough !== undefined) refuse('validThrough', 'not a date');

  const organization = list(ld.hiringOrganization)[0];
  const orgId = isObject(organization) ? identifier(organization.identifier) : undefined;
  if (orgId && /^[0-9A-Z]{18}$/.test(orgId.toUpperCase())) result.creditCode = orgId.toUpperCase();
  const orgName = text(organization);
  result.organization = {
    ...(orgName ? { name: orgName } : {}),
    members: isObject(organization)
      ? unread(organization, 'hiringOrganization', ['identifier'])
      : organization === undefined
        ? []
        : ['hiringOrganization'],
  };

  const types = list(ld.employmentType).map(
    (t) =>
      text(t)
        ?.toUpperCase()
        .replace(/[\s-]+/g, '_') ?? '',
  );
  const employment = types.map((t) => EMPLOYMENT[t]).find(Boolean);
  if (employment) input.employmentType = employment;
  else if (types.length > 0) {
    result.notMapped.push(`employmentType (${types.join(', ')}: no such form of work here)`);
    assumed.push('employmentType: full_time (none of the posting’s forms is one here)');
  } else assumed.push('employmentType: full_time (employmentType absent)');

  const skills: string[] = [];
  for (const skill of list(ld.skills)) {
    const name = isObject(skill) ? (text(skill.name) ?? text(skill.description) ?? text(skill.termCode)) : text(skill);
    for (const part of name?.split(/[\n,，、;；]+/) ?? []) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      if (trimmed.length <= MAX_SKILL) skills.push(trimmed);
      else extra.push(`技能要求：${trimmed}`);
    }
  }
  if (skills.length > 0) input.requiredSkills = skills.slice(0, 30).map((name) => ({ name }));
  if (skills.length > 30) result.notMapped.push(`skills (all but the first 30 of ${skills.length})`);

  const educationText = list(ld.educationRequirements).map(text).filter(Boolean).join('；');
  if (educationText) {
    const level = EDUCATION.find(([pattern]) => pattern.test(educationText))?.[1];
    if (level) input.minEducation = level;
    extra.push(`学历要求：${educationText}`);
  }
  const experience = list(ld.experienceRequirements)[0];
  const months = experienceMonths(experience);
  if (months !== undefined) input.minExperienceMonths = Math.min(600, months);
  if (months !== undefined && months > 600) assumed.push(`minExperienceMonths: 600 (the most; it said ${months})`);
  if (typeof experience === 'string') extra.push(`经验要求：${experience}`);

  const openings = number(ld.totalJobOpenings);
  if (openings !== undefined) {
    if (Number.isInteger(openings) && openings >= 1) input.headcount = openings;
    else refuse('totalJobOpenings', 'must be a whole number of at least 1');
  }

  for (const [member, label] of DESCRIBED) {
    const value = list(ld[member]).map(text).filter(Boolean).join('；');
    if (value) extra.push(`${label}：${value}`);
  }
  const description = [stripHtml(text(ld.description) ?? ''), ...extra].filter(Boolean).join('\n');
  if (description) input.description = cut('description', description, 5000);
  readPlace(ld, input, refuse, result.notMapped, cut);
  readSalary(ld, input, refuse, result);
  return result;
}

function readPlace(
  ld: Json,
  input: FromJobPosting['input'],
  refuse: (field: string, message: string) => void,
  notMapped: string[],
  cut: (field: string, value: string, max: number) => string,
) {
  const places = list(ld.jobLocation);
  if (places.length > 1) notMapped.push('jobLocation (all but the first place)');
  const place = places[0];
  if (!isObject(place)) return;
  const address = place.address;
  notMapped.push(
    ...unread(place, 'jobLocation', ['address', 'geo']),
    ...unread(address, 'jobLocation.address', ['addressCountry', 'addressRegion', 'addressLocality', 'streetAddress']),
    ...unread(place.geo, 'jobLocation.geo', ['latitude', 'longitude']),
  );
  const country = isObject(address) ? text(address.addressCountry) : undefined;
  if (country && !CHINA.has(country.toUpperCase())) {
    refuse('jobLocation.address.addressCountry', `${country} is not China: Duijie matches work in China`);
    return;
  }
  if (typeof address === 'string') input.region = address.slice(0, 100);
  else if (isObject(address)) {
    const name = [address.addressRegion, address.addressLocality]
      .map(text)
      .filter(Boolean)
      .join('')
      .replace(/\s+/g, '');
    if (name) input.region = name.slice(0, 100);
    const street = text(address.streetAddress);
    if (street) input.address = cut('address', street, 200);
  }
  const geo = place.geo;
  const lat = isObject(geo) ? number(geo.latitude) : undefined;
  const lng = isObject(geo) ? number(geo.longitude) : undefined;
  if (lat !== undefined && lng !== undefined) input.location = { lat, lng };
}

function readSalary(
  ld: Json,
  input: FromJobPosting['input'],
  refuse: (field: string, message: string) => void,
  { notMapped, assumed }: Pick<FromJobPosting, 'notMapped' | 'assumed'>,
) {
  const salary = ld.baseSalary;
  if (salary === undefined) return;
  notMapped.push(
    ...unread(salary, 'baseSalary', ['currency', 'value']),
    ...(isObject(salary)
      ? unread(salary.value, 'baseSalary.value', ['value', 'minValue', 'maxValue', 'unitText'])
      : []),
  );
  const amount = isObject(salary) ? salary : { value: salary };
  const currency = text(amount.currency) ?? text(ld.salaryCurrency);
  const field = isObject(salary) && amount.currency !== undefined ? 'baseSalary.currency' : 'salaryCurrency';
  if (!currency) refuse('baseSalary.currency', 'say the currency: wages are compared in yuan (CNY)');
  else if (!['CNY', 'RMB', '人民币'].includes(currency.toUpperCase())) {
    refuse(field, `${currency} wages cannot be compared with wages in yuan: only CNY is taken`);
  }
  const value = isObject(amount.value) ? amount.value : { value: amount.value };
  const min = number(value.minValue) ?? number(value.value);
  const max = number(value.maxValue);
  const unitText = text(value.unitText)?.toUpperCase();
  const unit = unitText ? UNIT[unitText as keyof typeof UNIT] : undefined;
  if (min === undefined) refuse('baseSalary.value', 'give value, or minValue and maxValue');
  if (!unit) refuse('baseSalary.value.unitText', 'give the unit: HOUR, DAY, WEEK, MONTH or YEAR');
  if ((min !== undefined && !Number.isInteger(min)) || (max !== undefined && !Number.isInteger(max))) {
    assumed.push('wage: rounded to whole yuan');
  }
  if (min !== undefined && unit) {
    input.wage = { min: Math.round(min), ...(max !== undefined ? { max: Math.round(max) } : {}), unit };
  }
}

/** OccupationalExperienceRequirements.monthsOfExperience, or "3 years" / "三年" / "6个月" in text. */
function experienceMonths(v: unknown): number | undefined {
  if (isObject(v)) return number(v.monthsOfExperience);
  if (typeof v !== 'string') return undefined;
  const years = /(\d+(?:\.\d+)?)\s*(?:\+\s*)?(?:years?|yrs?|年)/i.exec(v);
  if (years?.[1]) return Math.round(Number(years[1]) * 12);
  const months = /(\d+)\s*(?:months?|个月)/i.exec(v);
  return months?.[1] ? Number(months[1]) : undefined;
}
