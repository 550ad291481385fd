import {
  Intent,
  IntentInput,
  pageOf,
  Viewer,
  ViewerId,
  ViewerInput,
  ViewerJobs,
  ViewerPersonalData,
  ViewerQuery,
  ViewerSummary,
} from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { livestreamIntent } from '../../livestreams/intents.ts';
import { sessionOf } from '../../livestreams/schedule.ts';
import { viewerJobs } from '../../livestreams/viewer-jobs.ts';
import { listViewers, viewerPersonalData } from '../../livestreams/viewer-list.ts';
import {
  presentedToken,
  registerViewer,
  VIEWER_TOKEN_HEADER,
  viewerTokenFirst,
  viewerView,
} from '../../livestreams/viewers.ts';
import { type LivestreamRouteOptions, Params, tags } from './params.ts';

// Loose: the validated headers replace request.headers, and the others must stay.
const ViewerTokenHeader = z.looseObject({
  [VIEWER_TOKEN_HEADER]: z.string().max(100).optional().describe('the viewer token handed out at registration'),
});
const ViewerParams = Params.extend({ viewerId: ViewerId });

/** The audience: viewers register without logging in, see their own list, show intents; staff call them back. */
export async function viewerRoutes(app: ServiceApp, options: LivestreamRouteOptions) {
  const { db, lookups, sessions, clock } = options;

  app.post(
    '/:livestreamId/viewers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'registerViewer',
        summary: '观众登记意向 · A viewer registers interest from the stream (short link or QR code): no login',
        description:
          '首次登记返回一次 `viewerToken`，观众的客户端保存它，查看自己的岗位清单和登记意向时以 ' +
          `\`${VIEWER_TOKEN_HEADER}\` 发送。同一 \`platformUserId\` 再次登记只有带上该令牌才是同一观众（200，\`existing: true\`，不再发令牌），否则 409。` +
          '所在地可给地区代码或地名；不认识的技能在 `unknownSkills` 中列出。可留手机号并同意回电（`callback`）：答复中手机号一律打码。' +
          '只有能查看该求职者的工作人员才能把观众关联到求职者。\n\n' +
          'The first registration answers a `viewerToken`, once: the viewer’s client keeps it and sends it as ' +
          `\`${VIEWER_TOKEN_HEADER}\` for the viewer’s own list and intents. Registering the same \`platformUserId\` ` +
          'again is the same viewer (200, `existing: true`, no token) only with that token; without it, 409. ' +
          'The place may be a code or a name; skills the taxonomy does not know are listed in `unknownSkills`. ' +
          'A viewer may leave a mobile number to be called back (`callback`, with consent): it is masked in every answer. ' +
          'Only staff who may see a seeker link a viewer to them.',
        params: Params,
        headers: ViewerTokenHeader,
        body: ViewerInput,
        response: { 201: Viewer, 200: Viewer, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const session = await sessionOf(sessions, request.params.livestreamId);
      const registration = await registerViewer(db, session.row.id, request.body, {
        caller: request.caller,
        token: presentedToken(request.headers),
        lookups,
        now: clock(),
      });
      return reply.code(registration.existing ? 200 : 201).send(viewerView(registration));
    },
  );

  app.get(
    '/:livestreamId/viewers',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        operationId: 'listViewers',
        summary: '观众名单 · The session’s viewers, newest first, to follow up (staff of the session)',
        description:
          '本场直播的观众，由新到旧，回电手机号打码；`withCallback=true` 只列留了回电号码的观众。\n\n' +
          'The session’s viewers, newest first, call-back numbers masked; `withCallback=true` lists only those who ' +
          'left a number to be called back.',
        params: Params,
        querystring: ViewerQuery,
        response: { 200: pageOf(ViewerSummary), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listViewers(db, sessions, request.caller, request.params.livestreamId, request.query),
  );

  app.get(
    '/:livestreamId/viewers/:viewerId/personal-data',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        operationId: 'getViewerPersonalData',
        summary: '观众回电号码 · A viewer’s unmasked call-back number (staff of the session; each read is audited)',
        description:
          '供本场直播的工作人员回电；每次读取都记入审计日志。\n\n' +
          'For the session’s staff to call the viewer back; each read is written to the audit log.',
        params: ViewerParams,
        response: { 200: ViewerPersonalData, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const data = await viewerPersonalData(db, sessions, request.caller, request.params, request.id);
      reply.header('cache-control', 'no-store');
      return data;
    },
  );

  app.get(
    '/:livestreamId/viewers/:viewerId/jobs',
    {
      config: { access: 'public' },
      onRequest: viewerTokenFirst({ viewerOnly: true }),
      schema: {
        tags,
        operationId: 'getViewerJobs',
        // The viewer's own list: their token, nothing else.
        security: [{ viewerToken: [] }],
        summary:
          '观众的岗位清单 · A viewer’s own ranked list of the session’s jobs, explained (with the viewer’s token)',
        description:
          '只对出示自己观众令牌的观众开放；已在求职需求清单上的观众按其登记信息排序。\n\n' +
          'Only for the viewer showing their own token; a viewer on the demand list is ranked as that seeker.',
        params: ViewerParams,
        headers: ViewerTokenHeader,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: ViewerJobs, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      viewerJobs(options, request.params, {
        token: presentedToken(request.headers),
        limit: request.query.limit,
        now: clock(),
      }),
  );

  app.post(
    '/:livestreamId/intents',
    {
      config: { access: 'public' },
      onRequest: viewerTokenFirst(),
      schema: {
        tags,
        operationId: 'recordLivestreamIntent',
        // A viewer with their token, or the session's staff or an employer on a viewer's behalf.
        security: [{ viewerToken: [] }, { staffToken: [] }, { employerApiKey: [] }],
        summary: '直播求职意向 · An intent from the stream: a viewer and one of the session’s vacancies',
        description:
          '由观众本人（带观众令牌）、岗位所属单位或本场直播的工作人员登记；每位观众每个岗位一次。\n\n' +
          'By the viewer (with their viewer token), the vacancy’s employer, or staff who run the session. ' +
          'Once per viewer and vacancy.',
        params: Params,
        headers: ViewerTokenHeader,
        body: IntentInput,
        response: { 201: Intent, 200: Intent, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const intent = await livestreamIntent(db, sessions, request.params.livestreamId, request.body, {
        caller: request.caller,
        token: presentedToken(request.headers),
        now: clock(),
        requestId: request.id,
      });
      return reply.code(intent.existing ? 200 : 201).send(intent);
    },
  );
}
