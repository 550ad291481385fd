// Intents as the staff of a county and an employer would look for them: each sees its own,
// an officer elsewhere nothing of ours, and no one a name, ID number or phone.
import { fairs, intents, livestreams, livestreamViewers, newId } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, addSeeker, idNumberOf, matchingApp } from '../../testing.ts';

const starts = new Date('2026-11-23T01:00:00Z');
const ends = new Date('2026-11-23T05:00:00Z');

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const luxiOfficer = await staffAuth({ regionCode: '433122' });
  const fenghuangOfficer = await staffAuth({ regionCode: '433123' });
  const yunxiOfficer = await staffAuth({ regionCode: '420322' });
  const list = async (query: Record<string, string>, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url: '/v1/intents', query, headers });
    return { status: res.statusCode, body: res.json(), text: res.body };
  };
  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  const luxiSeeker = await addSeeker(db, {
    name: '田秀英',
    idNumber: idNumberOf('433122', '19900315', 1),
    phone: '13600102001',
    residenceRegionCode: '433122',
  });
  const fenghuangSeeker = await addSeeker(db, {
    name: '龙小妹',
    idNumber: idNumberOf('433123', '19920101', 2),
    phone: '13600102002',
    residenceRegionCode: '433123',
  });
  const luxiEmployer = await addEmployer(db, '433122');
  const yunxiEmployer = await addEmployer(db, '420322');
  const fair = newId('fai');
  const yunxiFair = newId('fai');
  const stream = newId('liv');
  await db.db.insert(fairs).values([
    {
      id: fair,
      name: '泸溪县春风行动',
      kind: 'on_site',
      venueRegionCode: '433122',
      startsAt: starts,
      endsAt: ends,
      createdBy: 't',
    },
    {
      id: yunxiFair,
      name: '郧西县劳务协作',
      kind: 'labor_cooperation',
      venueRegionCode: '420322',
      startsAt: starts,
      endsAt: ends,
      createdBy: 't',
    },
  ]);
  await db.db.insert(livestreams).values({
    id: stream,
    title: '凤凰直播带岗',
    host: '主播',
    platform: 'douyin',
    regionCode: '433123',
    startsAt: starts,
    endsAt: ends,
    createdBy: 't',
  });
  const viewer = newId('vwr');
  await db.db
    .insert(livestreamViewers)
    .values({ id: viewer, livestreamId: stream, platformUserId: 'dy-1', regionCode: '433123' });
  const intent = async (contextId: string, personId: string, employer: { id: string; vacancyId: string }) => {
    const id = newId('int');
    await db.db
      .insert(intents)
      .values({ id, contextId, personId, vacancyId: employer.vacancyId, employerId: employer.id, recordedBy: 't' });
    return id;
  };
  // At the 泸溪 fair: a 泸溪 seeker and a 凤凰 one; at the 郧西 fair (elsewhere): the 泸溪 seeker,
  // with the 郧西 employer; at the 凤凰 livestream: a viewer, for the 泸溪 employer.
  const atFairLocal = await intent(fair, luxiSeeker.id, luxiEmployer);
  const atFairVisitor = await intent(fair, fenghuangSeeker.id, luxiEmployer);
  const atYunxi = await intent(yunxiFair, luxiSeeker.id, yunxiEmployer);
  const atStream = await intent(stream, viewer, luxiEmployer);

  t.test('staff: the intents of their fairs and livestreams, and of the people living in their region', async (t) => {
    t.same(
      ids((await list({}, luxiOfficer)).body),
      [atYunxi, atFairVisitor, atFairLocal],
      'not the 凤凰 stream’s viewer',
    );
    t.same(ids((await list({}, fenghuangOfficer)).body), [atStream, atFairVisitor]);
    t.same(ids((await list({}, yunxiOfficer)).body), [atYunxi], 'their fair, none of our other records');
    t.same((await list({ fairId: fair }, yunxiOfficer)).body.items, [], 'another county’s fair: nothing');
    t.match(await list({ regionCode: '433122' }, yunxiOfficer), { status: 403, body: { type: /out-of-scope/ } });
    t.match(await list({ region: '泸溪县' }, fenghuangOfficer), { status: 403 });
    t.equal((await list({}, {})).status, 401);
  });

  t.test('filters: fair, livestream, vacancy, employer, region by name', async (t) => {
    const xiangxi = await staffAuth({ regionCode: '433100' });
    t.same(ids((await list({ fairId: fair }, xiangxi)).body), [atFairVisitor, atFairLocal]);
    t.same(ids((await list({ livestreamId: stream }, xiangxi)).body), [atStream]);
    t.match((await list({ livestreamId: stream }, xiangxi)).body.items[0], {
      context: 'livestream',
      personKind: 'viewer',
      personId: viewer,
    });
    t.same(ids((await list({ vacancyId: yunxiEmployer.vacancyId }, xiangxi)).body), [atYunxi]);
    t.same(ids((await list({ employerId: luxiEmployer.id }, xiangxi)).body), [atStream, atFairVisitor, atFairLocal]);
    t.same(ids((await list({ region: '凤凰县' }, xiangxi)).body), [atStream, atFairVisitor]);
    t.match(await list({ region: '朝阳区' }, xiangxi), { status: 422, body: { candidates: [{}, {}] } });
  });

  t.test('an employer key: the intents on its own vacancies, wherever they were reached', async (t) => {
    t.same(ids((await list({}, luxiEmployer.key)).body), [atStream, atFairVisitor, atFairLocal]);
    t.same(ids((await list({ vacancyId: luxiEmployer.vacancyId }, luxiEmployer.key)).body), [
      atStream,
      atFairVisitor,
      atFairLocal,
    ]);
    t.same(ids((await list({}, yunxiEmployer.key)).body), [atYunxi]);
    t.match(await list({ employerId: luxiEmployer.id }, yunxiEmployer.key), {
      status: 403,
      body: { type: /not-your-employer/ },
    });
    t.match(await list({ vacancyId: luxiEmployer.vacancyId }, yunxiEmployer.key), { status: 403 });
  });

  t.test('no name, ID number or phone in any list', async (t) => {
    const xiangxi = await staffAuth({ regionCode: '000000' });
    for (const headers of [xiangxi, luxiEmployer.key]) {
      const { text } = await list({}, headers);
      for (const s of [luxiSeeker, fenghuangSeeker]) {
        t.notOk(text.includes(s.idNumber), 'no ID number');
        t.notOk(text.includes(s.phone ?? '-'), 'no phone');
        t.notOk(text.includes(s.name), 'no name');
      }
    }
  });

  t.test('paging: each intent once, newest first; a bad cursor is 400', async (t) => {
    const everyone = await staffAuth({ regionCode: '000000' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
        { limit: '1', ...(cursor ? { cursor } : {}) },
        everyone,
      );
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    t.same(seen, [atStream, atYunxi, atFairVisitor, atFairLocal]);
    t.match(await list({ cursor: 'x' }, everyone), { status: 400, body: { errors: [{ field: 'cursor' }] } });
  });
});
