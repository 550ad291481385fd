// `pnpm staff-token` signs with the system's secret or not at all: a token signed with a secret
// it made itself would be refused by the running system.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StaffTokens } from '@duijie/service-kit';
import t from 'tap';
import { runCommand } from './run-command.ts';

const SCRIPT = fileURLToPath(new URL('./staff-token.ts', import.meta.url));
const ARGS = ['--role', 'officer', '--region', '433122', '--name', '张三'];

/** Runs the script with only the environment given (and PATH). */
const staffToken = (env: Record<string, string>, cwd: string) => runCommand(SCRIPT, ARGS, { env, cwd });

t.test('without the system’s secret it mints nothing, makes no secret, and says where it looked', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'duijie-staff-token-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Run where no system ever ran: the default DATA_DIR (./data) is empty.
  const bare = await staffToken({}, dir);
  t.equal(bare.code, 2);
  t.equal(bare.stdout, '', 'no token');
  t.match(bare.stderr, 'STAFF_TOKEN_SECRET: not set');
  t.match(bare.stderr, `${join(dir, 'data', 'staff-token.secret')}: no such file`);
  t.notOk(existsSync(join(dir, 'data')), 'no secret made');
  const elsewhere = await staffToken({ DATA_DIR: join(dir, 'not-the-system') }, dir);
  t.equal(elsewhere.code, 2);
  t.match(elsewhere.stderr, join(dir, 'not-the-system', 'staff-token.secret'));
  const server = await staffToken({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/duijie' }, dir);
  t.equal(server.code, 2);
  t.match(server.stderr, /STAFF_TOKEN_SECRET: not set \(with DATABASE_URL/);
  t.same(readdirSync(dir), [], 'nothing written anywhere');
});

t.test('with the system’s secret it mints a token the system accepts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'duijie-staff-token-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const secret = 'the system secret, at least thirty-two characters';
  writeFileSync(join(dir, 'staff-token.secret'), `${secret}\n`);
  const fromFile = await staffToken({ DATA_DIR: dir }, tmpdir());
  t.equal(fromFile.code, 0, fromFile.stderr);
  t.match(await new StaffTokens(secret).verify(fromFile.stdout.trim()), {
    name: '张三',
    role: 'officer',
    regionCode: '433122',
  });
  const fromEnv = await staffToken({ STAFF_TOKEN_SECRET: secret, DATA_DIR: join(dir, 'unused') }, tmpdir());
  t.equal(fromEnv.code, 0, fromEnv.stderr);
  t.ok(await new StaffTokens(secret).verify(fromEnv.stdout.trim()));
  t.notOk(await new StaffTokens('another secret of at least thirty-two characters').verify(fromEnv.stdout.trim()));
});
