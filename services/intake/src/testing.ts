import type { AddressInfo } from 'node:net';
import { creditCodeCheckChar } from '@duijie/contracts';
import type { DatabaseHandle } from '@duijie/db';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import type { Test } from 'tap';
import { buildApp, type IntakeDeps } from './app.ts';
import type { OidcOptions } from './staff/oidc.ts';

/** The intake app on a test database, closed with the test, with no housekeeping timer. */
export function intakeApp(t: Test, db: DatabaseHandle, deps: Partial<IntakeDeps> = {}) {
  const log = captureLogger();
  const app = buildApp({ db, logger: log.logger, expiryIntervalMs: 0, staffTokens: testStaffTokens, ...deps });
  t.teardown(() => app.close());
  return { app, logLines: log.lines };
}

/** Registers an employer through the API as a nationwide admin; `creditStem` is the first 17 characters of its code. */
export async function registerEmployer(
  app: ReturnType<typeof buildApp>,
  employer: { name: string; kind?: string; creditStem: string; regionCode: string },
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: await staffAuth(),
    payload: {
      name: employer.name,
      kind: employer.kind ?? 'enterprise',
      creditCode: `${employer.creditStem}${creditCodeCheckChar(employer.creditStem)}`,
      regionCode: employer.regionCode,
    },
  });
  if (res.statusCode !== 201) throw new Error(`employer not registered: ${res.body}`);
  return res.json().id as string;
}

/**
 * A real OpenID provider on loopback (oidc-provider, with its development login and consent
 * pages) with one client registered for `redirectUri`, whose people are `people` (sub → claims
 * released with the `profile` scope); `options` configure intake for it.
 */
export async function startOidcProvider(opts: {
  redirectUri: string;
  people: Record<string, Record<string, unknown>>;
}) {
  const [{ createServer }, { default: Provider }] = await Promise.all([import('node:http'), import('oidc-provider')]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { id: 'duijie-intake', secret: 'duijie-intake-test-secret-0123456789' };
  const claimNames = [...new Set(Object.values(opts.people).flatMap((claims) => Object.keys(claims)))];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: claimNames },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const person = opts.people[sub];
      return person ? { accountId: sub, claims: async () => ({ sub, ...person }) } : undefined;
    },
  });
  server.on('request', provider.callback());
  const options: OidcOptions = {
    issuer,
    clientId: client.id,
    clientSecret: client.secret,
    redirectUri: opts.redirectUri,
    scopes: 'openid profile',
    allowInsecureHttp: true,
  };
  return { issuer, options, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A browser at the provider: follows its redirects by hand with a cookie jar, logs in as `sub`
 * on the development login page and consents, until the provider sends the browser back to
 * `redirectUri`; answers that URL (with its code and state).
 */
export async function browserAtProvider(authorizationUrl: string, sub: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next: { url: string; method: string; form?: URLSearchParams } = { url: authorizationUrl, method: 'GET' };
  for (let step = 0; step < 12; step++) {
    const res = await fetch(next.url, {
      method: next.method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(next.form ? { body: next.form.toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const url = new URL(location, next.url);
      if (url.href.startsWith(redirectUri)) return url;
      next = { url: url.href, method: 'GET' };
      continue;
    }
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`the provider answered ${res.status} with no form: ${page.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt });
    next = { url: new URL(action, next.url).href, method: 'POST', form };
  }
  throw new Error('the provider never sent the browser back');
}
