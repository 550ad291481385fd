import { z } from 'zod';
import { EmployerId, idOf, RegionCode, Timestamp } from './common.ts';
import { FairId } from './fair.ts';
import { SignedIn } from './staff.ts';
import { instantInput } from './time.ts';

export const FairCodeId = idOf('fcd');

/** When a new code stops working: the fair's end unless an earlier time is given. */
export const FairCodeInput = z
  .object({
    // Without a zone: Beijing time (README, "One time zone rule").
    expiresAt: instantInput()
      .optional()
      .describe('an earlier end than the fair’s (a shift’s end, say); the code never outlives the fair'),
  })
  .strict();

/** A desk or booth code as listed: never the code itself. */
export const FairCode = z
  .object({
    id: FairCodeId,
    kind: z.enum(['desk', 'booth']),
    fairId: FairId,
    employerId: EmployerId.nullable().describe('a booth code’s employer'),
    regionCode: RegionCode.describe('the region a desk code’s tokens serve'),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'FairCode' });

/** A new code: the only time it is shown. */
export const FairCodeIssued = FairCode.extend({
  code: z
    .string()
    .describe('10 characters in two groups (K7M2Q-9TXAB); typed in any case, with or without spaces and dashes'),
}).meta({ id: 'FairCodeIssued' });

/** What a person types at the desk or the booth. */
export const FairCodeExchange = z.object({ code: z.string().min(1).max(40) }).strict();

/** A desk code exchanged: a fair desk's staff token, and the fair it was issued for. */
export const DeskSignedIn = SignedIn.extend({ fairId: FairId }).meta({ id: 'DeskSignedIn' });

/** A booth code exchanged: a key that acts for the employer at this fair's booth only. */
export const BoothKey = z
  .object({
    key: z.string().describe('send as Authorization: Bearer <key>; good at this fair only, until expiresAt'),
    employerId: EmployerId,
    fairId: FairId,
    expiresAt: Timestamp,
  })
  .meta({ id: 'BoothKey' });
