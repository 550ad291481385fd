import { Lineup, LineupQuery, LivestreamStats } from '@duijie/contracts';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { lineupPage, livestreamStats } from '../../livestreams/lineup.ts';
import { type LivestreamRouteOptions, Params, tags } from './params.ts';

/** What the host's console and the session's screens poll: the ranked lineup and the statistics. */
export async function lineupRoutes(app: ServiceApp, { db, sessions, clock }: LivestreamRouteOptions) {
  app.get(
    '/:livestreamId/lineup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'getLivestreamLineup',
        summary:
          '主播岗位清单 · The host’s ranked job list: pinned jobs first, then the session’s vacancies for its audience, with diversity',
        description:
          '按登记意向的观众（按所在市州、工种和期望工资分组）排序；还没有观众时按本场的目标地区和人群排序。新观众至多每秒改变一次排序，岗位或主播控制的变化立即生效。带上次的 ETag 发送 `If-None-Match`：未变化时答 304。\n\n' +
          'Ranked for the viewers who registered interest (grouped by home prefecture, trades and wage), or for the ' +
          'session’s target regions and groups while none have. New viewers change it at most once a second; a ' +
          'changed vacancy or host control at once. Send `If-None-Match` with the last ETag: 304 when nothing changed.',
        params: Params,
        querystring: LineupQuery,
        response: { 200: Lineup, 304: z.null().describe('not changed'), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const ifNoneMatch = request.headers['if-none-match'];
      const { limit, cursor } = request.query;
      const result = await lineupPage(sessions, request.params.livestreamId, { limit, cursor, ifNoneMatch }, clock());
      reply.header('etag', result.etag).header('cache-control', 'no-cache');
      return result.notModified ? reply.code(304).send(null) : result.page;
    },
  );

  app.get(
    '/:livestreamId/stats',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'getLivestreamStats',
        summary: '直播统计 · Viewers who registered interest, of them on the demand list, and intents by vacancy',
        description:
          '登记意向的观众数、其中已在求职需求清单上的人数，以及各岗位的意向数。\n\n' +
          'Viewers who registered interest, how many of them are on the demand list, and intents by vacancy.',
        params: Params,
        response: { 200: LivestreamStats, ...problemResponses(400, 404) },
      },
    },
    async (request) => livestreamStats(db, sessions, request.params.livestreamId),
  );
}
