import { z } from 'zod';
import { idOf, Paging, RegionCode, Timestamp } from './common.ts';
import { say } from './say.ts';
import { Phone } from './seeker.ts';

/**
 * 就业信息员/协理员 are officers; bureau staff who manage employers, keys and accounts are
 * admins; the fair desk (招聘会服务台) checks seekers in at fairs.
 */
export const StaffRole = z.enum(['officer', 'admin', 'fair-desk']);
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

export const StaffId = idOf('stf');
export const StaffStatus = z.enum(['active', 'disabled']);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,39}$/,
    say(
      '应为 3 至 40 个字母、数字或 . _ -，以字母或数字开头',
      'must be 3 to 40 letters, digits or . _ -, starting with a letter or digit',
    ),
  )
  .describe('what the person signs in with; letters are kept lower-case');

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B): length is what counts. */
export const NewPassword = z
  .string()
  .min(10, say('至少 10 个字符', 'must be at least 10 characters'))
  .max(128, say('至多 128 个字符', 'must be at most 128 characters'))
  .describe('10 to 128 characters');

/** A password as typed at sign-in: never checked for shape, so a wrong one is only ever "wrong". */
const GivenPassword = z.string().max(128).describe('the password');

export const StaffAccountInput = z
  .object({
    username: Username,
    name: z.string().trim().min(1).max(40).describe('the person’s name, as on their badge'),
    phone: Phone.describe('the person’s mobile (shown masked)'),
    regionCode: z.union([RegionCode, z.literal(NATIONWIDE)]).describe('the region they serve: within yours'),
    role: StaffRole,
  })
  .strict();

/** A staff account as shown: the phone masked, never a password or its hash. */
export const StaffAccount = z
  .object({
    id: StaffId,
    username: z.string(),
    name: z.string(),
    phone: z.string().describe('masked: 138****5678'),
    regionCode: z.string(),
    role: StaffRole,
    status: StaffStatus,
    passwordChangeRequired: z.boolean().describe('true until the person sets their own password'),
    totpEnabled: z.boolean().describe('signing in also takes a code from the person’s authenticator app'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'StaffAccount' });

/** An account just made or just reset: the one-time password is shown in this answer only. */
export const StaffAccountWithPassword = StaffAccount.extend({
  oneTimePassword: z
    .string()
    .describe('give it to the person: it signs in once, to set their own password; never shown again'),
}).meta({ id: 'StaffAccountWithPassword' });

/** A code of an authenticator app: six digits. */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, say('应为验证器应用显示的 6 位数字', 'must be the 6 digits the authenticator app shows'))
  .describe('the 6-digit code the authenticator app shows now');

const SecondFactor = TotpCode.optional().describe(
  'the authenticator app’s code: required once the account has turned the second factor on',
);

export const SignInInput = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(40), password: GivenPassword, totp: SecondFactor })
  .strict();

export const PasswordChangeInput = z
  .object({
    username: z.string().trim().toLowerCase().min(1).max(40),
    currentPassword: GivenPassword.describe('the password in use, or the one-time password'),
    newPassword: NewPassword,
    totp: SecondFactor,
  })
  .strict();

/** The start of enrolling a second factor: shown once, to put into the authenticator app. */
export const TotpEnrolment = z
  .object({
    secret: z.string().describe('base32: type it into the app, or scan the otpauth URI as a QR code'),
    uri: z.string().describe('otpauth://totp/…: render it as a QR code for the app to scan'),
  })
  .meta({ id: 'TotpEnrolment' });

export const TotpConfirmInput = z.object({ code: TotpCode }).strict();

/** A staff token, as every service verifies it. */
export const SignedIn = z
  .object({
    token: z.string().describe('send as Authorization: Bearer <token>'),
    expiresAt: Timestamp,
    staff: StaffClaims,
  })
  .meta({ id: 'SignedIn' });

/** One line of the audit log: who (a staff account or an employer's key) did what to which record. */
export const AuditRecord = z
  .object({
    id: z.string(),
    at: Timestamp,
    actor: z.string().describe('staff:<staffId>, api-key:<keyId> or anonymous'),
    action: z.string().describe('e.g. seeker.personal-data.read, staff.disabled'),
    subjectType: z.string(),
    subjectId: z.string(),
    regionCode: z.string().nullable().describe('the region of the record acted on'),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditRecord' });

export const StaffAccountQuery = z.object({
  regionCode: RegionCode.optional().describe('within this region (within your own); default: your region'),
  status: StaffStatus.optional(),
  role: StaffRole.optional(),
  ...Paging,
});

export const AuditQuery = z.object({
  regionCode: RegionCode.optional().describe('records of this region (within your own); default: your region'),
  actor: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .optional()
    .describe('who: staff:<staffId>, api-key:<keyId>, or a bare staff id'),
  action: z.string().trim().min(1).max(80).optional().describe('what: an action, e.g. staff.disabled'),
  subjectId: z.string().trim().min(1).max(80).optional().describe('the record acted on'),
  from: Timestamp.optional().describe('at or after'),
  to: Timestamp.optional().describe('before'),
  ...Paging,
});

export const OidcClaimRuleId = idOf('ocr');

/**
 * A rule of OIDC sign-in: whoever the identity platform says has `claimName` = `claimValue`
 * (or that value among the claim's list) gets an account of `role` in the region on their
 * first sign-in. The first matching rule, in the order made, decides.
 */
export const OidcClaimRuleInput = z
  .object({
    claimName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('a claim of the provider’s ID token or userinfo, e.g. department or groups'),
    claimValue: z.string().trim().min(1).max(200).describe('the value it must hold (or hold among its list)'),
    regionCode: z
      .union([RegionCode, z.literal(NATIONWIDE)])
      .optional()
      .describe('the region granted: within yours; or give `region` as a name'),
    region: z.string().trim().min(2).max(100).optional().describe('the region as a place name (湘西州, 泸溪县)'),
    role: StaffRole,
  })
  .strict();

export const OidcClaimRule = z
  .object({
    id: OidcClaimRuleId,
    claimName: z.string(),
    claimValue: z.string(),
    regionCode: z.string(),
    role: StaffRole,
    createdBy: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'OidcClaimRule' });

export const OidcClaimRuleQuery = z.object({
  regionCode: RegionCode.optional().describe('rules granting this region (within yours); default: your region'),
  ...Paging,
});

/** The provider's answer to an OIDC sign-in, as it comes back to the callback. */
export const OidcCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  iss: z.string().max(500).optional(),
  session_state: z.string().max(500).optional(),
});

/** Where a client that asked for JSON sends the browser to sign in (the cookie is set alongside). */
export const OidcSignInStarted = z
  .object({ authorizationUrl: z.url().describe('the identity platform’s authorization URL') })
  .meta({ id: 'OidcSignInStarted' });
