import { closeSync, openSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
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

export type LoggerConfig = {
  level?: string;
  name?: string;
  destination?: pino.DestinationStream;
  /** Readable lines instead of JSON; by default when stdout is a terminal (a person reads it). */
  pretty?: boolean;
};

const quiet = Symbol('duijie.quietStart');
type QuietState = { on: boolean };

/** The service logger: JSON lines, personal data redacted, URLs masked, errors without values. */
export function createLogger({
  level = 'info',
  name,
  destination,
  pretty: readable = !destination && process.stdout.isTTY === true,
}: LoggerConfig = {}): Logger {
  const state: QuietState = { on: false };
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
      logMethod(args, method, level) {
        // While the system starts (quietStart), its routine info lines go out at debug.
        if (state.on && level === INFO) return this.debug(...(args as [string]));
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
  // Pretty-printed from the redacted JSON line, in this thread (sync: a line is out before
  // the next statement, so a banner printed after the logs comes after them).
  const main = readable
    ? pretty({
        sync: true,
        colorize: !destination,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        destination: destination ?? 1,
      })
    : (destination ?? pino.destination({ dest: 1, sync: true }));
  const guard = logGuardFile();
  const logger = guard
    ? // Under the test runner's log guard every line, at every level, is also written for the
      // guard to scan (as JSON): a line a test silences would still be written in production.
      pino(
        { ...options, level: 'trace' },
        pino.multistream([
          { level: level as pino.Level, stream: main },
          { level: 'trace', stream: guard },
        ]),
      )
    : pino(options, main);
  return Object.assign(logger, { [quiet]: state });
}

const INFO = 30;

/**
 * Until `done()`, the logger (and its children: a service's request lines) writes info lines
 * at debug: the routine steps of starting a whole system — each service listening, the demo
 * data going in through the API — which the banner printed after `done()` sums up. Warnings
 * and errors pass as they are; LOG_LEVEL=debug shows the rest; the log guard sees every line.
 */
export function quietStart(logger: Logger): { done(): void } {
  const state = (logger as Logger & { [quiet]?: QuietState })[quiet];
  if (state) state.on = true;
  return {
    done() {
      if (state) state.on = false;
    },
  };
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
