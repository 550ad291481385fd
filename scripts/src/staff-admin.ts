// Makes the first admin of a region and prints a one-time password:
// `pnpm staff-admin --region 433100 --name 张三 --phone 13800000000 [--username admin.433100] [--again]`.
// There is no admin yet to make one through the API, so this writes to the system's database
// (DATABASE_URL, or the embedded one in DATA_DIR: run it with the services' environment, and
// with the embedded database while the system is stopped). The person signs in once with the
// password, to set their own (POST /v1/staff/password); it is shown here only.
import { parseArgs } from 'node:util';
import { NATIONWIDE, StaffAccountInput } from '@duijie/contracts';
import { openDatabase } from '@duijie/db';
import { createAdminOnCommand } from '@duijie/intake/staff-accounts';
import { BaseConfig, embeddedPaths, HttpProblem, loadConfigOrExit } from '@duijie/service-kit';

const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    name: { type: 'string' },
    phone: { type: 'string' },
    username: { type: 'string' },
    again: { type: 'boolean', default: false },
  },
});
const input = StaffAccountInput.safeParse({
  username: values.username ?? `admin.${values.region}`,
  name: values.name,
  phone: values.phone,
  regionCode: values.region,
  role: 'admin',
});
if (!input.success) {
  for (const issue of input.error.issues) {
    const flag = { regionCode: 'region' }[String(issue.path[0])] ?? issue.path[0];
    process.stderr.write(`--${String(flag)}: ${issue.message}\n`);
  }
  process.stderr.write(
    `usage: pnpm staff-admin --region <code|${NATIONWIDE}> --name <name> --phone <mobile> [--username <name>] [--again]\n`,
  );
  process.exit(1);
}
const config = loadConfigOrExit(BaseConfig);
const db = await openDatabase({ url: config.DATABASE_URL, dataDir: embeddedPaths(config.DATA_DIR).database });
try {
  const { role: _role, ...person } = input.data;
  const made = await createAdminOnCommand(db.db, person, { again: values.again });
  if ('refused' in made) {
    process.stderr.write(
      `An active admin (${made.refused.id}, region ${made.refused.regionCode}) already serves region ${person.regionCode}: ` +
        'they make accounts through POST /v1/staff. To make another admin here anyway, add --again.\n',
    );
    process.exitCode = 3;
  } else {
    process.stdout.write(
      `Admin ${made.username} (${made.id}) of region ${made.regionCode} made.\n` +
        `One-time password (shown once): ${made.oneTimePassword}\n` +
        'Sign in once with it to set your own: POST /v1/staff/password {username, currentPassword, newPassword}.\n',
    );
  }
} catch (err) {
  if (!(err instanceof HttpProblem)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
