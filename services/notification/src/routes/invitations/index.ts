import { InvitationAnswer, InvitationAnswerInput } from '@duijie/contracts';
import type { Database } from '@duijie/db';
import type { RegionDirectory } from '@duijie/regions';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { ANSWER_TOKEN, type AnswerLinks } from '../../invitations/answer-link.ts';
import { answerInvitation, invitationForSeeker } from '../../invitations/invitations.ts';
import { answeredPage, invitationPage } from '../../invitations/pages.ts';
import { PAGE_HEADERS } from '../../opt-out.ts';

type Options = { db: Database; clock: () => Date; links: AnswerLinks; regions: RegionDirectory };

const FORM = 'application/x-www-form-urlencoded';
const Token = z.object({ token: z.string().regex(ANSWER_TOKEN, 'not a link from an invitation') });

/**
 * The seeker's side of an invitation: the link in the message, no login. Opening it shows a
 * page; only the page's buttons (or a client's POST) answer. A forged or unknown link is 404,
 * the same for both.
 */
export async function invitationAnswerRoutes(app: ServiceApp, { db, clock, links, regions }: Options) {
  const invitationOf = async (token: string) => {
    const id = links.invitationOf(token);
    const found = id ? await invitationForSeeker(db, id) : null;
    if (!found) throw errors.invitationNotFound();
    return found;
  };

  // The page's forms post `answer=…` as form data: parsed here only.
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get(
    '/v1/invitations/answer/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['invitations'],
        operationId: 'showInvitation',
        summary: '邀约答复页 · The invitation’s answer page (HTML); changes nothing',
        description:
          '求职者打开短信或邮件中的链接看到的页面：单位、岗位、附言，以及“接受邀约”“婉拒”两个按钮（提交到同一地址）。打开页面本身不改变任何东西。\n\n' +
          'What the seeker sees from the link in the message: the employer, the vacancy, the message, and two ' +
          'buttons that POST to the same address. Opening it changes nothing (link previews open links).',
        params: Token,
        produces: ['text/html'],
        response: { 200: z.string().describe('the page (text/html)'), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const found = await invitationOf(request.params.token);
      const place = regions.get(found.vacancy.regionCode)?.name ?? found.vacancy.regionCode;
      return reply.headers(PAGE_HEADERS).send(invitationPage(request.params.token, found, place));
    },
  );

  app.post(
    '/v1/invitations/answer/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['invitations'],
        operationId: 'answerInvitation',
        summary: '答复邀约 · Answer an invitation: accept or decline',
        description:
          '答复页的按钮以表单提交到这里，其他客户端可发 JSON。第一次答复有效：接受后单位可看到求职者的姓名和手机号；同样的答复再发一次不改变任何东西，不同的答复为 409。' +
          '岗位已停止招聘时为 409。表单提交返回页面（text/html），其余返回 JSON。\n\n' +
          'The page’s buttons post a form here; any client may post JSON. The first answer stands: accepting lets ' +
          'the employer see the seeker’s name and phone. The same answer again changes nothing; a different one is ' +
          '409, and so is any answer once the vacancy is no longer open. A form post is answered with a page ' +
          '(text/html), anything else with JSON.',
        params: Token,
        body: InvitationAnswerInput,
        consumes: ['application/json', FORM],
        response: {
          200: z
            .union([InvitationAnswer, z.string()])
            .describe('JSON; for a form post, the page saying it is done (text/html)'),
          // A form body over 1 KiB: the page's buttons send a dozen bytes.
          ...problemResponses(400, 404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const found = await invitationOf(request.params.token);
      const answered = await answerInvitation(db, found.invitation.id, request.body.answer, clock(), request.id);
      const status = answered.status as 'accepted' | 'declined';
      if (String(request.headers['content-type'] ?? '').startsWith(FORM)) {
        return reply.headers(PAGE_HEADERS).send(answeredPage(status, found.employerName));
      }
      return { answer: status, answeredAt: (answered.answeredAt as Date).toISOString() };
    },
  );
}
