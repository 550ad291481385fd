// Staff accounts through the gateway on real listening servers: a person signs in, their token
// works on every service, and once an admin disables them it is refused by every service on
// the very next request.
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { gatewayClient } from './gateway-client.ts';
import { runServices } from './system.ts';

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger();
  const system = await runServices({ db, staffTokens: testStaffTokens, logger: log.logger });
  t.teardown(() => system.close());
  const admin = gatewayClient(system.gatewayUrl, await staffAuth({ staffId: 'xiangxi-admin', regionCode: '433100' }));
  const anyone = gatewayClient(system.gatewayUrl, {});

  const made = await admin.ok('POST', '/v1/staff', {
    username: 'luxi.desk',
    name: '向招聘',
    phone: '13912345678',
    regionCode: '433122',
    // An officer: a fair desk's token is good on the desk's routes only (none of notification's).
    role: 'officer',
  });
  const password = 'Luxi-spring-fair-2026';
  const changed = await anyone.call('POST', '/v1/staff/password', {
    username: 'luxi.desk',
    currentPassword: made.oneTimePassword,
    newPassword: password,
  });
  t.equal(changed.status, 200, 'the one-time password sets the person’s own');
  const signedIn = await anyone.call('POST', '/v1/staff/sign-in', { username: 'luxi.desk', password });
  t.equal(signedIn.status, 200);
  t.match(signedIn.body.staff, { staffId: made.id, role: 'officer', regionCode: '433122' });
  const person = gatewayClient(system.gatewayUrl, { authorization: `Bearer ${signedIn.body.token}` });

  // One staff route of each service.
  const onEveryService = () =>
    Promise.all([
      person.call('GET', '/v1/employers?regionCode=433122'),
      person.call('GET', '/v1/livestreams?regionCode=433122'),
      person.call('POST', '/v1/broadcasts/preview', { segment: { regionCodes: ['433122'] } }),
    ]);

  t.test('the signed-in token works on every service', async (t) => {
    t.same(
      (await onEveryService()).map((r) => r.status),
      [200, 200, 200],
    );
  });

  t.test('disabled: the live token is refused by every service on the next request', async (t) => {
    const disabled = await admin.call('POST', `/v1/staff/${made.id}/disable`);
    t.equal(disabled.status, 200);
    const answers = await onEveryService();
    t.same(
      answers.map((r) => r.status),
      [401, 401, 401],
    );
    for (const r of answers) t.match(r.body, { type: /staff-token-withdrawn$/ });
    const again = await anyone.call('POST', '/v1/staff/sign-in', { username: 'luxi.desk', password });
    t.equal(again.status, 403, 'and signing in again says the account is disabled');
  });

  t.test('the audit trail names who disabled whom', async (t) => {
    const trail = await admin.ok('GET', `/v1/audit?subjectId=${made.id}&action=staff.disabled`);
    t.match(trail.items, [{ actor: 'staff:xiangxi-admin', action: 'staff.disabled', regionCode: '433122' }]);
  });
});
