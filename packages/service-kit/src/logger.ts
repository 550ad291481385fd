import { closeSync, openSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { safeErrorMessage, serializeError } from './log-error.ts';
import { maskPersonalText, PERSONAL_FIELDS } from './personal-data.ts';

// pino's redact wildcards match one level each, so personal fields are listed at the depths
// where request bodies, rows and event payloads put them.
const redactPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

export type LoggerConfig = { level?: string; name?: string; destination?: pino.DestinationStream };

/** The service logger: JSON lines, personal data redacted, URLs masked, errors without values. */
export function createLogger({ level = 'info', name, destination }: LoggerConfig = {}): Logger {
  const options: LoggerOptions = {
    level,
    name,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: maskPersonalText(req.url),
        requestId: req.id,
        userAgent: req.headers?.['user-agent'],
      }),
      err: serializeError,
      error: serializeError,
    },
    hooks: {
      // `log.error(err)` would make the error's message the line's message, values and all;
      // and a message written by hand is masked like a URL.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const normalized =
          first instanceof Error
            ? [{ err: first }, typeof rest[0] === 'string' ? rest.shift() : safeErrorMessage(first), ...rest]
            : args;
        const masked = normalized.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  const guard = logGuardFile();
  if (!guard) return destination ? pino(options, destination) : pino(options);
  // Under the test runner's log guard every line, at every level, is also written for the
  // guard to scan: a line a test silences would still be written in production.
  const main = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    { ...options, level: 'trace' },
    pino.multistream([
      { level: level as pino.Level, stream: main },
      { level: 'trace', stream: guard },
    ]),
  );
}

/** The variable the test runner sets to a directory: every logger then copies its lines there. */
export const LOG_GUARD_ENV = 'DUIJIE_LOG_GUARD';
/** The test file a process runs for (set by the runner's preload, inherited by what a test spawns). */
export const LOG_GUARD_TEST_ENV = 'DUIJIE_LOG_GUARD_TEST';

let guardFile: DestinationStream | null | undefined;

/** One file per process in the guard's directory; its first line says which test wrote it. */
function logGuardFile(): DestinationStream | null {
  if (guardFile !== undefined) return guardFile;
  const dir = process.env[LOG_GUARD_ENV];
  if (!dir || dir === 'off') {
    guardFile = null;
    return guardFile;
  }
  const fd = openSync(join(dir, `${process.pid}-${Date.now()}.ndjson`), 'a');
  const program = process.argv[1] ? relative(process.cwd(), process.argv[1]) : '(node -e)';
  const header = { logGuard: { test: process.env[LOG_GUARD_TEST_ENV] ?? program, program, pid: process.pid } };
  writeSync(fd, `${JSON.stringify(header)}\n`);
  process.once('exit', () => closeSync(fd));
  guardFile = { write: (line: string) => void writeSync(fd, line) };
  return guardFile;
}

export type { Logger };
