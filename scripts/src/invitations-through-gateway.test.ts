// An employer's developer and a seeker, through the gateway, on the whole system: the key
// reads the masked candidates, invites one; the seeker's message carries the employer, the
// vacancy and the words, and a link; the seeker accepts on the page; only then does the
// employer's list show their name and phone. On PGlite and on the PostgreSQL server.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { queryRows, sql } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import type { NotificationApp } from '@duijie/notification/app';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { gatewayClient } from './gateway-client.ts';
import { runServices } from './system.ts';

t.setTimeout(300_000);

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger('warn');
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: log.logger,
    notification: { delivery: { run: false } },
  });
  t.teardown(() => system.close());
  const notification = system.services.notification as NotificationApp;
  const admin = gatewayClient(system.gatewayUrl, await staffAuth({ regionCode: '433100' }));

  const stem = '91433122MA4N00007';
  const employer = await admin.ok('POST', '/v1/employers', {
    name: '泸溪县辰河服饰有限公司',
    kind: 'enterprise',
    creditCode: `${stem}${creditCodeCheckChar(stem)}`,
    regionCode: '433122',
  });
  const { key } = await admin.ok('POST', `/v1/employers/${employer.id}/api-keys`, { name: 'HR 系统' });
  const hr = gatewayClient(system.gatewayUrl, { authorization: `Bearer ${key}` });
  const vacancy = await hr.ok('POST', '/v1/vacancies', {
    employerId: employer.id,
    title: '缝纫工',
    regionCode: '433122',
    headcount: 10,
    wage: { min: 4500, max: 5500, unit: 'month' },
    requiredSkills: [{ name: '缝纫' }],
  });
  const idStem = '43312219900315012';
  const phone = '13907435566';
  const seeker = await admin.ok('POST', '/v1/seekers', {
    name: '向秋菊',
    idNumber: `${idStem}${residentIdCheckChar(idStem)}`,
    phone,
    residenceRegionCode: '433122',
    skills: [{ name: '缝纫', years: 6 }],
    demand: { regionScope: 'county', expectedWage: { min: 4000, unit: 'month' } },
  });
  await admin.ok('PUT', `/v1/subscriptions/${seeker.id}`, { channels: ['sink'], topics: ['jobs'] });

  const candidates = await hr.ok('GET', `/v1/vacancies/${vacancy.id}/candidates`);
  const shown = candidates.items.find((i: { seeker: { id: string } }) => i.seeker.id === seeker.id);
  t.match(shown, { seeker: { name: '向**' } }, 'the employer sees the candidate masked');

  const sent = await hr.call('POST', `/v1/vacancies/${vacancy.id}/invitations`, {
    seekerId: seeker.id,
    message: '您好！我司缝纫车间扩产，包吃住，欢迎来厂参观面谈。',
  });
  t.equal(sent.status, 201, JSON.stringify(sent.body));

  // The notification service plans the message from the event, then delivers it (here: the sink).
  let body: string | undefined;
  for (let i = 0; i < 200 && !body; i++) {
    await notification.delivery.drain();
    const [row] = await queryRows<{ body: string }>(
      db.db,
      sql`select body from sink_deliveries where seeker_id = ${seeker.id}`,
    );
    body = row?.body;
    if (!body) await new Promise((r) => setTimeout(r, 25));
  }
  t.match(body, /泸溪县辰河服饰有限公司邀请您应聘缝纫工，附言：您好！我司缝纫车间扩产/);
  const before = await hr.ok('GET', `/v1/vacancies/${vacancy.id}/invitations`);
  t.match(before.items, [{ id: sent.body.id, status: 'sent', delivery: 'delivered', contact: null }]);
  t.notOk(JSON.stringify(before).includes(phone), 'no phone before the answer');

  const short = new URL(/https?:\/\/\S+\/v1\/notifications\/l\/[0-9a-f]{16}/.exec(body ?? '')?.[0] ?? 'http://x/');
  const hop = await fetch(`${system.gatewayUrl}${short.pathname}`, { redirect: 'manual' });
  t.equal(hop.status, 302);
  const answer = `${system.gatewayUrl}${new URL(hop.headers.get('location') ?? '').pathname}`;
  const page = await fetch(answer);
  t.equal(page.status, 200);
  t.match(await page.text(), /接受邀约/);
  const accepted = await fetch(answer, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'answer=accepted',
  });
  t.equal(accepted.status, 200);
  t.match(await accepted.text(), /您已接受该邀约/);

  const after = await hr.ok('GET', `/v1/vacancies/${vacancy.id}/invitations`);
  t.match(after.items, [{ status: 'accepted', contact: { name: '向秋菊', phone } }]);
  const other = gatewayClient(system.gatewayUrl, {
    authorization: `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`,
  });
  t.equal(
    (await other.call('GET', `/v1/vacancies/${vacancy.id}/invitations`)).status,
    401,
    'a made-up key reads nothing',
  );
  t.notOk(log.lines().join('\n').includes(phone), 'the phone is never logged');
});
