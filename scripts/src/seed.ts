// Realistic records of 湘西州 at any size, put in through the intake API of the configured
// system (PGlite in DATA_DIR, or DATABASE_URL), like the start command's demo data:
//   npx -y pnpm@10.34.9 seed [employers] [vacancies] [seekers] [seed]
// Stop the running system first when it is on PGlite (one process owns its data directory).
import { createLogger, loadConfigOrExit } from '@duijie/service-kit';
import { seedThroughIntake } from './demo-data.ts';
import { SystemConfig, startSystem } from './system.ts';

const [employers = 20, vacancies = 300, seekers = 200, seed = Date.now() % 1000] = process.argv.slice(2).map(Number);
const config = loadConfigOrExit(SystemConfig);
const system = await startSystem(
  { ...config, GATEWAY_PORT: 0, INTAKE_PORT: 0, MATCHING_PORT: 0, NOTIFICATION_PORT: 0 },
  createLogger({ level: 'warn', name: 'seed' }),
);
const started = performance.now();
const seeded = await seedThroughIntake(system, { employers, vacancies, seekers, seed });
process.stdout.write(
  `seeded ${seeded.employerIds.length} employers, ${seeded.vacancyIds.length} vacancies and ${seeded.seekers.length} seekers ` +
    `(seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
await system.close();
