// Booths: who may put an employer into a fair, and one employer per booth number.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, matchingApp } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const yunxi = await staffAuth({ staffId: 'yunxi-desk', role: 'officer', regionCode: '420322' });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
  const created = await send('POST', '/v1/fairs', yunxi, {
    name: '郧西县岗位超市',
    kind: 'job_supermarket',
    venueRegionCode: '420322',
    startsAt: '2026-11-23T09:00:00+08:00',
    endsAt: '2026-11-23T13:00:00+08:00',
  });
  const fairId = created.json().id as string;
  const here = await addEmployer(db, '420322101');
  const neighbour = await addEmployer(db, '420322102');
  const elsewhere = await addEmployer(db, '433122');
  const takeBooth = (employer: { id: string; vacancyId: string }, booth: string, headers: object = yunxi) =>
    send('PUT', `/v1/fairs/${fairId}/booths/${employer.id}`, headers, { booth, vacancyIds: [employer.vacancyId] });

  t.test('the fair’s staff place employers of their region; another region’s only through its own key', async (t) => {
    t.equal((await takeBooth(here, 'A01')).statusCode, 200);
    const refused = await takeBooth(elsewhere, 'C01');
    t.equal(refused.statusCode, 403);
    t.match(refused.json(), { type: /out-of-scope$/ });
    const sign = await send('GET', `/v1/fairs/${fairId}/booths/${elsewhere.id}/qr?format=text`, yunxi);
    t.equal(sign.statusCode, 403, 'nor print its sign');
    t.equal((await takeBooth(elsewhere, 'C01', elsewhere.key)).statusCode, 200, 'the employer itself may come');
    t.equal(
      (await send('GET', `/v1/fairs/${fairId}/booths/${elsewhere.id}/qr?format=text`, elsewhere.key)).statusCode,
      200,
    );
    t.equal((await takeBooth(here, 'A09', elsewhere.key)).statusCode, 403, 'but not for another employer');
    const nobody = await send('PUT', `/v1/fairs/${fairId}/booths/emp_${'0'.repeat(32)}`, yunxi, {
      booth: 'Z9',
      vacancyIds: [here.vacancyId],
    });
    t.equal(nobody.statusCode, 404);
    t.equal((await takeBooth(here, 'A01', {})).statusCode, 401);
  });

  t.test('a booth number holds one employer: a second is 409 naming the holder', async (t) => {
    t.equal((await takeBooth(here, 'B07')).statusCode, 200);
    const second = await takeBooth(neighbour, 'B07');
    t.equal(second.statusCode, 409);
    t.match(second.json(), { type: /booth-taken$/, booth: 'B07', holder: here.id, detail: new RegExp(here.id) });
    t.equal((await takeBooth(here, 'B07')).statusCode, 200, 'the holder sends it again');
    t.equal((await takeBooth(here, 'B08')).statusCode, 200, 'the holder moves on');
    t.equal((await takeBooth(neighbour, 'B07')).statusCode, 200, 'and the number is free');
    const booths = (await send('GET', `/v1/fairs/${fairId}/booths`, {})).json().items as {
      employerId: string;
      booth: string;
    }[];
    t.same(
      booths.map((b) => [b.booth, b.employerId]),
      [
        ['B07', neighbour.id],
        ['B08', here.id],
        ['C01', elsewhere.id],
      ],
    );
  });

  t.test('two employers sending one number at once: one holds it', async (t) => {
    const [a, b] = await Promise.all([addEmployer(db, '420322'), addEmployer(db, '420322')]);
    if (!a || !b) throw new Error('no employers');
    const answers = await Promise.all([takeBooth(a, 'D01'), takeBooth(b, 'D01')]);
    t.same(answers.map((r) => r.statusCode).sort(), [200, 409]);
  });
});
