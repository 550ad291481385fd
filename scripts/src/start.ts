import { closeOnSignals, createLogger, loadConfigOrExit, quietStart } from '@duijie/service-kit';
import { demoAdminSignIn, demoDataLine, demoScreens, demoStaffToken, loadDemoData } from '../seed/demo-data.ts';
import { SystemConfig, startSystem } from './system.ts';

const config = loadConfigOrExit(SystemConfig);
const logger = createLogger({ level: config.LOG_LEVEL, name: 'duijie' });
const where = config.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${config.DATA_DIR}`;
process.stdout.write(`Starting Duijie on ${where} …\n`);
// Routine start-up lines (each service listening, the demo data's requests) at debug: the
// banner below, printed last, says what an operator needs.
const starting = quietStart(logger);
const system = await startSystem(config, logger);
const shutdown = closeOnSignals([system], logger);
const demo = process.env.DEMO_DATA !== 'off';
let loadingDemo = false;
function signInLine({ username, password }: { username: string; password: string | null }) {
  return password
    ? `  demo admin sign-in: ${username} / one-time password ${password} (POST /v1/staff/password sets your own)`
    : `  demo admin sign-in: ${username}, with the password set at its first sign-in`;
}

/** Where the screens are; with demo data, the demo fair's and livestream's own. */
async function screenLines(): Promise<string[]> {
  const url = system.gatewayUrl;
  const lines = [`  screens  ${url}/  (desk ${url}/desk, booth ${url}/booth)`];
  if (!demo) return lines;
  const { fairId, livestreamId } = await demoScreens(system);
  if (fairId) lines.push(`  demo fair's big screen   ${url}/hall/${fairId}`);
  if (livestreamId) {
    lines.push(
      `  demo livestream          ${url}/host/${livestreamId} (host), ${url}/overlay/${livestreamId} (OBS), ${url}/live/${livestreamId} (viewers)`,
    );
  }
  return lines;
}

async function announce() {
  if (demo) {
    loadingDemo = true;
    const line = demoDataLine(await loadDemoData(system), config);
    loadingDemo = false;
    if (line) process.stdout.write(`${line}\n`);
  }
  const banner = [
    `Duijie is up.`,
    `  gateway  ${system.gatewayUrl}`,
    `  API docs ${system.gatewayUrl}/docs  (OpenAPI: ${system.gatewayUrl}/docs/json)`,
    `  health   ${system.gatewayUrl}/health`,
    ...(await screenLines()),
    ...(demo
      ? [
          `  demo staff token (admin of 湘西州 433100, 12 h): ${await demoStaffToken(system)}`,
          signInLine(await demoAdminSignIn(system)),
        ]
      : [
          '  first admin of a region: pnpm staff-admin --region <code> --name <name> --phone <mobile>',
          '  staff tokens for automation: pnpm staff-token --role admin --region <code> --name <name>',
        ]),
    '',
  ].join('\n');
  starting.done();
  process.stdout.write(banner);
}

try {
  await announce();
} catch (err) {
  // A signal that closes the system while it starts (Ctrl-C while the demo data loads) makes
  // what was still running fail: that is no error to show the operator, only what it cut short.
  if (!shutdown.closing) throw err;
  starting.done();
  process.stdout.write(
    loadingDemo
      ? 'Stopped before the demo data was loaded: the next start on this data says what is there.\n'
      : 'Stopped while starting.\n',
  );
}
