export type WageUnit = 'hour' | 'day' | 'week' | 'month' | 'year' | 'piece';

/** 21.75 working days a month and 8 hours a day: the statutory figures (劳社部发〔2008〕3号). */
export const WORKING_DAYS_PER_MONTH = 21.75;
export const HOURS_PER_DAY = 8;

/**
 * A wage in whole yuan per month. Piece rates need an estimate of pieces a month; without
 * one there is no honest monthly figure, so the caller must supply it.
 */
export function toMonthly(amount: number, unit: WageUnit, piecesPerMonth?: number | null): number {
  switch (unit) {
    case 'hour':
      return Math.round(amount * HOURS_PER_DAY * WORKING_DAYS_PER_MONTH);
    case 'day':
      return Math.round(amount * WORKING_DAYS_PER_MONTH);
    case 'week':
      return Math.round((amount * 52) / 12);
    case 'month':
      return Math.round(amount);
    case 'year':
      return Math.round(amount / 12);
    case 'piece':
      if (!piecesPerMonth) throw new RangeError('a piece rate needs an estimate of pieces per month');
      return Math.round(amount * piecesPerMonth);
  }
}

/** A raw wage range as monthly min and max (max defaults to min). */
export function monthlyRange(wage: {
  min: number;
  max?: number | undefined;
  unit: WageUnit;
  piecesPerMonth?: number | undefined;
}) {
  const monthlyMin = toMonthly(wage.min, wage.unit, wage.piecesPerMonth);
  const monthlyMax = toMonthly(wage.max ?? wage.min, wage.unit, wage.piecesPerMonth);
  return { monthlyMin, monthlyMax };
}
