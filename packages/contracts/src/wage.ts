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
  .refine((w) => w.max === undefined || w.max >= w.min, { message: 'max must not be below min', path: ['max'] });
export type WageRange = z.infer<typeof WageRange>;

/** After normalisation: integer yuan per month, kept next to the raw offer. */
export const MonthlyWage = z.object({ monthlyMin: z.int(), monthlyMax: z.int() });
