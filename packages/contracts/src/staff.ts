import { z } from 'zod';
import { RegionCode } from './common.ts';

/** 就业信息员/协理员 are officers; bureau staff who manage employers and keys are admins. */
export const StaffRole = z.enum(['officer', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** The whole country, for the scope of national staff. */
export const NATIONWIDE = '000000';

/** What a staff token says about its bearer. */
export const StaffClaims = z.object({
  staffId: z.string().min(1).max(64),
  name: z.string().min(1).max(40),
  role: StaffRole,
  regionCode: z
    .union([RegionCode, z.literal(NATIONWIDE)])
    .describe('the region the bearer may see and change: a county officer sees only that county'),
});
export type StaffClaims = z.infer<typeof StaffClaims>;
