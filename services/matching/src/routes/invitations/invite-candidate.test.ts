// An employer invites a masked candidate of its vacancy; what it may not do (another employer's
// vacancy, a seeker it was never shown, a second invitation, past its daily cap, a link or a
// phone number in the message) is refused, and what it learns is only what it may.
import { auditLog, employers, invitations, newId, outboxEvents, seekers, vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { addEmployer, addSeeker, idNumberOf, matchingApp } from '../../testing.ts';

const COUNTY = '433122'; // 泸溪县
const CITY_ELSEWHERE = '433101'; // 吉首市, the same prefecture

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = matchingApp(t, db, { invitationsPerDay: 3 });
  const officerHere = await staffAuth({ staffId: 'luxi-desk', role: 'officer', regionCode: COUNTY });
  let serial = 0;
  const phones: string[] = [];
  const idNumbers: string[] = [];
  const candidate = async (name: string, region = COUNTY) => {
    const phone = `1390743${String(1000 + serial).slice(-4)}`;
    const idNumber = idNumberOf(region, '19880512', serial++);
    phones.push(phone);
    idNumbers.push(idNumber);
    return addSeeker(db, {
      name,
      idNumber,
      phone,
      residenceRegionCode: region,
      demand: { regionScope: 'province', expectedWage: { min: 3000, unit: 'month' } },
    });
  };
  const invite = (vacancyId: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/v1/vacancies/${vacancyId}/invitations`, headers, payload });
  const list = (vacancyId: string, headers: Record<string, string>, query = '') =>
    app.inject({ method: 'GET', url: `/v1/vacancies/${vacancyId}/invitations${query}`, headers });

  await t.test('the employer invites a candidate it was shown; the seeker stays masked', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const seeker = await candidate('龙春花');
    const shown = await app.inject({
      method: 'GET',
      url: `/v1/vacancies/${employer.vacancyId}/candidates`,
      headers: employer.key,
    });
    t.ok(
      shown.json().items.some((i: { seeker: { id: string } }) => i.seeker.id === seeker.id),
      'the seeker is on the candidate list',
    );
    const res = await invite(employer.vacancyId, employer.key, {
      seekerId: seeker.id,
      message: '  您好，我厂招缝纫工，包吃住，欢迎来厂面谈。  ',
    });
    t.equal(res.statusCode, 201, res.body);
    const body = res.json();
    t.match(body, {
      id: /^inv_[0-9a-f]{32}$/,
      vacancyId: employer.vacancyId,
      employerId: employer.id,
      seeker: { id: seeker.id, name: '龙**' },
      message: '您好，我厂招缝纫工，包吃住，欢迎来厂面谈。',
      status: 'sent',
      delivery: 'pending',
      answeredAt: null,
      contact: null,
    });
    t.notMatch(res.body, /春花|1390743/, 'neither the full name nor the phone');

    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, body.id));
    t.match(events, [
      {
        type: 'invitation.sent',
        payload: {
          invitationId: body.id,
          vacancyId: employer.vacancyId,
          employerId: employer.id,
          seekerId: seeker.id,
          sentBy: /^api-key:key_/,
        },
      },
    ]);
    t.same(Object.keys(events[0]?.payload ?? {}).sort(), [
      'employerId',
      'invitationId',
      'seekerId',
      'sentBy',
      'vacancyId',
    ]);
    t.notMatch(JSON.stringify(events), /春花|1390743|面谈/, 'no person and no message in the outbox');

    const listed = await list(employer.vacancyId, employer.key);
    t.equal(listed.statusCode, 200);
    t.match(listed.json(), { items: [{ id: body.id, seeker: { name: '龙**' }, contact: null }], nextCursor: null });
    t.notMatch(listed.body, /春花|1390743/);
  });

  await t.test(
    'once the seeker accepted, the employer sees their name and phone, and the read is audited',
    async (t) => {
      const employer = await addEmployer(db, COUNTY);
      const accepting = await candidate('石秀英');
      const declining = await candidate('向玉兰');
      const ids: string[] = [];
      for (const s of [accepting, declining]) {
        const res = await invite(employer.vacancyId, employer.key, { seekerId: s.id, message: '欢迎来厂面谈' });
        ids.push(res.json().id);
      }
      // The seeker's answer is the notification service's; here it is as that service writes it.
      await db.db
        .update(invitations)
        .set({ status: 'accepted', answeredAt: new Date() })
        .where(eq(invitations.id, ids[0] as string));
      await db.db
        .update(invitations)
        .set({ status: 'declined', answeredAt: new Date() })
        .where(eq(invitations.id, ids[1] as string));
      const listed = await list(employer.vacancyId, employer.key);
      const byId = new Map(listed.json().items.map((i: { id: string }) => [i.id, i]));
      t.match(byId.get(ids[0]), { status: 'accepted', contact: { name: '石秀英', phone: accepting.phone } });
      t.match(byId.get(ids[1]), { status: 'declined', contact: null, seeker: { name: '向**' } });
      t.notMatch(listed.body, /玉兰/, 'who declined stays masked');
      t.notMatch(listed.body, new RegExp(accepting.idNumber), 'never the ID number');
      const audited = await db.db.select().from(auditLog).where(eq(auditLog.subjectId, accepting.id));
      t.match(audited, [{ action: 'seeker.contact.read', actor: /^api-key:key_/, detail: { invitationId: ids[0] } }]);
    },
  );

  await t.test('a second invitation of the same candidate is 409 naming the first', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const seeker = await candidate('田桂香');
    const first = await invite(employer.vacancyId, employer.key, { seekerId: seeker.id, message: '欢迎面谈' });
    const again = await invite(employer.vacancyId, officerHere, { seekerId: seeker.id, message: '再次邀请' });
    t.equal(again.statusCode, 409);
    t.match(again.json(), {
      type: /already-invited$/,
      invitationId: first.json().id,
      detail: new RegExp(first.json().id),
    });
    t.equal((await db.db.select().from(invitations).where(eq(invitations.seekerId, seeker.id))).length, 1);
  });

  await t.test('another employer’s key can neither invite to nor read the vacancy’s invitations', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const other = await addEmployer(db, COUNTY);
    const seeker = await candidate('彭金凤');
    const res = await invite(employer.vacancyId, other.key, { seekerId: seeker.id, message: '欢迎面谈' });
    t.equal(res.statusCode, 403);
    t.match(res.json(), { type: /not-your-employer$/ });
    t.equal((await list(employer.vacancyId, other.key)).statusCode, 403);
    t.equal((await db.db.select().from(invitations).where(eq(invitations.seekerId, seeker.id))).length, 0);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/v1/vacancies/${employer.vacancyId}/invitations`,
      payload: { seekerId: seeker.id, message: '欢迎面谈' },
    });
    t.equal(anonymous.statusCode, 401);
  });

  await t.test('a seeker the caller was never shown is answered exactly as one who does not exist', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const guessed = newId('skr');
    const farAway = await addSeeker(db, {
      name: '王建国',
      idNumber: idNumberOf('110105', '19800101', serial++),
      residenceRegionCode: '110105',
      skills: [{ name: '会计' }],
    });
    const inactive = await candidate('张退出');
    await db.db.update(seekers).set({ active: false }).where(eq(seekers.id, inactive.id));
    // Staff of the county invite for the employer: a seeker of the next county is not theirs to see.
    const nextCounty = await candidate('李邻县', CITY_ELSEWHERE);
    const shape = (body: { requestId?: string; detail: string }, id: string) => ({
      ...body,
      requestId: 'x',
      detail: body.detail.replace(id, 'ID'),
    });
    const unknown = await invite(employer.vacancyId, employer.key, { seekerId: guessed, message: '欢迎面谈' });
    t.equal(unknown.statusCode, 404);
    t.match(unknown.json(), { type: /seeker-not-found$/ });
    for (const [id, headers] of [
      [farAway.id, employer.key],
      [inactive.id, employer.key],
      [nextCounty.id, officerHere],
    ] as const) {
      const res = await invite(employer.vacancyId, headers, { seekerId: id, message: '欢迎面谈' });
      t.equal(res.statusCode, 404);
      t.same(shape(res.json(), id), shape(unknown.json(), guessed), 'the very answer of an unknown seeker');
    }
    const byKey = await invite(employer.vacancyId, employer.key, { seekerId: nextCounty.id, message: '欢迎面谈' });
    t.equal(byKey.statusCode, 201, 'the employer’s own key reaches the candidate in the next county');
    t.equal((await db.db.select().from(invitations).where(eq(invitations.employerId, employer.id))).length, 1);
  });

  await t.test('staff of the region invite for the employer and see the candidate’s name', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const seeker = await candidate('吴德芳');
    const res = await invite(employer.vacancyId, officerHere, { seekerId: seeker.id, message: '请来面谈' });
    t.equal(res.statusCode, 201, res.body);
    t.match(res.json(), { seeker: { name: '吴德芳' }, contact: null });
    const [row] = await db.db.select().from(invitations).where(eq(invitations.id, res.json().id));
    t.equal(row?.sentBy, 'staff:luxi-desk');
    const elsewhere = await staffAuth({ staffId: 'yunxi', role: 'officer', regionCode: '420322' });
    const refused = await invite(employer.vacancyId, elsewhere, { seekerId: seeker.id, message: '请来面谈' });
    t.equal(refused.statusCode, 403);
    t.match(refused.json(), { type: /out-of-scope$/ });
  });

  await t.test('the message is one short line of plain text: no link, number, address or markup', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const seeker = await candidate('麻小梅');
    for (const message of [
      '',
      '   ',
      '详情见 https://example.com/job',
      '详情见 www.example.cn',
      '点 jobs.example.top 报名',
      '请致电13907431234',
      '请致电 139-0743-1234',
      '请致电１３９０７４３１２３４',
      '座机 0743 4261234',
      '加QQ 123456789',
      '加微信 zhaopin_hr01',
      '邮箱 hr@example.com',
      '<b>高薪</b>',
      '第一行\n第二行',
      '多'.repeat(101),
    ]) {
      const res = await invite(employer.vacancyId, employer.key, { seekerId: seeker.id, message });
      t.equal(res.statusCode, 400, JSON.stringify(message));
      t.match(res.json(), { errors: [{ in: 'body', field: 'message' }] }, JSON.stringify(message));
    }
    t.equal((await db.db.select().from(invitations).where(eq(invitations.seekerId, seeker.id))).length, 0);
    const fine = await invite(employer.vacancyId, employer.key, {
      seekerId: seeker.id,
      message: '月薪5000元，8小时工作制，2025年起缴社保，欢迎面谈！',
    });
    t.equal(fine.statusCode, 201, 'numbers that are no contact pass');
  });

  await t.test('past the daily cap the employer waits for tomorrow, whoever sends for it', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const people = [];
    for (const name of ['甲一', '乙二', '丙三', '丁四']) people.push(await candidate(name));
    for (const [i, p] of people.slice(0, 3).entries()) {
      const res = await invite(employer.vacancyId, i === 0 ? officerHere : employer.key, {
        seekerId: p.id,
        message: '欢迎面谈',
      });
      t.equal(res.statusCode, 201);
    }
    const over = await invite(employer.vacancyId, employer.key, { seekerId: people[3]?.id, message: '欢迎面谈' });
    t.equal(over.statusCode, 429);
    t.match(over.json(), { type: /invitation-cap$/ });
    const wait = Number(over.headers['retry-after']);
    t.ok(wait > 0 && wait <= 86_400, `Retry-After until Beijing midnight (${wait} s)`);
    t.equal((await db.db.select().from(invitations).where(eq(invitations.employerId, employer.id))).length, 3);
    const other = await addEmployer(db, COUNTY);
    t.equal(
      (await invite(other.vacancyId, other.key, { seekerId: people[3]?.id, message: '欢迎面谈' })).statusCode,
      201,
      'the cap is each employer’s own',
    );
  });

  await t.test('a blacklisted employer cannot invite; nor can anyone to a closed vacancy', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const seeker = await candidate('欧阳芳');
    await db.db.update(vacancies).set({ status: 'closed' }).where(eq(vacancies.id, employer.vacancyId));
    const closed = await invite(employer.vacancyId, employer.key, { seekerId: seeker.id, message: '欢迎面谈' });
    t.equal(closed.statusCode, 409);
    t.match(closed.json(), { type: /vacancy-not-open$/ });
    await db.db.update(vacancies).set({ status: 'open' }).where(eq(vacancies.id, employer.vacancyId));
    await db.db.update(employers).set({ blacklisted: true }).where(eq(employers.id, employer.id));
    const listed = await invite(employer.vacancyId, officerHere, { seekerId: seeker.id, message: '欢迎面谈' });
    t.equal(listed.statusCode, 403);
    t.match(listed.json(), { type: /employer-blacklisted$/ });
    t.equal((await db.db.select().from(invitations).where(eq(invitations.employerId, employer.id))).length, 0);
  });

  await t.test('the list pages newest first with a cursor', async (t) => {
    const employer = await addEmployer(db, COUNTY);
    const sent: string[] = [];
    for (const name of ['页一', '页二', '页三']) {
      const s = await candidate(name);
      sent.push((await invite(employer.vacancyId, employer.key, { seekerId: s.id, message: '欢迎面谈' })).json().id);
    }
    const first = (await list(employer.vacancyId, employer.key, '?limit=2')).json();
    t.same(
      first.items.map((i: { id: string }) => i.id),
      [sent[2], sent[1]],
    );
    const second = (await list(employer.vacancyId, employer.key, `?limit=2&cursor=${first.nextCursor}`)).json();
    t.same(
      second.items.map((i: { id: string }) => i.id),
      [sent[0]],
    );
    t.equal(second.nextCursor, null);
    t.equal((await list(employer.vacancyId, employer.key, '?cursor=nonsense')).statusCode, 400);
  });

  t.test('no phone or ID number reached the log', async (t) => {
    const lines = logLines().join('\n');
    t.ok(lines.length > 0, 'the log was captured');
    for (const secret of [...phones, ...idNumbers]) t.notOk(lines.includes(secret), 'not logged');
  });
});
