import { Invitation, InvitationInput, InvitationPage, InvitationQuery, VacancyId } from '@duijie/contracts';
import type { Database } from '@duijie/db';
import type { RankingEngine } from '@duijie/ranking';
import { HttpProblem, problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import type { Lookups } from '../../index/sync.ts';
import { inviteCandidate } from '../../invitations/invite.ts';
import { invitationView, listInvitations } from '../../invitations/list.ts';
import type { Matcher } from '../../matcher.ts';
import { vacancyForCaller } from '../../vacancy-access.ts';

type Options = {
  db: Database;
  matcher: Matcher;
  engine: RankingEngine;
  lookups: Lookups;
  clock: () => Date;
  /** Invitations an employer may send a day (INVITATIONS_PER_DAY unless a test says otherwise). */
  invitationsPerDay: number;
};

const Params = z.object({ vacancyId: VacancyId });

/** 邀约: an employer (its key, or staff of the vacancy's region for it) invites a candidate; the seeker answers by the link in the message. */
export async function invitationRoutes(app: ServiceApp, options: Options) {
  const { db, matcher, engine, lookups, clock } = options;

  app.post(
    '/v1/vacancies/:vacancyId/invitations',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['invitations'],
        operationId: 'inviteCandidate',
        summary: '邀约候选人 · Invite a candidate of the vacancy',
        description:
          '用人单位（本单位 API 密钥，或本辖区工作人员代为）邀请岗位候选人。求职者通过自己订阅的渠道收到单位名称、岗位、附言和答复链接（遵守退订与免打扰时段）；' +
          '单位只知道邀约已发出、是否送达和求职者的答复。每位候选人每个岗位只能邀约一次（再次邀约为 409，并给出第一次的编号）；每个单位每天至多 30 次；黑名单单位不能邀约。' +
          '不是该岗位候选人的求职者编号，按不存在处理（404）。\n\n' +
          'An employer (its own API key, or staff of the vacancy’s region acting for it) invites a candidate. The seeker ' +
          'is told through their own channels (opt-out and quiet hours kept) with the employer’s name, the vacancy, the ' +
          'message and a link to answer; the employer learns only that it was sent, whether it was delivered, and the ' +
          'answer. One invitation per candidate and vacancy (a second is 409 naming the first); 30 a day per employer ' +
          '(429 with Retry-After); none from a blacklisted employer (403). A seeker id that is not a candidate of the ' +
          'vacancy is answered exactly as an unknown one (404).',
        params: Params,
        body: InvitationInput,
        response: { 201: Invitation, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const found = await vacancyForCaller(matcher, request.caller, request.params.vacancyId);
      const now = clock();
      try {
        const { invitation, seeker } = await inviteCandidate(
          { ...found, seekerId: request.body.seekerId, message: request.body.message, requestId: request.id },
          { db, engine, lookups, now, perDay: options.invitationsPerDay },
        );
        return reply.code(201).send(invitationView(invitation, seeker, found.caller, now, 'pending'));
      } catch (err) {
        const wait = err instanceof HttpProblem ? err.extra?.retryAfterSeconds : undefined;
        if (typeof wait === 'number') reply.header('retry-after', wait);
        throw err;
      }
    },
  );

  app.get(
    '/v1/vacancies/:vacancyId/invitations',
    {
      config: { access: 'staff-or-employer' },
      schema: {
        tags: ['invitations'],
        operationId: 'listVacancyInvitations',
        summary: '岗位的邀约 · A vacancy’s invitations and their answers',
        description:
          '最新的在前。候选人信息与候选人列表一样做脱敏；求职者接受邀约后才显示其姓名和手机号（求职者在答复页上同意向本单位提供），每次读取都记入审计日志。\n\n' +
          'Newest first. Candidates are masked as on the candidate list; a seeker’s name and phone appear only once ' +
          'they accepted (the answer page asks their consent to share them with this employer), and every such read is ' +
          'written to the audit log.',
        params: Params,
        querystring: InvitationQuery,
        response: { 200: InvitationPage, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { vacancy, caller } = await vacancyForCaller(matcher, request.caller, request.params.vacancyId);
      return listInvitations(db, {
        vacancyId: vacancy.id,
        caller,
        limit: request.query.limit,
        cursor: request.query.cursor,
        now: clock(),
        requestId: request.id,
      });
    },
  );
}
