import { residentIdCheckChar } from '@duijie/contracts';
import { auditLog, outboxEvents } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { intakeApp } from '../../testing.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;
const idNumber = idOf('42032219880415231');
const phone = '13972800001';

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = intakeApp(t, db);
  // 郧西县's officer registers its people; a 竹山县 officer and a 湖北 admin look on.
  const yunxi = await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: '420322' });
  const zhushan = await staffAuth({ staffId: 'zhushan-officer', role: 'officer', regionCode: '420323' });
  const hubei = await staffAuth({ staffId: 'hubei-admin', role: 'admin', regionCode: '420000' });
  const register = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', headers: yunxi, url: '/v1/seekers', payload });
  const person = {
    name: '王某',
    idNumber,
    phone,
    residenceRegionCode: '420322101201',
    priorityGroups: ['registered_poor'],
    skills: [{ name: '電焊', years: 6 }],
    certificates: ['cert.welding'],
    trainingNeeds: ['叉车'],
    demand: { regionScope: 'county', acceptedRegions: ['440000'], expectedWage: { min: 250, unit: 'day' } },
  };

  t.test('a seeker is registered with the 六清 fields, personal data masked', async (t) => {
    const res = await register(person);
    t.equal(res.statusCode, 201, res.body);
    const s = res.json();
    t.match(s, {
      id: /^skr_/,
      existing: false,
      idNumber: `4203**********${idNumber.slice(-4)}`,
      phone: '139****0001',
      birthDate: '1988-04-15',
      gender: 'male',
      residenceRegionCode: '420322101201',
      employmentStatus: 'unemployed',
      outcome: { status: 'pending' },
      version: 1,
    });
    t.same(s.skills, [{ code: 'skill.welding', name: '电焊', years: 6 }]);
    const [event] = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, s.id));
    t.match(event, { type: 'seeker.registered' });
    t.notMatch(JSON.stringify(event?.payload), idNumber, 'no personal data in the event');
  });

  t.test('registering the same ID number again updates the record and says so', async (t) => {
    const res = await register({ ...person, phone: '13972800002', employmentStatus: 'in_training' });
    t.equal(res.statusCode, 200);
    t.match(res.json(), { existing: true, version: 2, phone: '139****0002', employmentStatus: 'in_training' });
    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, res.json().id));
    t.same(
      events.map((e) => e.type),
      ['seeker.registered', 'seeker.updated'],
    );
  });

  t.test('a wrong check digit or an unknown residence is refused, naming the field', async (t) => {
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const res = await register({ ...person, idNumber: wrong });
    t.equal(res.statusCode, 400);
    t.match(res.json().errors, [{ field: 'idNumber', message: '校验码不符' }]);
    const inEnglish = await app.inject({
      method: 'POST',
      headers: { ...yunxi, 'accept-language': 'en' },
      url: '/v1/seekers',
      payload: { ...person, idNumber: wrong },
    });
    t.match(inEnglish.json().errors, [{ field: 'idNumber', message: /check digit/ }]);
    const nowhere = await register({ ...person, idNumber: idOf('42032219900101001'), residenceRegionCode: '999999' });
    t.equal(nowhere.statusCode, 422);
    t.match(nowhere.json().errors, [{ field: 'residenceRegionCode' }]);
  });

  t.test('a change with a stale version is refused', async (t) => {
    const created = (await register({ ...person, idNumber: idOf('42032219950220002') })).json();
    const ok = await app.inject({
      method: 'PATCH',
      url: `/v1/seekers/${created.id}`,
      headers: yunxi,
      payload: { version: 1, outcome: { status: 'placed', since: '2026-11-20' } },
    });
    t.equal(ok.statusCode, 200, ok.body);
    t.match(ok.json(), { version: 2, outcome: { status: 'placed' } });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/v1/seekers/${created.id}`,
      headers: yunxi,
      payload: { version: 1, monitored: true },
    });
    t.equal(stale.statusCode, 409);
  });

  t.test('the ID number and phone never appear unmasked in a response or a log line', async (t) => {
    const created = (await register(person)).json();
    const read = await app.inject({ url: `/v1/seekers/${created.id}`, headers: yunxi });
    t.notMatch(read.body, idNumber);
    t.notMatch(read.body, '13972800002');
    const all = logLines().join('\n');
    t.notMatch(all, idNumber);
    t.notMatch(all, phone);
  });

  t.test('an officer of another county gets 404 and never the data; the province yunxi sees it', async (t) => {
    const created = (await register({ ...person, idNumber: idOf('42032219800101003') })).json();
    const url = `/v1/seekers/${created.id}`;
    for (const [what, res] of [
      ['read', await app.inject({ url, headers: zhushan })],
      ['personal data', await app.inject({ url: `${url}/personal-data`, headers: zhushan })],
      [
        'change',
        await app.inject({ method: 'PATCH', url, headers: zhushan, payload: { version: 1, monitored: true } }),
      ],
    ] as const) {
      t.equal(res.statusCode, 404, `${what}: 404`);
      t.notMatch(res.body, '王某', `${what}: no data`);
    }
    t.equal((await app.inject({ url, headers: hubei })).statusCode, 200);
    t.equal((await app.inject(url)).statusCode, 401, 'nobody without a token');
    const list = (await app.inject({ url: '/v1/seekers?limit=200', headers: zhushan })).json();
    t.equal(list.items.length, 0, '竹山 lists none of 郧西’s seekers');
    const wider = await app.inject({ url: '/v1/seekers?regionCode=420000', headers: zhushan });
    t.equal(wider.statusCode, 403, 'nor asks for the province');
    const provincial = (await app.inject({ url: '/v1/seekers?regionCode=420322', headers: hubei })).json();
    t.ok(provincial.items.some((s: { id: string }) => s.id === created.id));
  });

  t.test('an officer registers only in their county, and cannot take over another county’s person', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/seekers',
      headers: zhushan,
      payload: { ...person, idNumber: idOf('42032319800101004'), residenceRegionCode: '420322' },
    });
    t.equal(res.statusCode, 403);
    t.match(res.json(), { type: /out-of-scope$/ });
    const movedHere = await app.inject({
      method: 'POST',
      url: '/v1/seekers',
      headers: zhushan,
      payload: { ...person, residenceRegionCode: '420323' },
    });
    t.equal(movedHere.statusCode, 403, 'the person is on 郧西’s list');
    t.match(movedHere.json(), { type: /registered-elsewhere$/ });
    t.notMatch(movedHere.body, idNumber.slice(4, 14));
    t.notMatch(movedHere.body, /skr_|420322/, 'neither the record nor its region');
    const refusals = await db.db.select().from(auditLog).where(eq(auditLog.action, 'seeker.registration.refused'));
    t.match(refusals, [{ actor: 'staff:zhushan-officer', subjectType: 'seeker', subjectId: /^skr_/, requestId: /.+/ }]);
    t.notMatch(JSON.stringify(refusals), idNumber, 'the trail holds who asked about which record, not the number');
  });

  t.test('reading the unmasked ID number is audited with who read it', async (t) => {
    const created = (await register(person)).json();
    const res = await app.inject({ url: `/v1/seekers/${created.id}/personal-data`, headers: yunxi });
    t.equal(res.statusCode, 200);
    t.same(res.json(), { seekerId: created.id, idNumber, phone });
    t.equal(res.headers['cache-control'], 'no-store');
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, created.id), eq(auditLog.action, 'seeker.personal-data.read')));
    t.match(audit, [{ action: 'seeker.personal-data.read', actor: 'staff:yunxi-officer', requestId: /.+/ }]);
    t.notMatch(JSON.stringify(audit), idNumber, 'the audit entry names the fields, not the data');
    t.notMatch(logLines().join('\n'), idNumber, 'and the number is not logged');
  });

  t.test('a seeker registers themselves without credentials, but cannot overwrite a record', async (t) => {
    const self = { ...person, idNumber: idOf('42032219990909005'), phone: '13972800009' };
    const res = await app.inject({ method: 'POST', url: '/v1/seekers', payload: self });
    t.equal(res.statusCode, 201);
    t.match(res.json(), { registeredBy: 'self', idNumber: /\*{10}/ });
    const again = await app.inject({ method: 'POST', url: '/v1/seekers', payload: { ...self, phone: '13900000000' } });
    t.equal(again.statusCode, 409);
    t.match(again.json(), { type: /already-registered$/ });
    t.notMatch(again.body, '1397280', 'no data of the existing record');
  });
});
