// The start command's demo data, as an operator meets it: loaded whole into an empty database
// only, and a load that a stopped first start cut short said so at the next start, not passed
// over in silence (the next start found employers, loaded nothing and said nothing).
import { creditCodeCheckChar } from '@duijie/contracts';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { demoCreditStem, demoDataLine, loadDemoData, sendInProcess } from '../seed/demo-data.ts';
import { runServices } from './system.ts';

await withEachDatabase(t, async (t, db) => {
  const system = await runServices({
    db,
    staffTokens: testStaffTokens,
    logger: captureLogger().logger,
    liveRefreshMs: 0,
  });
  t.teardown(() => system.close());
  const post = await sendInProcess(system);
  const addEmployer = (name: string, stem: string, regionCode: string) =>
    post('/v1/employers', { name, kind: 'enterprise', creditCode: `${stem}${creditCodeCheckChar(stem)}`, regionCode });

  t.test('a database holding a county’s own records is left as it is, and nothing is said', async (t) => {
    await addEmployer('永顺某茶叶合作社', '91433127MA4T00001', '433127');
    const loaded = await loadDemoData(system);
    t.equal(loaded, null);
    t.equal(demoDataLine(loaded, { DATA_DIR: './data' }), null, 'the start says nothing of demo data');
  });

  t.test('the demo’s first employer without its livestream: a load cut short, said so', async (t) => {
    // Where a first start stopped while loading the demo leaves it: its first employer is in.
    await addEmployer('湘西示例单位1号', demoCreditStem(2026, 0), '433101');
    const loaded = await loadDemoData(system);
    t.equal(loaded, 'partial');
    // What the operator reads at the next start: what happened, and where to load it whole.
    t.match(demoDataLine(loaded, { DATA_DIR: './data' }), /only partly loaded.*move \.\/data aside/);
    t.match(demoDataLine(loaded, { DATABASE_URL: 'postgres://x', DATA_DIR: './data' }), /a new DATABASE_URL/);
  });
});
