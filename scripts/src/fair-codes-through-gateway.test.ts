// Desk codes and booth codes through the gateway, on PGlite and the PostgreSQL server: staff
// who run a fair issue them; the tablet at the door exchanges a desk code for a fair desk's
// token, the booth a booth code for a key good at that booth only; wrong, expired and revoked
// codes are 401 and count toward the sign-in lock-out; no code, token or key is ever logged.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { fairCodes } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { gatewayClient } from './gateway-client.ts';
import { runServices } from './system.ts';

t.setTimeout(240_000);
const hour = 3_600_000;

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger();
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    // Few enough that the lock-out is reached below; every failure in this file counts.
    intake: { signInLimits: { perAddress: { max: 12, windowMs: 15 * 60_000 } } },
  });
  t.teardown(() => system.close());
  const url = system.gatewayUrl;
  const officer = await staffAuth({ staffId: 'luxi-officer', role: 'officer', regionCode: '433122' });
  const elsewhere = await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: '420322' });
  const { ok, call } = gatewayClient(url, officer);
  const anonymous = gatewayClient(url, {});
  const as = (credential: string) => gatewayClient(url, { authorization: `Bearer ${credential}` });

  let n = 0;
  const employer = async (regionCode: string) => {
    const stem = `91${regionCode}MA${String(++n).padStart(7, '0')}`;
    return ok(
      'POST',
      '/v1/employers',
      { name: `泸溪码测试企业${n}`, kind: 'enterprise', creditCode: `${stem}${creditCodeCheckChar(stem)}`, regionCode },
      (await staffAuth()) as Record<string, string>,
    );
  };
  const steel = await employer('433122');
  const hotel = await employer('433122');
  const welder = await ok('POST', '/v1/vacancies', {
    employerId: steel.id,
    title: '电焊工',
    regionCode: '433122',
    headcount: 3,
    wage: { min: 5000, unit: 'month' },
    requiredSkills: [{ name: '电焊' }],
  });
  const idStem = '43312219900312001';
  const seeker = await ok('POST', '/v1/seekers', {
    name: '向码试',
    idNumber: `${idStem}${residentIdCheckChar(idStem)}`,
    phone: '13607430011',
    residenceRegionCode: '433122',
    skills: [{ name: '电焊', years: 3 }],
    demand: { regionScope: 'county', expectedWage: { min: 4000, unit: 'month' } },
  });
  const fairIn = async (venueRegionCode: string, by: Record<string, string>) =>
    ok(
      'POST',
      '/v1/fairs',
      {
        name: '泸溪县春风行动',
        kind: 'on_site',
        venueRegionCode,
        startsAt: new Date(Date.now() - hour).toISOString(),
        endsAt: new Date(Date.now() + 8 * hour).toISOString(),
      },
      by,
    );
  const fair = await fairIn('433122', officer);
  const otherFair = await fairIn('433122', officer);
  for (const f of [fair, otherFair]) {
    await ok('PUT', `/v1/fairs/${f.id}/booths/${steel.id}`, { booth: 'A01', vacancyIds: [welder.id] });
  }
  const secrets: string[] = [];

  await t.test('a desk code: issued by the fair’s staff, exchanged for a fair desk’s token', async (t) => {
    const issued = await call('POST', `/v1/fairs/${fair.id}/desk-codes`, {});
    t.equal(issued.status, 201);
    const { code } = issued.body;
    secrets.push(code, code.replace('-', ''));
    t.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/, 'ten Crockford characters in two groups');
    t.equal(issued.body.fairId, fair.id);
    t.equal(issued.body.expiresAt, new Date(fair.endsAt).toISOString(), 'good until the fair ends');

    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const signedIn = await anonymous.call('POST', '/v1/staff/desk-code', { code: typed });
    t.equal(signedIn.status, 200, 'lowercase, with a space: the same code');
    const { token, staff, fairId, expiresAt } = signedIn.body;
    secrets.push(token);
    t.same(staff.role, 'fair-desk');
    t.equal(staff.regionCode, '433122', 'the fair’s region');
    t.equal(fairId, fair.id, 'the fair it was issued for');
    t.ok(Date.parse(expiresAt) <= Date.parse(issued.body.expiresAt), 'the token expires no later than the code');

    const desk = as(token);
    t.equal((await desk.call('GET', '/v1/fairs')).status, 200, 'the desk finds its fairs');
    const checkin = await desk.call('POST', `/v1/fairs/${fair.id}/checkins`, { phone: '13607430011' });
    t.equal(checkin.status, 201, 'and checks a seeker in');
    const refused = await desk.call('GET', `/v1/seekers/${seeker.id}`);
    t.equal(refused.status, 403, 'the seeker’s record is not the desk’s');
    t.match(refused.body.type, /fair-desk-not-allowed$/);
    t.equal((await desk.call('POST', `/v1/fairs/${fair.id}/desk-codes`, {})).status, 403, 'nor issuing codes');

    const [audit] = (
      await ok('GET', '/v1/audit?action=staff.signed-in', undefined, (await staffAuth()) as Record<string, string>)
    ).items.filter((a: { subjectId: string }) => a.subjectId === issued.body.id);
    t.match(audit, { actor: `staff:${issued.body.id}`, detail: { method: 'desk-code', fairId: fair.id } }, 'audited');

    const revoked = await call('POST', `/v1/fairs/${fair.id}/codes/${issued.body.id}/revoke`);
    t.equal(revoked.status, 200);
    t.ok(revoked.body.revokedAt);
    const after = await desk.call('GET', '/v1/fairs');
    t.equal(after.status, 401, 'revoking the code withdraws its tokens at once');
    t.match(after.body.type, /staff-token-withdrawn$/);
    const again = await anonymous.call('POST', '/v1/staff/desk-code', { code });
    t.equal(again.status, 401, 'a revoked code is no code');
    t.match(again.body.type, /fair-code-wrong$/);
  });

  await t.test('who may issue, and for how long', async (t) => {
    const other = await call('POST', `/v1/fairs/${fair.id}/desk-codes`, {}, elsewhere);
    t.equal(other.status, 403, 'another region’s officer: 403, as for the fair’s other routes');
    t.match(other.body.type, /out-of-scope$/);
    const key = await call('POST', `/v1/fairs/${fair.id}/desk-codes`, {}, { authorization: 'Bearer dj_x' });
    t.equal(key.status, 401);
    const sooner = new Date(Date.now() + hour).toISOString();
    const short = await ok('POST', `/v1/fairs/${fair.id}/desk-codes`, { expiresAt: sooner });
    t.equal(short.expiresAt, sooner, 'an earlier end is kept');
    secrets.push(short.code);
    const later = await ok('POST', `/v1/fairs/${fair.id}/desk-codes`, {
      expiresAt: new Date(Date.now() + 48 * hour).toISOString(),
    });
    t.equal(later.expiresAt, new Date(fair.endsAt).toISOString(), 'a later one is cut to the fair’s end');
    secrets.push(later.code);
    const past = await call('POST', `/v1/fairs/${fair.id}/desk-codes`, {
      expiresAt: new Date(Date.now() - hour).toISOString(),
    });
    t.equal(past.status, 422);
    t.match(past.body.type, /code-expiry-passed$/);
    const listed = await ok('GET', `/v1/fairs/${fair.id}/codes`);
    t.ok(listed.items.length >= 3, 'the fair’s codes are listed');
    t.notOk(JSON.stringify(listed).includes(short.code), 'never with the codes themselves');
    t.equal((await call('GET', `/v1/fairs/${fair.id}/codes`, undefined, elsewhere)).status, 403);
  });

  await t.test('wrong and expired codes are 401', async (t) => {
    const issued = await ok('POST', `/v1/fairs/${fair.id}/desk-codes`, {});
    secrets.push(issued.code);
    const wrong = await anonymous.call('POST', '/v1/staff/desk-code', { code: 'ABCDE-FGHJK' });
    t.equal(wrong.status, 401);
    t.match(wrong.body.type, /fair-code-wrong$/);
    t.equal((await anonymous.call('POST', '/v1/staff/desk-code', { code: 'not a code' })).status, 401);
    const asBooth = await anonymous.call('POST', '/v1/employers/booth-code', { code: issued.code });
    t.equal(asBooth.status, 401, 'a desk code is no booth code');
    await db.db
      .update(fairCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(fairCodes.id, issued.id));
    const expired = await anonymous.call('POST', '/v1/staff/desk-code', { code: issued.code });
    t.equal(expired.status, 401, 'an expired code');
    t.match(expired.body.type, /fair-code-wrong$/);
  });

  await t.test('a booth code: a key for the employer at that booth only', async (t) => {
    const none = await call('POST', `/v1/fairs/${fair.id}/booths/${hotel.id}/code`, {});
    t.equal(none.status, 404, 'an employer without a booth here has no booth code');
    const other = await call('POST', `/v1/fairs/${fair.id}/booths/${steel.id}/code`, {}, elsewhere);
    t.equal(other.status, 403, 'another region’s officer');
    const issued = await call('POST', `/v1/fairs/${fair.id}/booths/${steel.id}/code`, {});
    t.equal(issued.status, 201);
    t.match(issued.body, { kind: 'booth', employerId: steel.id, fairId: fair.id });
    secrets.push(issued.body.code);
    const got = await anonymous.call('POST', '/v1/employers/booth-code', { code: issued.body.code });
    t.equal(got.status, 200);
    t.match(got.body, { employerId: steel.id, fairId: fair.id, expiresAt: issued.body.expiresAt });
    secrets.push(got.body.key);
    const booth = as(got.body.key);

    const candidates = await booth.call('GET', `/v1/fairs/${fair.id}/candidates`);
    t.equal(candidates.status, 200, 'the booth’s candidates (its employer’s)');
    const intent = await booth.call('POST', `/v1/fairs/${fair.id}/intents`, {
      seekerId: seeker.id,
      vacancyId: welder.id,
    });
    t.equal(intent.status, 201, 'an intent at the booth');
    for (const [method, path, body] of [
      ['GET', `/v1/fairs/${otherFair.id}/candidates`],
      [
        'POST',
        '/v1/vacancies',
        { title: '焊工', regionCode: '433122', headcount: 1, wage: { min: 4000, unit: 'month' } },
      ],
      ['GET', `/v1/employers/${steel.id}/api-keys`],
      ['GET', `/v1/fairs/${fair.id}`],
      ['GET', `/v1/fairs/${fair.id}/booths/${steel.id}/qr`],
    ] as const) {
      const res = await booth.call(method, path, body);
      t.equal(res.status, 403, `${method} ${path}: not the booth’s`);
      t.match(res.body.type, /booth-not-allowed$/);
    }

    await ok('POST', `/v1/fairs/${fair.id}/codes/${issued.body.id}/revoke`);
    t.equal((await booth.call('GET', `/v1/fairs/${fair.id}/candidates`)).status, 401, 'revoked with its code');
    t.equal((await anonymous.call('POST', '/v1/employers/booth-code', { code: issued.body.code })).status, 401);
  });

  await t.test('failures lock the address out, as wrong passwords do', async (t) => {
    const issued = await ok('POST', `/v1/fairs/${fair.id}/desk-codes`, {});
    secrets.push(issued.code);
    let status = 0;
    for (let i = 0; i < 15 && status !== 429; i++) {
      status = (await anonymous.call('POST', '/v1/staff/desk-code', { code: '00000-00000' })).status;
    }
    t.equal(status, 429, 'locked after the address’s failures');
    const right = await anonymous.call('POST', '/v1/staff/desk-code', { code: issued.code });
    t.equal(right.status, 429, 'the right code too, for the rest of the window');
    t.ok(right.headers.get('retry-after'), 'saying when to try again');
  });

  t.test('no code, token or key is in the logs', async (t) => {
    const logged = log.lines().join('\n');
    t.ok(logged.length > 0, 'the services logged');
    for (const secret of secrets) t.notOk(logged.includes(secret), 'a secret is not logged');
  });
});
