// `pnpm staff-admin` makes a region's first admin and prints a one-time password that works:
// the person sets their own password with it and signs in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@duijie/db';
import { buildApp } from '@duijie/intake/app';
import { embeddedPaths } from '@duijie/service-kit';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { runCommand } from './run-command.ts';

const SCRIPT = fileURLToPath(new URL('./staff-admin.ts', import.meta.url));
const staffAdmin = (args: string[], env: Record<string, string>) => runCommand(SCRIPT, args, { env, source: true });

t.test('the first admin of a region, once; the one-time password sets their own', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'duijie-staff-admin-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATA_DIR: dir };
  const person = ['--region', '433100', '--name', '张三', '--phone', '13800001234'];
  const made = await staffAdmin(person, env);
  t.equal(made.code, 0, made.stderr);
  const password = /One-time password \(shown once\): (\S+)/.exec(made.stdout)?.[1];
  t.ok(password, 'prints a one-time password');
  t.match(made.stdout, /Admin admin\.433100 \(stf_\w+\) of region 433100 made/);
  t.notMatch(made.stdout, /13800001234/, 'the phone is not printed');

  const again = await staffAdmin(['--region', '433122', '--name', '李四', '--phone', '13800001235'], env);
  t.equal(again.code, 3, 'an admin already serves 433122 (from 433100)');
  t.match(again.stderr, /already serves region 433122.*--again/s);
  const bad = await staffAdmin(['--region', '4331', '--name', '李四'], env);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /--region: .*\n.*--phone: |--phone: .*\n.*--region: /s);

  const db = await openDatabase({ dataDir: embeddedPaths(dir).database });
  t.teardown(() => db.close());
  const app = buildApp({ db, logger: captureLogger().logger, staffTokens: testStaffTokens, expiryIntervalMs: 0 });
  t.teardown(() => app.close());
  const set = await app.inject({
    method: 'POST',
    url: '/v1/staff/password',
    payload: { username: 'admin.433100', currentPassword: password, newPassword: 'Xiangxi-bureau-2026' },
  });
  t.equal(set.statusCode, 200, set.body);
  t.match(set.json().staff, { role: 'admin', regionCode: '433100', name: '张三' });
});
