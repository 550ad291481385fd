// Issues a staff token: `pnpm staff-token --role officer --region 420322 --name 张三 [--id …] [--ttl 12h]`.
// It signs with STAFF_TOKEN_SECRET, or on the embedded default with the secret kept in DATA_DIR,
// so run it with the same environment as the services.
import { parseArgs } from 'node:util';
import { StaffClaims } from '@duijie/contracts';
import { BaseConfig, loadConfigOrExit, staffTokensFor } from '@duijie/service-kit';

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
  process.stderr.write('usage: pnpm staff-token --role officer|admin --region <code|000000> --name <name>\n');
  process.exit(1);
}
const token = await staffTokensFor(loadConfigOrExit(BaseConfig)).issue(claims.data, values.ttl);
process.stdout.write(`${token}\n`);
