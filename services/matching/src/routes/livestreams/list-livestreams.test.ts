// Staff find the sessions of their region: by window, place (code or name) and status, a page
// at a time; nothing of another region shows, and asking for one is refused.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { addEmployer, matchingApp } from '../../testing.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db, { clock: () => NOW });
  const xiangxi = await staffAuth({ staffId: 'xiangxi-desk', role: 'officer', regionCode: '433100' });
  const luxi = await staffAuth({ staffId: 'luxi-desk', role: 'officer', regionCode: '433122' });
  const yunxi = await staffAuth({ staffId: 'yunxi-desk', role: 'officer', regionCode: '420322' });
  const schedule = async (headers: object, title: string, regionCode: string, from: number, to: number) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/livestreams',
      headers: headers as Record<string, string>,
      payload: { title, host: '主播', platform: '抖音', regionCode, startsAt: hours(from), endsAt: hours(to) },
    });
    t.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const ended = await schedule(luxi, '泸溪·已结束', '433122', -30, -28);
  const live = await schedule(luxi, '泸溪·直播中', '433122', -1, 1);
  const upcoming = await schedule(xiangxi, '凤凰·明天', '433123', 20, 22);
  const elsewhere = await schedule(yunxi, '郧西·直播中', '420322', -1, 1);
  const list = async (headers: object, query: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/v1/livestreams', headers: headers as Record<string, string>, query });
  const ids = async (headers: object, query: Record<string, string> = {}) => {
    const res = await list(headers, query);
    t.equal(res.statusCode, 200, res.body);
    return (res.json().items as { id: string }[]).map((l) => l.id);
  };

  t.test('staff see the sessions of their own region, newest first, and nothing else', async (t) => {
    t.same(await ids(xiangxi), [upcoming, live, ended]);
    t.same(await ids(luxi), [live, ended], 'a county sees its own, not the prefecture’s others');
    t.same(await ids(yunxi), [elsewhere]);
    const first = (await list(luxi)).json().items[0];
    t.match(first, { id: live, title: '泸溪·直播中', regionCode: '433122', vacancyIds: [] });
  });

  t.test('a region outside one’s own is refused, by code or by name', async (t) => {
    const asked: Record<string, string>[] = [{ regionCode: '433100' }, { region: '湘西州' }, { regionCode: '420322' }];
    for (const query of asked) {
      const res = await list(luxi, query);
      t.equal(res.statusCode, 403, JSON.stringify(query));
      t.match(res.json(), { type: /out-of-scope$/ });
      t.notOk(res.body.includes(upcoming), 'and nothing of its sessions shows');
    }
  });

  t.test('anonymous callers and employer keys find nothing', async (t) => {
    t.equal((await list({})).statusCode, 401);
    const employer = await addEmployer(db, '433122');
    const res = await list(employer.key);
    t.equal(res.statusCode, 401);
    t.notOk(res.body.includes(live));
  });

  t.test('filters: place by code or by name (traditional characters too), window, status', async (t) => {
    t.same(await ids(xiangxi, { regionCode: '433123' }), [upcoming]);
    t.same(await ids(xiangxi, { region: '鳳凰縣' }), [upcoming], 'a name as people write it');
    t.same(await ids(xiangxi, { region: '泸溪县' }), [live, ended]);
    t.same(await ids(xiangxi, { status: 'live' }), [live]);
    t.same(await ids(xiangxi, { status: 'upcoming' }), [upcoming]);
    t.same(await ids(xiangxi, { status: 'ended' }), [ended]);
    t.same(await ids(xiangxi, { from: hours(-2), to: hours(2) }), [live], 'sessions overlapping the window');
    t.same(await ids(xiangxi, { from: hours(0) }), [upcoming, live], 'still on at or after from');
    t.same(await ids(xiangxi, { to: hours(-29) }), [ended], 'starting at or before to');
    t.same(await ids(xiangxi, { to: '2026-11-22' }), [ended], 'a date alone is that whole day in Beijing');
  });

  t.test('a place that is not one, or could be several, is named in the answer', async (t) => {
    const unknown = await list(xiangxi, { region: '火星县' });
    t.equal(unknown.statusCode, 422);
    t.match(unknown.json(), { type: /unknown-place$/, errors: [{ in: 'querystring', field: 'region' }] });
    const several = await list(xiangxi, { region: '朝阳区' });
    t.equal(several.statusCode, 422);
    t.match(several.json(), { candidates: [{ code: '110105' }, { code: '220104' }] });
    t.equal((await list(xiangxi, { regionCode: '999999' })).statusCode, 422, 'an unknown code');
    t.equal((await list(xiangxi, { status: 'paused' })).statusCode, 400);
    t.equal((await list(xiangxi, { from: 'yesterday' })).statusCode, 400);
  });

  t.test('pages follow each other without gaps or repeats; a made-up cursor is a 400', async (t) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(xiangxi, { limit: '2', ...(cursor ? { cursor } : {}) });
      t.equal(res.statusCode, 200);
      const page = res.json();
      t.ok(page.items.length <= 2);
      seen.push(...page.items.map((l: { id: string }) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    t.same(seen, [upcoming, live, ended]);
    const bad = await list(xiangxi, { cursor: 'bm90LWEtY3Vyc29y' });
    t.equal(bad.statusCode, 400);
    t.match(bad.json(), { type: /bad-cursor$/, errors: [{ field: 'cursor' }] });
  });
});
