import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { withEachDatabase } from '@duijie/db/testing';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { leaksOf, scanLogGuard } from './log-guard.ts';
import { createLogger, LOG_GUARD_ENV, LOG_GUARD_TEST_ENV, quietStart } from './logger.ts';
import { findPersonalNumbers, maskIdNumber, maskPersonalText, maskPhone } from './personal-data.ts';
import { captureLogger } from './testing.ts';

const idNumber = '433101199003071234';
const phone = '13874300001';

t.test('masks keep only what identifies a record to someone who knows it', async (t) => {
  t.equal(maskIdNumber(idNumber), '4331**********1234');
  t.equal(maskPhone(phone), '138****0001');
  t.equal(
    maskPersonalText(`/v1/seekers?phone=${phone}&id=${idNumber}`),
    '/v1/seekers?phone=138****0001&id=4331**********1234',
  );
});

t.test('personal fields are redacted from logged objects at any usual depth', async (t) => {
  const { logger, lines } = captureLogger();
  logger.info({ idNumber, phone }, 'top level');
  logger.info({ seeker: { idNumber, contacts: { phone } } }, 'nested');
  logger.info({ body: { rows: { first: { phone } } } }, 'deeper');
  const text = lines().join('\n');
  t.notMatch(text, idNumber);
  t.notMatch(text, phone);
  t.match(text, /\[redacted\]/);
});

t.test('request URLs are logged with personal numbers masked', async (t) => {
  const { logger, lines } = captureLogger();
  logger.info({ req: { method: 'GET', url: `/v1/fairs/f1/check-in?phone=${phone}`, id: 'r1' } }, 'incoming');
  t.notMatch(lines().join('\n'), phone);
  t.match(lines().join('\n'), /138\*\*\*\*0001/);
});

await withEachDatabase(t, async (t, db) => {
  t.test('a failed statement is logged without its values, on either driver', async (t) => {
    const { logger, lines } = captureLogger();
    // The shapes of the probe's leaks: drizzle's `params: …` (with a NUL in a name), the
    // server quoting a value in its message, and a unique violation quoting the key.
    const outOfRange = await db.db
      .execute(sql`select ${'张\u0000三'}::text as name, ${idNumber}::text as id, ${phone}::int as phone`)
      .catch((err: unknown) => err);
    await db.db.execute(sql`create temporary table people (id_number text primary key, name text)`);
    await db.db.execute(sql`insert into people values (${idNumber}, ${'王某'})`);
    const duplicate = await db.db
      .execute(sql`insert into people values (${idNumber}, ${'王某'})`)
      .catch((err: unknown) => err);
    t.ok(outOfRange instanceof Error && duplicate instanceof Error, 'both statements failed');
    logger.error({ err: outOfRange }, 'request failed');
    logger.warn({ err: duplicate, consumer: 'test' }, 'outbox event failed; will retry');
    logger.error(duplicate as Error);
    const text = lines().join('\n');
    t.notMatch(text, idNumber);
    t.notMatch(text, phone);
    t.notMatch(text, '王某');
    t.notMatch(text, /张|\\u0000/);
    t.match(text, /select \$1::text/, 'the statement is kept');
    t.match(text, /"code":"23505"/, 'and the error code');
    t.match(text, /params: \[not logged\]/);
  });
});

t.test('a message written by hand is masked, and an error logged alone keeps no values', async (t) => {
  const { logger, lines } = captureLogger();
  logger.info(`checked in ${phone}`);
  logger.error(new Error(`Failed query: select 1\nparams: ${idNumber},王某`));
  const text = lines().join('\n');
  t.notMatch(text, phone);
  t.notMatch(text, idNumber);
  t.notMatch(text, '王某');
});

t.test('an error message and stack are masked, and URL credentials hidden', async (t) => {
  const { logger, lines } = captureLogger();
  const err = Object.assign(new Error(`no seeker with ${idNumber} at postgres://duijie:hunter2@db/x`), {
    parameters: [idNumber],
    row: { phone },
  });
  logger.error({ err }, 'failed');
  const [line] = lines();
  t.notMatch(line, idNumber);
  t.notMatch(line, 'hunter2');
  t.notMatch(line, phone);
  t.match(JSON.parse(line ?? '{}').err, {
    type: 'Error',
    message: /4331\*{10}1234/,
    stack: /4331\*{10}1234[\s\S]*at /,
  });
});

t.test('the log guard finds ID and mobile numbers, and not ids, times or codes', async (t) => {
  const found = (text: string) => findPersonalNumbers(text).map((f) => f.kind);
  t.same(found(`{"msg":"x","phone":"${phone}"}`), ['mobile']);
  t.same(found(`params: skr_1,张三,${idNumber},1`), ['id-number']);
  t.same(found('+8613874300001'), ['mobile']);
  t.same(found('11010519491231002x'), ['id-number']);
  for (const harmless of [
    '{"time":1764515547000,"pid":13775}',
    'skr_0192aaaa13874300001bbbbccccdddd',
    'req 0192abcd-1387-4300-0011-387430000123',
    '2026-11-30T15:12:44.700Z',
    'credit code 914403001922038216',
    'seq 1387430000112',
    '433101189913071234 has no 13th month',
    '{"responseTime":97.86166460006}',
    '{"responseTime":13874300001.5}',
  ]) {
    t.same(found(harmless), [], harmless);
  }
  t.same(leaksOf(JSON.stringify({ msg: `line one\n${phone}` })), ['mobile 138****0001'], 'behind an escape too');
});

t.test('under the guard every logger copies its lines, and the scan names the test', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'duijie-log-guard-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const script = `
    import { createLogger, quietStart } from './packages/service-kit/src/logger.ts';
    const logger = createLogger({ level: 'silent' });
    logger.info('nothing personal here');
    logger.debug({ contact: '${phone}' }, 'a field the redaction does not know');
    const starting = quietStart(logger);
    logger.child({ service: 'intake' }).info({ contact: '${phone}' }, 'a start-up line, written at debug');
    starting.done();`;
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, [LOG_GUARD_ENV]: dir, [LOG_GUARD_TEST_ENV]: 'some/leaky.test.ts' },
    cwd: join(import.meta.dirname, '../../..'),
  });
  const leaks = scanLogGuard(dir);
  t.equal(leaks.length, 2, 'a silenced debug line is scanned too, and a start-up line quietStart lowered');
  t.match(leaks[0], { test: 'some/leaky.test.ts', found: ['mobile 138****0001'], line: /138\*\*\*\*0001/ });
  t.notMatch(leaks[0]?.line, phone, 'and printed masked');
});

t.test('while a system starts, its routine info lines go out at debug; warnings as they are', async (t) => {
  const { logger, lines } = captureLogger('info');
  const starting = quietStart(logger);
  logger.info('Server listening at http://127.0.0.1:8081');
  logger.child({ service: 'intake' }).info({ phone }, 'request completed');
  logger.warn('a setting is unusual');
  starting.done();
  logger.info('after the banner');
  const levels = lines().map((l) => [JSON.parse(l).level, JSON.parse(l).msg]);
  t.same(levels, [
    [40, 'a setting is unusual'],
    [30, 'after the banner'],
  ]);

  const verbose = captureLogger('debug');
  const again = quietStart(verbose.logger);
  verbose.logger.info('Server listening at http://127.0.0.1:8081');
  again.done();
  t.match(JSON.parse(verbose.lines()[0] ?? '{}'), { level: 20, msg: /Server listening/ }, 'LOG_LEVEL=debug shows them');
});

t.test('pretty lines for a person are redacted like the JSON ones', async (t) => {
  const written: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ pretty: true, destination, name: 'intake' });
  logger.info({ phone }, 'request completed');
  await new Promise((r) => setImmediate(r));
  const text = written.join('');
  t.match(text, /INFO.*\(intake\): request completed/);
  t.notMatch(text, /^\{/, 'not JSON');
  t.notMatch(text, phone);
  t.match(text, /\[redacted\]/);
});
