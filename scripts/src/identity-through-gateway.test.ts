// Issue 13 items 5 and 6 through the gateway on real listening servers: who a caller is comes
// from verified credentials (or the client's address), never from the text of a header, and
// a caller who may not use a route is refused before anything it sent is read.
import { randomBytes } from 'node:crypto';
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { runServices } from './system.ts';

/**
 * Routes anyone may call without credentials, by design (README, "Who may do what"). Every
 * other operation in the merged OpenAPI document must answer an anonymous caller 401.
 */
const PUBLIC = new Set([
  'GET /v1/employers/{employerId}',
  'GET /v1/vacancies',
  'GET /v1/vacancies/{vacancyId}',
  'GET /v1/vacancies/import/template',
  'POST /v1/seekers', // a seeker registering themselves
  'GET /v1/seekers/import/template',
  'POST /v1/matches/search', // a walk-in's ranked vacancies; nothing is stored
  'GET /v1/fairs/{fairId}',
  'GET /v1/fairs/{fairId}/booths',
  'GET /v1/fairs/{fairId}/stats',
  'GET /v1/livestreams/{livestreamId}',
  'GET /v1/livestreams/{livestreamId}/lineup',
  'POST /v1/livestreams/{livestreamId}/viewers', // a viewer registers from the stream
  'GET /v1/livestreams/{livestreamId}/viewers/{viewerId}/jobs',
  'POST /v1/livestreams/{livestreamId}/intents', // by the viewer
  'GET /v1/livestreams/{livestreamId}/stats',
  'GET /v1/feeds/fairs/{id}',
  'GET /v1/feeds/livestreams/{id}',
  'GET /v1/subscriptions/unsubscribe/{token}',
  'POST /v1/subscriptions/unsubscribe/{token}', // the page's button and RFC 8058 one-click
  'POST /v1/subscriptions/sms-replies', // the SMS gateway, with its own key
  'GET /v1/notifications/l/{code}',
  'GET /v1/notifications/l/{code}/view', // the seeker's phone page behind the link
  'PUT /v1/notifications/l/{code}/interest', // its "我有意向" button
  'GET /v1/invitations/answer/{token}', // the seeker's link in an employer's invitation
  'POST /v1/invitations/answer/{token}', // the page's buttons
  'POST /v1/staff/sign-in', // the username and password are the credential
  'POST /v1/staff/desk-code', // the desk code is the credential (failures limited per address)
  'POST /v1/employers/booth-code', // the booth code is the credential (failures limited per address)
  'POST /v1/staff/password', // the current (or one-time) password is the credential
  'GET /v1/staff/oidc/start', // starts a sign-in at the identity platform: no credential yet
  'GET /v1/staff/oidc/callback', // the platform's answer (code, state and the browser's cookie) is the credential
]);

/**
 * Open without staff or employer credentials, but each with a credential of its own, checked
 * before the body like any other: without it, 401 naming it.
 */
const OWN_CREDENTIAL: ReadonlyMap<string, RegExp> = new Map([
  ['GET /v1/livestreams/{livestreamId}/viewers/{viewerId}/jobs', /viewer-token-required$/],
  ['POST /v1/livestreams/{livestreamId}/intents', /viewer-token-required$/],
  ['POST /v1/subscriptions/sms-replies', /sms-gateway-key$/],
]);

const idNumber = (stem: string) => `${stem}${residentIdCheckChar(stem)}`;

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger('warn');
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    gateway: { rateLimit: { max: 100_000, windowMs: 60_000 } },
  });
  t.teardown(() => system.close());
  const gateway = system.services.gateway;
  const json = { 'content-type': 'application/json' };

  const admin = await staffAuth({ staffId: 'xiangxi-admin', regionCode: '433100' });
  const stem = '91433122MA4L00001';
  const employer = await gateway.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: admin,
    payload: {
      name: '保靖县某茶厂',
      kind: 'enterprise',
      creditCode: `${stem}${creditCodeCheckChar(stem)}`,
      regionCode: '433122',
    },
  });
  const employerId = employer.json().id as string;
  const newKey = async () =>
    (
      await gateway.inject({
        method: 'POST',
        url: `/v1/employers/${employerId}/api-keys`,
        headers: admin,
        payload: { name: 'HR' },
      })
    ).json().key as string;
  const vacancy = { employerId, title: '采茶工', region: '保靖县', headcount: 5, wage: { min: 3600, unit: 'month' } };
  const vacanciesStored = async () =>
    (await db.db.select().from(vacancies).where(eq(vacancies.employerId, employerId))).length;

  t.test('an anonymous call to any route that needs a caller is 401, whatever it sends', async (t) => {
    const doc = (await gateway.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    t.ok(operations.length > 50, `${operations.length} operations`);
    for (const name of PUBLIC) t.ok(operations.includes(name), `${name} is still an operation`);
    const bodies = [{}, { employerId: 'emp_x', title: 1 }, 'not json at all', randomBytes(64).toString('base64')];
    for (const operation of operations) {
      const [method = 'GET', path = ''] = operation.split(' ');
      const url = path.replace(/\{[^}]+\}/g, 'x0');
      const writes = method !== 'GET';
      for (const payload of writes ? bodies : [undefined]) {
        const res = await gateway.inject({
          method: method as 'GET',
          url,
          ...(payload !== undefined ? { payload, headers: json } : {}),
        });
        const own = OWN_CREDENTIAL.get(operation);
        if (own) {
          t.match(res.json(), { status: 401, type: own }, `${operation} asks for its own credential first`);
          t.notMatch(res.json(), { errors: [{ in: 'body' }] }, 'the body was not looked at');
        } else if (PUBLIC.has(operation)) {
          t.not(res.statusCode, 401, `${operation} is public`);
        } else {
          t.equal(
            res.statusCode,
            401,
            `${operation} with ${JSON.stringify(payload)?.slice(0, 30)}: ${res.body.slice(0, 120)}`,
          );
          t.notMatch(res.json(), { errors: [{ in: 'body' }] }, 'the body was not looked at');
        }
      }
    }
    const garbage = await gateway.inject({ method: 'POST', url: '/v1/vacancies', payload: {}, headers: json });
    t.match(garbage.json(), { status: 401, type: /credentials-required$/ }, 'the example of the issue');
  });

  t.test('an employer key on a staff route is refused before its body is read', async (t) => {
    const key = await newKey();
    const res = await gateway.inject({
      method: 'POST',
      url: '/v1/employers',
      headers: { authorization: `Bearer ${key}`, ...json },
      payload: {},
    });
    t.equal(res.statusCode, 401);
    t.match(res.json(), { type: /staff-token-required$/ });
  });

  t.test('an Idempotency-Key belongs to the staff member, whatever token or spelling they send', async (t) => {
    const before = await vacanciesStored();
    const first = await testStaffTokens.issue({
      staffId: 'baojing-1',
      name: '彭',
      role: 'officer',
      regionCode: '433122',
    });
    const refreshed = await testStaffTokens.issue(
      { staffId: 'baojing-1', name: '彭', role: 'officer', regionCode: '433122' },
      '1h',
    );
    const post = (authorization: string, key = 'tea-1') =>
      gateway.inject({
        method: 'POST',
        url: '/v1/vacancies',
        headers: { authorization, 'idempotency-key': key, ...json },
        payload: vacancy,
      });
    const created = await post(`Bearer ${first}`);
    t.equal(created.statusCode, 201, created.body);
    for (const authorization of [`Bearer ${refreshed}`, `bearer ${first}`, `BEARER  ${first} `]) {
      const again = await post(authorization);
      t.equal(again.headers['idempotent-replayed'], 'true', `${authorization.slice(0, 8)}… is a retry`);
      t.equal(again.json().id, created.json().id);
    }
    t.equal(await vacanciesStored(), before + 1, 'one vacancy');
    const colleague = await testStaffTokens.issue({
      staffId: 'baojing-2',
      name: '田',
      role: 'officer',
      regionCode: '433122',
    });
    const theirs = await post(`Bearer ${colleague}`);
    t.equal(theirs.statusCode, 201, 'another staff member’s same key is their own');
    t.not(theirs.json().id, created.json().id);
  });

  t.test('an Idempotency-Key belongs to the employer, whichever of its keys is sent', async (t) => {
    const [one, two] = [await newKey(), await newKey()];
    const post = (key: string) =>
      gateway.inject({
        method: 'POST',
        url: '/v1/vacancies',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'tea-key-1', ...json },
        payload: vacancy,
      });
    const created = await post(one);
    t.equal(created.statusCode, 201, created.body);
    const again = await post(two);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.equal(again.json().id, created.json().id);
  });

  t.test('anonymous Idempotency-Keys are scoped by the client’s address', async (t) => {
    const seeker = (n: string) => ({
      name: '向某',
      idNumber: idNumber(`43312219900101${n}`),
      residenceRegionCode: '433122',
    });
    const register = (remoteAddress: string, body: object, key: string) =>
      gateway.inject({
        method: 'POST',
        url: '/v1/seekers',
        remoteAddress,
        headers: { 'idempotency-key': key, ...json },
        payload: body,
      });
    const mine = await register('203.0.113.1', seeker('001'), 'me-1');
    t.equal(mine.statusCode, 201, mine.body);
    const retry = await register('203.0.113.1', seeker('001'), 'me-1');
    t.equal(retry.headers['idempotent-replayed'], 'true', 'the same client retrying gets its answer');
    const stranger = await register('198.51.100.2', seeker('002'), 'me-1');
    t.equal(stranger.statusCode, 201, 'another client’s same key is not a collision');
    t.not(stranger.headers['idempotent-replayed'], 'true');
    t.not(stranger.json().id, mine.json().id, 'and never gets someone else’s answer');
  });

  t.test('guessed API keys: a few look-ups per address, then 429 without asking the database', async (t) => {
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const guess = `dj_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
      const res = await gateway.inject({
        url: '/v1/vacancies?limit=1',
        remoteAddress: '192.0.2.66',
        headers: { authorization: `Bearer ${guess}` },
      });
      statuses.push(res.statusCode);
    }
    const looked = statuses.filter((s) => s === 401).length;
    t.ok(looked <= 30, `${looked} look-ups`);
    t.equal(statuses.filter((s) => s === 429).length, 1000 - looked, 'the rest are 429');
    const key = await newKey();
    const good = await gateway.inject({ url: '/v1/vacancies?limit=1', headers: { authorization: `Bearer ${key}` } });
    t.equal(good.statusCode, 200, 'a caller elsewhere is not affected');
  });
});
