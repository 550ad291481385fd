import { ImportJob, ImportJobId } from '@duijie/contracts';
import { actorOf, problemResponses, type ServiceApp } from '@duijie/service-kit';
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
        summary: 'The state of an import or bulk request run as a job (yours only): rows stored and the row report',
        description:
          'running: nothing is stored yet; done: the report lists what was stored and every bad row; failed: nothing ' +
          'was stored, send the request again.',
        params: z.object({ importId: ImportJobId }),
        response: { 200: ImportJob, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const job = await jobs.find(request.params.importId, actorOf(request.caller));
      if (!job) throw errors.importNotFound(request.params.importId);
      return toImportJob(job);
    },
  );
}
