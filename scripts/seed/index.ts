// Realistic records of 湘西州 at any size, put in through the intake API like the start
// command's demo data:
//   npx -y pnpm@10.34.9 seed [employers] [vacancies] [seekers] [seed] [--gateway http://127.0.0.1:8080]
// With --gateway, into that running system (signed with the same secret as its staff tokens,
// so run it with the system's environment). Without, it starts the configured system here
// (PGlite in DATA_DIR, or DATABASE_URL) — stop a running PGlite system first: one process
// owns its data directory.
import { parseArgs } from 'node:util';
import { BaseConfig, createLogger, loadConfigOrExit, staffTokensFor } from '@duijie/service-kit';
import { SystemConfig, startSystem } from '../src/system.ts';
import { type Send, seedThroughIntake, sendInProcess, sendThroughGateway } from './demo-data.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { gateway: { type: 'string' } } });
const [employers = 20, vacancies = 300, seekers = 200, seed = Date.now() % 1000] = positionals.map(Number);
let send: Send;
let close = async () => {};
if (values.gateway) {
  const tokens = staffTokensFor(loadConfigOrExit(BaseConfig));
  const token = await tokens.issue({ staffId: 'seed', name: '示例数据', role: 'admin', regionCode: '433100' });
  send = sendThroughGateway(values.gateway.replace(/\/$/, ''), token);
} else {
  const config = loadConfigOrExit(SystemConfig);
  const system = await startSystem(
    { ...config, GATEWAY_PORT: 0, INTAKE_PORT: 0, MATCHING_PORT: 0, NOTIFICATION_PORT: 0 },
    createLogger({ level: 'warn', name: 'seed' }),
  );
  send = await sendInProcess(system);
  close = () => system.close();
}
const started = performance.now();
const seeded = await seedThroughIntake(send, { employers, vacancies, seekers, seed });
process.stdout.write(
  `seeded ${seeded.employerIds.length} employers, ${seeded.vacancyIds.length} vacancies and ${seeded.seekers.length} seekers ` +
    `(seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
await close();
