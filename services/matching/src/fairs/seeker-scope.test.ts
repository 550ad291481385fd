// A fair's staff reach only the seekers they may see — or those who proved they are there by
// showing their own QR code. Played as the officer of another region would try it.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, addSeeker, idNumberOf, matchingApp } from '../testing.ts';

const window = { startsAt: '2026-11-23T09:00:00+08:00', endsAt: '2026-11-23T13:00:00+08:00' };

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  // 郧西县 (Hubei) runs fairs; the seeker lives in 泸溪县 (Hunan), on that county's list.
  const yunxi = await staffAuth({ staffId: 'yunxi-desk', role: 'officer', regionCode: '420322' });
  const luxi = await staffAuth({ staffId: 'luxi-officer', role: 'officer', regionCode: '433122' });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
  const elsewhere = await addSeeker(db, {
    name: '田秀英',
    idNumber: idNumberOf('433122', '19900315', 1),
    phone: '13600102001',
    residenceRegionCode: '433122',
    priorityGroups: ['registered_poor'],
    demand: { regionScope: 'anywhere' },
  });
  const local = await addSeeker(db, {
    name: '王建国',
    idNumber: idNumberOf('420322', '19880415', 2),
    phone: '13972800001',
    residenceRegionCode: '420322',
  });
  const employer = await addEmployer(db, '420322');
  const fairOf = async (body: object) => {
    const res = await send('POST', '/v1/fairs', yunxi, { name: '郧西县春风行动', ...window, ...body });
    if (res.statusCode !== 201) throw new Error(res.body);
    const fair = res.json() as { id: string };
    const booth = await send('PUT', `/v1/fairs/${fair.id}/booths/${employer.id}`, yunxi, {
      booth: 'A01',
      vacancyIds: [employer.vacancyId],
    });
    if (booth.statusCode !== 200) throw new Error(booth.body);
    return fair.id;
  };
  const fairId = await fairOf({ kind: 'on_site', venueRegionCode: '420322' });
  const checkIn = (body: object, headers: object = yunxi, fair = fairId) =>
    send('POST', `/v1/fairs/${fair}/checkins`, headers, body);
  const tells = (body: string) =>
    [elsewhere.id, elsewhere.name, '433122', 'registered_poor'].filter((s) => body.includes(s));

  t.test('by phone or ID number, a seeker of another region is answered as nobody', async (t) => {
    const nobodyByPhone = await checkIn({ phone: '13600109999' });
    const byPhone = await checkIn({ phone: elsewhere.phone });
    t.equal(byPhone.statusCode, nobodyByPhone.statusCode, byPhone.body);
    t.equal(byPhone.json().type, nobodyByPhone.json().type);
    t.same(tells(byPhone.body), [], 'nothing about the person');
    const nobodyById = await checkIn({ idNumber: idNumberOf('433122', '19910101', 9) });
    const byId = await checkIn({ idNumber: elsewhere.idNumber });
    t.equal(byId.statusCode, nobodyById.statusCode, byId.body);
    t.equal(byId.json().type, nobodyById.json().type);
    t.same(tells(byId.body), []);
    const mine = await checkIn({ phone: local.phone });
    t.equal(mine.statusCode, 201, 'a seeker of the desk’s own region checks in');
    t.equal(mine.json().seeker.name, local.name);
  });

  t.test('a walk-in giving an ID number on another region’s list is not checked in as that person', async (t) => {
    const res = await checkIn({
      walkIn: { name: '冒名者', idNumber: elsewhere.idNumber, residenceRegionCode: '420322' },
    });
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `refused: ${res.statusCode}`);
    t.same(tells(res.body), [], 'nothing about the person');
    const slip = await send('GET', `/v1/fairs/${fairId}/checkins/${elsewhere.id}/slip`, await staffAuth());
    t.equal(slip.statusCode, 404, 'not checked in');
  });

  t.test('a walk-in goes on the desk’s own region’s list, as in intake', async (t) => {
    const idNumber = idNumberOf('433122', '19950505', 5);
    const away = await checkIn({ walkIn: { name: '向某', idNumber, residenceRegionCode: '433122' } });
    t.equal(away.statusCode, 403);
    t.match(away.json(), { type: /out-of-scope$/ });
    const home = await checkIn({ walkIn: { name: '向某', idNumber, residenceRegionCode: '420322' } });
    t.equal(home.statusCode, 201, home.body);
    t.match(home.json(), { method: 'walk_in', registered: true, seeker: { residenceRegionCode: '420322' } });
  });

  t.test('a seeker’s QR code and slip only for seekers the staff may see', async (t) => {
    const qr = await send('GET', `/v1/fairs/${fairId}/seekers/${elsewhere.id}/qr?format=text`, yunxi);
    t.equal(qr.statusCode, 404, 'no code to check someone in with');
    t.match(qr.json(), { type: /seeker-not-found$/ });
    const nobody = await send('GET', `/v1/fairs/${fairId}/seekers/skr_${'0'.repeat(32)}/qr`, yunxi);
    t.equal(nobody.statusCode, 404, 'nor for an id that is no one');
    t.equal((await send('GET', `/v1/fairs/${fairId}/seekers/${local.id}/qr?format=text`, yunxi)).statusCode, 200);
    const slip = await send('GET', `/v1/fairs/${fairId}/checkins/${elsewhere.id}/slip`, yunxi);
    t.equal(slip.statusCode, 404);
  });

  t.test('劳务协作: the origin hands out codes, the venue’s desk checks their holders in', async (t) => {
    const coop = await fairOf({ kind: 'labor_cooperation', venueRegionCode: '420322', originRegionCode: '433122' });
    const code = await send('GET', `/v1/fairs/${coop}/seekers/${elsewhere.id}/qr?format=text`, luxi);
    t.equal(code.statusCode, 200, 'the origin’s officer may see the seeker, so issues the code');
    t.equal(
      (await send('GET', `/v1/fairs/${coop}/seekers/${elsewhere.id}/qr?format=text`, yunxi)).statusCode,
      404,
      'the venue’s desk may not, before they arrive',
    );
    const arrived = await checkIn({ qr: code.body }, yunxi, coop);
    t.equal(arrived.statusCode, 201, arrived.body);
    t.match(arrived.json(), { method: 'qr', seeker: { id: elsewhere.id, name: elsewhere.name } });
    // Checked in here, the seeker is the fair's: slip, code and the lists, for this fair only.
    const slip = await send('GET', `/v1/fairs/${coop}/checkins/${elsewhere.id}/slip`, yunxi);
    t.equal(slip.statusCode, 200);
    t.equal((await send('GET', `/v1/fairs/${coop}/seekers/${elsewhere.id}/qr`, yunxi)).statusCode, 200);
    const again = await checkIn({ phone: elsewhere.phone }, yunxi, coop);
    t.equal(again.statusCode, 200, 'found again at this fair');
    t.equal(again.json().existing, true);
    const candidates = await send('GET', `/v1/fairs/${coop}/candidates?employerId=${employer.id}`, yunxi);
    t.same(
      candidates.json().items.map((i: { seeker: { id: string } }) => i.seeker.id),
      [elsewhere.id],
    );
    t.equal((await checkIn({ phone: elsewhere.phone })).statusCode, 422, 'still nobody at the desk’s other fair');
    t.equal(
      (await send('GET', `/v1/fairs/${fairId}/seekers/${elsewhere.id}/qr`, yunxi)).statusCode,
      404,
      'nor a code for it',
    );
  });

  t.test('a code for another fair, or a made-up one, checks no one in', async (t) => {
    const coop = await fairOf({ kind: 'labor_cooperation', venueRegionCode: '420322', originRegionCode: '433122' });
    const code = (await send('GET', `/v1/fairs/${coop}/seekers/${elsewhere.id}/qr?format=text`, luxi)).body;
    t.match((await checkIn({ qr: code })).json(), { status: 422, errors: [{ field: 'qr' }] });
    const forged = code.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA');
    t.match((await checkIn({ qr: forged }, yunxi, coop)).json(), { status: 422, errors: [{ field: 'qr' }] });
  });
});
