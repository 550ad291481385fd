// The codes the API wants (skill.welding, cert.welding, 433123), found by what a bureau officer
// or an employer's developer types, as autocomplete would ask for them.
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  const admin = await staffAuth();
  const get = (url: string, headers: Record<string, string> = admin) => app.inject({ method: 'GET', url, headers });
  const q = (text: string) => encodeURIComponent(text);

  t.test('焊 finds the welding trades, each with the certificate the law requires', async (t) => {
    const res = await get(`/v1/vocabularies/skills?q=${q('焊')}&limit=20`);
    t.equal(res.statusCode, 200, res.body);
    const items: { code: string; name: string; certificate: { code: string } | null; matchedBy: string }[] =
      res.json().items;
    const names = items.map((i) => i.name);
    for (const name of ['电焊', '二保焊', '氩弧焊']) t.ok(names.includes(name), `${name} is found`);
    t.match(
      items.find((i) => i.name === '电焊'),
      {
        code: 'skill.welding',
        certificate: { code: 'cert.welding', name: '特种作业操作证（焊接与热切割作业）' },
        family: { code: 'family.metalwork' },
      },
    );
    t.ok(
      items.every((i) => i.matchedBy.includes('焊')),
      'each says the word that matched',
    );
  });

  t.test('traditional characters, English and codes find the same trade', async (t) => {
    const traditional = await get(`/v1/vocabularies/skills?q=${q('電焊')}`);
    t.equal(traditional.statusCode, 200, traditional.body);
    t.match(traditional.json().items[0], { code: 'skill.welding', name: '电焊', matchedBy: '电焊' });
    const english = await get('/v1/vocabularies/skills?q=TIG');
    t.match(english.json().items[0], { code: 'skill.tig-welding' });
    const code = await get('/v1/vocabularies/skills?q=skill.co2');
    t.match(code.json().items[0], { code: 'skill.co2-welding', matchedBy: 'skill.co2-welding' });
  });

  t.test('pinyin initials, as typed on a phone: dh is 电焊, cq is 重庆, from their start only', async (t) => {
    const welding = await get('/v1/vocabularies/skills?q=dh&limit=20');
    t.equal(welding.statusCode, 200, welding.body);
    const items: { code: string; matchedBy: string }[] = welding.json().items;
    t.ok(
      items.some((i) => i.code === 'skill.welding' && i.matchedBy === '电焊'),
      '电焊, saying the word whose initials matched',
    );
    const forklift = await get('/v1/vocabularies/skills?q=ccsj');
    t.match(forklift.json().items[0], { matchedBy: '叉车司机' });
    const certificate = await get('/v1/vocabularies/certificates?q=hgz');
    t.match(certificate.json().items[0], { code: 'cert.welding', matchedBy: '焊工证' });
    // A character of two sounds read as the word has it: 重 of 重庆 is chóng, 长 of 长沙 cháng.
    const chongqing = await get('/v1/vocabularies/places?q=cqs');
    t.ok(
      chongqing.json().items.some((i: { name: string }) => i.name === '重庆市'),
      JSON.stringify(chongqing.json().items.map((i: { name: string }) => i.name)),
    );
    const fenghuang = await get('/v1/vocabularies/places?q=fhx&limit=20');
    t.ok(
      fenghuang.json().items.some((i: { code: string }) => i.code === '433123'),
      '凤凰县 among the fhx',
    );
    const inside = await get('/v1/vocabularies/skills?q=hg&limit=50');
    t.notOk(
      inside.json().items.some((i: { matchedBy: string }) => i.matchedBy === '电焊工'),
      'initials fit from their start: hg is not inside dhg',
    );
  });

  t.test('焊工证 finds cert.welding; a name with its wrapping too', async (t) => {
    const res = await get(`/v1/vocabularies/certificates?q=${q('焊工证')}`);
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json().items[0], { code: 'cert.welding', matchedBy: '焊工证', basis: /特种作业人员/ });
    const wrapped = await get(`/v1/vocabularies/certificates?q=${q('焊接与热切割作业证')}`);
    t.match(wrapped.json().items[0], { code: 'cert.welding' });
  });

  t.test('凤凰县 is 433123, with its path', async (t) => {
    const res = await get(`/v1/vocabularies/places?q=${q('凤凰县')}`);
    t.equal(res.statusCode, 200, res.body);
    t.equal(res.json().code, '433123');
    t.equal(res.json().ambiguous, false);
    t.match(res.json().items[0], {
      code: '433123',
      name: '凤凰县',
      level: 'county',
      path: '湖南省湘西土家族苗族自治州凤凰县',
    });
  });

  t.test('an ambiguous name lists every place it could be, each with its path', async (t) => {
    const res = await get(`/v1/vocabularies/places?q=${q('新华区')}`);
    t.equal(res.statusCode, 200, res.body);
    t.equal(res.json().code, null);
    t.equal(res.json().ambiguous, true);
    t.same(
      res
        .json()
        .items.slice(0, 3)
        .map((i: { code: string; path: string }) => [i.code, i.path]),
      [
        ['130105', '河北省石家庄市新华区'],
        ['130902', '河北省沧州市新华区'],
        ['410402', '河南省平顶山市新华区'],
      ],
    );
    const narrowed = await get(`/v1/vocabularies/places?q=${q('河南新华区')}`);
    t.equal(narrowed.json().code, '410402', 'a path narrows it to one');
  });

  t.test('limit is honoured', async (t) => {
    const one = await get(`/v1/vocabularies/skills?q=${q('焊')}&limit=1`);
    t.equal(one.json().items.length, 1);
    const places = await get(`/v1/vocabularies/places?q=${q('区')}&limit=50`);
    t.equal(places.json().items.length, 50);
    const fallback = await get(`/v1/vocabularies/places?q=${q('区')}`);
    t.equal(fallback.json().items.length, 20, 'default 20');
  });

  t.test('bad input is a 400 naming the field', async (t) => {
    for (const [url, field] of [
      [`/v1/vocabularies/skills?q=${q('焊')}&limit=0`, 'limit'],
      [`/v1/vocabularies/places?q=${q('焊')}&limit=51`, 'limit'],
      [`/v1/vocabularies/certificates?q=${'x'.repeat(51)}`, 'q'],
      ['/v1/vocabularies/skills', 'q'],
    ] as const) {
      const res = await get(url);
      t.equal(res.statusCode, 400, url);
      t.match(res.headers['content-type'], /problem\+json/);
      t.match(res.json().errors, [{ in: 'querystring', field }], url);
    }
  });

  t.test('an employer’s API key reads them; no credentials is 401', async (t) => {
    const employerId = await registerEmployer(app, {
      name: '泸溪某钢构厂',
      creditStem: '91433122MA4P00078',
      regionCode: '433122',
    });
    const created = await app.inject({
      method: 'POST',
      url: `/v1/employers/${employerId}/api-keys`,
      headers: admin,
      payload: { name: '招聘系统' },
    });
    t.equal(created.statusCode, 201, created.body);
    const key = { authorization: `Bearer ${created.json().key}` };
    for (const url of [
      `/v1/vocabularies/skills?q=${q('焊')}`,
      `/v1/vocabularies/certificates?q=${q('焊工证')}`,
      `/v1/vocabularies/places?q=${q('凤凰县')}`,
    ]) {
      t.equal((await get(url, key)).statusCode, 200, `${url} with the employer’s key`);
      const anonymous = await get(url, {});
      t.equal(anonymous.statusCode, 401, `${url} without credentials`);
    }
  });
});
