#!/usr/bin/env node
// Runs every test with tap and ends with one plain line, `N passed, N failed, N skipped`,
// summed from tap's own summary (CI reads that line). Exits non-zero on any failure.
import { spawn } from 'node:child_process';

const tap = (args) =>
  new Promise((resolve) => {
    const child = spawn('tap', args, { stdio: ['ignore', 'pipe', 'inherit'], shell: false });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk).slice(-4096);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, tail }));
  });

// Without the TypeScript plugin tap needs its plugin set rebuilt once after install.
await tap(['build']);
const { code, tail } = await tap(process.argv.slice(2));
const summary = /# \{ total: (\d+)([^}]*)\}/.exec(tail);
const count = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(summary?.[2] ?? '')?.[1] ?? 0);
if (!summary) {
  process.stdout.write('0 passed, 1 failed\n');
  process.stderr.write('tap printed no summary: the run did not complete\n');
  process.exit(code || 1);
}
const failed = count('fail');
process.stdout.write(`${count('pass')} passed, ${failed} failed, ${count('skip')} skipped\n`);
process.exit(failed > 0 ? 1 : code);
