import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  let now = new Date('2026-12-01T02:00:00Z');
  const { app } = intakeApp(t, db, { clock: () => now });
  const xiangxi = await staffAuth({ regionCode: '433100' });
  const luxiOfficer = await staffAuth({ regionCode: '433122' });
  const fenghuangOfficer = await staffAuth({ regionCode: '433123' });
  const call = async (method: 'GET' | 'POST', url: string, payload?: object, headers = xiangxi) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json(), text: res.body };
  };
  const list = (query: Record<string, string>, headers = xiangxi) =>
    app
      .inject({ method: 'GET', url: '/v1/placements', query, headers })
      .then((res) => ({ status: res.statusCode, body: res.json(), text: res.body }));
  const employer = await registerEmployer(app, {
    name: '吉首制衣厂',
    creditStem: '91433101MA4P00011',
    regionCode: '433101',
  });
  const other = await registerEmployer(app, {
    name: '凤凰建材',
    creditStem: '91433123MA4P00012',
    regionCode: '433123',
  });
  const vacancy = async (employerId: string) =>
    (
      await call('POST', '/v1/vacancies', {
        employerId,
        title: '缝纫工',
        regionCode: '433101',
        headcount: 10,
        wage: { min: 4000, unit: 'month' },
      })
    ).body.id as string;
  const sewing = await vacancy(employer);
  const building = await vacancy(other);
  let n = 0;
  const idNumbers: string[] = [];
  const seeker = async (regionCode: string) => {
    const stem = `${regionCode.slice(0, 6)}19900101${String(200 + n++)}`;
    idNumbers.push(`${stem}${residentIdCheckChar(stem)}`);
    return (
      await call('POST', '/v1/seekers', {
        name: `求职者${n}`,
        idNumber: idNumbers.at(-1),
        phone: `1390000${String(1000 + n)}`,
        residenceRegionCode: regionCode,
      })
    ).body.id as string;
  };
  const place = async (seekerId: string, vacancyId: string, startDate: string) => {
    const res = await call('POST', '/v1/placements', {
      seekerId,
      vacancyId,
      startDate,
      monthlyWage: 4200,
      contractSigned: true,
      socialInsurance: true,
    });
    if (res.status !== 201) throw new Error(res.text);
    return res.body as { id: string; followUps: { id: string; kind: string }[] };
  };
  const luxi1 = await seeker('433122');
  const luxi2 = await seeker('433122001001');
  const fenghuang = await seeker('433123');
  const a = await place(luxi1, sewing, '2026-11-01');
  const b = await place(luxi2, building, '2026-11-20');
  const c = await place(fenghuang, sewing, '2026-12-01');
  // The 72-hour check of the first placement is done: the person left.
  const first72h = a.followUps.find((f) => f.kind === '72h')?.id;
  t.equal(
    (await call('POST', `/v1/follow-ups/${first72h}`, { outcome: 'left', leftReason: 'conditions' })).status,
    200,
  );
  now = new Date('2026-12-02T00:00:00Z');
  const ids = (body: { items: { id: string }[] }) => body.items.map((p) => p.id);

  t.test('filters: seeker, employer, vacancy, start dates, outcome, overdue', async (t) => {
    t.same(ids((await list({ seekerId: luxi2 })).body), [b.id]);
    t.same(ids((await list({ employerId: employer })).body), [c.id, a.id]);
    t.same(ids((await list({ vacancyId: building })).body), [b.id]);
    t.same(ids((await list({ from: '2026-11-15', to: '2026-11-30' })).body), [b.id]);
    t.same(ids((await list({ outcome: 'left' })).body), [a.id]);
    // 2 December: the first's 30-day check and the second's 72-hour one are past due; the third's is to come.
    t.same(ids((await list({ overdue: 'true' })).body), [b.id, a.id]);
    t.same(ids((await list({ overdue: 'false' })).body), [c.id]);
    t.same(ids((await list({ region: '泸溪县' })).body), [b.id, a.id], 'a place name; its villages included');
    const one = (await list({ seekerId: luxi1 })).body.items[0];
    t.match(one, { seekerId: luxi1, vacancyId: sewing, employerId: employer, startDate: '2026-11-01' });
    t.same(
      one.followUps.map((f: { kind: string; outcome: string | null }) => [f.kind, f.outcome]),
      [
        ['72h', 'left'],
        ['30d', null],
        ['90d', null],
      ],
    );
  });

  t.test('scope: another county sees nothing of ours; a region outside is 403', async (t) => {
    t.same(ids((await list({}, fenghuangOfficer)).body), [c.id]);
    t.same((await list({ seekerId: luxi1 }, fenghuangOfficer)).body.items, [], 'a seeker elsewhere, as if absent');
    t.match(await list({ regionCode: '433122' }, fenghuangOfficer), { status: 403, body: { type: /out-of-scope/ } });
    t.match(await list({ region: '泸溪县' }, fenghuangOfficer), { status: 403 });
    t.same(ids((await list({}, luxiOfficer)).body), [b.id, a.id]);
    t.equal((await list({}, {} as typeof xiangxi)).status, 401);
  });

  t.test('no ID number or phone in the list', async (t) => {
    const all = await list({});
    t.equal(all.body.items.length, 3);
    for (const id of idNumbers) t.notOk(all.text.includes(id));
    t.notMatch(all.text, /1390000\d{4}/);
  });

  t.test('paging: each placement once, newest first; a bad cursor is 400', async (t) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await list({
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    t.same(seen, [c.id, b.id, a.id]);
    t.match(await list({ cursor: Buffer.from('emp_x').toString('base64url') }), {
      status: 400,
      body: { errors: [{ field: 'cursor' }] },
    });
  });
});
