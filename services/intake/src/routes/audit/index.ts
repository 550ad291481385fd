import { AuditQuery, AuditRecord, pageOf } from '@duijie/contracts';
import type { Database } from '@duijie/db';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { listAudit } from '../../staff/audit.ts';

/** The audit trail: who did what, for a region's admins. */
export async function auditRoutes(app: ServiceApp, { db }: { db: Database }) {
  app.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditRecords',
        summary:
          '审计记录：谁做了什么（含查看未脱敏个人信息） · The audit trail: who did what (reads of unmasked personal data too)',
        description:
          '仅限管理员，本辖区的记录，新的在前。可按操作人（staff:<编号>、api-key:<编号>）、操作、记录和时间筛选。\n\n' +
          'Admins only, their region’s records, newest first. Filter by who (staff:<id>, api-key:<id>), what (the action), ' +
          'the record, and when (from, to).',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditRecord), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAudit(db, request.caller, request.query),
  );
}
