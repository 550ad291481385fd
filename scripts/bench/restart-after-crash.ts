// How fast the embedded system comes back after kill -9 (DESIGN's target: ≤ 15 s): 1,000
// vacancies stored in one bulk, then a 5,000-row bulk killed 1.5 s in, then `pnpm start` on
// the same DATA_DIR. Prints the time to a 200 from /ready and to an empty outbox backlog.
//   node --conditions=@duijie/source --import tsx scripts/bench/restart-after-crash.ts [--runs 2]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crashMidBulk, drained, startOn } from './crash-scenario.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } });
const say = (line: string) => process.stdout.write(`${line}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
say(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; embedded PGlite ` +
    `(${process.env.EMBEDDED_DATABASE ?? 'thread'}); kill -9 1.5 s into a 5,000-row bulk after 1,000 stored`,
);
for (let run = 1; run <= Number(values.runs); run++) {
  const dataDir = await mkdtemp(join(tmpdir(), 'duijie-restart-'));
  const secret = randomBytes(32).toString('hex');
  try {
    await crashMidBulk(dataDir, secret, { acknowledged: 1000, killed: 5000 });
    const started = performance.now();
    const system = await startOn(dataDir, secret, 'after-crash');
    const readyMs = performance.now() - started;
    const drainMs = await drained(system, 300_000);
    say(
      `run ${run}: /ready 200 after ${s(readyMs)}; backlog empty ${drainMs === null ? 'not within 300 s' : `after ${s(readyMs + drainMs)}`}`,
    );
    await system.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
