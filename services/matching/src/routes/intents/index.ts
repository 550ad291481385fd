import { IntentListed, IntentQuery, pageOf } from '@duijie/contracts';
import type { Database } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { problemResponses, type ServiceApp, toPage } from '@duijie/service-kit';
import { listedIntent, listIntents } from '../../intents/list.ts';

type Options = { db: Database; regions: RegionDirectory };

/** 求职意向: the intents of fairs and livestreams, for the staff of the region and each vacancy's employer. */
export async function intentRoutes(app: ServiceApp, { db, regions }: Options) {
  app.get(
    '/v1/intents',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['intents'],
        operationId: 'listIntents',
        summary: '查找求职意向 · Find intents',
        description:
          '招聘会和直播带岗中达成的求职意向，新的在前，分页；可按招聘会、直播、岗位、用人单位筛选。工作人员看到本辖区举办的活动中' +
          '和本辖区居民的意向；用人单位的 API 密钥只看到本单位岗位上的意向。只列编号，不含姓名、身份证号和手机号。\n\n' +
          'Intents reached at fairs and livestreams, newest first, a page at a time; by fair, livestream, vacancy or ' +
          'employer. Staff see those at the fairs and livestreams of their region and those of the people living in ' +
          'it; an employer’s API key sees those on its own vacancies only. Ids only: no names, ID numbers or phones.',
        querystring: IntentQuery,
        response: { 200: pageOf(IntentListed), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const rows = await listIntents(db, regions, request.caller, request.query);
      return toPage(rows, request.query.limit, listedIntent);
    },
  );
}
