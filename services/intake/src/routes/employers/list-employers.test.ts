import { creditCodeCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

const credit = (stem: string) => `${stem}${creditCodeCheckChar(stem)}`;

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const nationwide = await staffAuth();
  const xiangxi = await staffAuth({ regionCode: '433100' });
  const fenghuangOfficer = await staffAuth({ regionCode: '433123' });
  const luxiOfficer = await staffAuth({ regionCode: '433122' });
  const list = async (query: Record<string, string>, headers: Record<string, string> = xiangxi) => {
    const res = await app.inject({ method: 'GET', url: '/v1/employers', query, headers });
    return { status: res.statusCode, body: res.json(), text: res.body };
  };
  // Sorted by code unit: full-width letters come after the CJK characters.
  const names = (body: { items: { name: string }[] }) => body.items.map((e) => e.name).sort();

  const fenghuang = await registerEmployer(app, {
    name: 'ＡＢＣ凤凰制衣厂',
    creditStem: '91433123MA4P00001',
    regionCode: '433123',
  });
  const workshop = await registerEmployer(app, {
    name: '凤凰县扶贫车间',
    kind: 'community_factory',
    creditStem: '91433123MA4P00002',
    regionCode: '433123001000',
  });
  const luxi = await registerEmployer(app, {
    name: '泸溪abc建材',
    creditStem: '91433122MA4P00003',
    regionCode: '433122',
  });
  // With contacts' phones, which a list must mask as a single read does.
  const withPhone = await app.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: nationwide,
    payload: {
      name: '吉首100%劳务公司',
      kind: 'labor_agency',
      creditCode: credit('91433101MA4P00004'),
      region: '吉首市',
      contacts: [{ name: '王经理', phone: '13812345678' }],
    },
  });
  t.equal(withPhone.statusCode, 201, 'registered by place name');
  t.equal(withPhone.json().regionCode, '433101');
  const blacklisted = withPhone.json().id as string;
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/v1/employers/${blacklisted}/blacklist`,
        headers: nationwide,
        payload: { reason: '拖欠工资 湘西劳监〔2026〕1号', version: 1 },
      })
    ).statusCode,
    200,
  );

  t.test('name: a part of it, full-width and half-width and case alike, wildcards as typed', async (t) => {
    t.same(names((await list({ name: 'abc' })).body), ['泸溪abc建材', 'ＡＢＣ凤凰制衣厂']);
    t.same(names((await list({ name: 'ＡＢＣ' })).body), ['泸溪abc建材', 'ＡＢＣ凤凰制衣厂']);
    t.same(names((await list({ name: '鳳凰' })).body), ['凤凰县扶贫车间', 'ＡＢＣ凤凰制衣厂'], 'traditional typed');
    t.same(names((await list({ name: '100%' })).body), ['吉首100%劳务公司']);
    t.same(names((await list({ name: '%' })).body), ['吉首100%劳务公司'], '% is a character, not "anything"');
  });

  t.test('credit code, kind, blacklisted', async (t) => {
    t.same(names((await list({ creditCode: credit('91433122MA4P00003') })).body), ['泸溪abc建材']);
    t.same(names((await list({ kind: 'community_factory' })).body), ['凤凰县扶贫车间']);
    t.same(names((await list({ blacklisted: 'true' })).body), ['吉首100%劳务公司']);
    t.equal((await list({ blacklisted: 'false' })).body.items.length, 3);
  });

  t.test('region by code or by name covers its subregions; ambiguous and unknown names list candidates', async (t) => {
    const byName = await list({ region: '湘西州凤凰县' });
    t.same(names(byName.body), ['凤凰县扶贫车间', 'ＡＢＣ凤凰制衣厂'], 'the township employer too');
    t.same(names((await list({ regionCode: '433123' })).body), names(byName.body));
    t.same(names((await list({ region: '433123' })).body), names(byName.body), 'a code in the name field');
    const ambiguous = await list({ region: '朝阳区' }, nationwide);
    t.match(ambiguous, {
      status: 422,
      body: {
        errors: [{ in: 'querystring', field: 'region' }],
        candidates: [{ code: '110105' }, { code: '220104' }],
      },
    });
    t.match(await list({ region: '火星市' }), { status: 422, body: { errors: [{ field: 'region' }] } });
    t.match(await list({ regionCode: '999999' }), { status: 422, body: { errors: [{ field: 'regionCode' }] } });
  });

  t.test('scope: an officer of another county sees nothing of ours, and a region outside is 403', async (t) => {
    const seen = await list({}, luxiOfficer);
    t.same(names(seen.body), ['泸溪abc建材']);
    t.equal((await list({ name: '凤凰' }, luxiOfficer)).body.items.length, 0);
    t.match(await list({ region: '凤凰县' }, luxiOfficer), { status: 403, body: { type: /out-of-scope/ } });
    t.same(names((await list({}, fenghuangOfficer)).body), ['凤凰县扶贫车间', 'ＡＢＣ凤凰制衣厂']);
    t.equal((await list({}, {})).status, 401, 'anonymous');
  });

  t.test('an employer key lists its own employer only', async (t) => {
    const created = await app.inject({
      method: 'POST',
      url: `/v1/employers/${workshop}/api-keys`,
      headers: nationwide,
      payload: { name: '车间系统' },
    });
    const key = { authorization: `Bearer ${created.json().key}` };
    t.same(
      (await list({}, key)).body.items.map((e: { id: string }) => e.id),
      [workshop],
    );
    t.same((await list({ name: '泸溪' }, key)).body.items, [], 'another employer is not found through it');
    t.same((await list({ region: '泸溪县' }, key)).body.items, []);
  });

  t.test('no phone in a list: contacts masked', async (t) => {
    const all = await list({}, nationwide);
    t.notMatch(all.text, /13812345678/);
    t.match(all.text, /138\*{4}5678/);
  });

  t.test('paging: every employer once, newest first; a bad cursor is 400', async (t) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
        { limit: '1', ...(cursor ? { cursor } : {}) },
        nationwide,
      );
      t.ok(page.body.items.length <= 1);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    t.same(seen, [blacklisted, luxi, workshop, fenghuang]);
    t.match(await list({ cursor: 'not-a-cursor' }), { status: 400, body: { errors: [{ field: 'cursor' }] } });
  });
});
