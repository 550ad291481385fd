// The second factor, tried as its users would: an admin turns it on with an authenticator
// app; someone who has the password only gets nowhere; a code is good once; a lost phone is
// reset by an admin of the region, who elsewhere finds no such person.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { generate } from 'otplib';
import t from 'tap';
import { intakeApp } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  let now = new Date('2026-12-01T09:00:00+08:00');
  const { app, logLines } = intakeApp(t, db, { clock: () => now });
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  const codeAt = (secret: string, offsetSeconds = 0) =>
    generate({ secret, epoch: Math.floor(now.getTime() / 1000) + offsetSeconds });
  const xiangxiAdmin = await staffAuth({ staffId: 'xiangxi-admin', role: 'admin', regionCode: '433100' });
  const shiyanAdmin = await staffAuth({ staffId: 'shiyan-admin', role: 'admin', regionCode: '420300' });
  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  // An admin of 泸溪县 with a password of their own.
  const made = (
    await call('POST', '/v1/staff', xiangxiAdmin, {
      username: 'luxi.admin',
      name: '田海燕',
      phone: '13907431234',
      regionCode: '433122',
      role: 'admin',
    })
  ).json();
  const password = 'Luxi-bureau-2026-winter';
  const first = await call(
    'POST',
    '/v1/staff/password',
    {},
    {
      username: 'luxi.admin',
      currentPassword: made.oneTimePassword,
      newPassword: password,
    },
  );
  t.equal(first.statusCode, 200, first.body);
  const own = { authorization: `Bearer ${first.json().token}` };
  const signIn = (extra: object = {}, headers: Record<string, string> = {}) =>
    call('POST', '/v1/staff/sign-in', headers, { username: 'luxi.admin', password, ...extra });
  let secret = '';

  await t.test('enrolling: a secret for the app, shown once; nothing changes until a code confirms it', async (t) => {
    const started = await call('POST', '/v1/staff/me/totp', own);
    t.equal(started.statusCode, 200, started.body);
    secret = started.json().secret;
    t.match(started.json(), { secret: /^[A-Z2-7]{32}$/, uri: /^otpauth:\/\/totp\/.*luxi\.admin.*secret=/ });
    t.equal((await signIn()).statusCode, 200, 'still signs in with the password alone');
    const wrong = await call('POST', '/v1/staff/me/totp/confirm', own, { code: '000000' });
    t.equal(wrong.statusCode, 401);
    t.match(wrong.json(), { type: /totp-wrong$/ });
    const typo = await call('POST', '/v1/staff/me/totp/confirm', own, { code: '12 34' });
    t.equal(typo.statusCode, 400);
    t.match(typo.json(), { errors: [{ field: 'code' }] });
    const confirmed = await call('POST', '/v1/staff/me/totp/confirm', own, { code: await codeAt(secret) });
    t.equal(confirmed.statusCode, 200, confirmed.body);
    t.equal(confirmed.json().totpEnabled, true);
    const again = await call('POST', '/v1/staff/me/totp', own);
    t.equal(again.statusCode, 409, 'a second enrolment over a working one is refused');
    t.match(again.json(), { type: /totp-already-on$/ });
  });

  await t.test('signing in takes the code; the password alone gets a plain answer, and only then', async (t) => {
    later(30);
    const alone = await signIn();
    t.equal(alone.statusCode, 401);
    t.match(alone.json(), { type: /totp-required$/ });
    const wrongPassword = await signIn({ password: 'not-it-at-all' });
    t.match(wrongPassword.json(), { type: /sign-in-failed$/ }, 'a wrong password still says nothing more');
    const code = await codeAt(secret);
    const good = await signIn({ totp: code });
    t.equal(good.statusCode, 200, good.body);
    const replay = await signIn({ totp: code });
    t.equal(replay.statusCode, 401, 'the same code again is refused: a code is good once');
    t.match(replay.json(), { type: /totp-wrong$/ });
    later(30);
    t.equal((await signIn({ totp: await codeAt(secret, -30) })).statusCode, 401, 'nor an older one');
    t.equal((await signIn({ totp: await codeAt(secret) })).statusCode, 200, 'the next one is');
    later(30);
    const english = await signIn({ totp: '123456' }, { 'accept-language': 'en' });
    t.match(english.json(), { type: /totp-wrong$/, detail: /code is wrong/ });
  });

  await t.test('the password cannot be changed around it', async (t) => {
    later(30);
    const res = await call(
      'POST',
      '/v1/staff/password',
      {},
      {
        username: 'luxi.admin',
        currentPassword: password,
        newPassword: 'Another-long-password-1',
      },
    );
    t.equal(res.statusCode, 401);
    t.match(res.json(), { type: /totp-required$/ });
  });

  await t.test('wrong codes count towards the lock-out as wrong passwords do', async (t) => {
    later(16 * 60); // the failures above out of the 15-minute window
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await signIn({ totp: String(100000 + i) })).statusCode);
    t.same(answers, [401, 401, 401, 401, 401, 429]);
    const locked = await signIn({ totp: await codeAt(secret) });
    t.equal(locked.statusCode, 429, 'locked: the right code too, until the window ends');
  });

  await t.test('a lost phone: an admin of the region resets it; elsewhere the account is no one', async (t) => {
    const elsewhere = await call('POST', `/v1/staff/${made.id}/totp/reset`, shiyanAdmin);
    t.equal(elsewhere.statusCode, 404);
    const reset = await call('POST', `/v1/staff/${made.id}/totp/reset`, xiangxiAdmin);
    t.equal(reset.statusCode, 200, reset.body);
    t.equal(reset.json().totpEnabled, false);
    const withdrawn = await call('POST', '/v1/staff/me/totp', own);
    t.equal(withdrawn.statusCode, 401, 'the tokens issued before the reset are withdrawn');
  });

  t.test('a token of no account (staff-token, for automation) has nothing to enrol', async (t) => {
    const res = await call('POST', '/v1/staff/me/totp', xiangxiAdmin);
    t.equal(res.statusCode, 403);
    t.match(res.json(), { type: /no-staff-account$/ });
  });

  t.test('no secret or code in any log line', async (t) => {
    const text = logLines().join('\n');
    t.notMatch(text, secret);
    t.notMatch(text, /otpauth:/);
  });
});
