import { ImportJob, ImportJobId } from '@duijie/contracts';
import { actorOf, languageOf, problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { type ImportJobs, toImportJob } from '../../bulk/import-jobs.ts';
import { errors } from '../../errors.ts';

/** Imports running as jobs: where a 202's Location points. */
export async function importRoutes(app: ServiceApp, { jobs }: { jobs: ImportJobs }) {
  app.get(
    '/v1/imports/:importId',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['imports'],
        operationId: 'getImportJob',
        summary:
          '作为任务运行的导入或批量请求的状态（仅限本人的）：已入库的行和逐行报告 · The state of an import or bulk request run as a job (yours only): rows stored and the row report',
        description:
          'running：尚未入库；done：报告列出已入库的内容和每一个有误的行；failed：没有入库，请重新发送请求。\n\n' +
          'running: nothing is stored yet; done: the report lists what was stored and every bad row; failed: nothing ' +
          'was stored, send the request again.',
        params: z.object({ importId: ImportJobId }),
        response: { 200: ImportJob, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const job = await jobs.find(request.params.importId, actorOf(request.caller));
      if (!job) throw errors.importNotFound(request.params.importId);
      return toImportJob(job, languageOf(request));
    },
  );
}
