import { z } from 'zod';

/**
 * National vocational qualification levels (国家职业资格等级), lowest first:
 * 五级/初级工, 四级/中级工, 三级/高级工, 二级/技师, 一级/高级技师.
 */
export const SkillLevel = z.enum(['junior', 'intermediate', 'senior', 'technician', 'senior_technician']);
export type SkillLevel = z.infer<typeof SkillLevel>;
export const SKILL_LEVEL_ORDER: readonly SkillLevel[] = SkillLevel.options;

export const Skill = z.object({
  code: z.string().max(64).optional().describe('taxonomy code; absent for free-text skills not yet mapped'),
  name: z.string().min(1).max(60),
  level: SkillLevel.optional(),
  years: z.number().min(0).max(60).optional().describe('years of practice'),
});
export type Skill = z.infer<typeof Skill>;

/** Certificates the law requires for some work, e.g. 特种作业操作证 (electrician, welder), 叉车证. */
export const CertificateCode = z.string().min(1).max(64);
