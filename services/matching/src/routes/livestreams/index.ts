import { HostControlsChange, Livestream, LivestreamInput, LivestreamQuery, pageOf, VacancyId } from '@duijie/contracts';
import { PATCH_TYPES, problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { changeHostControls } from '../../livestreams/host-controls.ts';
import { listLivestreams } from '../../livestreams/list.ts';
import { livestreamView, scheduleLivestream, setVacancies } from '../../livestreams/schedule.ts';
import { lineupRoutes } from './lineup.ts';
import { type LivestreamRouteOptions, Params, tags } from './params.ts';
import { viewerRoutes } from './viewers.ts';

/**
 * 直播带岗 under /v1/livestreams: sessions and the host's controls here; the host's lineup and
 * statistics in lineup.ts; viewers, their own lists and intents in viewers.ts.
 */
export async function livestreamRoutes(app: ServiceApp, options: LivestreamRouteOptions) {
  const { db, engine, lookups, sessions, clock } = options;

  app.get(
    '',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        operationId: 'listLivestreams',
        summary: '查找直播带岗 · List livestreams in your region (staff)',
        description:
          '本辖区（或其下某地区，可用代码或地名）举办的直播带岗，按创建时间由新到旧；可按时间窗口和状态（未开始、直播中、已结束）筛选，用 `nextCursor` 翻页。\n\n' +
          'Sessions run by bureaus in your region (or a region within it, by code or by name), newest first; ' +
          'filter by a window (sessions overlapping `from`–`to`) and by status at the time of the request ' +
          '(upcoming, live, ended); page with `nextCursor`.',
        querystring: LivestreamQuery,
        response: { 200: pageOf(Livestream), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => listLivestreams(db, request.caller, request.query, { lookups, now: clock() }),
  );

  app.post(
    '',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        operationId: 'createLivestream',
        summary: '安排直播带岗 · Schedule a recruiting livestream with its vacancies (staff of its region)',
        description:
          '由举办地就业部门的工作人员安排，连同直播推介的岗位。\n\n' +
          'By staff of the bureau that runs it, with the vacancies it presents.',
        body: LivestreamInput,
        response: { 201: Livestream, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const context = { lookups, now: clock(), requestId: request.id };
      return reply.code(201).send(await scheduleLivestream(db, request.caller, request.body, context));
    },
  );

  app.get(
    '/:livestreamId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'getLivestream',
        summary: '直播带岗详情 · A livestream session',
        description:
          '任何人可读；读到的是刚写入的版本，主播控制台可据此修改。\n\n' +
          'Anyone may read it; a read shows what was just written, so the host’s console changes it with the version read.',
        params: Params,
        response: { 200: Livestream, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const stored = await sessions.stored(request.params.livestreamId);
      if (!stored) throw errors.livestreamNotFound(request.params.livestreamId);
      return livestreamView(stored.row, stored.vacancyIds);
    },
  );

  app.put(
    '/:livestreamId/vacancies',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        operationId: 'setLivestreamVacancies',
        summary: '设置直播岗位 · Set the session’s vacancies (staff)',
        description:
          '以所给岗位替换本场直播的岗位，由本场直播的工作人员操作。\n\n' +
          'Replaces the session’s vacancies with those given; by the session’s staff.',
        params: Params,
        body: z.object({ vacancyIds: z.array(VacancyId).max(2000) }),
        response: { 200: Livestream, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      setVacancies(db, sessions, request.caller, request.params.livestreamId, request.body.vacancyIds, {
        now: clock(),
        requestId: request.id,
      }),
  );

  app.patch(
    '/:livestreamId/host',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        operationId: 'changeHostControls',
        summary: '主播控制 · The host’s controls: pin jobs to the top, move the “presenting now” pointer (staff)',
        description:
          'JSON Merge Patch：未提及的控制保持不变；`null` 取消全部置顶或清除“正在讲解”。须带上读到的版本号，过期则 409。\n\n' +
          'A JSON Merge Patch: a control left out stays; `null` unpins all or clears the pointer. ' +
          'Send the version read: a stale one gets 409.',
        params: Params,
        consumes: PATCH_TYPES,
        body: HostControlsChange,
        response: { 200: Livestream, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      changeHostControls(db, sessions, request.caller, request.params.livestreamId, request.body, {
        now: clock(),
        requestId: request.id,
      }),
  );

  // Not `options` itself: it holds this plugin's prefix, which the children would add again.
  const deps = { db, engine, lookups, sessions, clock };
  app.register(lineupRoutes, deps);
  app.register(viewerRoutes, deps);
}
