import { z } from 'zod';
import { EmployerId, Paging, RecordMeta, RegionCode, RegionFilter, Timestamp, Version } from './common.ts';
import { say } from './say.ts';

export const EmployerKind = z
  .enum(['enterprise', 'community_factory', 'public_welfare', 'labor_agency'])
  .describe('企业 / 扶贫车间·社区工厂 / 公益性岗位开发单位 / 劳务派遣·中介机构');

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character GB 32100-2015 gives for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] ?? '';
}

/** 统一社会信用代码: 18 characters, the last a check character (GB 32100-2015). */
export const CreditCode = z
  .string()
  .length(18, say('应为 18 位', 'must be 18 characters'))
  .regex(
    /^[0-9A-HJ-NPQRTUWXY]{18}$/,
    say('只能包含数字和除 I、O、S、V、Z 以外的大写字母', 'may hold digits and capitals except I, O, S, V, Z'),
  )
  .refine(
    (code) => creditCodeCheckChar(code.slice(0, 17)) === code[17],
    say('校验字符不符', 'check character does not match'),
  )
  .describe('unified social credit code (统一社会信用代码)');

export const Contact = z.object({
  name: z.string().min(1).max(40),
  phone: z.string().max(20).describe('masked in responses'),
});

export const EmployerInput = z.object({
  name: z.string().min(1).max(120),
  kind: EmployerKind,
  creditCode: CreditCode,
  regionCode: RegionCode.optional().describe('where the employer is registered; or give `region` as a name'),
  region: z
    .string()
    .min(2)
    .max(100)
    .optional()
    .describe('the place as a name (凤凰县, 湘西州凤凰县) when the code is not known; resolved at the door'),
  contacts: z.array(Contact).max(10).default([]),
});
export type EmployerInput = z.infer<typeof EmployerInput>;

export const Employer = EmployerInput.omit({ region: true })
  .extend({
    id: EmployerId,
    regionCode: RegionCode,
    blacklisted: z.boolean().describe('恶意欠薪黑名单: excluded from matching'),
    blacklistReason: z.string().nullable(),
    blacklistedAt: Timestamp.nullable(),
    ...RecordMeta,
  })
  .meta({ id: 'Employer' });
export type Employer = z.infer<typeof Employer>;

/** Staff put an employer on the wage-arrears blacklist, or take it off, always saying why. */
export const BlacklistChange = z
  .object({
    reason: z.string().trim().min(2).max(500).describe('e.g. the labour inspection decision and its number'),
    version: Version,
  })
  .strict();

/** 用人单位名录: staff look employers up within their region. */
export const EmployerQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe('part of the name; full-width and half-width letters and digits, and letter case, are alike'),
  creditCode: z.string().trim().max(18).optional().describe('the unified social credit code, whole'),
  ...RegionFilter,
  kind: EmployerKind.optional(),
  blacklisted: z.stringbool().optional().describe('true: only those on the blacklist; false: only those not'),
  ...Paging,
});
