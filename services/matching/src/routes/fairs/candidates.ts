import { EmployerId, FairAssignment, FairCandidates } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { runsFair } from '../../fairs/access.ts';
import { employerCandidates, fairAssignment } from '../../fairs/candidates.ts';
import type { FairDeps } from '../../fairs/deps.ts';
import { fairOf } from '../../fairs/schedule.ts';
import { FairParams, zhEn } from './schemas.ts';

/** Who fits whom at the fair: an employer's live list, and the whole fair's capacity-aware assignment. */
export async function candidateRoutes(app: ServiceApp, deps: FairDeps) {
  app.get(
    '/v1/fairs/:fairId/candidates',
    {
      config: { access: 'staff-or-employer', booth: true },
      schema: {
        tags: ['fairs'],
        operationId: 'listFairCandidates',
        summary: '企业现场候选人 · An employer’s live list of checked-in seekers',
        description: zhEn(
          '已入场的求职者按与该企业本场岗位的匹配度排列。用 API 密钥时为密钥所属企业；招聘会工作人员须指明企业。对企业，姓名和联系方式是打码的。',
          'Checked-in seekers ranked for the employer’s vacancies at the fair. With an API key, the key’s ' +
            'employer; staff of the fair name any employer. Names are masked for employers.',
        ),
        params: FairParams,
        querystring: z.object({
          employerId: EmployerId.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: FairCandidates, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      employerCandidates(deps, await fairOf(deps.db, request.params.fairId), request.caller, request.query),
  );

  app.get(
    '/v1/fairs/:fairId/assignment',
    {
      schema: {
        tags: ['fairs'],
        operationId: 'getFairAssignment',
        summary: '全场推荐分配 · Recommendations for the whole fair, capacity-aware',
        description: zhEn(
          '仅限招聘会工作人员。每位已入场求职者对每个岗位精确排序，再做延迟接受：每人最多 `perSeeker` 个岗位，每个岗位最多推荐空缺数 × `perPost` 人；结果是稳定的。',
          'Staff of the fair. Every checked-in seeker against every vacancy (exact top-k), then deferred ' +
            'acceptance: each seeker gets up to `perSeeker` vacancies and no vacancy more than its open places × ' +
            '`perPost` seekers; the result is stable.',
        ),
        params: FairParams,
        querystring: z.object({
          perSeeker: z.coerce.number().int().min(1).max(10).default(3),
          perPost: z.coerce.number().int().min(1).max(10).default(2),
        }),
        response: { 200: FairAssignment, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const fair = await fairOf(deps.db, request.params.fairId);
      runsFair(request.caller, fair);
      return fairAssignment(deps, fair, request.query);
    },
  );
}
