// The end-to-end load test itself, short and small: it must keep working as the system
// changes, and its audit is the strongest check there is that concurrent, mixed work loses
// nothing. Its figures are not looked at here (benchmarks measure; tests do not time).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const E2E = fileURLToPath(new URL('../bench/e2e/index.ts', import.meta.url));

t.setTimeout(600_000);

t.test('a short run of bench:e2e: no error, every check of the audit ok', async (t) => {
  const { DATABASE_URL: _server, ...env } = process.env;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', E2E, '--minutes', '0.25', '--employers', '12', '--vacancies', '150', '--seekers', '80'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  t.equal(code, 0, 'exit 0: no error and every check ok', { output: output.slice(-4000) });
  t.match(output, /errors 0\b/, 'no request answered other than expected');
  for (const check of [
    'outbox empty',
    'index in step',
    'every write acknowledged is stored, once',
    'filled counts follow placements',
    'deliveries accounted for',
    'the broadcast planned in full',
    'the system stopped on SIGTERM',
  ]) {
    t.match(output, new RegExp(`^ok {3}${check}`, 'm'), check);
  }
  t.match(output, /POST \/v1\/fairs\/:id\/checkins\s+\d+/, 'fair check-ins were part of the load');
  t.match(output, /webhook sent [1-9]\d*/, 'notifications reached the webhook receiver');
});
