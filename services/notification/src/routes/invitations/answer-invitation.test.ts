// The seeker's side of an employer's invitation: it reaches them through their own channels
// (opt-out and quiet hours kept), the link in it opens a page that changes nothing, and only
// the page's buttons answer — once. Forged, swapped and replayed links answer nothing.
import { residentIdCheckChar } from '@duijie/contracts';
import {
  employers,
  invitations,
  newId,
  notificationMessages,
  outboxEvents,
  publishEvent,
  queryRows,
  seekers,
  sql,
  vacancies,
} from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { buildApp } from '../../app.ts';
import type { Channel, Outgoing } from '../../channels/port.ts';

const PUBLIC_URL = 'https://jiuye.luxi.gov.cn';

await withEachDatabase(t, async (t, db) => {
  // 10:00 in Beijing, unless a test moves it.
  let now = new Date('2026-11-23T02:00:00Z');
  const texts: Outgoing[] = [];
  const sms: Channel = {
    name: 'sms',
    send: async (message) => {
      texts.push(message);
      return 'sms-ok';
    },
  };
  const log = captureLogger();
  const app = buildApp({
    db,
    logger: log.logger,
    staffTokens: testStaffTokens,
    clock: () => now,
    config: { PUBLIC_URL },
    channels: { sms },
    delivery: { run: false },
  });
  t.teardown(() => app.close());
  await app.ready();
  const consumer = app.consumers.find((c) => c.name === 'notification.invitations');
  const admin = await staffAuth({ regionCode: '433100' });

  const employerId = newId('emp');
  await db.db.insert(employers).values({
    id: employerId,
    name: '泸溪县湘西服装厂',
    kind: 'enterprise',
    creditCode: `TESTINV${process.pid}`,
    regionCode: '433122',
  });
  const vacancy = async () => {
    const id = newId('vac');
    await db.db.insert(vacancies).values({
      id,
      employerId,
      title: '缝纫工',
      requiredSkills: [{ code: 'skill.sewing', name: '缝纫' }],
      regionCode: '433122',
      wageMin: 4500,
      wageUnit: 'month',
      monthlyWageMin: 4500,
      monthlyWageMax: 5500,
      headcount: 5,
    });
    return id;
  };
  let people = 0;
  const phones: string[] = [];
  /** A seeker of 泸溪县, subscribed as staff would subscribe them (null: not at all). */
  const seeker = async (channels: string[] | null) => {
    const stem = `43312219900101${String(100 + people++)}`;
    const phone = `1370743${String(1000 + people).slice(-4)}`;
    phones.push(phone);
    const id = newId('skr');
    await db.db.insert(seekers).values({
      id,
      name: `向求职${people}`,
      idNumber: `${stem}${residentIdCheckChar(stem)}`,
      phone,
      residenceRegionCode: '433122',
    });
    if (channels) {
      const res = await app.inject({
        method: 'PUT',
        url: `/v1/subscriptions/${id}`,
        headers: admin,
        payload: { channels, topics: ['jobs'] },
      });
      t.equal(res.statusCode, 200, res.body);
    }
    return id;
  };
  const stored = async (id: string) => (await db.db.select().from(invitations).where(eq(invitations.id, id)))[0];
  /** An invitation as the matching service writes it, and the event it publishes with it. */
  const invite = async (
    seekerId: string,
    message = '您好，我厂招缝纫工，包吃住，欢迎来厂面谈。',
    vacancyId?: string,
  ) => {
    const id = newId('inv');
    const vac = vacancyId ?? (await vacancy());
    await db.db.transaction(async (tx) => {
      await tx
        .insert(invitations)
        .values({ id, vacancyId: vac, employerId, seekerId, message, sentBy: 'api-key:test' });
      await publishEvent(tx, {
        type: 'invitation.sent',
        aggregateType: 'invitation',
        aggregateId: id,
        payload: { invitationId: id, vacancyId: vac, employerId, seekerId, sentBy: 'api-key:test' },
      });
    });
    // The consumer runs in the background too (woken by NOTIFY): wait until one of them applied it.
    for (let i = 0; i < 200 && (await stored(id))?.plannedMessages == null; i++) {
      await consumer?.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    return { id, vacancyId: vac };
  };
  const messagesOf = (invitationId: string) =>
    db.db
      .select()
      .from(notificationMessages)
      .where(eq(notificationMessages.reason, `invitation:${invitationId}`));
  /** The answer page's path, as the seeker reaches it: the short link in the text, then its redirect. */
  const answerPath = async (text: string) => {
    const short = /https:\/\/jiuye\.luxi\.gov\.cn(\/v1\/notifications\/l\/[0-9a-f]{16})/.exec(text)?.[1];
    t.ok(short, 'the text carries a short link');
    const hop = await app.inject({ method: 'GET', url: short as string });
    t.equal(hop.statusCode, 302);
    const location = String(hop.headers.location);
    t.match(location, /^https:\/\/jiuye\.luxi\.gov\.cn\/v1\/invitations\/answer\/inv_[0-9a-f]{32}\.[\w-]{43}$/);
    return new URL(location).pathname;
  };
  const form = (path: string, answer: string) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `answer=${answer}`,
    });

  await t.test(
    'the seeker gets the employer, the vacancy and the message by SMS, and accepts by the link',
    async (t) => {
      const seekerId = await seeker(['sms']);
      const { id } = await invite(seekerId);
      t.equal((await stored(id))?.plannedMessages, 1, 'one message planned: the one channel');
      await app.delivery.drain();
      const text = texts.find((m) => m.seekerId === seekerId);
      t.ok(text, 'sent by SMS');
      t.match(text?.rendered.text, /^【就业服务】泸溪县湘西服装厂邀请您应聘缝纫工，附言：您好，我厂招缝纫工/);
      t.match(text?.rendered.text, /退订回TD$/);
      t.equal(text?.address, phones.at(-1), 'to the seeker’s own phone');
      const path = await answerPath(text?.rendered.text ?? '');

      // Opened by a person, a link preview, a scanner: a page, nothing changes.
      for (let i = 0; i < 3; i++) {
        const page = await app.inject({ method: 'GET', url: path });
        t.equal(page.statusCode, 200);
        t.match(page.headers['content-type'], /^text\/html; charset=utf-8/);
        t.equal(page.headers['referrer-policy'], 'no-referrer');
        t.match(page.body, /泸溪县湘西服装厂邀请您应聘缝纫工/);
        t.match(page.body, /月薪4500-5500元/);
        t.match(page.body, /泸溪县/);
        t.match(page.body, /您好，我厂招缝纫工，包吃住，欢迎来厂面谈。/);
        t.match(
          page.body,
          /同意.*将您的<strong>姓名和手机号<\/strong>提供给泸溪县湘西服装厂/,
          'what accepting shares, and with whom',
        );
        t.match(page.body, /name="answer" value="accepted"/);
        t.match(page.body, /name="answer" value="declined"/);
        t.notMatch(page.body, /<(script|img|link)\b|https?:\/\//);
      }
      t.equal((await stored(id))?.status, 'sent', 'still unanswered after every GET');

      const done = await form(path, 'accepted');
      t.equal(done.statusCode, 200, done.body);
      t.match(done.headers['content-type'], /^text\/html/);
      t.match(done.body, /您已接受该邀约/);
      t.match(await stored(id), { status: 'accepted', answeredAt: now });
      const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id));
      t.match(
        events.map((e) => [e.type, e.payload]),
        [
          ['invitation.sent', {}],
          ['invitation.answered', { invitationId: id, seekerId, employerId, answer: 'accepted' }],
        ],
      );
      t.notMatch(JSON.stringify(events), /向求职|1370743/, 'no person in the outbox');

      const again = await app.inject({ method: 'GET', url: path });
      t.match(again.body, /您已接受该邀约/, 'the link, opened again, says so');
      t.notMatch(again.body, /<form/);
      const replay = await app.inject({ method: 'POST', url: path, payload: { answer: 'accepted' } });
      t.equal(replay.statusCode, 200, 'the same answer again is that answer');
      t.same(replay.json(), { answer: 'accepted', answeredAt: now.toISOString() });
      const turned = await app.inject({ method: 'POST', url: path, payload: { answer: 'declined' } });
      t.equal(turned.statusCode, 409, 'a different answer after the first is refused');
      t.match(turned.json(), { type: /invitation-already-answered$/ });
      t.equal((await stored(id))?.status, 'accepted');
    },
  );

  await t.test('a client declines with JSON; the employer is not told who', async (t) => {
    const seekerId = await seeker(['sink']);
    const { id } = await invite(seekerId);
    await app.delivery.drain();
    const [sunk] = await queryRows<{ body: string }>(
      db.db,
      sql`select body from sink_deliveries where seeker_id = ${seekerId}`,
    );
    const path = await answerPath(sunk?.body ?? '');
    const res = await app.inject({ method: 'POST', url: path, payload: { answer: 'declined' } });
    t.equal(res.statusCode, 200);
    t.same(res.json(), { answer: 'declined', answeredAt: now.toISOString() });
    t.match(await stored(id), { status: 'declined' });
    const bad = await app.inject({ method: 'POST', url: path, payload: { answer: 'maybe' } });
    t.equal(bad.statusCode, 400);
    t.match(bad.json(), { errors: [{ in: 'body', field: 'answer' }] });
  });

  await t.test('forged, swapped and malformed links answer nothing', async (t) => {
    const mine = await invite(await seeker(['sink']));
    const theirs = await invite(await seeker(['sink']));
    await app.delivery.drain();
    const [m] = await messagesOf(mine.id);
    const hop = await app.inject({ method: 'GET', url: `/v1/notifications/l/${m?.linkCode}` });
    const token = new URL(String(hop.headers.location)).pathname.split('/').pop() as string;
    const mac = token.split('.')[1] as string;
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const unknownId = newId('inv');
    const cases = {
      'their id with my MAC': `${theirs.id}.${mac}`,
      'my id with a changed MAC': `${mine.id}.${flipped}`,
      'an unknown id': `${unknownId}.${mac}`,
    };
    const answers = [];
    for (const [what, forged] of Object.entries(cases)) {
      const page = await app.inject({ method: 'GET', url: `/v1/invitations/answer/${forged}` });
      t.equal(page.statusCode, 404, what);
      const post = await app.inject({
        method: 'POST',
        url: `/v1/invitations/answer/${forged}`,
        payload: { answer: 'accepted' },
      });
      t.equal(post.statusCode, 404, what);
      answers.push({ ...post.json(), requestId: 'x' });
    }
    t.same(answers[0], answers[2], 'a forged link is answered as a link to nothing');
    const markup = await app.inject({ method: 'GET', url: '/v1/invitations/answer/%3Cscript%3E' });
    t.equal(markup.statusCode, 400);
    t.notMatch(markup.body, /<script>/);
    for (const id of [mine.id, theirs.id]) t.equal((await stored(id))?.status, 'sent', 'nothing answered');
  });

  await t.test(
    'an opted-out or unsubscribed seeker gets nothing, and the invitation says it reached no one',
    async (t) => {
      const unsubscribed = await seeker(null);
      const optedOut = await seeker(['sms']);
      const res = await app.inject({ method: 'GET', url: `/v1/subscriptions/${optedOut}`, headers: admin });
      const optOut = new URL(res.json().unsubscribeUrl).pathname;
      t.equal((await app.inject({ method: 'POST', url: optOut })).statusCode, 200);
      for (const seekerId of [unsubscribed, optedOut]) {
        const { id } = await invite(seekerId);
        t.equal((await stored(id))?.plannedMessages, 0);
        t.same(await messagesOf(id), []);
      }
    },
  );

  await t.test('at night an SMS invitation waits for the end of the seeker’s quiet hours', async (t) => {
    const seekerId = await seeker(['sms']);
    now = new Date('2026-11-23T15:00:00Z'); // 23:00 in Beijing
    t.teardown(() => {
      now = new Date('2026-11-23T02:00:00Z');
    });
    const { id } = await invite(seekerId);
    const before = texts.length;
    await app.delivery.drain();
    t.equal(texts.length, before, 'nothing sent at 23:00');
    t.match(await messagesOf(id), [{ status: 'planned', deferredFor: 'quiet_hours' }]);
  });

  await t.test('the page shows the employer’s words as text; a closed vacancy takes no answer', async (t) => {
    const seekerId = await seeker(['sink']);
    const { id, vacancyId } = await invite(seekerId, '<script>alert(1)</script>欢迎');
    const [m] = await messagesOf(id);
    const hop = await app.inject({ method: 'GET', url: `/v1/notifications/l/${m?.linkCode}` });
    const path = new URL(String(hop.headers.location)).pathname;
    const page = await app.inject({ method: 'GET', url: path });
    t.notMatch(page.body, /<script>/);
    t.match(page.body, /&lt;script&gt;/);
    await db.db.update(vacancies).set({ status: 'closed' }).where(eq(vacancies.id, vacancyId));
    const closed = await app.inject({ method: 'GET', url: path });
    t.match(closed.body, /该岗位已停止招聘/);
    t.notMatch(closed.body, /<form/);
    const post = await form(path, 'accepted');
    t.equal(post.statusCode, 409);
    t.match(post.json(), { type: /vacancy-not-open$/ });
    t.equal((await stored(id))?.status, 'sent');
  });

  t.test('no phone reached the log', async (t) => {
    const lines = log.lines().join('\n');
    t.ok(lines.length > 0);
    for (const phone of phones) t.notOk(lines.includes(phone), 'not logged');
  });
});
