import { readFileSync } from 'node:fs';
import { outboxEvents } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { chinesePosting } from '../../normalize/job-posting.fixture.ts';
import { intakeApp, registerEmployer } from '../../testing.ts';

const schemaOrg0028 = JSON.parse(
  readFileSync(new URL('../../../fixtures/jobposting/01-schemaorg-eg-0028.json', import.meta.url), 'utf8'),
);
const schemaOrg0465 = JSON.parse(
  readFileSync(new URL('../../../fixtures/jobposting/06-schemaorg-eg-0465.json', import.meta.url), 'utf8'),
);

// A fixed day: the fixture's validThrough (2026-12-31) must stay ahead of the clock.
const now = new Date('2026-11-22T09:00:00+08:00');

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db, { clock: () => now });
  const admin = await staffAuth();
  const employerId = await registerEmployer(app, {
    name: '郧西县某钢结构公司',
    creditStem: chinesePosting.hiringOrganization.identifier.slice(0, 17),
    regionCode: '420322',
  });
  const post = (body: unknown, query = '', headers: Record<string, string> = admin) =>
    app.inject({
      method: 'POST',
      url: `/v1/vacancies/job-postings${query}`,
      headers: { ...headers, 'content-type': 'application/ld+json' },
      payload: JSON.stringify(body),
    });

  t.test('a Chinese JobPosting is stored as a vacancy, its employer found by credit code', async (t) => {
    const res = await post(chinesePosting);
    t.equal(res.statusCode, 201, res.body);
    const v = res.json();
    t.match(v, {
      employerId,
      externalId: 'GG-2026-17',
      title: '电焊工',
      regionCode: '420322',
      address: '城关镇工业园',
      wage: { min: 220, max: 300, unit: 'day' },
      headcount: 6,
      minEducation: 'junior_middle',
      minExperienceMonths: 24,
      requiredSkills: [{ code: 'skill.welding', name: '电焊' }, { name: '气割' }],
      datePosted: '2026-11-19T16:00:00.000Z',
      validThrough: '2026-12-31T15:59:59.000Z',
      notMapped: [],
    });
    t.same(v.assumed, [`location: the centre of 420322 (jobLocation.geo absent)`]);
    t.ok(v.monthlyWage.monthlyMin > 4000, 'the day rate is compared as a monthly figure');
    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, v.id));
    t.same(
      events.map((e) => e.type),
      ['vacancy.published'],
    );

    const again = await post(chinesePosting);
    t.equal(again.statusCode, 409, 'the same identifier again is the same vacancy');
    t.match(again.json(), { type: /vacancy-exists$/, vacancyId: v.id });
  });

  t.test('what we serve as JobPosting, we take back', async (t) => {
    const created = (await post({ ...chinesePosting, identifier: 'round-trip' })).json();
    const served = await app.inject({
      url: `/v1/vacancies/${created.id}`,
      headers: { accept: 'application/ld+json' },
    });
    const back = await post(served.json(), `?employerId=${employerId}`);
    t.equal(back.statusCode, 201, back.body);
    t.match(back.json(), {
      title: created.title,
      regionCode: created.regionCode,
      wage: created.wage,
      monthlyWage: created.monthlyWage,
      headcount: created.headcount,
      minEducation: created.minEducation,
      minExperienceMonths: created.minExperienceMonths,
      externalId: created.id,
    });
  });

  t.test('schema.org’s example 0028 is read, and refused for its dollars and its American place', async (t) => {
    const res = await post(schemaOrg0028, `?employerId=${employerId}`);
    t.equal(res.statusCode, 422);
    t.match(res.headers['content-type'], /problem\+json/);
    t.same(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['baseSalary.value.unitText', 'salaryCurrency'],
    );
    const placed = await post(
      {
        ...schemaOrg0028,
        baseSalary: { '@type': 'MonetaryAmount', currency: 'CNY', value: { value: 9000, unitText: 'MONTH' } },
      },
      `?employerId=${employerId}`,
    );
    t.equal(placed.statusCode, 422, 'with a wage in yuan, Kirkland WA is still not a place here');
    t.match(placed.json().errors, [{ field: 'jobLocation.address', message: /WAKirkland/ }]);
  });

  t.test('schema.org’s example 0465 needs the essentials it does not carry', async (t) => {
    const res = await post(schemaOrg0465, `?employerId=${employerId}`);
    t.equal(res.statusCode, 422);
    t.same(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['baseSalary', 'jobLocation'],
    );
    const complete = await post(
      {
        ...schemaOrg0465,
        baseSalary: { '@type': 'MonetaryAmount', currency: 'CNY', value: { value: 12000, unitText: 'MONTH' } },
      },
      `?employerId=${employerId}&regionCode=420300&headcount=2`,
    );
    t.equal(complete.statusCode, 201, complete.body);
    t.match(complete.json(), {
      title: 'Software Engineer',
      minEducation: 'bachelor',
      minExperienceMonths: 60,
      headcount: 2,
    });
  });

  t.test('every member not stored as given is named, in notMapped or in assumed', async (t) => {
    const other = await registerEmployer(app, {
      name: '竹山县某劳务公司',
      creditStem: '91420323MA4F00009',
      regionCode: '420323',
    });
    const { totalJobOpenings, datePosted, ...posting } = chinesePosting;
    const res = await post(
      {
        ...posting,
        identifier: 'honest-1',
        hiringOrganization: {
          ...chinesePosting.hiringOrganization,
          name: '别家钢构公司',
          sameAs: 'https://example.com/gangou',
          logo: 'https://example.com/logo.png',
        },
        jobLocation: {
          ...chinesePosting.jobLocation,
          address: { ...chinesePosting.jobLocation.address, postalCode: '442600' },
        },
        employmentType: 'VOLUNTEER',
      },
      `?employerId=${other}`,
    );
    t.equal(res.statusCode, 201, res.body);
    const v = res.json();
    t.equal(v.employerId, other);
    t.same(
      v.notMapped.map((m: string) => m.split(' ')[0]).sort(),
      [
        'employmentType',
        'hiringOrganization.identifier',
        'hiringOrganization.logo',
        'hiringOrganization.name',
        'hiringOrganization.sameAs',
        'jobLocation.address.postalCode',
      ],
      v.notMapped.join('; '),
    );
    t.equal(v.headcount, 1);
    t.match(v.assumed, [
      'headcount: 1 (totalJobOpenings absent)',
      /^employmentType: full_time/,
      /^datePosted: 2026-11-22T01:00:00.000Z \(datePosted absent\)/,
      /^location: .*\(jobLocation.geo absent\)/,
    ]);
    t.same(v.assumed.length, 4, v.assumed.join('; '));
  });

  t.test('no employer named anywhere, and no credentials', async (t) => {
    const { hiringOrganization, ...anonymousOrg } = chinesePosting;
    const res = await post({ ...anonymousOrg, identifier: 'x-1' });
    t.equal(res.statusCode, 422);
    t.match(res.json().errors, [{ field: 'hiringOrganization.identifier' }]);
    const nobody = await post({ ...chinesePosting, identifier: 'x-2' }, '', {});
    t.equal(nobody.statusCode, 401);
  });
});
