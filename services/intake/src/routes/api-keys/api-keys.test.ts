import { apiKeys, auditLog } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const mine = await registerEmployer(app, {
    name: '古丈某茶业公司',
    creditStem: '91433126MA4K00005',
    regionCode: '433126',
  });
  const theirs = await registerEmployer(app, {
    name: '永顺某建筑公司',
    creditStem: '91433127MA4K00006',
    regionCode: '433127',
  });
  const vacancy = (employerId?: string) => ({
    ...(employerId ? { employerId } : {}),
    title: '采茶工',
    regionCode: '433126',
    headcount: 10,
    wage: { min: 140, unit: 'day' },
  });
  const created = await app.inject({
    method: 'POST',
    url: `/v1/employers/${mine}/api-keys`,
    headers: admin,
    payload: { name: '茶园招聘系统' },
  });
  const key = created.json().key as string;
  const bearer = { authorization: `Bearer ${key}` };

  t.test('a key is shown once, stored only as a hash, and its creation audited', async (t) => {
    t.equal(created.statusCode, 201);
    t.match(key, /^dj_[0-9a-f]{12}_[\w-]{43}$/);
    const listed = (await app.inject({ url: `/v1/employers/${mine}/api-keys`, headers: admin })).json();
    t.equal(listed.items.length, 1);
    t.notOk('key' in listed.items[0], 'the list never shows the key');
    const rows = await db.db.select().from(apiKeys);
    // The secret is base64url, which may itself hold a '_': cut by position, not by splitting.
    const secret = key.slice('dj_'.length + 12 + 1);
    t.equal(secret.length, 43);
    t.notOk(JSON.stringify(rows).includes(secret), 'the secret is not stored');
    t.match(await db.db.select().from(auditLog).where(eq(auditLog.action, 'api-key.created')), [
      { action: 'api-key.created', subjectId: mine, actor: 'staff:test-admin', regionCode: '433126' },
    ]);
  });

  t.test('a key creates, updates and closes only its own employer’s vacancies', async (t) => {
    const own = await app.inject({ method: 'POST', url: '/v1/vacancies', payload: vacancy(mine), headers: bearer });
    t.equal(own.statusCode, 201);
    const other = await app.inject({ method: 'POST', url: '/v1/vacancies', payload: vacancy(theirs), headers: bearer });
    t.equal(other.statusCode, 403);
    t.match(other.json(), { type: /not-your-employer$/ });
    const theirVacancy = (
      await app.inject({ method: 'POST', headers: admin, url: '/v1/vacancies', payload: vacancy(theirs) })
    ).json();
    const patch = await app.inject({
      method: 'PATCH',
      url: `/v1/vacancies/${theirVacancy.id}`,
      payload: { version: 1, headcount: 1 },
      headers: bearer,
    });
    t.equal(patch.statusCode, 403);
    const close = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${theirVacancy.id}/close`,
      payload: { version: 1 },
      headers: bearer,
    });
    t.equal(close.statusCode, 403);
    const closeOwn = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${own.json().id}/close`,
      payload: { version: 1 },
      headers: bearer,
    });
    t.equal(closeOwn.statusCode, 200);
  });

  t.test('in bulk, rows are the key’s employer’s; a row naming another is refused', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/vacancies/bulk',
      payload: { vacancies: [vacancy(), vacancy(theirs), vacancy(mine)] },
      headers: bearer,
    });
    t.equal(res.statusCode, 201);
    t.match(res.json(), { stored: 2, failed: [{ row: 2, errors: [{ field: 'employerId' }] }] });
  });

  t.test('a key naming another employer in the query is 403, and nothing is stored', async (t) => {
    const before = (await app.inject({ url: `/v1/vacancies?employerId=${mine}` })).json().items.length;
    const sheet = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/import?employerId=${theirs}`,
      headers: { ...bearer, 'content-type': 'text/csv' },
      payload: '岗位名称,工作地点,招聘人数,薪资下限,薪资单位\n采茶工,古丈县,2,140,日\n',
    });
    t.equal(sheet.statusCode, 403, sheet.body);
    t.match(sheet.json(), { type: /not-your-employer$/ });
    const posting = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/job-postings?employerId=${theirs}&regionCode=433126`,
      headers: { ...bearer, 'content-type': 'application/ld+json' },
      payload: JSON.stringify({
        '@context': 'https://schema.org/',
        '@type': 'JobPosting',
        title: '采茶工',
        baseSalary: { '@type': 'MonetaryAmount', currency: 'CNY', value: { value: 140, unitText: 'DAY' } },
      }),
    });
    t.equal(posting.statusCode, 403, posting.body);
    t.match(posting.json(), { type: /not-your-employer$/ });
    const after = (await app.inject({ url: `/v1/vacancies?employerId=${mine}` })).json().items.length;
    t.equal(after, before, 'no vacancy was stored under the key’s own employer instead');
    const own = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/import?employerId=${mine}`,
      headers: { ...bearer, 'content-type': 'text/csv' },
      payload: '岗位名称,工作地点,招聘人数,薪资下限,薪资单位\n采茶工,古丈县,2,140,日\n',
    });
    t.equal(own.statusCode, 201, `its own employer named is fine: ${own.body}`);
  });

  t.test('a revoked key and a made-up key are refused with 401', async (t) => {
    const keyId = (await app.inject({ url: `/v1/employers/${mine}/api-keys`, headers: admin })).json().items[0].id;
    const revoked = await app.inject({
      method: 'POST',
      headers: admin,
      url: `/v1/employers/${mine}/api-keys/${keyId}/revoke`,
    });
    t.match(revoked.json(), { revokedAt: /Z$/ });
    const after = await app.inject({ method: 'POST', url: '/v1/vacancies', payload: vacancy(mine), headers: bearer });
    t.equal(after.statusCode, 401);
    t.match(after.json(), { type: /invalid-api-key$/ });
    const madeUp = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      payload: vacancy(mine),
      headers: { authorization: 'Bearer dj_000000000000_not-a-key' },
    });
    t.equal(madeUp.statusCode, 401);
  });

  t.test('without credentials nothing changes; staff act only for employers in their region', async (t) => {
    const anonymous = await app.inject({ method: 'POST', url: '/v1/vacancies', payload: vacancy(mine) });
    t.equal(anonymous.statusCode, 401);
    t.match(anonymous.json(), { type: /credentials-required$/ });
    const guzhang = await staffAuth({ role: 'officer', regionCode: '433126' });
    const inRegion = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: guzhang,
      payload: vacancy(mine),
    });
    t.equal(inRegion.statusCode, 201, 'a 古丈 officer posts for a 古丈 employer');
    const outside = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: guzhang,
      payload: vacancy(theirs),
    });
    t.equal(outside.statusCode, 403, 'but not for a 永顺 one');
    t.match(outside.json(), { type: /out-of-scope$/ });
    const keyOutside = await app.inject({
      method: 'POST',
      url: `/v1/employers/${theirs}/api-keys`,
      headers: guzhang,
      payload: { name: '越权' },
    });
    t.equal(keyOutside.statusCode, 403, 'nor make its keys');
    const keyAnonymous = await app.inject({
      method: 'POST',
      url: `/v1/employers/${mine}/api-keys`,
      payload: { name: 'x' },
    });
    t.equal(keyAnonymous.statusCode, 401);
  });
});
