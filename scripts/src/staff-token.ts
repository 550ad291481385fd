// Issues a staff token: `pnpm staff-token --role officer --region 420322 --name 张三 [--id …] [--ttl 12h]`.
// It signs with STAFF_TOKEN_SECRET, or on the embedded default with the secret kept in DATA_DIR,
// so run it with the same environment as the services. It never makes a secret: a token signed
// with a new one would be refused by the running system, so without one it says where it
// looked and exits 2.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StaffClaims } from '@duijie/contracts';
import { BaseConfig, embeddedPaths, loadConfigOrExit, StaffTokens } from '@duijie/service-kit';

/** The system's signer, or where it was looked for: STAFF_TOKEN_SECRET, then the secret file in DATA_DIR. */
function systemStaffTokens(config: BaseConfig): StaffTokens | { lookedAt: string[] } {
  if (config.STAFF_TOKEN_SECRET) return new StaffTokens(config.STAFF_TOKEN_SECRET);
  if (config.DATABASE_URL) {
    return { lookedAt: ['STAFF_TOKEN_SECRET: not set (with DATABASE_URL the services share it; give the same one)'] };
  }
  const file = resolve(embeddedPaths(config.DATA_DIR).staffSecret);
  let secret: string | null = null;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (secret) return new StaffTokens(secret);
  return {
    lookedAt: [
      'STAFF_TOKEN_SECRET: not set',
      `${file}: ${secret === null ? 'no such file' : 'empty'} (DATA_DIR=${config.DATA_DIR}; the system makes it on its first start)`,
    ],
  };
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    region: { type: 'string' },
    name: { type: 'string' },
    id: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});
const claims = StaffClaims.safeParse({
  staffId: values.id ?? `${values.role}-${values.region}-${values.name}`,
  name: values.name,
  role: values.role,
  regionCode: values.region,
});
if (!claims.success) {
  for (const issue of claims.error.issues) {
    const flag = { staffId: 'id', regionCode: 'region' }[String(issue.path[0])] ?? issue.path[0];
    process.stderr.write(`--${String(flag)}: ${issue.message}\n`);
  }
  process.stderr.write('usage: pnpm staff-token --role officer|admin|fair-desk --region <code|000000> --name <name>\n');
  process.exit(1);
}
const signer = systemStaffTokens(loadConfigOrExit(BaseConfig));
if (!(signer instanceof StaffTokens)) {
  process.stderr.write(
    'No staff token secret found, so no token: one signed with a new secret would be refused by the system.\n' +
      `Looked at:\n${signer.lookedAt.map((l) => `  ${l}\n`).join('')}` +
      'Run it with the system’s environment: its STAFF_TOKEN_SECRET, or the DATA_DIR it was started with.\n',
  );
  process.exit(2);
}
process.stdout.write(`${await signer.issue(claims.data, values.ttl)}\n`);
