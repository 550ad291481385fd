// `node --import tsx scripts/src/log-guard.ts <dir>`: run-tests.mjs's last step. Scans the
// log lines every test process wrote under the guard and fails on an ID or mobile number.
import { scanLogGuard } from '@duijie/service-kit';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: log-guard.ts <dir>\n');
  process.exit(2);
}
const leaks = scanLogGuard(dir);
if (leaks.length === 0) process.exit(0);
process.stderr.write(`\nlog guard: ${leaks.length} log line(s) carry personal numbers (shown masked)\n`);
for (const leak of leaks.slice(0, 50)) {
  const where = leak.program === leak.test ? leak.test : `${leak.test} (in ${leak.program})`;
  process.stderr.write(`  ${where}: ${leak.found.join(', ')}\n    ${leak.line}\n`);
}
if (leaks.length > 50) process.stderr.write(`  … and ${leaks.length - 50} more\n`);
process.exit(1);
