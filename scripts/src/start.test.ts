import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { creditCodeCheckChar } from '@duijie/contracts';
import { compileErrors, validate } from '@readme/openapi-parser';
import t from 'tap';
import { freePort } from './free-port.ts';

// The start command exactly as the README's `pnpm start` runs it.
const root = fileURLToPath(new URL('../..', import.meta.url));
const startCommand: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;

type Started = { child: ChildProcess; gateway: string; output: () => string };

function start(env: Record<string, string>): Promise<Started> {
  const child = spawnStart(env);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = /gateway\s+(http:\/\/\S+)/.exec(output);
      // Up once the banner is whole: its last line names a staff token.
      if (found?.[1] && /staff tokens?\b.*\n/.test(output.slice(found.index))) {
        clearTimeout(timer);
        resolve({ child, gateway: found[1], output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited with ${code}:\n${output}`), { code, output }));
    });
  });
}

function spawnStart(env: Record<string, string>): ChildProcess {
  // No shell between: the signals a test sends reach the process as they would from a terminal.
  const [command = 'node', ...args] = startCommand.split(' ');
  return spawn(command, args, {
    cwd: root,
    env: {
      ...process.env,
      PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`,
      GATEWAY_PORT: '0',
      INTAKE_PORT: '0',
      MATCHING_PORT: '0',
      NOTIFICATION_PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'duijie-start-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

t.test('the start command brings the whole system up on PGlite behind the gateway', async (t) => {
  const system = await start({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  t.teardown(() => stop(system.child));
  t.match(system.output(), /Starting Duijie on PGlite/);

  // What an operator reads at start (at the default level): the banner last, few lines before.
  const printed = system.output();
  const banner = printed.indexOf('Duijie is up.');
  t.match(printed.slice(banner), /^Duijie is up\.\n( {2}.+\n)+$/, 'the banner is the last thing printed at start');
  const infoLines = printed
    .slice(0, banner)
    .split('\n')
    .filter((l) => l.startsWith('{'));
  t.comment(`log lines before the banner: ${infoLines.length}`);
  t.ok(infoLines.length <= 3, `at most 3 log lines before the banner (there were ~445): ${infoLines.length}`);

  const health = await fetch(`${system.gateway}/health`);
  t.equal(health.status, 200);
  t.match(await health.json(), { status: 'ok', service: 'gateway' });

  const ready = await fetch(`${system.gateway}/ready`);
  t.equal(ready.status, 200);
  t.match(await ready.json(), { checks: { intake: { ok: true }, matching: { ok: true }, notification: { ok: true } } });

  const docs = await fetch(`${system.gateway}/docs/json`);
  const document = (await docs.json()) as { info: Record<string, unknown>; paths: Record<string, unknown> };
  t.notOk(document.info['x-unavailable-services'], 'every service contributed its document');
  const result = await validate(structuredClone(document) as never);
  t.ok(result.valid, result.valid ? 'the merged OpenAPI document validates' : compileErrors(result));
  t.ok(document.paths['/v1/employers'], 'with the services’ paths');

  t.match(system.output(), /Loaded demo data/);
  const demo = (await (await fetch(`${system.gateway}/v1/vacancies?regionCode=433100&limit=5`)).json()) as {
    items: { regionCode: string }[];
  };
  t.equal(demo.items.length, 5, 'a fresh start has demo vacancies in 湘西州');
  // Something for the screens to show: a fair running now and a livestream, their pages named.
  const fairId = /big screen\s+\S+\/hall\/(\S+)/.exec(system.output())?.[1];
  const stats = (await (await fetch(`${system.gateway}/v1/fairs/${fairId}/stats`)).json()) as Record<string, number>;
  t.match(stats, { employers: 8, seekersCheckedIn: 40 }, 'the demo fair has booths and people checked in');
  t.ok((stats.intents ?? 0) > 0, 'and intents for the hall to show');
  const livestreamId = /\/live\/(\S+) \(viewers\)/.exec(system.output())?.[1];
  const lineup = (await (await fetch(`${system.gateway}/v1/livestreams/${livestreamId}/lineup`)).json()) as {
    items: unknown[];
  };
  t.ok(lineup.items.length > 0, 'the demo livestream has a lineup');
  t.equal((await fetch(`${system.gateway}/hall/${fairId}`)).status, 200, 'the big screen’s page is served');

  const token = /demo staff token \(admin of 湘西州 433100, 12 h\): (\S+)/.exec(system.output())?.[1];
  t.ok(token, 'the start command prints a demo staff token');
  const created = await fetch(`${system.gateway}/v1/employers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      name: '龙山县某箱包社区工厂',
      kind: 'community_factory',
      creditCode: `92433130MA4Q9X2P1${creditCodeCheckChar('92433130MA4Q9X2P1')}`,
      regionCode: '433130',
    }),
  });
  t.equal(created.status, 201, 'a write through the gateway lands in the database');
  const { id } = (await created.json()) as { id: string };

  t.equal(await stop(system.child), 0, 'SIGTERM shuts it down cleanly');

  const again = await start({ DATA_DIR: dataDir });
  t.teardown(() => stop(again.child));
  const read = await fetch(`${again.gateway}/v1/employers/${id}`);
  t.equal(read.status, 200, 'the data directory keeps what was written across a restart');
  t.match(again.output(), `/hall/${fairId}`, 'a restart names the same demo fair’s screen');
});

t.test('a bad setting stops start-up with a message naming it', async (t) => {
  const failure = (await start({ GATEWAY_PORT: 'eighty', DATA_DIR: dataDir }).catch((e: unknown) => e)) as {
    code: number;
    output: string;
  };
  t.equal(failure.code, 1);
  t.match(failure.output, /GATEWAY_PORT/);
  t.notMatch(failure.output, /at .*\.ts:\d+/, 'no stack trace');
});

t.test('stopped while it loads the demo data, it says so and exits cleanly, with no stack', async (t) => {
  const fresh = mkdtempSync(join(tmpdir(), 'duijie-start-stopped-'));
  t.teardown(() => rmSync(fresh, { recursive: true, force: true }));
  const port = await freePort();
  const child = spawnStart({ DATA_DIR: fresh, GATEWAY_PORT: String(port) });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  t.teardown(() => stop(child));
  // The gateway answers as soon as the services are up; the demo data is loaded after that.
  for (let i = 0; i < 900; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up || child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(await stop(child), 0, 'SIGTERM shuts it down cleanly');
  t.notMatch(output, /FST_ERR|\n\s+at \S/, 'no error or stack printed');
  if (output.includes('Duijie is up.')) t.comment('the demo data was in before the signal: nothing was cut short');
  else t.match(output, /Stopped before the demo data was loaded/, 'the operator is told what was cut short');
});
