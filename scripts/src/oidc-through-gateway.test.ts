// OIDC sign-in through the gateway on real listening servers: the redirect and the browser's
// cookie pass the gateway both ways, a real provider on loopback signs the person in, the
// token works on every service, and disabling the account refuses it everywhere at once.
import { withEachDatabase } from '@duijie/db/testing';
import { browserAtProvider, startOidcProvider } from '@duijie/intake/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { freePort } from './free-port.ts';
import { gatewayClient } from './gateway-client.ts';
import { runServices } from './system.ts';

// The gateway's port is taken before it starts: the provider must know the callback first.
await withEachDatabase(t, async (t, db) => {
  const gatewayPort = await freePort();
  const redirectUri = `http://127.0.0.1:${gatewayPort}/v1/staff/oidc/callback`;
  const provider = await startOidcProvider({
    redirectUri,
    people: { 'luxi-desk': { name: '向招聘', groups: ['luxi-fair-desk'] } },
  });
  t.teardown(() => provider.close());
  const log = captureLogger();
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    ports: { gateway: gatewayPort },
    intake: { oidc: provider.options },
  });
  t.teardown(() => system.close());
  const admin = gatewayClient(system.gatewayUrl, await staffAuth({ staffId: 'xiangxi-admin', regionCode: '433100' }));
  await admin.ok('POST', '/v1/staff/oidc/rules', {
    claimName: 'groups',
    claimValue: 'luxi-fair-desk',
    region: '湘西州泸溪县',
    // An officer: a fair desk's token is good on the desk's routes only (none of notification's).
    role: 'officer',
  });

  // The staff screens offer the platform's sign-in beside the pasted token.
  for (const screen of ['desk', 'office', 'host/liv_0123456789abcdef0123456789abcdef']) {
    const html = await (await fetch(`${system.gatewayUrl}/${screen}`)).text();
    t.match(html, 'href="/v1/staff/oidc/start"', `/${screen} links to the identity platform’s sign-in`);
  }
  t.notMatch(
    await (await fetch(`${system.gatewayUrl}/booth`)).text(),
    '/v1/staff/oidc/start',
    'the booth (an employer’s key) does not',
  );

  const started = await fetch(`${system.gatewayUrl}/v1/staff/oidc/start`, { redirect: 'manual' });
  t.equal(started.status, 302);
  const location = started.headers.get('location') ?? '';
  t.ok(location.startsWith(provider.issuer), 'the gateway passes the redirect to the provider');
  const cookie = (started.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  t.match(cookie, /^duijie_oidc=/, 'and the browser’s cookie');

  const back = await browserAtProvider(location, 'luxi-desk', redirectUri);
  const page = await fetch(back, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  t.equal(page.status, 200);
  const html = await page.text();
  const token = /"token":"([^"]+)"/.exec(html)?.[1];
  t.ok(token, 'the page carries the token for the screens');
  t.match(page.headers.get('set-cookie') ?? '', /duijie_oidc=; .*Max-Age=0/, 'the cookie is spent');

  const person = gatewayClient(system.gatewayUrl, { authorization: `Bearer ${token}` });
  const onEveryService = () =>
    Promise.all([
      person.call('GET', '/v1/employers?regionCode=433122'),
      person.call('GET', '/v1/livestreams?regionCode=433122'),
      person.call('POST', '/v1/broadcasts/preview', { segment: { regionCodes: ['433122'] } }),
    ]);
  t.same(
    (await onEveryService()).map((r) => r.status),
    [200, 200, 200],
    'the token works on every service',
  );

  const accounts = await admin.ok('GET', '/v1/staff?regionCode=433122&role=officer');
  const made = accounts.items.find((a: { name: string }) => a.name === '向招聘');
  t.match(made, { username: /^oidc\./, role: 'officer', regionCode: '433122', status: 'active' });
  await admin.ok('POST', `/v1/staff/${made.id}/disable`);
  t.same(
    (await onEveryService()).map((r) => r.status),
    [401, 401, 401],
    'disabled: refused by every service at once',
  );
});
