import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';

// What the images do (infra/docker/Dockerfile), without Docker: the build (tsc -b to
// dist/), then each service's `node dist/main.js` — no tsx, and no @duijie/source condition,
// so every workspace package resolves to its dist/ as in a deployed image. A .ts file reached
// at run time would stop plain Node 20 (unknown file extension). Each database service is
// alone on PGlite, as an image without DATABASE_URL would be.
const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVICES = ['intake', 'matching', 'notification', 'gateway'] as const;
type Service = (typeof SERVICES)[number];

/** The environment of a deployed image: no NODE_OPTIONS (the development condition, tap's hooks). */
const productionEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const { NODE_OPTIONS: _development, ...env } = process.env;
  return { ...env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...extra };
};

type Running = { child: ChildProcess; url: string; output: () => string };

function startCompiled(service: Service, env: Record<string, string>): Promise<Running> {
  // Through env(1): tap hooks spawn and puts its loader, and this run's NODE_OPTIONS with the
  // development condition, back into the child's environment; env execs node without them.
  const child = spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, 'dist/main.js'], {
    cwd: join(root, 'services', service),
    env: productionEnv({ PORT: '0', ...env }),
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${service}: no start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /Server listening at (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${service} exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

// A whole build on a busy machine takes a minute or more; tsc -b skips what is up to date.
t.setTimeout(600_000);
const dataDir = mkdtempSync(join(tmpdir(), 'duijie-compiled-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

t.test('the compiled services start with plain node and answer /health and /ready', async (t) => {
  const began = Date.now();
  // The projects `pnpm build` builds for the four services (each package's tsc -b of its
  // tsconfig.build.json, references first), in one tsc process: the same dist/, but turbo's
  // fourteen processes took ≈ 130 s on two cores where one takes ≈ 27 s.
  await promisify(execFile)(
    join(root, 'node_modules/.bin/tsc'),
    ['-b', ...SERVICES.map((s) => `services/${s}/tsconfig.build.json`)],
    { cwd: root, env: process.env, maxBuffer: 16 * 1024 * 1024 },
  );
  t.comment(`build: ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const secret = 'compiled-start-test-secret-0123456789abcdef';
  const started = Date.now();
  const upstreams = await Promise.all(
    (['intake', 'matching', 'notification'] as const).map((s) =>
      startCompiled(s, { DATA_DIR: join(dataDir, s), STAFF_TOKEN_SECRET: secret }),
    ),
  );
  for (const u of upstreams) t.teardown(() => stop(u.child));
  const [intake, matching, notification] = upstreams as [Running, Running, Running];
  const gateway = await startCompiled('gateway', {
    STAFF_TOKEN_SECRET: secret,
    INTAKE_URL: intake.url,
    MATCHING_URL: matching.url,
    NOTIFICATION_URL: notification.url,
  });
  t.teardown(() => stop(gateway.child));
  t.comment(`start: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const health = await fetch(`${gateway.url}/health`);
  t.equal(health.status, 200);
  t.match(await health.json(), { status: 'ok', service: 'gateway' });
  const ready = await fetch(`${gateway.url}/ready`);
  t.equal(ready.status, 200, 'the gateway reaches every compiled service, and they their databases');
  t.match(await ready.json(), { checks: { intake: { ok: true }, matching: { ok: true }, notification: { ok: true } } });
  const docs = (await (await fetch(`${gateway.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
  t.ok(docs.paths['/v1/vacancies'], 'the merged OpenAPI document has the services’ paths');

  for (const running of [gateway, intake, matching, notification]) {
    t.equal(await stop(running.child), 0, 'SIGTERM shuts it down cleanly');
    t.notMatch(running.output(), /ERR_UNKNOWN_FILE_EXTENSION|\.ts:\d+/, 'no TypeScript reached at run time');
  }
});
