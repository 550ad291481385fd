import { maskPersonalText } from './personal-data.ts';

/**
 * How an error is logged. Database errors carry the data of the statement that failed — the
 * drizzle message ends in `params: <every value>`, postgres.js and PGlite keep `parameters`,
 * and PostgreSQL's `detail` quotes the row (`Failing row contains (…)`, `Key (id_number)=(…)`)
 * — so the log keeps the statement and the error's codes, never a value: parameters are
 * dropped, `detail` and `where` too, and what text remains has ID and phone numbers masked
 * (a name in a message cannot be recognised, so no value may reach a message at all).
 */
export type LoggedError = {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  errors?: LoggedError[];
  [field: string]: unknown;
};

// Members that hold the values of a failed statement, whatever the driver calls them.
const VALUE_FIELDS = new Set(['params', 'parameters', 'args', 'detail', 'where', 'types', 'raw', 'values']);

// DrizzleQueryError: `Failed query: <sql>\nparams: <values>`.
const DRIZZLE_PARAMS = /\nparams: [\s\S]*$/;

/** An error's message without the values it quotes. */
export function safeErrorMessage(err: unknown): string {
  const message = err instanceof Error || isErrorLike(err) ? err.message : String(err);
  return maskPersonalText(maskUrlCredentials(message.replace(DRIZZLE_PARAMS, '\nparams: [not logged]')));
}

/** The pino `err` serializer: type, safe message, stack frames, codes, and the causes likewise. */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!isErrorLike(err)) return err;
  const type =
    err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : (err.name ?? 'Error');
  const message = safeErrorMessage(err);
  const logged: LoggedError = { type, message };
  if (typeof err.stack === 'string') {
    // The stack's head repeats the message; only the frames are kept after the safe one.
    const frames = err.stack.split('\n').filter((line) => /^\s+at /.test(line));
    logged.stack = maskPersonalText([`${err.name ?? type}: ${message}`, ...frames].join('\n'));
  }
  for (const key of Object.keys(err)) {
    if (key in logged || VALUE_FIELDS.has(key) || key === 'cause' || key === 'errors') continue;
    const value = (err as Record<string, unknown>)[key];
    if (typeof value === 'string') logged[key] = maskPersonalText(maskUrlCredentials(value));
    else if (typeof value === 'number' || typeof value === 'boolean') logged[key] = value;
    // Objects and arrays are left out: that is where drivers keep rows and values.
  }
  if (depth < 5) {
    if (isErrorLike(err.cause)) logged.cause = serializeError(err.cause, depth + 1) as LoggedError;
    const nested = (err as { errors?: unknown }).errors;
    if (Array.isArray(nested)) {
      logged.errors = nested.filter(isErrorLike).map((e) => serializeError(e, depth + 1) as LoggedError);
    }
  }
  return logged;
}

type ErrorLike = { message: string; name?: string; stack?: unknown; cause?: unknown; constructor?: { name?: string } };

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** `postgres://user:secret@host` → `postgres://user:***@host`. */
const maskUrlCredentials = (text: string) => text.replace(/(\/\/[^:/@\s]+):[^@\s/]+@/g, '$1:***@');
