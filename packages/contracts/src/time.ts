import { z } from 'zod';
import { SANE_YEARS, saneYear } from './common.ts';
import { say } from './say.ts';

/**
 * One time zone rule: a date or a time written without a zone is Beijing time (UTC+8, no
 * daylight saving). Every input instant is read by `instantOf`, never by `new Date(text)`,
 * which would read a zone-less time in the server's own zone.
 */
export const BEIJING_OFFSET = '+08:00';
const BEIJING_MS = 8 * 3600_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** An instant as input: with its zone (Z or ±hh:mm), without one (Beijing), or a date. */
export const InstantInput = z
  .union([z.iso.datetime({ offset: true, local: true }), z.iso.date()])
  .refine(saneYear, SANE_YEARS)
  .describe('ISO 8601 date-time; without a zone it is Beijing time (UTC+8); a date alone is that day in Beijing');

/**
 * The instant a text names, or undefined if it names none. A date alone is the start of that
 * day in Beijing, or with `endOfDay` its last second (2026-12-31 valid through → 23:59:59+08:00).
 */
export function instantOf(text: string, { endOfDay = false } = {}): Date | undefined {
  const s = text.trim();
  const iso = DATE.test(s)
    ? `${s}T${endOfDay ? '23:59:59' : '00:00:00'}${BEIJING_OFFSET}`
    : ZONED.test(s)
      ? s
      : `${s}${BEIJING_OFFSET}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * `InstantInput` read at the door as the instant it names, in UTC (`…Z`): for fields kept as
 * instants (a fair's or a livestream's times), so that nothing after it reads the text again.
 * With `endOfDay` a date alone is its last second, as for `validThrough`.
 */
export const instantInput = ({ endOfDay = false } = {}) =>
  InstantInput.transform((text, ctx) => {
    const instant = instantOf(text, { endOfDay });
    if (instant) return instant.toISOString();
    ctx.addIssue({ code: 'custom', message: say('不是存在的日期或时间', 'not a date or time that exists') });
    return z.NEVER;
  });

/** The Beijing calendar date (YYYY-MM-DD) an instant falls on. */
export const beijingDate = (instant: Date): string =>
  new Date(instant.getTime() + BEIJING_MS).toISOString().slice(0, 10);

/** The instant a Beijing calendar day starts. */
export const beijingDayStart = (date: string): Date => new Date(`${date}T00:00:00${BEIJING_OFFSET}`);
