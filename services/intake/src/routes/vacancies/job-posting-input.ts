import { EmployerId, type FieldError, RegionCode, VacancyInput, VacancyStored } from '@duijie/contracts';
import { type Database, employers } from '@duijie/db';
import { type Caller, issueText, problemResponses, type ServiceApp, strictJsonParser } from '@duijie/service-kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { mustActFor, mustNameOwnEmployer } from '../../authorize.ts';
import { errors as intakeErrors } from '../../errors.ts';
import { type FromJobPosting, fromJobPosting } from '../../normalize/job-posting.ts';
import type { Lookups } from '../../normalize/vacancy.ts';
import { JSON_LD } from './job-posting.ts';
import { storeVacancy } from './store.ts';

type Options = Lookups & { db: Database; clock: () => Date };

const JobPostingInput = z
  .object({
    '@context': z.unknown().optional(),
    '@type': z.union([z.literal('JobPosting'), z.array(z.string()).refine((t) => t.includes('JobPosting'))]),
  })
  .loose()
  .describe('schema.org JobPosting JSON-LD, as job boards and ATSs publish it');

const JobPostingStored = VacancyStored.extend({
  notMapped: z
    .array(z.string())
    .describe(
      'members of the posting that no vacancy field holds as given, by path (`jobLocation.address.postalCode`), ' +
        'some with why in brackets: hiringOrganization’s members other than the one on record, unread parts',
    ),
  assumed: z
    .array(z.string())
    .describe(
      'what was stored other than as given, or in place of what the posting does not say, as ' +
        '`field: value (why)`: `headcount: 1 (totalJobOpenings absent)`, a datePosted of now, the centre of ' +
        'the region as location, a text cut to its limit',
    ),
}).meta({ id: 'JobPostingStored' });

// Vacancy fields as the posting names them, so a refusal points at what the sender wrote.
const MEMBER: Record<string, string> = {
  title: 'title',
  description: 'description',
  region: 'jobLocation.address',
  regionCode: 'jobLocation.address',
  address: 'jobLocation.address.streetAddress',
  location: 'jobLocation.geo',
  wage: 'baseSalary',
  headcount: 'totalJobOpenings',
  requiredSkills: 'skills',
  minEducation: 'educationRequirements',
  minExperienceMonths: 'experienceRequirements',
  externalId: 'identifier',
  validThrough: 'validThrough',
  employmentType: 'employmentType',
};
const memberOf = (field: string) => {
  const [head = field, ...rest] = field.split('.');
  return MEMBER[head] ? [MEMBER[head], ...(head === 'wage' ? rest : [])].join('.') : field;
};

const unmappable = intakeErrors.jobPostingNotMappable;

/**
 * `POST /v1/vacancies/job-postings`: a schema.org JobPosting in, a vacancy out. The employer
 * is the API key's, or `employerId`, or the one whose credit code hiringOrganization names;
 * `regionCode` and `headcount` supply what the posting lacks.
 */
export async function jobPostingInputRoutes(app: ServiceApp, { db, clock, regions, taxonomy }: Options) {
  app.addContentTypeParser(JSON_LD, { parseAs: 'buffer' }, strictJsonParser(app));

  app.post(
    '/job-postings',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['vacancies'],
        operationId: 'postJobPosting',
        summary: '以 schema.org JobPosting JSON-LD 发布岗位 · Post a vacancy as schema.org JobPosting JSON-LD',
        description:
          '映射 title/name、description（去掉 HTML；职责、任职要求、福利等按标签保留）、datePosted、validThrough、' +
          'hiringOrganization（identifier：统一社会信用代码）、jobLocation/address（PostalAddress 地名解析为地区代码）、' +
          'baseSalary（人民币 MonetaryAmount，QuantitativeValue 与 unitText HOUR/DAY/WEEK/MONTH/YEAR）、employmentType、' +
          'skills、educationRequirements、experienceRequirements、totalJobOpenings 和 identifier。' +
          '中国境外的地点或其他币种的工资会被拒绝，并指明字段。\n\n' +
          'Maps title/name, description (HTML stripped; responsibilities, qualifications, benefits and the like kept ' +
          'under labels), datePosted, validThrough, hiringOrganization (identifier: 统一社会信用代码), ' +
          'jobLocation/address (PostalAddress names resolved to a region code), baseSalary (MonetaryAmount in CNY ' +
          'with QuantitativeValue and unitText HOUR/DAY/WEEK/MONTH/YEAR), employmentType, skills, ' +
          'educationRequirements, experienceRequirements, totalJobOpenings and identifier. A place outside China ' +
          'or a wage in another currency is refused, naming the member.',
        consumes: [JSON_LD, 'application/json'],
        body: JobPostingInput,
        querystring: z.object({
          employerId: EmployerId.optional().describe(
            'when neither an API key nor hiringOrganization names it; with a key, only its own employer (else 403)',
          ),
          regionCode: RegionCode.optional().describe('where the work is, when jobLocation does not say'),
          headcount: z.coerce.number().int().min(1).max(100_000).optional().describe('when totalJobOpenings is absent'),
        }),
        response: { 201: JobPostingStored, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { caller, query } = request;
      mustNameOwnEmployer(caller, query.employerId);
      const mapped = fromJobPosting(request.body);
      const errors = query.regionCode
        ? mapped.errors.filter((e) => !e.field.startsWith('jobLocation'))
        : [...mapped.errors];
      const employerId = await employerOf(db, caller, query.employerId, mapped.creditCode, errors);
      const headcount = query.headcount ?? mapped.input.headcount;
      const candidate = {
        ...mapped.input,
        ...(query.regionCode ? { regionCode: query.regionCode, region: undefined } : {}),
        headcount: headcount ?? 1,
        employerId,
      };
      if (!mapped.input.wage && !errors.some((e) => e.field.startsWith('baseSalary'))) {
        errors.push({ in: 'body', field: 'baseSalary', message: 'a vacancy needs its wage' });
      }
      if (!mapped.input.region && !query.regionCode && !errors.some((e) => e.field.startsWith('jobLocation'))) {
        errors.push({ in: 'body', field: 'jobLocation', message: 'say where the work is, or give ?regionCode=' });
      }
      if (errors.length > 0) throw unmappable(errors);
      const parsed = VacancyInput.safeParse(candidate, { reportInput: true });
      if (!parsed.success) {
        throw unmappable(
          parsed.error.issues.map((i) => ({ in: 'body', field: memberOf(i.path.join('.')), message: issueText(i) })),
        );
      }
      const { employerId: id, ...input } = parsed.data;
      await mustActFor(db, caller, id);
      const now = clock();
      const stored = await storeVacancy(db, id, input, {
        regions,
        taxonomy,
        now,
        requestId: request.id,
        ...(mapped.datePosted ? { datePosted: mapped.datePosted } : {}),
        rename: memberOf,
      });
      const [employer] = await db.select().from(employers).where(eq(employers.id, id));
      const assumed = [
        ...(headcount === undefined ? ['headcount: 1 (totalJobOpenings absent)'] : []),
        ...mapped.assumed,
        ...(mapped.datePosted === undefined
          ? [`datePosted: ${stored.datePosted} (datePosted absent)`]
          : mapped.datePosted > now
            ? [`datePosted: ${stored.datePosted} (${mapped.datePosted.toISOString()} is still to come)`]
            : []),
        ...(stored.location && !mapped.input.location
          ? [`location: the centre of ${stored.regionCode} (jobLocation.geo absent)`]
          : []),
      ];
      const notMapped = [...mapped.notMapped, ...organizationNotMapped(mapped, employer)];
      return reply.code(201).send({ ...stored, notMapped, assumed });
    },
  );
}

/**
 * What hiringOrganization says that the vacancy does not keep: the vacancy is its employer's
 * on record, so a name other than the registered one, sameAs, logo and the like are not
 * stored, nor an identifier naming another employer.
 */
function organizationNotMapped(
  mapped: FromJobPosting,
  employer: { id: string; name: string; creditCode: string } | undefined,
): string[] {
  if (!employer) return [];
  const why = `(the vacancy is ${employer.id}'s, ${employer.name})`;
  const { name, members } = mapped.organization;
  return [
    ...(mapped.creditCode && mapped.creditCode !== employer.creditCode ? [`hiringOrganization.identifier ${why}`] : []),
    ...members
      .filter((member) => !(member.endsWith('.name') && name === employer.name))
      .map((member) => `${member} ${why}`),
  ];
}

/** Whose vacancy it is: the key's employer, the one asked for, or the one the posting names. */
async function employerOf(
  db: Database,
  caller: Caller,
  asked: string | undefined,
  creditCode: string | undefined,
  errors: FieldError[],
): Promise<string> {
  if (caller.kind === 'employer') return caller.employerId;
  if (asked) return asked;
  if (creditCode) {
    const [found] = await db.select({ id: employers.id }).from(employers).where(eq(employers.creditCode, creditCode));
    if (found) return found.id;
    errors.push({
      in: 'body',
      field: 'hiringOrganization.identifier',
      message: `no employer ${creditCode} is registered`,
    });
    return '';
  }
  errors.push({
    in: 'body',
    field: 'hiringOrganization.identifier',
    message: 'give the employer’s 统一社会信用代码 here, or ?employerId=',
  });
  return '';
}
