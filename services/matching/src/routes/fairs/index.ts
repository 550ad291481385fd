import { Fair, FairInput, FairQuery, FairStats, pageOf } from '@duijie/contracts';
import { problemResponses, requireStaff, type ServiceApp } from '@duijie/service-kit';
import type { FairDeps } from '../../fairs/deps.ts';
import { fairOf, fairView, listFairs, scheduleFair } from '../../fairs/schedule.ts';
import { fairStats } from '../../fairs/stats.ts';
import { boothRoutes } from './booths.ts';
import { candidateRoutes } from './candidates.ts';
import { checkinRoutes } from './checkins.ts';
import { fairCodeRoutes } from './codes.ts';
import { intentRoutes } from './intents.ts';
import { FairParams, zhEn } from './schemas.ts';

/** 招聘会: fairs, booths, check-in with live recommendations, employers' live lists, intents, statistics. */
export async function fairRoutes(app: ServiceApp, deps: FairDeps) {
  const { db, lookups, clock } = deps;

  app.get(
    '/v1/fairs',
    {
      config: { desk: true },
      schema: {
        tags: ['fairs'],
        operationId: 'listFairs',
        summary: '查找招聘会 · Find job fairs',
        description: zhEn(
          '本辖区举办的招聘会（劳务协作招聘会也包括输出地的），按创建时间从新到旧分页。可按时间段（与招聘会时间有交集）、地区（代码或地名，须在本辖区内）和类型筛选。仅限工作人员。',
          'The fairs your region runs (held in it, or for 劳务协作 fairs, for its workers), newest scheduled first, ' +
            'a page at a time. Filter by a time window (fairs overlapping it), a region (code or place name, within ' +
            'your own) and kind. Staff only.',
        ),
        querystring: FairQuery,
        response: { 200: pageOf(Fair), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listFairs(db, lookups.regions, requireStaff(request.caller), request.query),
  );

  app.post(
    '/v1/fairs',
    {
      schema: {
        tags: ['fairs'],
        operationId: 'createFair',
        summary: '安排招聘会 · Schedule a job fair',
        description: zhEn(
          '由举办地的工作人员安排。地区可给代码，也可给地名（凤凰县、湘西州凤凰县），与岗位的地区一样解析；地名不明确时答 422 并列出候选地区。',
          'By staff of its venue region. Regions by code, or by name (凤凰县, 湘西州凤凰县) read as a vacancy’s ' +
            'region is; a name that fits several places is 422 listing them.',
        ),
        body: FairInput,
        response: { 201: Fair, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request.caller);
      const row = await scheduleFair(db, lookups.regions, request.body, {
        staff,
        now: clock(),
        requestId: request.id,
      });
      return reply.code(201).send(fairView(row));
    },
  );

  app.get(
    '/v1/fairs/:fairId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fairs'],
        operationId: 'getFair',
        summary: '招聘会详情 · A job fair',
        description: zhEn('公开：招聘会的名称、类型、地点和时间。', 'Public: the fair’s name, kind, places and times.'),
        params: FairParams,
        response: { 200: Fair, ...problemResponses(400, 404) },
      },
    },
    async (request) => fairView(await fairOf(db, request.params.fairId)),
  );

  app.get(
    '/v1/fairs/:fairId/stats',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fairs'],
        operationId: 'getFairStats',
        summary: '招聘会实时统计 · Live statistics of a fair',
        description: zhEn(
          '按主管部门上报口径：参会企业、岗位、招聘人数、入场人数、现场登记人数、达成意向，以及按重点群体和来源地的分布。不含个人信息。',
          'As the bureaus report them: employers, vacancies, posts, seekers checked in and registered, intents, ' +
            'and counts by priority group and home prefecture. No personal data.',
        ),
        params: FairParams,
        response: { 200: FairStats, ...problemResponses(400, 404) },
      },
    },
    async (request) => fairStats(db, (await fairOf(db, request.params.fairId)).id),
  );

  await app.register(boothRoutes, deps);
  await app.register(checkinRoutes, deps);
  await app.register(candidateRoutes, deps);
  await app.register(intentRoutes, deps);
  await app.register(fairCodeRoutes, deps);
}
