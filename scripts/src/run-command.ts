import { spawn } from 'node:child_process';

// tsx as this repository has it, resolved here: a command may run from another directory.
const TSX = import.meta.resolve('tsx');

const pgliteSetting = () => {
  const size = process.env.DUIJIE_PGLITE_SHARED_BUFFERS;
  return size ? { DUIJIE_PGLITE_SHARED_BUFFERS: size } : {};
};

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs one of the project's commands (a TypeScript script under tsx) as a person would, with
 * only the environment given (and PATH): its exit code and what it printed. `source` reads the
 * workspace packages from src/ (the pnpm scripts' condition) instead of their dist/.
 */
export function runCommand(
  script: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; source?: boolean } = {},
): Promise<CommandResult> {
  const node = [...(options.source ? ['--conditions=@duijie/source'] : []), '--import', TSX];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...node, script, ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      // The test run's PGlite setting (run-tests.mjs) too: it is not the person's environment.
      env: { PATH: process.env.PATH ?? '', ...pgliteSetting(), ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
