import { auditLog, staffAccounts, staffOidcIdentities } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { browserAtProvider, intakeApp, startOidcProvider } from '../../testing.ts';

// A real OIDC provider on loopback (oidc-provider, with its development login and consent
// pages), and the intake app configured for it: every sign-in runs the whole code flow.
const people: Record<string, Record<string, unknown>> = {
  'alice-sub': { name: '向晓梅', department: '泸溪县就业局', groups: ['staff', 'hunan'] },
  'bob-sub': { name: '张三', department: '某公司' },
  'carol-sub': { name: '李四', department: '某公司', groups: ['fair-desk-luxi'] },
};
const CALLBACK_PATH = '/v1/staff/oidc/callback';
const REDIRECT_URI = `http://127.0.0.1:8080${CALLBACK_PATH}`;

const provider = await startOidcProvider({ redirectUri: REDIRECT_URI, people });
t.teardown(() => provider.close());
const atProvider = (url: string, sub: string) => browserAtProvider(url, sub, REDIRECT_URI);

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db, { oidc: provider.options });
  const xiangxiAdmin = await staffAuth({ staffId: 'xiangxi-admin', role: 'admin', regionCode: '433100' });
  const shiyanAdmin = await staffAuth({ staffId: 'shiyan-admin', role: 'admin', regionCode: '420300' });

  /** Starts a sign-in: the provider's URL and the browser's binding cookie. */
  const start = async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/staff/oidc/start' });
    if (res.statusCode !== 302) throw new Error(`start answered ${res.statusCode}: ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    return { location: String(res.headers.location), cookie, setCookie: String(res.headers['set-cookie']) };
  };
  const callback = (url: URL, cookie: string, headers: Record<string, string> = { accept: 'application/json' }) =>
    app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { ...headers, cookie } });
  /** The whole flow for a person, as far as our callback's answer. */
  const signIn = async (sub: string, headers?: Record<string, string>) => {
    const started = await start();
    return callback(await atProvider(started.location, sub), started.cookie, headers);
  };
  const addRule = async (rule: Record<string, string>, auth = xiangxiAdmin) =>
    app.inject({ method: 'POST', url: '/v1/staff/oidc/rules', headers: auth, payload: rule });

  t.test(
    'start sends the browser to the provider with PKCE, state and nonce, bound by an httpOnly cookie',
    async (t) => {
      const started = await start();
      const url = new URL(started.location);
      t.equal(url.origin, provider.issuer);
      t.equal(url.searchParams.get('redirect_uri'), REDIRECT_URI);
      t.equal(url.searchParams.get('code_challenge_method'), 'S256');
      t.ok(url.searchParams.get('state'));
      t.ok(url.searchParams.get('nonce'));
      t.match(started.setCookie, /^duijie_oidc=[\w-]{43}; Path=\/v1\/staff\/oidc; Max-Age=600; HttpOnly; SameSite=Lax/);
      const asJson = await app.inject({
        method: 'GET',
        url: '/v1/staff/oidc/start',
        headers: { accept: 'application/json' },
      });
      t.equal(asJson.statusCode, 200, 'a client asking for JSON gets the address instead');
      t.match(asJson.json(), { authorizationUrl: new RegExp(`^${provider.issuer}/`) });
      t.match(String(asJson.headers['set-cookie']), /^duijie_oidc=/);
    },
  );

  t.test('rules: an admin keeps them within their region, audited', async (t) => {
    const made = await addRule({
      claimName: 'department',
      claimValue: '泸溪县就业局',
      region: '泸溪县',
      role: 'officer',
    });
    t.equal(made.statusCode, 201, made.body);
    t.match(made.json(), { id: /^ocr_/, regionCode: '433122', role: 'officer', createdBy: 'staff:xiangxi-admin' });
    const [audit] = await db.db.select().from(auditLog).where(eq(auditLog.subjectId, made.json().id));
    t.match(audit, { action: 'oidc-rule.created', actor: 'staff:xiangxi-admin', regionCode: '433122' });

    for (const regionCode of ['430100', '430000', '000000']) {
      const outside = await addRule({ claimName: 'department', claimValue: 'x', regionCode, role: 'admin' });
      t.equal(outside.statusCode, 403, `${regionCode} is not the admin's to grant`);
      t.match(outside.json(), { type: /out-of-scope$/ });
    }
    const officer = await staffAuth({ staffId: 'luxi-officer', role: 'officer', regionCode: '433122' });
    t.equal(
      (await addRule({ claimName: 'a', claimValue: 'b', regionCode: '433122', role: 'admin' }, officer)).statusCode,
      403,
    );
    const anonymous = await app.inject({ method: 'GET', url: '/v1/staff/oidc/rules' });
    t.equal(anonymous.statusCode, 401);

    const mine = await app.inject({ method: 'GET', url: '/v1/staff/oidc/rules', headers: xiangxiAdmin });
    t.same(
      mine.json().items.map((r: { id: string }) => r.id),
      [made.json().id],
    );
    const theirs = await app.inject({ method: 'GET', url: '/v1/staff/oidc/rules', headers: shiyanAdmin });
    t.same(theirs.json().items, [], 'another region’s admin sees none');
    const theirDelete = await app.inject({
      method: 'DELETE',
      url: `/v1/staff/oidc/rules/${made.json().id}`,
      headers: shiyanAdmin,
    });
    t.equal(theirDelete.statusCode, 404, 'nor deletes it');

    const spare = await addRule({ claimName: 'groups', claimValue: 'nobody', regionCode: '433122', role: 'officer' });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/v1/staff/oidc/rules/${spare.json().id}`,
      headers: xiangxiAdmin,
    });
    t.equal(deleted.statusCode, 200);
    const [gone] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, spare.json().id), eq(auditLog.action, 'oidc-rule.deleted')));
    t.ok(gone, 'the deletion is audited');
  });

  let aliceToken = '';
  t.test('a person matching a rule signs in through the whole code flow; the token works elsewhere', async (t) => {
    const res = await signIn('alice-sub');
    t.equal(res.statusCode, 200, res.body);
    const body = res.json();
    t.match(body, { token: String, staff: { role: 'officer', regionCode: '433122', name: '向晓梅' } });
    aliceToken = body.token;
    const seekers = await app.inject({
      method: 'GET',
      url: '/v1/seekers',
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    t.equal(seekers.statusCode, 200, 'an officer’s route takes the token');

    const [link] = await db.db.select().from(staffOidcIdentities).where(eq(staffOidcIdentities.subject, 'alice-sub'));
    t.match(link, { issuer: provider.issuer, staffId: body.staff.staffId });
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.subjectId, body.staff.staffId));
    t.match(audits.find((a) => a.action === 'staff.signed-in')?.detail, { method: 'oidc' });
    t.ok(audits.find((a) => a.action === 'staff.created'));

    const again = await signIn('alice-sub', { accept: 'text/html' });
    t.equal(again.statusCode, 200);
    t.match(again.headers['content-type'], /text\/html/);
    t.match(again.body, /duijie\.staffToken/);
    t.match(again.headers['content-security-policy'], /script-src 'sha256-/);
    const accounts = await db.db.select().from(staffAccounts).where(eq(staffAccounts.id, body.staff.staffId));
    t.equal(accounts.length, 1, 'the second sign-in uses the linked account');
  });

  t.test('a person whose claims match no rule is refused, in Chinese or English, and nothing is made', async (t) => {
    const before = await db.db.select().from(staffAccounts);
    const zh = await signIn('bob-sub');
    t.equal(zh.statusCode, 403);
    t.match(zh.json(), { type: /oidc-no-matching-rule$/, title: '没有对应的权限规则' });
    const en = await signIn('bob-sub', { accept: 'application/json', 'accept-language': 'en' });
    t.match(en.json(), { type: /oidc-no-matching-rule$/, title: 'No rule grants access' });
    t.equal((await db.db.select().from(staffAccounts)).length, before.length, 'no account made');
    t.same(await db.db.select().from(staffOidcIdentities).where(eq(staffOidcIdentities.subject, 'bob-sub')), []);
  });

  t.test('a list claim matches one of its values; the first matching rule decides', async (t) => {
    await addRule({ claimName: 'groups', claimValue: 'fair-desk-luxi', regionCode: '433122', role: 'fair-desk' });
    await addRule({ claimName: 'groups', claimValue: 'fair-desk-luxi', regionCode: '433100', role: 'admin' });
    const res = await signIn('carol-sub');
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json().staff, { role: 'fair-desk', regionCode: '433122' });
  });

  t.test('a disabled linked account is refused, and its token withdrawn', async (t) => {
    const [link] = await db.db.select().from(staffOidcIdentities).where(eq(staffOidcIdentities.subject, 'alice-sub'));
    const disabled = await app.inject({
      method: 'POST',
      url: `/v1/staff/${link?.staffId}/disable`,
      headers: xiangxiAdmin,
    });
    t.equal(disabled.statusCode, 200, disabled.body);
    const res = await signIn('alice-sub');
    t.equal(res.statusCode, 403);
    t.match(res.json(), { type: /account-disabled$/ });
    const old = await app.inject({
      method: 'GET',
      url: '/v1/seekers',
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    t.equal(old.statusCode, 401);
  });

  t.test('a tampered, replayed or unbound state is refused', async (t) => {
    const started = await start();
    const back = await atProvider(started.location, 'carol-sub');
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const bad = await callback(tampered, started.cookie);
    t.equal(bad.statusCode, 401);
    t.match(bad.json(), { type: /oidc-sign-in-failed$/ });

    const otherBrowser = await callback(back, 'duijie_oidc=somebody-elses-browser');
    t.equal(otherBrowser.statusCode, 401, 'a callback link opened in another browser signs nobody in');
    const replay = await callback(back, started.cookie);
    t.equal(replay.statusCode, 401, 'the state was spent by the refused try: it is single use');

    const fresh = await start();
    const fine = await atProvider(fresh.location, 'carol-sub');
    t.equal((await callback(fine, fresh.cookie)).statusCode, 200);
    const replayed = await callback(fine, fresh.cookie);
    t.equal(replayed.statusCode, 401, 'a used callback cannot sign in twice');
    t.match(replayed.json(), { type: /oidc-sign-in-failed$/ });
  });
});

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  t.test('without OIDC configured the sign-in routes say so', async (t) => {
    for (const url of ['/v1/staff/oidc/start', '/v1/staff/oidc/callback?code=x&state=y']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
      t.equal(res.statusCode, 404);
      t.match(res.json(), { type: /oidc-not-configured$/, detail: /OIDC sign-in is not configured/ });
    }
    const rules = await app.inject({
      method: 'GET',
      url: '/v1/staff/oidc/rules',
      headers: await staffAuth({ role: 'admin', regionCode: '433100' }),
    });
    t.equal(rules.statusCode, 200, 'rules can be kept before OIDC is switched on');
  });
});
