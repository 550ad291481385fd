import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPersonalNumbers, maskPersonalNumbers, maskPersonalText } from './personal-data.ts';

/** A log line with personal numbers in it, masked, and the test whose process wrote it. */
export type LogLeak = { test: string; program: string; line: string; found: string[] };

/**
 * The personal numbers in one log line: in its raw text and in every string it decodes to
 * (JSON escapes such as `\n` would otherwise glue a number to a word and hide it).
 */
export function leaksOf(line: string): string[] {
  const texts = [line];
  try {
    collectStrings(JSON.parse(line), texts);
  } catch {
    // Not JSON: the raw text is all there is.
  }
  const found = new Set<string>();
  for (const text of texts) for (const f of findPersonalNumbers(text)) found.add(`${f.kind} ${f.masked}`);
  return [...found];
}

function collectStrings(value: unknown, into: string[]) {
  if (typeof value === 'string') into.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, into);
}

/** Every leaking line in the guard's directory (files written by `createLogger` under the guard). */
export function scanLogGuard(dir: string): LogLeak[] {
  const leaks: LogLeak[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ndjson'))) {
    const [head = '', ...lines] = readFileSync(join(dir, file), 'utf8').split('\n');
    const origin = headerOf(head);
    for (const line of lines) {
      if (!line) continue;
      const found = leaksOf(line);
      if (found.length > 0) leaks.push({ ...origin, line: maskLine(line), found });
    }
  }
  return leaks;
}

function headerOf(line: string): { test: string; program: string } {
  try {
    const { logGuard } = JSON.parse(line) as { logGuard?: { test?: string; program?: string } };
    return { test: logGuard?.test ?? '(unknown)', program: logGuard?.program ?? '(unknown)' };
  } catch {
    return { test: '(unknown)', program: '(unknown)' };
  }
}

/** The line as it may be printed: every number the guard (or the masks) know, masked; not too long. */
function maskLine(line: string): string {
  const masked = maskPersonalText(maskPersonalNumbers(line));
  return masked.length > 600 ? `${masked.slice(0, 600)}…` : masked;
}
