// The records the authorization matrix points its path parameters at, seeded through the
// gateway, and one valid request per row of the table.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { type DatabaseHandle, followUps, notificationMessages } from '@duijie/db';
import { staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import { gatewayClient } from '../gateway-client.ts';
import type { CallerName, Row } from './matrix.ts';
import { BY_OWN_QR, FAIR_ELSEWHERE as FAIR_ELSEWHERE_NAME, rowName } from './matrix.ts';

export const HERE = '433122'; // 泸溪县
export const ELSEWHERE = '420322'; // 郧西县

export type Request = {
  method: string;
  path: string;
  query?: Record<string, string>;
  /** JSON unless `contentType` says otherwise (then a string). */
  body?: unknown;
  contentType?: string;
  /** The same request about a person who is not on the list (for `as-unknown` cells). */
  unknown?: Request;
};

let serial = 0;
/** Unique per call: ID numbers, phones, credit codes and names never collide across requests. */
const next = () => ++serial;
const idNumber = (n: number) => {
  const stem = `${HERE}1990${String(1 + (n % 12)).padStart(2, '0')}${String(10 + (n % 18)).padStart(2, '0')}${String(n).padStart(3, '0').slice(-3)}`;
  return `${stem}${residentIdCheckChar(stem)}`;
};
const creditCode = (region: string, n: number) => {
  const stem = `91${region}MA${String(n).padStart(7, '0')}`;
  return `${stem}${creditCodeCheckChar(stem)}`;
};
/** ID numbers and credit codes that pass their checks, for tests that need good ones. */
export const validIdNumbers = (count: number) => Array.from({ length: count }, () => idNumber(next()));
export const validCreditCodes = (count: number) => Array.from({ length: count }, () => creditCode(HERE, next()));
const phone = (n: number) => `136${String(n).padStart(8, '0')}`;

const oidcRuleInput = () => ({
  claimName: 'department',
  claimValue: `泸溪县就业局-${next()}`,
  regionCode: HERE,
  role: 'officer',
});
const staffAccountInput = () => ({
  username: `matrix.staff${next()}`,
  name: '向矩阵',
  phone: phone(next()),
  regionCode: HERE,
  role: 'officer',
});

const UNKNOWN_SEEKER = 'skr_01a22d0600007000800000000000dead';
const hour = 3_600_000;
const window = () => ({
  startsAt: new Date(Date.now() - hour).toISOString(),
  endsAt: new Date(Date.now() + 24 * hour).toISOString(),
});

/** Credentials of every caller of the table (anonymous: none). */
export async function callerHeaders(keys: {
  own: string;
  other: string;
  revoked: string;
  viewer: string;
  booth: string;
}) {
  const expired = await testStaffTokens.issue(
    { staffId: 'luxi-expired', name: '过期', role: 'officer', regionCode: HERE },
    Math.floor(Date.now() / 1000) - 60,
  );
  const { StaffTokens } = await import('@duijie/service-kit');
  const forged = await new StaffTokens('not-the-system-secret-0123456789abcdef').issue({
    staffId: 'forger',
    name: '伪造',
    role: 'admin',
    regionCode: '000000',
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const headers: Record<CallerName, Record<string, string>> = {
    anonymous: {},
    anonymousBadInput: {},
    officerElsewhere: await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: ELSEWHERE }),
    officerHere: await staffAuth({ staffId: 'luxi-officer', role: 'officer', regionCode: HERE }),
    adminHere: await staffAuth({ staffId: 'xiangxi-admin', role: 'admin', regionCode: '433100' }),
    fairDeskHere: await staffAuth({ staffId: 'luxi-desk', role: 'fair-desk', regionCode: HERE }),
    ownEmployerKey: bearer(keys.own),
    // A booth code's key: the employer here, at the fair here only.
    boothKey: bearer(keys.booth),
    otherEmployerKey: bearer(keys.other),
    revokedKey: bearer(keys.revoked),
    expiredToken: bearer(expired),
    forgedToken: bearer(forged),
    // A viewer has no credentials but the token their registration handed out.
    viewer: { 'x-viewer-token': keys.viewer },
  };
  return headers;
}

export type Records = Awaited<ReturnType<typeof seedRecords>>;

/**
 * 泸溪县 (433122): an employer with an API key (and a revoked one), its vacancies, a seeker,
 * a fair with the employer's booth and the seeker checked in, a livestream with a viewer and
 * a viewer staff linked to the seeker, a placement and its follow-ups, a subscription, a
 * broadcast and its message. 郧西县 (420322): another employer with its key, and a fair.
 */
export async function seedRecords(gatewayUrl: string, db: DatabaseHandle) {
  // A nationwide admin seeds (the table's callers are what is tested, not this one).
  const { ok } = gatewayClient(gatewayUrl, await staffAuth({ staffId: 'matrix-seed' }));
  const employer = async (region: string) =>
    ok('POST', '/v1/employers', {
      name: `泸溪县矩阵测试企业${next()}`,
      kind: 'enterprise',
      creditCode: creditCode(region, next()),
      regionCode: region,
    });
  const employerHere = await employer(HERE);
  const employerElsewhere = await employer(ELSEWHERE);
  const employerToBlacklist = await employer(HERE);
  const key = async (employerId: string) =>
    ok('POST', `/v1/employers/${employerId}/api-keys`, { name: 'HR' }) as Promise<{ id: string; key: string }>;
  const own = await key(employerHere.id);
  const other = await key(employerElsewhere.id);
  const revoked = await key(employerHere.id);
  await ok('POST', `/v1/employers/${employerHere.id}/api-keys/${revoked.id}/revoke`);
  // A bulk the employer's key asked to run as a job: where its 202 points.
  const job = await gatewayClient(gatewayUrl, { authorization: `Bearer ${own.key}`, prefer: 'respond-async' }).call(
    'POST',
    '/v1/vacancies/bulk',
    { vacancies: [{ title: '包装工', regionCode: HERE, headcount: 1, wage: { min: 3500, unit: 'month' } }] },
  );
  if (job.status !== 202) throw new Error(`an async bulk answered ${job.status}: ${JSON.stringify(job.body)}`);

  const vacancy = (employerId: string, region = HERE) =>
    ok('POST', '/v1/vacancies', {
      employerId,
      title: '电焊工',
      regionCode: region,
      headcount: 500,
      wage: { min: 4500, unit: 'month' },
      requiredSkills: [{ name: '电焊' }],
    });
  const vacancyHere = await vacancy(employerHere.id);
  const vacancyToToggle = await vacancy(employerHere.id);
  const seekerPhone = phone(next());
  const seekerHere = await ok('POST', '/v1/seekers', {
    name: '向某',
    idNumber: idNumber(next()),
    phone: seekerPhone,
    residenceRegionCode: HERE,
    employmentStatus: 'unemployed',
    skills: [{ name: '电焊' }],
    demand: { regionScope: 'county', expectedWage: { min: 3000, unit: 'month' } },
  });

  const fair = async (region: string) =>
    ok('POST', '/v1/fairs', { name: '春风行动招聘会', kind: 'on_site', venueRegionCode: region, ...window() });
  const fairHere = await fair(HERE);
  const fairElsewhere = await fair(ELSEWHERE);
  for (const f of [fairHere, fairElsewhere]) {
    await ok('PUT', `/v1/fairs/${f.id}/booths/${employerHere.id}`, { booth: 'A01', vacancyIds: [vacancyHere.id] });
  }
  // The seeker here checks in at the fair here only; another 433122 seeker arrives at the fair
  // elsewhere with the QR code their own officers printed for them.
  await ok('POST', `/v1/fairs/${fairHere.id}/checkins`, { phone: seekerPhone });
  // The booth here signs in with a booth code the fair's staff issued.
  const boothCode = await ok('POST', `/v1/fairs/${fairHere.id}/booths/${employerHere.id}/code`, {});
  const booth = await gatewayClient(gatewayUrl, {}).ok('POST', '/v1/employers/booth-code', { code: boothCode.code });
  const seekerWithCode = await ok('POST', '/v1/seekers', {
    name: '向码',
    idNumber: idNumber(next()),
    residenceRegionCode: HERE,
  });
  const code = await fetch(`${gatewayUrl}/v1/fairs/${fairElsewhere.id}/seekers/${seekerWithCode.id}/qr?format=text`, {
    headers: await staffAuth({ staffId: 'matrix-seed' }),
  });
  if (!code.ok) throw new Error(`no QR code for the seeker: ${code.status} ${await code.text()}`);
  await ok('POST', `/v1/fairs/${fairElsewhere.id}/checkins`, { qr: (await code.text()).trim() });

  const livestream = await ok('POST', '/v1/livestreams', {
    title: '泸溪县直播带岗',
    host: '主播小向',
    platform: '抖音',
    regionCode: HERE,
    vacancyIds: [vacancyHere.id],
    ...window(),
  });
  const viewerPlatformUserId = `dy-${next()}`;
  const viewer = await ok('POST', `/v1/livestreams/${livestream.id}/viewers`, {
    platformUserId: viewerPlatformUserId,
    regionCode: HERE,
  });
  const linkedPlatformUserId = `dy-linked-${next()}`;
  await ok('POST', `/v1/livestreams/${livestream.id}/viewers`, {
    platformUserId: linkedPlatformUserId,
    regionCode: HERE,
    seekerId: seekerHere.id,
  });

  // A welder with the certificate the law asks for: a candidate of the vacancy here. The
  // employer's key invites them; the answer link is where the message's short link leads.
  const candidate = async () =>
    (
      await ok('POST', '/v1/seekers', {
        name: '向候',
        idNumber: idNumber(next()),
        residenceRegionCode: HERE,
        skills: [{ name: '电焊' }],
        certificates: ['cert.welding'],
        demand: { regionScope: 'county', expectedWage: { min: 3000, unit: 'month' } },
      })
    ).id as string;
  const invited = await candidate();
  await ok('PUT', `/v1/subscriptions/${invited}`, { channels: ['sink'] });
  const invitation = await gatewayClient(gatewayUrl, { authorization: `Bearer ${own.key}` }).ok(
    'POST',
    `/v1/vacancies/${vacancyHere.id}/invitations`,
    { seekerId: invited, message: '欢迎来厂面谈' },
  );
  const invitationLink = await waitFor(async () => {
    const [m] = await db.db
      .select({ code: notificationMessages.linkCode })
      .from(notificationMessages)
      .where(eq(notificationMessages.reason, `invitation:${invitation.id}`));
    return m?.code ?? undefined;
  }, 'the invitation’s message');
  const hop = await fetch(`${gatewayUrl}/v1/notifications/l/${invitationLink}`, { redirect: 'manual' });
  const invitationToken = new URL(hop.headers.get('location') ?? '').pathname.split('/').pop() as string;
  const placement = await ok('POST', '/v1/placements', {
    seekerId: seekerHere.id,
    vacancyId: vacancyHere.id,
    startDate: new Date().toISOString().slice(0, 10),
    monthlyWage: 4500,
    contractSigned: true,
    socialInsurance: true,
  });
  const subscription = await ok('PUT', `/v1/subscriptions/${seekerHere.id}`, { channels: ['sink'] });
  const broadcast = await ok('POST', '/v1/broadcasts', {
    title: '就业补贴政策',
    body: '泸溪县就业补贴申领指南',
    segment: { regionCodes: [HERE] },
  });
  const linkCode = await waitFor(async () => {
    const [m] = await db.db
      .select({ code: notificationMessages.linkCode })
      .from(notificationMessages)
      .where(eq(notificationMessages.seekerId, seekerHere.id));
    return m?.code ?? undefined;
  }, 'a message with a short link for the seeker');
  const followUpIds = (
    await db.db.select({ id: followUps.id }).from(followUps).where(eq(followUps.placementId, placement.id))
  ).map((f) => f.id);

  return {
    gatewayUrl,
    keys: {
      own: own.key,
      other: other.key,
      revoked: revoked.key,
      viewer: viewer.viewerToken as string,
      booth: booth.key as string,
    },
    employerHere: employerHere.id as string,
    importJob: job.body.id as string,
    employerElsewhere: employerElsewhere.id as string,
    employerToBlacklist: employerToBlacklist.id as string,
    vacancyHere: vacancyHere.id as string,
    vacancyToToggle: vacancyToToggle.id as string,
    seekerHere: seekerHere.id as string,
    seekerPhone,
    seekerWithCode: seekerWithCode.id as string,
    fairHere: fairHere.id as string,
    fairElsewhere: fairElsewhere.id as string,
    livestream: livestream.id as string,
    viewer: viewer.id as string,
    viewerPlatformUserId,
    linkedPlatformUserId,
    followUpIds,
    unsubscribeToken: String(subscription.unsubscribeUrl).split('/').pop() as string,
    broadcast: broadcast.id as string,
    linkCode: linkCode as string,
    invitationToken,
    /** The current version of a record, read by the seeding admin (for PATCH and the like). */
    versionOf: async (path: string) => (await ok('GET', path)).version as number,
    /** Puts the vacancy to toggle in that status (closing or reopening it), and answers its version. */
    async vacancyIn(status: 'open' | 'closed') {
      const path = `/v1/vacancies/${vacancyToToggle.id}`;
      const current = await ok('GET', path);
      if (current.status === status) return current.version as number;
      const changed = await ok('POST', `${path}/${status === 'open' ? 'reopen' : 'close'}`, {
        version: current.version,
      });
      return changed.version as number;
    },
    /** Another seeker of 433122 who, like the seeker here, is a candidate of the vacancy here. */
    newCandidate: candidate,
    /** A new staff account of 433122, with its one-time password. */
    newStaff: async () =>
      (await ok('POST', '/v1/staff', staffAccountInput())) as { id: string; username: string; oneTimePassword: string },
    /** A new OIDC claim rule granting 433122: its id. */
    newOidcRule: async () => (await ok('POST', '/v1/staff/oidc/rules', oidcRuleInput())).id as string,
    /** A new desk code of the fair here (and its id), as its staff issue it. */
    newDeskCode: async () =>
      (await ok('POST', `/v1/fairs/${fairHere.id}/desk-codes`, {})) as { id: string; code: string },
    /** A new booth code of the employer here at the fair here. */
    newBoothCode: async () =>
      (await ok('POST', `/v1/fairs/${fairHere.id}/booths/${employerHere.id}/code`, {})) as { id: string; code: string },
    /** Another seeker of 433122. */
    newSeeker: async () =>
      (await ok('POST', '/v1/seekers', { name: '向另', idNumber: idNumber(next()), residenceRegionCode: HERE }))
        .id as string,
  };
}

async function waitFor<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Build = (r: Records) => Request | Promise<Request>;

/**
 * One valid request per row (by row name). Requests that create something make it new each
 * time (a fresh ID number, credit code, platform user id), and those that carry a version
 * read it first, so every allowed caller's request is one the API should serve.
 */
export const REQUESTS: Record<string, Build> = {
  'GET /health': () => ({ method: 'GET', path: '/health' }),
  'GET /ready': () => ({ method: 'GET', path: '/ready' }),

  'POST /v1/staff (an account in 433122)': () => ({
    method: 'POST',
    path: '/v1/staff',
    body: staffAccountInput(),
  }),
  'GET /v1/staff (regionCode=433122)': () => ({ method: 'GET', path: '/v1/staff', query: { regionCode: HERE } }),
  'GET /v1/staff/{staffId}': async (r) => ({ method: 'GET', path: `/v1/staff/${(await r.newStaff()).id}` }),
  'POST /v1/staff/{staffId}/disable': async (r) => ({
    method: 'POST',
    path: `/v1/staff/${(await r.newStaff()).id}/disable`,
  }),
  'POST /v1/staff/{staffId}/enable': async (r) => ({
    method: 'POST',
    path: `/v1/staff/${(await r.newStaff()).id}/enable`,
  }),
  'POST /v1/staff/{staffId}/reset-password': async (r) => ({
    method: 'POST',
    path: `/v1/staff/${(await r.newStaff()).id}/reset-password`,
  }),
  'POST /v1/staff/{staffId}/totp/reset': async (r) => ({
    method: 'POST',
    path: `/v1/staff/${(await r.newStaff()).id}/totp/reset`,
  }),
  'POST /v1/staff/me/totp': () => ({ method: 'POST', path: '/v1/staff/me/totp' }),
  'POST /v1/staff/me/totp/confirm': () => ({
    method: 'POST',
    path: '/v1/staff/me/totp/confirm',
    body: { code: '123456' },
  }),
  // A new person each time, with a password of their own: each caller's sign-in is a good one.
  'POST /v1/staff/sign-in': async (r) => {
    const person = await r.newStaff();
    const password = `Matrix-password-${next()}`;
    const { ok } = gatewayClient(r.gatewayUrl, {});
    await ok('POST', '/v1/staff/password', {
      username: person.username,
      currentPassword: person.oneTimePassword,
      newPassword: password,
    });
    return { method: 'POST', path: '/v1/staff/sign-in', body: { username: person.username, password } };
  },
  'POST /v1/staff/password': async (r) => {
    const person = await r.newStaff();
    return {
      method: 'POST',
      path: '/v1/staff/password',
      body: {
        username: person.username,
        currentPassword: person.oneTimePassword,
        newPassword: `Matrix-password-${next()}`,
      },
    };
  },
  'GET /v1/staff/oidc/start': () => ({ method: 'GET', path: '/v1/staff/oidc/start' }),
  'GET /v1/staff/oidc/callback': () => ({
    method: 'GET',
    path: '/v1/staff/oidc/callback',
    query: { code: 'matrix-code', state: 'matrix-state' },
  }),
  'GET /v1/staff/oidc/rules (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/staff/oidc/rules',
    query: { regionCode: HERE },
  }),
  'POST /v1/staff/oidc/rules (a rule granting 433122)': () => ({
    method: 'POST',
    path: '/v1/staff/oidc/rules',
    body: oidcRuleInput(),
  }),
  'DELETE /v1/staff/oidc/rules/{ruleId}': async (r) => ({
    method: 'DELETE',
    path: `/v1/staff/oidc/rules/${await r.newOidcRule()}`,
  }),
  'GET /v1/audit (regionCode=433122)': () => ({ method: 'GET', path: '/v1/audit', query: { regionCode: HERE } }),

  'POST /v1/employers': () => ({
    method: 'POST',
    path: '/v1/employers',
    body: { name: `泸溪县新企业${next()}`, kind: 'enterprise', creditCode: creditCode(HERE, next()), regionCode: HERE },
  }),
  'GET /v1/employers (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/employers',
    query: { regionCode: HERE },
  }),
  'GET /v1/employers/{employerId}': (r) => ({ method: 'GET', path: `/v1/employers/${r.employerHere}` }),
  'POST /v1/employers/{employerId}/blacklist': async (r) => ({
    method: 'POST',
    path: `/v1/employers/${r.employerToBlacklist}/blacklist`,
    body: { reason: '拖欠工资', version: await r.versionOf(`/v1/employers/${r.employerToBlacklist}`) },
  }),
  'POST /v1/employers/{employerId}/unblacklist': async (r) => ({
    method: 'POST',
    path: `/v1/employers/${r.employerToBlacklist}/unblacklist`,
    body: { reason: '已结清', version: await r.versionOf(`/v1/employers/${r.employerToBlacklist}`) },
  }),
  'POST /v1/employers/{employerId}/api-keys': (r) => ({
    method: 'POST',
    path: `/v1/employers/${r.employerHere}/api-keys`,
    body: { name: `key-${next()}` },
  }),
  'GET /v1/employers/{employerId}/api-keys': (r) => ({
    method: 'GET',
    path: `/v1/employers/${r.employerHere}/api-keys`,
  }),
  'POST /v1/employers/{employerId}/api-keys/{keyId}/revoke': async (r) => {
    // A key of its own for each call: revoking one twice is a different answer.
    const { ok } = gatewayClient(r.gatewayUrl, await staffAuth({ staffId: 'matrix-seed' }));
    const key = await ok('POST', `/v1/employers/${r.employerHere}/api-keys`, { name: `to-revoke-${next()}` });
    return { method: 'POST', path: `/v1/employers/${r.employerHere}/api-keys/${key.id}/revoke` };
  },

  'POST /v1/vacancies': (r) => ({
    method: 'POST',
    path: '/v1/vacancies',
    body: {
      employerId: r.employerHere,
      title: '缝纫工',
      regionCode: HERE,
      headcount: 3,
      wage: { min: 3800, unit: 'month' },
    },
  }),
  'GET /v1/vacancies': () => ({ method: 'GET', path: '/v1/vacancies', query: { regionCode: HERE } }),
  'POST /v1/vacancies/bulk': (r) => ({
    method: 'POST',
    path: '/v1/vacancies/bulk',
    body: {
      vacancies: [
        {
          employerId: r.employerHere,
          title: '包装工',
          regionCode: HERE,
          headcount: 2,
          wage: { min: 3500, unit: 'month' },
        },
      ],
    },
  }),
  'POST /v1/vacancies/import (employerId= the employer here)': (r) => ({
    method: 'POST',
    path: '/v1/vacancies/import',
    query: { employerId: r.employerHere },
    contentType: 'text/csv',
    body: '岗位名称,工作地点,招聘人数,薪资下限,薪资单位\n裁床工,泸溪县,2,3800,月\n',
  }),
  'GET /v1/vacancies/import/template': () => ({ method: 'GET', path: '/v1/vacancies/import/template' }),
  'GET /v1/imports/{importId}': (r) => ({ method: 'GET', path: `/v1/imports/${r.importJob}` }),
  'GET /v1/vacancies/{vacancyId}': (r) => ({ method: 'GET', path: `/v1/vacancies/${r.vacancyHere}` }),
  'PATCH /v1/vacancies/{vacancyId}': async (r) => ({
    method: 'PATCH',
    path: `/v1/vacancies/${r.vacancyToToggle}`,
    body: { version: await r.versionOf(`/v1/vacancies/${r.vacancyToToggle}`), headcount: 4 },
  }),
  'POST /v1/vacancies/{vacancyId}/close': async (r) => ({
    method: 'POST',
    path: `/v1/vacancies/${r.vacancyToToggle}/close`,
    body: { version: await r.vacancyIn('open') },
  }),
  'POST /v1/vacancies/{vacancyId}/reopen': async (r) => ({
    method: 'POST',
    path: `/v1/vacancies/${r.vacancyToToggle}/reopen`,
    body: { version: await r.vacancyIn('closed') },
  }),
  'POST /v1/vacancies/job-postings': (r) => ({
    method: 'POST',
    path: '/v1/vacancies/job-postings',
    query: { employerId: r.employerHere, regionCode: HERE },
    contentType: 'application/ld+json',
    body: JSON.stringify({
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      title: '砌筑工',
      baseSalary: { '@type': 'MonetaryAmount', currency: 'CNY', value: { value: 260, unitText: 'DAY' } },
    }),
  }),

  'POST /v1/seekers': () => ({
    method: 'POST',
    path: '/v1/seekers',
    body: { name: '向新', idNumber: idNumber(next()), residenceRegionCode: HERE },
  }),
  'GET /v1/seekers (regionCode=433122)': () => ({ method: 'GET', path: '/v1/seekers', query: { regionCode: HERE } }),
  'POST /v1/seekers/import (residence 433122)': () => ({
    method: 'POST',
    path: '/v1/seekers/import',
    contentType: 'text/csv',
    body: `姓名,身份证号,居住地区划代码\n向导入,${idNumber(next())},${HERE}\n`,
  }),
  'GET /v1/seekers/import/template': () => ({ method: 'GET', path: '/v1/seekers/import/template' }),
  'GET /v1/seekers/{seekerId}': (r) => ({ method: 'GET', path: `/v1/seekers/${r.seekerHere}` }),
  'PATCH /v1/seekers/{seekerId}': async (r) => ({
    method: 'PATCH',
    path: `/v1/seekers/${r.seekerHere}`,
    body: { version: await r.versionOf(`/v1/seekers/${r.seekerHere}`), trainingNeeds: ['电工'] },
  }),
  'GET /v1/seekers/{seekerId}/personal-data': (r) => ({
    method: 'GET',
    path: `/v1/seekers/${r.seekerHere}/personal-data`,
  }),

  'POST /v1/placements': async (r) => ({
    method: 'POST',
    path: '/v1/placements',
    body: {
      // Someone new each time: a seeker is placed in a vacancy once.
      seekerId: await r.newSeeker(),
      vacancyId: r.vacancyHere,
      startDate: new Date().toISOString().slice(0, 10),
      monthlyWage: 4500,
      contractSigned: true,
      socialInsurance: true,
    },
  }),
  'GET /v1/placements (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/placements',
    query: { regionCode: HERE },
  }),
  'GET /v1/follow-ups (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/follow-ups',
    query: { regionCode: HERE },
  }),
  'POST /v1/follow-ups/{followUpId}': (r) => ({
    method: 'POST',
    path: `/v1/follow-ups/${r.followUpIds[next() % r.followUpIds.length]}`,
    body: { outcome: 'still_employed', wagePaid: 4500 },
  }),
  'GET /v1/reports/summary (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/reports/summary',
    query: { regionCode: HERE },
  }),
  'GET /v1/reports/zero-out (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/reports/zero-out',
    query: { regionCode: HERE },
  }),
  'GET /v1/reports/monitored (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/reports/monitored',
    query: { regionCode: HERE },
  }),

  'GET /v1/vocabularies/skills': () => ({ method: 'GET', path: '/v1/vocabularies/skills', query: { q: '焊' } }),
  'GET /v1/vocabularies/certificates': () => ({
    method: 'GET',
    path: '/v1/vocabularies/certificates',
    query: { q: '焊工证' },
  }),
  'GET /v1/vocabularies/places': () => ({ method: 'GET', path: '/v1/vocabularies/places', query: { q: '凤凰县' } }),

  'GET /v1/seekers/{seekerId}/matches': (r) => ({ method: 'GET', path: `/v1/seekers/${r.seekerHere}/matches` }),
  'POST /v1/matches/search': () => ({
    method: 'POST',
    path: '/v1/matches/search',
    body: { residenceRegionCode: HERE, skills: [{ name: '电焊' }] },
  }),
  'GET /v1/matches/explain': (r) => ({
    method: 'GET',
    path: '/v1/matches/explain',
    query: { seeker: r.seekerHere, vacancy: r.vacancyHere },
  }),
  'GET /v1/vacancies/{vacancyId}/candidates': (r) => ({
    method: 'GET',
    path: `/v1/vacancies/${r.vacancyHere}/candidates`,
  }),

  'POST /v1/fairs': () => ({
    method: 'POST',
    path: '/v1/fairs',
    body: { name: '泸溪县专场招聘会', kind: 'on_site', venueRegionCode: HERE, ...window() },
  }),
  'GET /v1/fairs (regionCode=433122)': () => ({ method: 'GET', path: '/v1/fairs', query: { regionCode: HERE } }),
  'GET /v1/fairs/{fairId}': (r) => ({ method: 'GET', path: `/v1/fairs/${r.fairHere}` }),
  'PUT /v1/fairs/{fairId}/booths/{employerId}': (r) => ({
    method: 'PUT',
    path: `/v1/fairs/${r.fairHere}/booths/${r.employerHere}`,
    body: { booth: 'A01', vacancyIds: [r.vacancyHere] },
  }),
  [`PUT /v1/fairs/{fairId}/booths/{employerId} (${FAIR_ELSEWHERE_NAME})`]: (r) => ({
    method: 'PUT',
    path: `/v1/fairs/${r.fairElsewhere}/booths/${r.employerHere}`,
    body: { booth: 'A01', vacancyIds: [r.vacancyHere] },
  }),
  'GET /v1/fairs/{fairId}/booths': (r) => ({ method: 'GET', path: `/v1/fairs/${r.fairHere}/booths` }),
  'POST /v1/fairs/{fairId}/checkins (by phone)': (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairHere}/checkins`,
    body: { phone: r.seekerPhone },
  }),
  [`POST /v1/fairs/{fairId}/checkins (${FAIR_ELSEWHERE_NAME}; by phone)`]: (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairElsewhere}/checkins`,
    body: { phone: r.seekerPhone },
    unknown: { method: 'POST', path: `/v1/fairs/${r.fairElsewhere}/checkins`, body: { phone: phone(next()) } },
  }),
  'GET /v1/fairs/{fairId}/checkins/{seekerId}/slip': (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairHere}/checkins/${r.seekerHere}/slip`,
  }),
  [`GET /v1/fairs/{fairId}/checkins/{seekerId}/slip (${FAIR_ELSEWHERE_NAME})`]: (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairElsewhere}/checkins/${r.seekerHere}/slip`,
  }),
  [`GET /v1/fairs/{fairId}/checkins/{seekerId}/slip (${FAIR_ELSEWHERE_NAME}; ${BY_OWN_QR})`]: (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairElsewhere}/checkins/${r.seekerWithCode}/slip`,
  }),
  'GET /v1/fairs/{fairId}/seekers/{seekerId}/qr': (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairHere}/seekers/${r.seekerHere}/qr`,
  }),
  [`GET /v1/fairs/{fairId}/seekers/{seekerId}/qr (${FAIR_ELSEWHERE_NAME})`]: (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairElsewhere}/seekers/${r.seekerHere}/qr`,
  }),
  'GET /v1/fairs/{fairId}/booths/{employerId}/qr': (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairHere}/booths/${r.employerHere}/qr`,
  }),
  'GET /v1/fairs/{fairId}/candidates (employerId= the employer here)': (r) => ({
    method: 'GET',
    path: `/v1/fairs/${r.fairHere}/candidates`,
    query: { employerId: r.employerHere },
  }),
  'GET /v1/fairs/{fairId}/assignment': (r) => ({ method: 'GET', path: `/v1/fairs/${r.fairHere}/assignment` }),
  'POST /v1/fairs/{fairId}/intents': (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairHere}/intents`,
    body: { seekerId: r.seekerHere, vacancyId: r.vacancyHere },
  }),
  [`POST /v1/fairs/{fairId}/intents (${FAIR_ELSEWHERE_NAME}; ${BY_OWN_QR})`]: (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairElsewhere}/intents`,
    body: { seekerId: r.seekerWithCode, vacancyId: r.vacancyHere },
  }),
  [`POST /v1/fairs/{fairId}/intents (${FAIR_ELSEWHERE_NAME}; not checked in there)`]: (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairElsewhere}/intents`,
    body: { seekerId: r.seekerHere, vacancyId: r.vacancyHere },
    unknown: {
      method: 'POST',
      path: `/v1/fairs/${r.fairElsewhere}/intents`,
      body: { seekerId: UNKNOWN_SEEKER, vacancyId: r.vacancyHere },
    },
  }),
  'GET /v1/fairs/{fairId}/stats': (r) => ({ method: 'GET', path: `/v1/fairs/${r.fairHere}/stats` }),
  'POST /v1/fairs/{fairId}/desk-codes': (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairHere}/desk-codes`,
    body: {},
  }),
  'POST /v1/fairs/{fairId}/booths/{employerId}/code': (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairHere}/booths/${r.employerHere}/code`,
    body: {},
  }),
  'GET /v1/fairs/{fairId}/codes': (r) => ({ method: 'GET', path: `/v1/fairs/${r.fairHere}/codes` }),
  // A code of its own for each caller: revoking the booth's would take the booth key's caller away.
  'POST /v1/fairs/{fairId}/codes/{codeId}/revoke': async (r) => ({
    method: 'POST',
    path: `/v1/fairs/${r.fairHere}/codes/${(await r.newDeskCode()).id}/revoke`,
  }),
  'POST /v1/staff/desk-code': async (r) => ({
    method: 'POST',
    path: '/v1/staff/desk-code',
    body: { code: (await r.newDeskCode()).code },
  }),
  'POST /v1/employers/booth-code': async (r) => ({
    method: 'POST',
    path: '/v1/employers/booth-code',
    body: { code: (await r.newBoothCode()).code },
  }),

  'POST /v1/livestreams': (r) => ({
    method: 'POST',
    path: '/v1/livestreams',
    body: {
      title: '直播带岗',
      host: '主播',
      platform: '快手',
      regionCode: HERE,
      vacancyIds: [r.vacancyHere],
      ...window(),
    },
  }),
  'GET /v1/livestreams/{livestreamId}': (r) => ({ method: 'GET', path: `/v1/livestreams/${r.livestream}` }),
  'PUT /v1/livestreams/{livestreamId}/vacancies': (r) => ({
    method: 'PUT',
    path: `/v1/livestreams/${r.livestream}/vacancies`,
    body: { vacancyIds: [r.vacancyHere] },
  }),
  'PATCH /v1/livestreams/{livestreamId}/host': async (r) => ({
    method: 'PATCH',
    path: `/v1/livestreams/${r.livestream}/host`,
    body: { version: await r.versionOf(`/v1/livestreams/${r.livestream}`), presentingVacancyId: r.vacancyHere },
  }),
  'GET /v1/livestreams/{livestreamId}/lineup': (r) => ({
    method: 'GET',
    path: `/v1/livestreams/${r.livestream}/lineup`,
  }),
  'POST /v1/livestreams/{livestreamId}/viewers (a new viewer)': (r) => ({
    method: 'POST',
    path: `/v1/livestreams/${r.livestream}/viewers`,
    body: { platformUserId: `dy-${next()}`, regionCode: HERE, skills: ['电焊'] },
  }),
  'POST /v1/livestreams/{livestreamId}/viewers (staff link the viewer to a 433122 seeker)': (r) => ({
    method: 'POST',
    path: `/v1/livestreams/${r.livestream}/viewers`,
    body: { platformUserId: `dy-${next()}`, regionCode: HERE, seekerId: r.seekerHere },
  }),
  'POST /v1/livestreams/{livestreamId}/viewers (the platform user id of a viewer linked to a seeker)': (r) => ({
    method: 'POST',
    path: `/v1/livestreams/${r.livestream}/viewers`,
    body: { platformUserId: r.linkedPlatformUserId, regionCode: HERE },
  }),
  'POST /v1/livestreams/{livestreamId}/viewers (the platform user id of the viewer)': (r) => ({
    method: 'POST',
    path: `/v1/livestreams/${r.livestream}/viewers`,
    body: { platformUserId: r.viewerPlatformUserId, regionCode: HERE },
  }),
  'GET /v1/livestreams/{livestreamId}/viewers/{viewerId}/jobs (a viewer linked to nobody)': (r) => ({
    method: 'GET',
    path: `/v1/livestreams/${r.livestream}/viewers/${r.viewer}/jobs`,
  }),
  'POST /v1/livestreams/{livestreamId}/intents': (r) => ({
    method: 'POST',
    path: `/v1/livestreams/${r.livestream}/intents`,
    body: { viewerId: r.viewer, vacancyId: r.vacancyHere },
  }),
  'GET /v1/intents (regionCode=433122)': () => ({ method: 'GET', path: '/v1/intents', query: { regionCode: HERE } }),
  'GET /v1/livestreams/{livestreamId}/stats': (r) => ({ method: 'GET', path: `/v1/livestreams/${r.livestream}/stats` }),
  'GET /v1/livestreams (regionCode=433122)': () => ({
    method: 'GET',
    path: '/v1/livestreams',
    query: { regionCode: HERE },
  }),
  'GET /v1/livestreams/{livestreamId}/viewers': (r) => ({
    method: 'GET',
    path: `/v1/livestreams/${r.livestream}/viewers`,
  }),
  'GET /v1/livestreams/{livestreamId}/viewers/{viewerId}/personal-data': (r) => ({
    method: 'GET',
    path: `/v1/livestreams/${r.livestream}/viewers/${r.viewer}/personal-data`,
  }),

  'GET /v1/feeds/fairs/{id}': (r) => ({ method: 'GET', path: `/v1/feeds/fairs/${r.fairHere}` }),
  'GET /v1/feeds/livestreams/{id}': (r) => ({ method: 'GET', path: `/v1/feeds/livestreams/${r.livestream}` }),
  'PUT /v1/subscriptions/{seekerId}': (r) => ({
    method: 'PUT',
    path: `/v1/subscriptions/${r.seekerHere}`,
    body: { channels: ['sink'] },
  }),
  'GET /v1/subscriptions/{seekerId}': (r) => ({ method: 'GET', path: `/v1/subscriptions/${r.seekerHere}` }),
  'GET /v1/subscriptions/unsubscribe/{token}': (r) => ({
    method: 'GET',
    path: `/v1/subscriptions/unsubscribe/${r.unsubscribeToken}`,
  }),
  // Opting out twice changes nothing, so every caller's request is a valid one.
  'POST /v1/subscriptions/unsubscribe/{token}': (r) => ({
    method: 'POST',
    path: `/v1/subscriptions/unsubscribe/${r.unsubscribeToken}`,
  }),
  'POST /v1/subscriptions/sms-replies': (r) => ({
    method: 'POST',
    path: '/v1/subscriptions/sms-replies',
    body: { from: r.seekerPhone, text: 'TD' },
  }),
  'POST /v1/broadcasts/preview (segment 433122)': () => ({
    method: 'POST',
    path: '/v1/broadcasts/preview',
    body: { segment: { regionCodes: [HERE] } },
  }),
  'POST /v1/broadcasts (segment 433122)': () => ({
    method: 'POST',
    path: '/v1/broadcasts',
    body: { title: '培训通知', body: '泸溪县电焊培训报名', segment: { regionCodes: [HERE] } },
  }),
  'GET /v1/broadcasts/{broadcastId}': (r) => ({ method: 'GET', path: `/v1/broadcasts/${r.broadcast}` }),
  'GET /v1/notifications (seekerId= the seeker here)': (r) => ({
    method: 'GET',
    path: '/v1/notifications',
    query: { seekerId: r.seekerHere },
  }),
  'GET /v1/notifications/l/{code}': (r) => ({ method: 'GET', path: `/v1/notifications/l/${r.linkCode}` }),
  'GET /v1/notifications/l/{code}/view': (r) => ({ method: 'GET', path: `/v1/notifications/l/${r.linkCode}/view` }),
  // Pressing it again is the one answer (`existing: true`), so every caller's request is valid.
  'PUT /v1/notifications/l/{code}/interest': (r) => ({
    method: 'PUT',
    path: `/v1/notifications/l/${r.linkCode}/interest`,
  }),

  // A new candidate each time: a second invitation of one is 409.
  'POST /v1/vacancies/{vacancyId}/invitations': async (r) => ({
    method: 'POST',
    path: `/v1/vacancies/${r.vacancyHere}/invitations`,
    body: { seekerId: await r.newCandidate(), message: '欢迎来厂面谈' },
  }),
  'GET /v1/vacancies/{vacancyId}/invitations': (r) => ({
    method: 'GET',
    path: `/v1/vacancies/${r.vacancyHere}/invitations`,
  }),
  'GET /v1/invitations/answer/{token}': (r) => ({ method: 'GET', path: `/v1/invitations/answer/${r.invitationToken}` }),
  // Accepting twice is the one answer, so every caller's request is a valid one.
  'POST /v1/invitations/answer/{token}': (r) => ({
    method: 'POST',
    path: `/v1/invitations/answer/${r.invitationToken}`,
    body: { answer: 'accepted' },
  }),
};

/** The request of a row of the table. */
export function requestOf(row: Row): Build {
  const build = REQUESTS[rowName(row)];
  if (!build) throw new Error(`no request is written for the row ${rowName(row)}`);
  return build;
}
