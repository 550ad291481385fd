import pino, { type Logger, type LoggerOptions } from 'pino';
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

/** The service logger: JSON lines, personal data redacted, URLs masked. */
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
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
