import { escapeHtml, page } from '../opt-out.ts';
import { type InvitationForSeeker, wageText } from './invitations.ts';

const ANSWERED = { accepted: '您已接受该邀约', declined: '您已婉拒该邀约' } as const;

/** The page after an answer (and the link opened again later). */
export function answeredPage(answer: 'accepted' | 'declined', employerName: string): string {
  return page(
    ANSWERED[answer],
    answer === 'accepted'
      ? `<p>${escapeHtml(employerName)}可以看到您的姓名和手机号，会就该岗位与您联系。如有疑问，请联系当地就业服务机构。</p>`
      : '<p>单位不会看到您的联系方式。感谢您的答复。</p>',
  );
}

/**
 * What opening the link shows: who invites, to what, their words, and two buttons. Like the
 * opt-out page it changes nothing by itself (link previews open links). Accepting shares the
 * seeker's name and phone with this employer: the page says so, next to the button, as the
 * consent it is (个人信息保护法 第二十三条: to whom, what, for what).
 */
export function invitationPage(token: string, found: InvitationForSeeker, place: string): string {
  const { invitation, employerName, vacancy } = found;
  if (invitation.status !== 'sent') return answeredPage(invitation.status, employerName);
  const employer = escapeHtml(employerName);
  const title = escapeHtml(vacancy.title);
  const details = `<p>岗位：${title}<br>地点：${escapeHtml(place)}<br>待遇：${escapeHtml(wageText(vacancy))}</p>
<p>单位附言：${escapeHtml(invitation.message)}</p>`;
  if (vacancy.status !== 'open') {
    return page(`${employerName}的邀约`, `${details}<p>该岗位已停止招聘，无需答复。</p>`);
  }
  const action = escapeHtml(encodeURIComponent(token));
  const button = (answer: 'accepted' | 'declined', label: string) =>
    `<form method="post" action="${action}">
<input type="hidden" name="answer" value="${answer}">
<button type="submit">${label}</button>
</form>`;
  return page(
    `${employerName}邀请您应聘${vacancy.title}`,
    `${details}
<p>接受邀约即表示您同意就业服务机构将您的<strong>姓名和手机号</strong>提供给${employer}，仅用于就该岗位与您联系；您的身份证号等其他信息不会提供。</p>
${button('accepted', '接受邀约')}
${button('declined', '婉拒')}
<p>暂不答复的话，关闭本页即可，什么也不会改变。</p>`,
  );
}
