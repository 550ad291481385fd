#!/usr/bin/env node
// Runs every test with tap (with `--checks`, after the type check and the linter) and ends
// with one plain line, `N passed, N failed, N skipped`, summed from tap's own summary (CI
// reads that line). Exits non-zero on any failure.
//
// The whole run is under the log guard: every logger a test (or a process it spawns) creates
// copies its lines to a directory (DUIJIE_LOG_GUARD), and a line carrying an ID or mobile
// number fails the run, naming the test file. DUIJIE_LOG_GUARD=off runs without it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const run = (command, args, env) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], shell: false, env });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk).slice(-4096);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, tail }));
  });

const guarded = process.env.DUIJIE_LOG_GUARD !== 'off';
const guardDir = guarded ? mkdtempSync(join(tmpdir(), 'duijie-log-guard-')) : undefined;
const { DUIJIE_LOG_GUARD: _setting, ...unguarded } = process.env;
// PGlite zeroes its shared buffers at every start: 128 MB were ≈ 0.5 s of each of the run's
// hundreds of new databases (and processes started by tests). The tests' databases are small.
// And its WebAssembly stays on V8's baseline compiler: the optimising one's recompiling took
// ≈ 0.8 s of CPU a new database, which a test's small database never earns back (the intake
// tests took 163–170 s with it off, 206–215 s on, alternated on one machine).
const smallBuffers = {
  DUIJIE_PGLITE_SHARED_BUFFERS: process.env.DUIJIE_PGLITE_SHARED_BUFFERS ?? '16MB',
  DUIJIE_PGLITE_LIFTOFF_ONLY: process.env.DUIJIE_PGLITE_LIFTOFF_ONLY ?? '1',
};
const env = guardDir
  ? { ...unguarded, ...smallBuffers, DUIJIE_LOG_GUARD: guardDir }
  : { ...unguarded, ...smallBuffers };
// tap replaces (does not extend) its configured node arguments when given any, so the
// configured ones come first and the guard's preload after them.
const configured = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).tap['node-arg'] ?? [];
const preload = fileURLToPath(new URL('./log-guard-test-name.mjs', import.meta.url));
const nodeArgs = guardDir ? [...configured, `--import=${preload}`].map((a) => `--node-arg=${a}`) : [];

/** A check's whole output, printed at once when it ends: checks run side by side. */
const quietly = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      process.stdout.write(`$ ${command} ${args.join(' ')}\n${output}`);
      resolve(code ?? 1);
    });
  });

// `--checks` (pnpm test): the type check and the linter first, beside tap's build, which needs
// one core for a while (≈ 10 s of a run saved on two cores). Any of them failing stops the run.
const checks = process.argv[2] === '--checks';
const tapArgs = process.argv.slice(checks ? 3 : 2);
// Without the TypeScript plugin tap needs its plugin set rebuilt once after install.
const before = await Promise.all([
  quietly('tap', ['build']),
  ...(checks ? [quietly('tsc', ['-p', 'tsconfig.json']), quietly('biome', ['check', '.'])] : []),
]);
if (before.some((code) => code !== 0)) {
  process.stdout.write('0 passed, 1 failed\n');
  process.stderr.write('a check before the tests failed (see above): no test was run\n');
  process.exit(1);
}
const { code, tail } = await run('tap', [...nodeArgs, ...tapArgs], env);
const summary = /# \{ total: (\d+)([^}]*)\}/.exec(tail);
const count = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(summary?.[2] ?? '')?.[1] ?? 0);
if (!summary) {
  process.stdout.write('0 passed, 1 failed\n');
  process.stderr.write('tap printed no summary: the run did not complete\n');
  process.exit(code || 1);
}
let leaked = false;
if (guardDir) {
  const scan = await run('node', ['--import', 'tsx', join(root, 'scripts/src/log-guard.ts'), guardDir], process.env);
  leaked = scan.code !== 0;
  rmSync(guardDir, { recursive: true, force: true });
}
const failed = count('fail') + (leaked ? 1 : 0);
process.stdout.write(`${count('pass')} passed, ${failed} failed, ${count('skip')} skipped\n`);
if (leaked) process.stderr.write('the log guard failed the run: personal numbers were logged (see above)\n');
process.exit(failed > 0 ? 1 : code);
