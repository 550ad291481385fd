import { Writable } from 'node:stream';
import { createLogger, type Logger } from './logger.ts';

/** A logger that keeps its lines, so a test can assert what was (and was not) logged. */
export function captureLogger(level = 'info'): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines: () => [...lines] };
}
