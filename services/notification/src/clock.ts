/** Beijing time has no daylight saving: quiet hours and days are counted in UTC+8. */
const OFFSET = 8 * 3600_000;
const DAY = 86_400_000;

/** Minutes after midnight, Beijing time. */
export const beijingMinutes = (at: Date) => Math.floor(((((at.getTime() + OFFSET) % DAY) + DAY) % DAY) / 60_000);

/** The start of the Beijing day `at` falls in. */
export const beijingDayStart = (at: Date) => new Date(Math.floor((at.getTime() + OFFSET) / DAY) * DAY - OFFSET);

/** Whether `at` is within the quiet hours from–until (minutes; from > until wraps past midnight). */
export function inQuietHours(at: Date, from: number, until: number): boolean {
  if (from === until) return false;
  const m = beijingMinutes(at);
  return from < until ? m >= from && m < until : m >= from || m < until;
}

/** The next moment at or after `at` when the clock in Beijing reads `minutes`. */
export function nextBeijing(at: Date, minutes: number): Date {
  const candidate = new Date(beijingDayStart(at).getTime() + minutes * 60_000);
  return candidate.getTime() >= at.getTime() ? candidate : new Date(candidate.getTime() + DAY);
}

/** `minutes` past midnight on the Beijing day after the one `at` falls in. */
export const tomorrowAt = (at: Date, minutes: number) =>
  new Date(beijingDayStart(at).getTime() + DAY + minutes * 60_000);
