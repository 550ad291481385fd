import { z } from 'zod';

export const WageUnit = z.enum(['hour', 'day', 'week', 'month', 'year', 'piece']);
export type WageUnit = z.infer<typeof WageUnit>;

/** A wage as offered or expected, in whole yuan per unit. */
export const WageRange = z
  .object({
    min: z.int().min(0).max(10_000_000),
    max: z.int().min(0).max(10_000_000).optional(),
    unit: WageUnit,
    piecesPerMonth: z.int().min(1).max(1_000_000).optional().describe('for piece rates: an estimate used to compare'),
  })
  .refine((w) => w.max === undefined || w.max >= w.min, { message: 'max must not be below min', path: ['max'] })
  // Stored as a month's wage too (an integer column): pieces × rate must fit what a month can pay.
  .refine((w) => w.unit !== 'piece' || (w.max ?? w.min) * (w.piecesPerMonth ?? 0) <= 10_000_000, {
    message: 'a piece rate times pieces per month must not exceed 10,000,000 a month',
    path: ['piecesPerMonth'],
  });
export type WageRange = z.infer<typeof WageRange>;

/** After normalisation: integer yuan per month, kept next to the raw offer. */
export const MonthlyWage = z.object({ monthlyMin: z.int(), monthlyMax: z.int() });
