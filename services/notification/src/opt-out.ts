import { type Database, subscriptions } from '@duijie/db';
import { eq, sql } from 'drizzle-orm';

/** The link in every message. Opening it (a GET) only asks; the page's button POSTs to it and opts out. */
export const unsubscribeUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/v1/subscriptions/unsubscribe/${token}`;

/** Whether the link's subscription exists and is already opted out; null: no such link. */
export async function optOutState(db: Database, token: string): Promise<{ optedOut: boolean } | null> {
  const [row] = await db
    .select({ optedOutAt: subscriptions.optedOutAt })
    .from(subscriptions)
    .where(eq(subscriptions.unsubscribeToken, token));
  return row ? { optedOut: row.optedOutAt !== null } : null;
}

/** Opts the link's seeker out of every channel and topic; false when there is no such link. A second time keeps the first time. */
export async function optOutByToken(db: Database, token: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(subscriptions)
    .set({ optedOutAt: sql`coalesce(${subscriptions.optedOutAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(subscriptions.unsubscribeToken, token))
    .returning({ seekerId: subscriptions.seekerId });
  return rows.length > 0;
}

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Headers for the pages: nothing loaded from elsewhere, not framed, the link (a secret) not passed on or cached. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex',
} as const;

/** A page of its own: no script, no asset from elsewhere (see PAGE_HEADERS). */
export const page = (title: string, body: string) =>
  `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.6}button{font-size:1.1rem;padding:.6rem 1.6rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;

/**
 * What opening the link shows: a question and one button. Link previews (messaging apps) and
 * mail scanners open links; only a person pressing the button opts out. The form sends what
 * RFC 8058's one-click POST sends, so one handler serves both.
 */
export function confirmationPage(token: string, state: { optedOut: boolean }): string {
  if (state.optedOut) return donePage();
  return page(
    '退订就业服务消息',
    `<p>退订后，您将不再收到就业服务的岗位、招聘会、直播带岗和政策消息（短信、邮件等所有方式）。</p>
<form method="post" action="${escapeHtml(encodeURIComponent(token))}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">确认退订</button>
</form>
<p>不想退订的话，关闭本页即可，什么也不会改变。</p>`,
  );
}

/** The answer to the form's POST. */
export const donePage = () => page('已退订', '<p>您已退订就业服务消息。如需恢复，请联系当地就业服务机构。</p>');
