import t from 'tap';
import { newId } from './id.ts';
import { employers } from './schema/employers.ts';
import { withEachDatabase } from './testing.ts';
import { RecordNotFoundError, StaleVersionError, updateVersioned } from './versioned-update.ts';

await withEachDatabase(t, async (t, { db }) => {
  const id = newId('emp');
  await db.insert(employers).values({
    id,
    name: '湘西某服装厂',
    kind: 'community_factory',
    creditCode: '91433100MA4L1234X5',
    regionCode: '433101',
  });

  t.test('an update naming the current version applies and bumps the version', async (t) => {
    const row = await updateVersioned(db, employers, id, 1, { name: '湘西某服装扶贫车间' });
    t.equal(row.version, 2);
    t.equal(row.name, '湘西某服装扶贫车间');
  });

  t.test('an update naming a stale version is refused and changes nothing', async (t) => {
    await t.rejects(updateVersioned(db, employers, id, 1, { name: 'lost update' }), StaleVersionError);
    const error = await updateVersioned(db, employers, id, 1, { name: 'lost update' }).catch((e: unknown) => e);
    t.match(error, { expected: 1, current: 2, table: 'employers' });
    const [row] = await db.select().from(employers);
    t.equal(row?.name, '湘西某服装扶贫车间');
  });

  t.test('an update of a missing row says so', async (t) => {
    await t.rejects(updateVersioned(db, employers, newId('emp'), 1, { name: 'x' }), RecordNotFoundError);
  });
});
