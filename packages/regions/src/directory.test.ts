import t from 'tap';
import { RegionDirectory } from './directory.ts';

const regions = RegionDirectory.load();

t.test('ships every division of the NBS 2023 codes, each with a coordinate', async (t) => {
  const all = regions.all();
  t.equal(all.filter((r) => r.level === 'province').length, 31);
  t.equal(all.filter((r) => r.level === 'prefecture').length, 342);
  // 2,978 county-level rows in the source, three of which (东莞, 中山, 儋州) are their own prefecture.
  t.equal(all.filter((r) => r.level === 'county').length, 2975);
  t.match(regions.get('441900'), { name: '东莞市', level: 'prefecture' });
  t.ok(
    all.every((r) => r.point),
    'a coordinate for every division (fallbacks included)',
  );
  t.match(regions.get('420322'), { name: '郧西县', coordinateSource: 'own', point: { lat: 33, lng: 110.42 } });
});

t.test('the parent chain runs county → prefecture → province', async (t) => {
  t.same(
    regions.chain('433101').map((r) => r.name),
    ['吉首市', '湘西土家族苗族自治州', '湖南省'],
  );
  t.same(regions.levels('433101001001'), { county: '433101', prefecture: '433100', province: '430000' });
});

t.test('names resolve in their full, short and path forms', async (t) => {
  for (const name of ['湘西', '湘西州', '湘西土家族苗族自治州']) {
    t.equal(regions.resolve(name).region?.code, '433100', name);
  }
  t.equal(regions.resolve('湖北省十堰市郧西县').region?.code, '420322');
  t.equal(regions.resolve('湖北 郧西').region?.code, '420322');
  t.equal(regions.resolve('廣西').region, null, 'traditional characters are the caller’s to normalise');
  t.equal(regions.resolve('广西').region?.code, '450000');
  t.equal(regions.resolve('北京市东城区').region?.code, '110101');
});

t.test('an ambiguous name gives its candidates, and a scope settles it', async (t) => {
  const chaoyang = regions.resolve('朝阳区');
  t.equal(chaoyang.region, null);
  t.same(chaoyang.candidates.map((r) => r.code).sort(), ['110105', '220104']);
  t.equal(regions.resolve('朝阳区', '110000').region?.code, '110105');
});

t.test('what is not recognised is reported, not guessed', async (t) => {
  const r = regions.resolve('郧西县城关镇');
  t.equal(r.region?.code, '420322');
  t.equal(r.unmatched, '城关镇');
  t.same(regions.resolve('火星').candidates, []);
});

t.test('containment works at every level, villages included', async (t) => {
  t.ok(regions.isWithin('440304', '440000'), '福田区 is in 广东省');
  t.ok(regions.isWithin('440304', '440300'));
  t.notOk(regions.isWithin('420322', '440000'));
  t.ok(regions.isWithin('433101001001', '433100'), 'a village is in its prefecture');
  t.ok(regions.isWithin('433101001001', '433101001000'), 'and in its township');
  t.notOk(regions.isWithin('433101', '433101001000'), 'a county is not in one of its townships');
});

t.test('distance between regions is great-circle kilometres', async (t) => {
  const d = regions.distanceKm('420322', '440300') ?? 0;
  t.ok(d > 1100 && d < 1300, `郧西 → 深圳 about 1,215 km (got ${Math.round(d)})`);
  t.equal(regions.distanceKm('433101', '433101'), 0);
});
