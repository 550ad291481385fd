import { z } from 'zod';
import { EmployerId, idOf, SeekerId, Timestamp, VacancyId } from './common.ts';
import { CandidateSummary } from './match.ts';

export const InvitationId = idOf('inv');

/** Characters of an invitation's message at most: it goes out by SMS, where two segments are the budget. */
export const INVITATION_MESSAGE_MAX = 100;

// What an employer's message may not carry. The bureau is the go-between until the seeker
// answers: a link, a phone or QQ number, an e-mail or a WeChat id would let an employer (or
// someone posing as one) pull the seeker off the record, and is how job scams begin. Checked
// after NFKC, so full-width digits and letters (１３８…, ｗｗｗ) count as what they look like.
const REFUSED: readonly [RegExp, string][] = [
  [/[\p{Cc}\p{Cf}]/u, 'is one line of plain text: no control or invisible characters'],
  [/[<>]/, 'is plain text: no markup (< or >)'],
  [
    /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|cc|me|io|info|vip|shop|site|link|ly)\b)/i,
    'may not carry a link: the seeker answers through the bureau’s own link',
  ],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/, 'may not carry an e-mail address'],
  [/\d(?:[\s\-().]*\d){6,}/, 'may not carry a phone or QQ number: the seeker’s answer reaches you through the bureau'],
  [
    /(?:微信|威信|薇信|weixin|wechat|\bvx\b|\bwx\b|v信|qq|扣扣)\s*(?:号|id)?\s*[:：]?\s*[a-z][\w-]{4,}/i,
    'may not carry a WeChat or QQ id',
  ],
];

/** The problem with a message, or null when it is one a bureau passes on. */
export function invitationMessageProblem(message: string): string | null {
  const plain = message.normalize('NFKC');
  for (const [pattern, why] of REFUSED) if (pattern.test(plain)) return why;
  return null;
}

export const InvitationMessage = z
  .string()
  .trim()
  .min(1)
  .max(INVITATION_MESSAGE_MAX)
  .superRefine((message, ctx) => {
    const problem = invitationMessageProblem(message);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    `附言：纯文本，至多 ${INVITATION_MESSAGE_MAX} 字，不得含链接、电话、QQ、微信或邮箱 · ` +
      `Plain text, at most ${INVITATION_MESSAGE_MAX} characters; no links, phone or QQ numbers, WeChat ids or e-mail addresses`,
  );

// No component id: the message is trimmed, so its input and output differ (and would collide).
export const InvitationInput = z.object({
  seekerId: SeekerId.describe('a candidate of the vacancy, as GET …/candidates lists them'),
  message: InvitationMessage,
});
export type InvitationInput = z.infer<typeof InvitationInput>;

export const InvitationStatus = z
  .enum(['sent', 'accepted', 'declined'])
  .describe('sent 已发送（待答复） / accepted 已接受 / declined 已婉拒');

export const InvitationDelivery = z
  .enum(['pending', 'delivered', 'undeliverable'])
  .describe(
    'pending 发送中 / delivered 已送达至少一个渠道 / undeliverable 无法送达（求职者未订阅、已退订或各渠道均失败） · ' +
      'pending: not sent yet; delivered: through at least one channel; undeliverable: no channel took it',
  );

/** What the seeker lets the employer see once they accept: enough to call them, never the ID number. */
export const InvitationContact = z
  .object({ name: z.string(), phone: z.string().nullable().describe('null: none on the list; ask the bureau') })
  .meta({ id: 'InvitationContact' });

export const Invitation = z
  .object({
    id: InvitationId,
    vacancyId: VacancyId,
    employerId: EmployerId,
    seeker: CandidateSummary,
    message: z.string(),
    status: InvitationStatus,
    delivery: InvitationDelivery,
    sentAt: Timestamp,
    answeredAt: Timestamp.nullable(),
    contact: InvitationContact.nullable().describe(
      '求职者接受后才有：姓名与手机号 · Only once the seeker accepted: their name and phone, which they agreed to share with this employer for this vacancy',
    ),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const InvitationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: InvitationId.optional().describe('nextCursor of the previous page'),
});

export const InvitationPage = z
  .object({ items: z.array(Invitation), nextCursor: InvitationId.nullable() })
  .meta({ id: 'InvitationPage' });

/** The seeker's answer, from the link's page (a form) or any client (JSON). */
export const InvitationAnswerInput = z.object({ answer: z.enum(['accepted', 'declined']) });

export const InvitationAnswer = z.object({
  answer: z.enum(['accepted', 'declined']),
  answeredAt: Timestamp,
});

/**
 * Outbox events of invitations (payloads). Ids only: the message and the people are read from
 * the rows, so the outbox holds no personal data.
 */
export const InvitationSentEvent = z.object({
  invitationId: InvitationId,
  vacancyId: VacancyId,
  employerId: EmployerId,
  seekerId: SeekerId,
  sentBy: z.string().describe('staff:<id> or api-key:<id>'),
});
export const InvitationAnsweredEvent = z.object({
  invitationId: InvitationId,
  vacancyId: VacancyId,
  employerId: EmployerId,
  seekerId: SeekerId,
  answer: z.enum(['accepted', 'declined']),
});
export const INVITATION_EVENTS = {
  'invitation.sent': InvitationSentEvent,
  'invitation.answered': InvitationAnsweredEvent,
} as const;
