import { Intent, IntentInput } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import type { FairDeps } from '../../fairs/deps.ts';
import { recordFairIntent } from '../../fairs/intents.ts';
import { fairOf } from '../../fairs/schedule.ts';
import { intentView } from '../../live/intents.ts';
import { FairParams, zhEn } from './schemas.ts';

/** 达成意向 at the fair. */
export async function intentRoutes(app: ServiceApp, deps: FairDeps) {
  app.post(
    '/v1/fairs/:fairId/intents',
    {
      config: { access: 'staff-or-employer', desk: true, booth: true },
      schema: {
        tags: ['fairs'],
        operationId: 'recordFairIntent',
        summary: '登记达成意向 · Record an intent between a checked-in seeker and a vacancy at the fair',
        description: zhEn(
          '由岗位所属企业或招聘会工作人员登记。计入统计；在确认就业之前不占用空缺。再次登记答复第一次的结果（200）。',
          'By the vacancy’s employer or the fair’s staff. Counted; it fills no place until a placement is ' +
            'confirmed. Recording it again answers the first (200).',
        ),
        params: FairParams,
        body: IntentInput,
        response: { 201: Intent, 200: Intent, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const fair = await fairOf(deps.db, request.params.fairId);
      const result = await recordFairIntent(deps, fair, request.caller, request.body, request.id);
      return reply.code(result.existing ? 200 : 201).send(intentView(result));
    },
  );
}
