import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { newId } from './id.ts';
import { preparedPerDatabase } from './prepared.ts';
import { employers } from './schema/employers.ts';
import { withEachDatabase } from './testing.ts';

const employerName = preparedPerDatabase((db) =>
  db
    .select({ name: employers.name })
    .from(employers)
    .where(eq(employers.id, sql.placeholder('id')))
    .prepare('test_employer_name'),
);

await withEachDatabase(t, async (t, { db }) => {
  const id = newId('emp');
  const employer = { id, name: '湘西某服装厂', kind: 'community_factory' as const, regionCode: '433101' };
  await db.insert(employers).values({ ...employer, creditCode: '91433100MA4L1234X6' });

  t.test('one statement per handle, run as often as asked, each time with its own parameters', async (t) => {
    t.equal(employerName(db), employerName(db), 'built once for the handle');
    t.same(await employerName(db).execute({ id }), [{ name: '湘西某服装厂' }]);
    t.same(await employerName(db).execute({ id: newId('emp') }), []);
    t.same(await employerName(db).execute({ id }), [{ name: '湘西某服装厂' }]);
  });

  t.test(
    "inside a transaction the statement is the transaction's: it sees the transaction's writes, and they go with a rollback",
    async (t) => {
      const rolledBack = new Error('rolled back');
      await t.rejects(
        db.transaction(async (tx) => {
          await tx.update(employers).set({ name: '湘西某服装扶贫车间' }).where(eq(employers.id, id));
          t.not(employerName(tx), employerName(db), 'its own statement');
          t.same(await employerName(tx).execute({ id }), [{ name: '湘西某服装扶贫车间' }]);
          throw rolledBack;
        }),
        rolledBack,
      );
      t.same(await employerName(db).execute({ id }), [{ name: '湘西某服装厂' }], 'the write went with the rollback');
    },
  );
});
