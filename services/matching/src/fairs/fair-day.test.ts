// A fair day as the organiser and the employers live it: seekers arrive by phone, ID number,
// QR code or as walk-ins; employers see their live lists (names masked) and record intents;
// the whole fair is assigned within each post's capacity; the figures add up. An officer of
// another county runs none of it.
import { vacancies } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { addEmployer, addSeeker, idNumberOf, matchingApp } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = matchingApp(t, db);
  const luxi = await staffAuth({ staffId: 'luxi-desk', role: 'officer', regionCode: '433122' });
  const yunxi = await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: '420322' });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

  const tailor = await addEmployer(db, '433122', '缝纫工');
  const small = await addEmployer(db, '433122', '缝纫工');
  const absent = await addEmployer(db, '433122', '缝纫工');
  // One open place: the assignment may send it one seeker per `perPost`.
  await db.db.update(vacancies).set({ headcount: 1 }).where(eq(vacancies.id, small.vacancyId));
  const person = (n: number, name: string, phone: string) =>
    addSeeker(db, { name, idNumber: idNumberOf('433122', `1990010${n}`, n), phone, residenceRegionCode: '433122' });
  const byPhone = await person(1, '王建国', '13900000001');
  const byId = await person(2, '李秀兰', '13900000002');
  const byQr = await person(3, '张明', '13900000003');
  const notHere = await person(4, '赵六', '13900000004');
  await person(5, '孙七', '13900000005');
  await person(6, '孙八', '13900000005'); // a shared family phone
  const walkInId = idNumberOf('433122', '19951212', 7);
  const secrets = [byPhone, byId, byQr].flatMap((s) => [s.idNumber, s.phone as string]).concat(walkInId);
  const leaks = (body: string) => secrets.filter((s) => body.includes(s));

  const fairRes = await send('POST', '/v1/fairs', luxi, {
    name: '泸溪县春风行动招聘会',
    kind: 'on_site',
    venueRegionCode: '433122',
    startsAt: '2026-12-01T09:00',
    endsAt: '2026-12-01T13:00',
  });
  const fair = `/v1/fairs/${fairRes.json().id}`;
  for (const [employer, booth] of [
    [tailor, 'A01'],
    [small, 'A02'],
  ] as const) {
    const res = await send('PUT', `${fair}/booths/${employer.id}`, luxi, { booth, vacancyIds: [employer.vacancyId] });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const checkIn = (body: object, headers: object = luxi) => send('POST', `${fair}/checkins`, headers, body);

  t.test('check-in by phone, ID number, QR code and as a walk-in', async (t) => {
    const phone = await checkIn({ phone: byPhone.phone as string });
    t.equal(phone.statusCode, 201, phone.body);
    t.match(phone.json(), { method: 'phone', existing: false, registered: false, seeker: { name: '王建国' } });
    t.same(
      phone
        .json()
        .recommendations.map((r: { booth: string }) => r.booth)
        .sort(),
      ['A01', 'A02'],
    );
    t.equal(phone.json().considered, 2);
    const id = await checkIn({ idNumber: byId.idNumber });
    t.match(id.json(), { method: 'id_number', seeker: { id: byId.id } });
    const code = await send('GET', `${fair}/seekers/${byQr.id}/qr?format=text`, luxi);
    const qr = await checkIn({ qr: code.body });
    t.equal(qr.statusCode, 201, qr.body);
    t.match(qr.json(), { method: 'qr', seeker: { id: byQr.id } });
    const walkIn = await checkIn({ walkIn: { name: '向阳', idNumber: walkInId, residenceRegionCode: '433122' } });
    t.equal(walkIn.statusCode, 201, walkIn.body);
    t.match(walkIn.json(), {
      method: 'walk_in',
      registered: true,
      seeker: { name: '向阳', residenceRegionCode: '433122' },
    });
    for (const res of [phone, id, qr, walkIn]) t.same(leaks(res.body), [], 'no ID number or phone in the answer');
  });

  t.test('arriving again answers the first check-in, however they are found', async (t) => {
    const again = await checkIn({ idNumber: byPhone.idNumber });
    t.equal(again.statusCode, 200);
    t.match(again.json(), { existing: true, method: 'phone', seeker: { id: byPhone.id } });
    const walkInAgain = await checkIn({ walkIn: { name: '向阳', idNumber: walkInId, residenceRegionCode: '433122' } });
    t.equal(walkInAgain.statusCode, 200);
    t.match(walkInAgain.json(), { existing: true, registered: false });
  });

  t.test('no one, a shared phone, an unknown region: refused naming the field', async (t) => {
    t.match((await checkIn({ phone: '13900009999' })).json(), { status: 422, errors: [{ field: 'phone' }] });
    t.match((await checkIn({ phone: '13900000005' })).json(), { status: 409, type: /phone-shared$/ });
    const badRegion = await checkIn({
      walkIn: { name: '某', idNumber: idNumberOf('433122', '19960101', 8), residenceRegionCode: '439999' },
    });
    t.match(badRegion.json(), { status: 422, errors: [{ field: 'walkIn.residenceRegionCode' }] });
    t.match((await checkIn({})).json(), { status: 400, errors: [{ field: 'idNumber' }] });
  });

  t.test('an officer of another county, or an employer, checks no one in', async (t) => {
    const other = await checkIn({ phone: byPhone.phone as string }, yunxi);
    t.equal(other.statusCode, 403);
    t.match(other.json(), { type: /out-of-scope$/ });
    t.same(leaks(other.body), []);
    t.equal((await checkIn({ phone: byPhone.phone as string }, tailor.key)).statusCode, 401);
    t.equal((await send('GET', `${fair}/checkins/${byPhone.id}/slip`, yunxi)).statusCode, 403);
  });

  t.test('the slip prints the surname only, the booths and the code', async (t) => {
    const slip = await send('GET', `${fair}/checkins/${byPhone.id}/slip`, luxi);
    t.equal(slip.statusCode, 200);
    t.match(slip.headers['content-type'], /^text\/html/);
    t.match(slip.body, /王\*\*/);
    t.notMatch(slip.body, /王建国/);
    t.match(slip.body, /A0[12]/);
    t.match(slip.body, /<svg/);
    t.same(leaks(slip.body), []);
    t.equal((await send('GET', `${fair}/checkins/${notHere.id}/slip`, luxi)).statusCode, 404, 'not checked in');
  });

  t.test('an employer’s live list: its own, names masked; the desk sees names', async (t) => {
    const own = await send('GET', `${fair}/candidates`, tailor.key);
    t.equal(own.statusCode, 200, own.body);
    const items = own.json().items as { seeker: { id: string; name: string }; vacancyId: string }[];
    t.equal(own.json().considered, 4);
    t.equal(items.length, 4);
    t.ok(
      items.every((i) => i.vacancyId === tailor.vacancyId),
      'its own vacancy only',
    );
    t.ok(
      items.every((i) => /^.\*+$/.test(i.seeker.name)),
      'surname and stars',
    );
    t.notOk(
      items.some((i) => i.seeker.id === notHere.id),
      'only seekers who came',
    );
    t.same(leaks(own.body), []);
    t.equal((await send('GET', `${fair}/candidates?employerId=${tailor.id}`, small.key)).statusCode, 403);
    const desk = await send('GET', `${fair}/candidates?employerId=${tailor.id}`, luxi);
    t.ok(desk.json().items.some((i: { seeker: { name: string } }) => i.seeker.name === '王建国'));
    t.match((await send('GET', `${fair}/candidates`, luxi)).json(), { status: 400, errors: [{ field: 'employerId' }] });
    t.equal((await send('GET', `${fair}/candidates?employerId=${tailor.id}`, yunxi)).statusCode, 403);
  });

  t.test('the whole fair’s assignment keeps within each post’s capacity', async (t) => {
    const res = await send('GET', `${fair}/assignment?perSeeker=2&perPost=1`, luxi);
    t.equal(res.statusCode, 200, res.body);
    const body = res.json() as {
      seekers: number;
      vacancies: { vacancyId: string; openPlaces: number; capacity: number; seekers: unknown[] }[];
    };
    t.equal(body.seekers, 4);
    const one = body.vacancies.find((v) => v.vacancyId === small.vacancyId);
    t.match(one, { openPlaces: 1, capacity: 1 });
    t.equal(one?.seekers.length, 1, 'one open place, one seeker sent');
    t.equal(body.vacancies.find((v) => v.vacancyId === tailor.vacancyId)?.seekers.length, 4);
    t.equal((await send('GET', `${fair}/assignment`, yunxi)).statusCode, 403);
    t.equal((await send('GET', `${fair}/assignment`, tailor.key)).statusCode, 401);
  });

  t.test('intents: the vacancy’s employer or the desk, for seekers who came', async (t) => {
    const intent = (body: object, headers: object = tailor.key) => send('POST', `${fair}/intents`, headers, body);
    const first = await intent({ seekerId: byPhone.id, vacancyId: tailor.vacancyId });
    t.equal(first.statusCode, 201, first.body);
    t.match(first.json(), { personId: byPhone.id, employerId: tailor.id, existing: false });
    const again = await intent({ seekerId: byPhone.id, vacancyId: tailor.vacancyId });
    t.equal(again.statusCode, 200);
    t.equal(again.json().id, first.json().id, 'the same intent');
    t.equal((await intent({ seekerId: byId.id, vacancyId: tailor.vacancyId }, small.key)).statusCode, 403);
    t.equal((await intent({ seekerId: byId.id, vacancyId: small.vacancyId }, luxi)).statusCode, 201, 'the desk');
    t.equal((await intent({ seekerId: byId.id, vacancyId: small.vacancyId }, yunxi)).statusCode, 403);
    const away = await intent({ seekerId: notHere.id, vacancyId: tailor.vacancyId });
    t.match(away.json(), { status: 422, type: /not-checked-in$/, errors: [{ field: 'seekerId' }] });
    const elsewhere = await intent({ seekerId: byPhone.id, vacancyId: absent.vacancyId }, absent.key);
    t.match(elsewhere.json(), { status: 422, type: /not-at-fair$/, errors: [{ field: 'vacancyId' }] });
    t.match((await intent({ vacancyId: tailor.vacancyId })).json(), { status: 400, errors: [{ field: 'seekerId' }] });
  });

  t.test('the figures add up, and carry no one’s name', async (t) => {
    const stats = await send('GET', `${fair}/stats`, {});
    t.equal(stats.statusCode, 200);
    t.match(stats.json(), {
      employers: 2,
      vacancies: 2,
      posts: 6,
      seekersCheckedIn: 4,
      seekersRegistered: 1,
      intents: 2,
      byOriginRegion: [{ key: '433100', count: 4 }],
    });
    t.notMatch(stats.body, /王|李|张|向阳/);
    t.same(
      logLines().flatMap((l) => leaks(l)),
      [],
      'nor the logs',
    );
  });
});
