import { z } from 'zod';
import { say } from './say.ts';

export const WageUnit = z.enum(['hour', 'day', 'week', 'month', 'year', 'piece']);
export type WageUnit = z.infer<typeof WageUnit>;

/** Yuan with at most two decimals (fen): 22.5 元/小时 is a wage people are offered. */
const Yuan = z
  .number()
  .min(0)
  .max(10_000_000)
  .refine(
    (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
    say('最多两位小数（分）', 'at most two decimals (fen)'),
  );

/** A wage as offered or expected, in yuan per unit (two decimals at most). */
export const WageRange = z
  .object({
    min: Yuan,
    max: Yuan.optional(),
    unit: WageUnit,
    piecesPerMonth: z.int().min(1).max(1_000_000).optional().describe('for piece rates: an estimate used to compare'),
    monthlyEstimate: z
      .object({ min: z.int().min(0).max(10_000_000), max: z.int().min(0).max(10_000_000).optional() })
      .optional()
      .describe(
        'for piece rates: what the employer says a month comes to (计件，熟手月均 7000), instead of piecesPerMonth',
      ),
    note: z
      .string()
      .max(300)
      .optional()
      .describe('the employer’s own words on pay (底薪+提成, 计件，多劳多得), kept and shown as written'),
  })
  .refine((w) => w.max === undefined || w.max >= w.min, {
    message: say('最高值不得低于最低值', 'max must not be below min'),
    path: ['max'],
  })
  .refine(
    (w) => !w.monthlyEstimate || w.monthlyEstimate.max === undefined || w.monthlyEstimate.max >= w.monthlyEstimate.min,
    {
      message: say('最高值不得低于最低值', 'max must not be below min'),
      path: ['monthlyEstimate', 'max'],
    },
  )
  .refine((w) => w.unit === 'piece' || (w.piecesPerMonth === undefined && w.monthlyEstimate === undefined), {
    message: say('只有计件工资才有每月件数或月收入估算', 'only a piece rate has pieces a month or a monthly estimate'),
    path: ['unit'],
  })
  // Stored as a month's wage too (an integer column): pieces × rate must fit what a month can pay.
  .refine((w) => w.unit !== 'piece' || (w.max ?? w.min) * (w.piecesPerMonth ?? 0) <= 10_000_000, {
    message: say(
      '计件单价乘以每月件数不得超过每月 10,000,000 元',
      'a piece rate times pieces per month must not exceed 10,000,000 a month',
    ),
    path: ['piecesPerMonth'],
  });
export type WageRange = z.infer<typeof WageRange>;

/** After normalisation: integer yuan per month, kept next to the raw offer. */
export const MonthlyWage = z.object({ monthlyMin: z.int(), monthlyMax: z.int() });

/**
 * The working time a post states, for converting hour and day wages honestly (10 小时/天,
 * 月休 4 天). Without it the statutory 8 hours and 21.75 days are assumed, and said so.
 */
export const WorkingTime = {
  hoursPerDay: z.number().min(1).max(24).multipleOf(0.5).optional().describe('hours worked a day, as the post says'),
  daysPerMonth: z
    .number()
    .min(1)
    .max(31)
    .multipleOf(0.25)
    .optional()
    .describe('days worked a month (or give restDaysPerMonth: 30 − rest days)'),
  restDaysPerMonth: z.int().min(0).max(30).optional().describe('rest days a month, as the post says (月休 4 天)'),
};
