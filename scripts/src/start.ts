import { closeOnSignals, createLogger, loadConfigOrExit } from '@duijie/service-kit';
import { loadDemoData } from './demo-data.ts';
import { SystemConfig, startSystem } from './system.ts';

const config = loadConfigOrExit(SystemConfig);
const logger = createLogger({ level: config.LOG_LEVEL, name: 'duijie' });
const where = config.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${config.DATA_DIR}`;
process.stdout.write(`Starting Duijie on ${where} …\n`);
const system = await startSystem(config, logger);
closeOnSignals([system], logger);
if (process.env.DEMO_DATA !== 'off') {
  const loaded = await loadDemoData(system);
  if (loaded) {
    process.stdout.write(
      `Loaded demo data (湘西州): ${loaded.employers} employers, ${loaded.vacancies} vacancies, ${loaded.seekers} seekers. DEMO_DATA=off to start empty.\n`,
    );
  }
}
process.stdout.write(
  [
    `Duijie is up.`,
    `  gateway  ${system.gatewayUrl}`,
    `  API docs ${system.gatewayUrl}/docs  (OpenAPI: ${system.gatewayUrl}/docs/json)`,
    `  health   ${system.gatewayUrl}/health`,
    '',
  ].join('\n'),
);
