// Issue 16, the API document as its readers meet it: the merged OpenAPI the gateway serves at
// /docs/json passes Redocly's recommended lint with nothing to say; every operation's security
// names schemes the document defines and says what the gateway enforces; a credential put where
// its scheme says (as Swagger UI's *Authorize* puts it) gets the caller in; and every summary
// is Chinese first, English alongside.
import { openDatabase } from '@duijie/db';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import t from 'tap';
import { BOOTH, DESK } from './authorization/matrix.ts';
import { seedRecords } from './authorization/records.ts';
import { runServices } from './system.ts';

type Requirement = Record<string, string[]>;
type Scheme = { type: string; scheme?: string; in?: string; name?: string };
type Operation = { operationId?: string; summary?: string; description?: string; security?: Requirement[] };
type Document = {
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, Scheme> };
  tags?: { name: string; description?: string }[];
};

const SMS_KEY = 'sms-gateway-key-for-the-openapi-test';
const db = await openDatabase({});
const system = await runServices({
  db,
  staffTokens: testStaffTokens,
  logger: captureLogger('fatal').logger,
  gateway: { rateLimit: { max: 100_000, windowMs: 60_000 } },
  notification: { config: { SMS_API_KEY: SMS_KEY } },
});
t.teardown(async () => {
  await system.close();
  await db.close();
});

// Each service makes its document once, on first asking (a second or more on a busy machine):
// made here, so the gateway's fetch of them (2 s at most each) finds them ready.
for (const service of Object.values(system.services)) service.swagger();
const served = await fetch(`${system.gatewayUrl}/docs/json`);
const text = await served.text();
const document = JSON.parse(text) as Document;
const schemes = document.components?.securitySchemes ?? {};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);
// Records to call with: an employer's API key, a viewer and its token, a message's short link.
const records = await seedRecords(system.gatewayUrl, db);

const operationAt = (method: string, path: string) => {
  const found = document.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
};

t.test('the document is the whole system’s', async (t) => {
  t.equal(served.status, 200);
  t.notOk(document.info['x-unavailable-services'], 'every service answered');
  t.ok(operations.length > 60, `${operations.length} operations`);
});

t.test('Redocly’s recommended lint reports 0 errors and 0 warnings', async (t) => {
  const problems = await lintFromString({
    source: text,
    absoluteRef: `${system.gatewayUrl}/docs/json`,
    config: await createConfig({ extends: ['recommended'] }),
  });
  // Each problem on a line of its own: the rule, where, and what it says.
  t.same(
    problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`),
    [],
  );
});

t.test('every operation has security naming defined schemes, and the gateway enforces what it says', async (t) => {
  for (const { path, method, operation } of operations) {
    const key = `${method} ${path}`;
    const security = operation.security;
    if (!Array.isArray(security)) {
      t.fail(`${key} has no security`);
      continue;
    }
    for (const name of security.flatMap((r) => Object.keys(r))) t.ok(schemes[name], `${key}: ${name} is defined`);
    // Ids that exist nowhere: a refusal before the handler (401) is the credential's doing.
    const url = path.replace(/\{[^}]+\}/g, 'nothing-here');
    const res = await fetch(`${system.gatewayUrl}${url}`, { method });
    await res.body?.cancel();
    if (security.length === 0) t.not(res.status, 401, `${key} is open to anyone, as its empty security says`);
    else if (!security.some((r) => Object.keys(r).length === 0)) {
      t.equal(res.status, 401, `${key} needs ${security.map((r) => Object.keys(r).join('+')).join(' or ')}`);
    }
  }
});

t.test('the operations a fair desk may use are marked, and they are the table’s', async (t) => {
  const marked = operations
    .filter(({ operation }) => (operation as { 'x-fair-desk'?: boolean })['x-fair-desk'] === true)
    .map(({ method, path }) => `${method} ${path}`);
  t.same(marked.sort(), [...DESK].sort(), 'x-fair-desk on exactly the desk’s operations (authorization/matrix.ts)');
});

t.test('the operations a booth’s key may use are marked, and they are the table’s', async (t) => {
  const marked = operations
    .filter(({ operation }) => (operation as { 'x-fair-booth'?: boolean })['x-fair-booth'] === true)
    .map(({ method, path }) => `${method} ${path}`);
  t.same(marked.sort(), [...BOOTH].sort(), 'x-fair-booth on exactly the booth’s operations (authorization/matrix.ts)');
});

t.test('a credential sent as Swagger UI’s Authorize sends it is accepted, and without it 401', async (t) => {
  const staff = await staffAuth({ staffId: 'openapi-staff', role: 'officer', regionCode: '433100' });
  const staffToken = staff.authorization.replace(/^Bearer /, '');
  /** The header a scheme says to send the value in, as Swagger UI builds it after *Authorize*. */
  const authorized = (name: string, value: string): Record<string, string> => {
    const scheme = schemes[name];
    if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer')
      return { authorization: `Bearer ${value}` };
    if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name) return { [scheme.name]: value };
    throw new Error(`no way to send ${name} (${JSON.stringify(scheme)})`);
  };
  const cases = [
    { scheme: 'staffToken', value: staffToken, method: 'GET', path: '/v1/seekers', url: '/v1/seekers' },
    {
      scheme: 'employerApiKey',
      value: records.keys.own,
      method: 'GET',
      path: '/v1/vocabularies/skills',
      url: `/v1/vocabularies/skills?q=${encodeURIComponent('电焊')}`,
    },
    {
      scheme: 'viewerToken',
      value: records.keys.viewer,
      method: 'GET',
      path: '/v1/livestreams/{livestreamId}/viewers/{viewerId}/jobs',
      url: `/v1/livestreams/${records.livestream}/viewers/${records.viewer}/jobs`,
    },
    {
      scheme: 'smsGatewayKey',
      value: SMS_KEY,
      method: 'POST',
      path: '/v1/subscriptions/sms-replies',
      url: '/v1/subscriptions/sms-replies',
      body: { from: '13800000000', text: '你好' },
    },
  ];
  t.same(Object.keys(schemes).sort(), cases.map((c) => c.scheme).sort(), 'each scheme is tried');
  for (const c of cases) {
    const offered = (operationAt(c.method, c.path).security ?? []).flatMap((r) => Object.keys(r));
    t.ok(offered.includes(c.scheme), `${c.method} ${c.path} takes ${c.scheme}`);
    const send = async (headers: Record<string, string>) => {
      const res = await fetch(`${system.gatewayUrl}${c.url}`, {
        method: c.method,
        headers: { ...headers, ...(c.body ? { 'content-type': 'application/json' } : {}) },
        ...(c.body ? { body: JSON.stringify(c.body) } : {}),
      });
      await res.body?.cancel();
      return res.status;
    };
    t.equal(await send(authorized(c.scheme, c.value)), 200, `${c.scheme}: accepted`);
    t.equal(await send({}), 401, `${c.scheme}: without it, 401`);
  }
});

t.test('the short link answers what its operation documents: 302, or 200 to a client asking for JSON', async (t) => {
  const responses = (operationAt('GET', '/v1/notifications/l/{code}') as { responses?: object }).responses ?? {};
  t.same(Object.keys(responses).sort(), ['200', '302', '400', '404']);
  const url = `${system.gatewayUrl}/v1/notifications/l/${records.linkCode}`;
  const browser = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html,*/*' } });
  await browser.body?.cancel();
  t.equal(browser.status, 302);
  const client = await fetch(url, { redirect: 'manual', headers: { accept: 'application/json' } });
  t.equal(client.status, 200);
  t.equal(((await client.json()) as { location?: string }).location, browser.headers.get('location'), 'the same place');
});

const HAN = /\p{Script=Han}/u;
/** `登记求职者 · Register a seeker`: Chinese, space, middle dot, space, English. */
const bilingualSummary = (summary: string) => {
  const parts = summary.split(' · ');
  return parts.length === 2 && HAN.test(parts[0] ?? '') && /^[A-Za-z`]/.test(parts[1] ?? '');
};
/** A Chinese paragraph, a blank line, an English one (more paragraphs are fine). */
const bilingualDescription = (description: string) => {
  const paragraphs = description.split('\n\n');
  return paragraphs.length >= 2 && HAN.test(paragraphs[0] ?? '') && /^[A-Za-z`(]/.test(paragraphs.at(-1) ?? '');
};

t.test('summaries and descriptions are Chinese first, with English alongside', async (t) => {
  for (const { path, method, operation } of operations) {
    const key = `${method} ${path}`;
    t.ok(bilingualSummary(operation.summary ?? ''), `${key}: "${operation.summary}"`);
    if (operation.description) t.ok(bilingualDescription(operation.description), `${key}: its description`);
  }
  for (const tag of document.tags ?? []) {
    t.ok(bilingualDescription(tag.description ?? ''), `tag ${tag.name}: "${tag.description}"`);
  }
});
