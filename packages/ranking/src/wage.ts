export type WageUnit = 'hour' | 'day' | 'week' | 'month' | 'year' | 'piece';

/** 21.75 working days a month and 8 hours a day: the statutory figures (劳社部发〔2008〕3号). */
export const WORKING_DAYS_PER_MONTH = 21.75;
export const HOURS_PER_DAY = 8;

/** The working time a post states; what it leaves out is the statutory figure. */
export type WorkingTime = {
  hoursPerDay?: number | null | undefined;
  daysPerMonth?: number | null | undefined;
  restDaysPerMonth?: number | null | undefined;
};

/** Hours a day and days a month, and whether each was stated or assumed. */
export function workingTime(t: WorkingTime = {}) {
  const days = t.daysPerMonth ?? (t.restDaysPerMonth != null ? 30 - t.restDaysPerMonth : null);
  return {
    hoursPerDay: t.hoursPerDay ?? HOURS_PER_DAY,
    daysPerMonth: days ?? WORKING_DAYS_PER_MONTH,
    hoursStated: t.hoursPerDay != null,
    daysStated: days != null,
  };
}

/** How many of `unit` make a month at this working time (a piece rate has no such figure). */
export function unitsPerMonth(unit: Exclude<WageUnit, 'piece'>, t: WorkingTime = {}): number {
  const { hoursPerDay, daysPerMonth } = workingTime(t);
  switch (unit) {
    case 'hour':
      return hoursPerDay * daysPerMonth;
    case 'day':
      return daysPerMonth;
    case 'week':
      return 52 / 12;
    case 'month':
      return 1;
    case 'year':
      return 1 / 12;
  }
}

/**
 * A wage in whole yuan per month, at the post's own hours and days where it states them.
 * Piece rates need an estimate of pieces a month; without one there is no honest monthly
 * figure, so the caller must supply it (or the employer's monthly estimate, see monthlyRange).
 */
export function toMonthly(amount: number, unit: WageUnit, piecesPerMonth?: number | null, time?: WorkingTime): number {
  if (unit === 'piece') {
    if (!piecesPerMonth) throw new RangeError('a piece rate needs an estimate of pieces per month');
    return Math.round(amount * piecesPerMonth);
  }
  return Math.round(amount * unitsPerMonth(unit, time));
}

/** A raw wage range as monthly min and max (max defaults to min). */
export function monthlyRange(
  wage: {
    min: number;
    max?: number | undefined;
    unit: WageUnit;
    piecesPerMonth?: number | undefined;
    monthlyEstimate?: { min: number; max?: number | undefined } | undefined;
  },
  time?: WorkingTime,
) {
  if (wage.unit === 'piece' && wage.monthlyEstimate && !wage.piecesPerMonth) {
    const { min, max } = wage.monthlyEstimate;
    return { monthlyMin: Math.round(min), monthlyMax: Math.round(max ?? min) };
  }
  const monthlyMin = toMonthly(wage.min, wage.unit, wage.piecesPerMonth, time);
  const monthlyMax = toMonthly(wage.max ?? wage.min, wage.unit, wage.piecesPerMonth, time);
  return { monthlyMin, monthlyMax };
}

/**
 * A seeker's expectation as yuan a month (its minimum), or undefined when it cannot be one:
 * a piece rate with neither pieces a month nor a monthly estimate. One reading for the stored
 * demand and for a demand sent with a request.
 */
export function expectedMonthly(expected: Parameters<typeof monthlyRange>[0] | undefined): number | undefined {
  if (!expected || (expected.unit === 'piece' && !expected.piecesPerMonth && !expected.monthlyEstimate))
    return undefined;
  return monthlyRange(expected).monthlyMin;
}
