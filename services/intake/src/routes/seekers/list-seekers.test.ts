import { residentIdCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp } from '../../testing.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db);
  // 郧西县's officer finds its people by part of the name; 竹山县's finds none of them.
  const yunxi = await staffAuth({ staffId: 'yunxi-officer', role: 'officer', regionCode: '420322' });
  const zhushan = await staffAuth({ staffId: 'zhushan-officer', role: 'officer', regionCode: '420323' });
  let n = 0;
  for (const name of ['王志强', '王秀英', '李强', '张_三']) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/seekers',
      headers: yunxi,
      payload: { name, idNumber: idOf(`4203221988041500${n++}`), residenceRegionCode: '420322' },
    });
    t.equal(res.statusCode, 201, res.body);
  }
  const names = async (query: Record<string, string>, headers = yunxi) => {
    const res = await app.inject({ method: 'GET', url: '/v1/seekers', query, headers });
    t.equal(res.statusCode, 200, res.body);
    return (res.json().items as { name: string }[]).map((s) => s.name).sort();
  };

  t.test('name: a part of it finds the seekers, traditional characters and wildcards as typed', async (t) => {
    t.same(await names({ name: '强' }), ['李强', '王志强']);
    t.same(await names({ name: '王' }), ['王志强', '王秀英']);
    t.same(await names({ name: '志強' }), ['王志强'], 'traditional typed');
    t.same(await names({ name: '_' }), ['张_三'], '_ is a character, not "any one"');
    t.same(await names({ name: '赵' }), []);
    t.same(await names({ name: '王', limit: '1' }).then((l) => l.length), 1, 'paged as before');
  });

  t.test('only within the caller’s region', async (t) => {
    t.same(await names({ name: '王' }, zhushan), []);
  });

  t.test('an empty name is refused, naming the field', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/seekers', query: { name: ' ' }, headers: yunxi });
    t.equal(res.statusCode, 400);
    t.match(res.json().errors, [{ in: 'querystring', field: 'name' }]);
  });
});
