import { creditCodeCheckChar } from '@duijie/contracts';
import { auditLog, outboxEvents } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

const employer = {
  name: '吉首市某服装扶贫车间',
  kind: 'community_factory',
  creditCode: '91433100MA4L12345F',
  regionCode: '433101',
  contacts: [{ name: '张经理', phone: '13874300001' }],
};

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = intakeApp(t, db);
  const admin = await staffAuth();

  t.test('a valid employer is stored with its event, and the contact phone comes back masked', async (t) => {
    const res = await app.inject({ method: 'POST', headers: admin, url: '/v1/employers', payload: employer });
    t.equal(res.statusCode, 201);
    const body = res.json();
    t.match(body, { id: /^emp_/, name: employer.name, version: 1, blacklisted: false });
    t.equal(body.contacts[0].phone, '138****0001');
    const events = await db.db.select().from(outboxEvents);
    t.match(events, [{ type: 'employer.registered', aggregateId: body.id }]);
    const read = await app.inject({ method: 'GET', url: `/v1/employers/${body.id}` });
    t.equal(read.json().name, employer.name);
    t.notOk(
      logLines().some((l) => l.includes('13874300001')),
      'the phone number is never logged',
    );
  });

  t.test('a second employer with the same credit code is a 409 naming the first', async (t) => {
    const res = await app.inject({ method: 'POST', headers: admin, url: '/v1/employers', payload: employer });
    t.equal(res.statusCode, 409);
    t.match(res.json(), { type: /employer-exists$/, employerId: /^emp_/ });
  });

  t.test('bad fields get problem+json naming each one, and nothing is stored', async (t) => {
    const before = (await db.db.select().from(outboxEvents)).length;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/employers',
      headers: { ...admin, 'accept-language': 'en' },
      payload: { ...employer, creditCode: '91433100MA4L12345X', regionCode: '4331' },
    });
    t.equal(res.statusCode, 400);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const problem = res.json();
    t.match(problem, { status: 400, type: /validation-error$/, requestId: res.headers['x-request-id'] });
    t.same(problem.errors.map((e: { field: string }) => e.field).sort(), ['creditCode', 'regionCode']);
    t.match(
      problem.errors.find((e: { field: string }) => e.field === 'creditCode'),
      {
        in: 'body',
        message: /check character/,
      },
    );
    t.equal((await db.db.select().from(outboxEvents)).length, before);
  });

  t.test('an unknown employer and an unknown route are problem+json 404s', async (t) => {
    const missing = await app.inject({ method: 'GET', url: '/v1/employers/emp_0192aaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    t.equal(missing.statusCode, 404);
    t.match(missing.json(), { type: /employer-not-found$/ });
    const route = await app.inject({ method: 'GET', url: '/v1/nowhere', headers: { 'accept-language': 'en' } });
    t.equal(route.statusCode, 404);
    t.match(route.headers['content-type'], /^application\/problem\+json/);
    t.match(route.json(), { type: /route-not-found$/, detail: 'No route GET /v1/nowhere' });
  });

  t.test('health and readiness', async (t) => {
    t.match((await app.inject('/health')).json(), { status: 'ok', service: 'intake' });
    const ready = await app.inject('/ready');
    t.equal(ready.statusCode, 200);
    t.match(ready.json(), { status: 'ready', checks: { database: { ok: true } } });
    const openapi = await app.inject('/openapi.json');
    t.equal(openapi.statusCode, 200, 'the OpenAPI document builds');
    t.ok(openapi.json().paths['/v1/vacancies/job-postings'], 'with every route');
  });

  t.test('a request id sent by the caller is kept and echoed', async (t) => {
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': 'fair-42.req-7' } });
    t.equal(res.headers['x-request-id'], 'fair-42.req-7');
  });

  t.test('only staff register employers, and only in their region', async (t) => {
    const other = { ...employer, creditCode: `91433130MA4L12346${creditCodeCheckChar('91433130MA4L12346')}` };
    const anonymous = await app.inject({ method: 'POST', url: '/v1/employers', payload: other });
    t.equal(anonymous.statusCode, 401);
    t.match(anonymous.json(), { type: /staff-token-required$/ });
    const officer = await staffAuth({ role: 'officer', regionCode: '433127' });
    const elsewhere = await app.inject({ method: 'POST', url: '/v1/employers', headers: officer, payload: other });
    t.equal(elsewhere.statusCode, 403);
    t.match(elsewhere.json(), { type: /out-of-scope$/ });
    const forged = await app.inject({
      method: 'POST',
      url: '/v1/employers',
      headers: { authorization: `${officer.authorization.slice(0, -2)}xx` },
      payload: other,
    });
    t.equal(forged.statusCode, 401, 'a token with a broken signature is refused');
    t.match(forged.json(), { type: /invalid-staff-token$/ });
  });

  t.test('an admin blacklists an employer with a reason, audited, with its event; an officer cannot', async (t) => {
    const id = await registerEmployer(app, {
      name: '泸溪某建筑劳务公司',
      kind: 'labor_agency',
      creditStem: '91433122MA4L00007',
      regionCode: '433122',
    });
    const change = { reason: '泸溪县人社局 2026 年第 3 号欠薪处理决定', version: 1 };
    const officer = await staffAuth({ role: 'officer', regionCode: '433122' });
    const refused = await app.inject({
      method: 'POST',
      url: `/v1/employers/${id}/blacklist`,
      headers: officer,
      payload: change,
    });
    t.equal(refused.statusCode, 403);
    t.match(refused.json(), { type: /admin-role-required$/ });
    const listed = await app.inject({
      method: 'POST',
      url: `/v1/employers/${id}/blacklist`,
      headers: admin,
      payload: change,
    });
    t.equal(listed.statusCode, 200, listed.body);
    t.match(listed.json(), { blacklisted: true, blacklistReason: change.reason, blacklistedAt: /Z$/, version: 2 });
    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id));
    t.same(
      events.map((e) => e.type),
      ['employer.registered', 'employer.blacklisted'],
    );
    t.match(
      await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'employer.blacklisted'))),
      [{ action: 'employer.blacklisted', actor: 'staff:test-admin', detail: { reason: change.reason } }],
    );
    const twice = await app.inject({
      method: 'POST',
      url: `/v1/employers/${id}/blacklist`,
      headers: admin,
      payload: { ...change, version: 2 },
    });
    t.equal(twice.statusCode, 409);
    const lifted = await app.inject({
      method: 'POST',
      url: `/v1/employers/${id}/unblacklist`,
      headers: admin,
      payload: { reason: '欠薪已清偿', version: 2 },
    });
    t.match(lifted.json(), { blacklisted: false, blacklistReason: null, version: 3 });
  });
});
