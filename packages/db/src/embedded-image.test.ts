import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';

// This file's own image directory, set before the module reads it.
const dir = mkdtempSync(join(tmpdir(), 'duijie-image-test-'));
process.env.DUIJIE_PGLITE_IMAGE_DIR = dir;
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const { openDatabase, queryRows, sql } = await import('./client.ts');
const { embeddedImagePath, existingEmbeddedImage } = await import('./embedded-image.ts');

/** What a database is made of: its tables and columns, and the migrations it has applied. */
async function shape(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const columns = await queryRows<{ c: string }>(
    db,
    sql`select table_name || '.' || column_name || ' ' || data_type as c from information_schema.columns
        where table_schema = 'public' order by 1`,
  );
  const migrations = await queryRows<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by id`,
  );
  const indexes = await queryRows<{ i: string }>(
    db,
    sql`select indexdef as i from pg_indexes where schemaname = 'public' order by 1`,
  );
  return {
    columns: columns.map((r) => r.c),
    migrations: migrations.map((r) => r.hash),
    indexes: indexes.map((r) => r.i),
  };
}

t.test('a database started from the image is the one every migration makes, and empty', async (t) => {
  t.equal(existingEmbeddedImage(), undefined, 'no image yet');
  const fresh = await openDatabase({});
  t.teardown(() => fresh.close());
  t.ok(existingEmbeddedImage(), 'the first in-memory database left an image');
  await fresh.db.execute(
    sql`insert into employers (id, name, kind, credit_code, region_code) values ('emp_x', 'Only here', 'enterprise', '91430100MA4L0XXX0X', '430100')`,
  );

  const copy = await openDatabase({});
  t.teardown(() => copy.close());
  const [expected, actual] = await Promise.all([shape(fresh.db), shape(copy.db)]);
  t.ok(expected.migrations.length >= 18);
  t.same(actual, expected, 'same tables, columns, indexes and applied migrations');
  const rows = await queryRows<{ n: number }>(copy.db, sql`select count(*)::int as n from employers`);
  t.equal(rows[0]?.n, 0, 'nothing written to another database is in it');

  // PGlite in this thread (`embedded: 'in-process'`) reads the image by its own path.
  const inProcess = await openDatabase({ embedded: 'in-process' });
  t.teardown(() => inProcess.close());
  t.same(await shape(inProcess.db), expected, 'in process too: every migration, from the image');
});

t.test('a damaged image (a disk that filled up mid-write) costs time, not the database', async (t) => {
  const path = embeddedImagePath();
  writeFileSync(path, 'not a tarball');
  const handle = await openDatabase({});
  t.teardown(() => handle.close());
  const rows = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  t.ok((rows[0]?.n ?? 0) >= 18, 'migrated all the same');
  t.not(readFileSync(path, 'utf8').slice(0, 13), 'not a tarball', 'and the image was made anew');
});

t.test('a new data directory starts from the image, and keeps what is written across a restart', async (t) => {
  const dataDir = join(dir, 'data');
  t.ok(existingEmbeddedImage(), 'the image the test before made anew');
  const handle = await openDatabase({ dataDir });
  await handle.db.execute(
    sql`insert into employers (id, name, kind, credit_code, region_code) values ('emp_x', 'Kept', 'enterprise', '91430100MA4L0XXX0X', '430100')`,
  );
  const expected = await shape(handle.db);
  await handle.close();
  const again = await openDatabase({ dataDir });
  t.teardown(() => again.close());
  t.same(await shape(again.db), expected, 'every migration, once');
  const rows = await queryRows<{ name: string }>(again.db, sql`select name from employers`);
  t.same(
    rows.map((r) => r.name),
    ['Kept'],
  );
});
