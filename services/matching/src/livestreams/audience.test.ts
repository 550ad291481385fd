import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import t from 'tap';
import { Audience } from './audience.ts';

const lookups = { regions: RegionDirectory.load(), taxonomy: Taxonomy.load() };
const session = { regionCode: '433100', targetRegions: ['433100', '420300'], targetGroups: ['registered_poor'] };
const viewer = (id: string, regionCode: string, skillCodes: string[], wage: number | null = 4000) => ({
  id,
  regionCode,
  skillCodes,
  expectedMonthlyWage: wage,
});

t.test('with no viewers, the session’s target stands in, holding its licences', async (t) => {
  const audience = new Audience(lookups);
  const { members, basis } = audience.members(session, ['cert.welding']);
  t.equal(basis, 'target');
  t.same(
    members.map((m) => m.profile.residenceRegionCode),
    ['433100', '420300'],
  );
  t.same(members[0]?.profile.certificates, ['cert.welding']);
  t.same(members[0]?.profile.priorityGroups, ['registered_poor']);
});

t.test('viewers are grouped by home prefecture, trades and wage band, counted once each', async (t) => {
  const audience = new Audience(lookups);
  audience.add(viewer('v1', '433124', ['skill.welding'], 5100));
  audience.add(viewer('v2', '433101', ['skill.welding'], 4900)); // same prefecture 433100, same band
  audience.add(viewer('v2', '433101', ['skill.welding'], 4900)); // the same viewer again
  audience.add(viewer('v3', '420322', ['skill.sewing'], null));
  t.equal(audience.viewers, 3);
  const { members, basis } = audience.members(session, []);
  t.equal(basis, 'viewers');
  t.same(
    members.map((m) => [m.profile.residenceRegionCode, m.profile.skills.map((s) => s.code), m.weight]),
    [
      ['433100', ['skill.welding'], 2],
      ['420300', ['skill.sewing'], 1],
    ],
  );
  t.same(members[0]?.profile.certificates, lookups.taxonomy.requiredCertificates(['skill.welding']));
  t.equal(members[0]?.profile.demand.expectedMonthlyWage, 5000);
});

t.test('only the biggest groups are ranked for, so 200,000 viewers cost what 200 do', async (t) => {
  const audience = new Audience(lookups);
  const counties = lookups.regions.all().filter((r) => r.level === 'county');
  for (let i = 0; i < 20_000; i++) {
    audience.add(viewer(`v${i}`, counties[i % counties.length]?.code ?? '110101', [], (i % 9) * 1000));
  }
  const { members } = audience.members(session, []);
  t.equal(members.length, 48);
  t.ok(
    members.every((m, i) => i === 0 || (members[i - 1]?.weight ?? 0) >= m.weight),
    'biggest first',
  );
});
