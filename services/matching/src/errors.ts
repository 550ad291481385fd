import { catalogue, notFound } from '@duijie/service-kit';

/**
 * Matching's errors, one entry each (the common ones, such as `unknownRegion`, `badCursor`
 * and `notYourEmployer`, are service-kit's `commonErrors`). Fairs and livestreams move theirs
 * here when their routes become domain modules.
 */
export const errors = catalogue({
  vacancyNotFound: notFound({ code: 'vacancy', zh: '岗位', en: 'vacancy' }),
  fairNotFound: notFound({ code: 'fair', zh: '招聘会', en: 'fair' }),
  livestreamNotFound: notFound({ code: 'livestream', zh: '直播', en: 'livestream' }),
  employerNotFound: notFound({ code: 'employer', zh: '用人单位', en: 'employer' }),
  seekerNotFound: notFound({ code: 'seeker', zh: '求职者', en: 'seeker' }),
  viewerNotFound: notFound({ code: 'viewer', zh: '观众', en: 'viewer' }),
  employerBlacklisted: {
    status: 403,
    code: 'employer-blacklisted',
    title: { zh: '用人单位在黑名单上', en: 'Employer blacklisted' },
    detail: () => ({
      zh: '列入拖欠工资黑名单的用人单位不能发出邀约',
      en: 'An employer on the wage-arrears blacklist may not invite anyone',
    }),
  },
  vacancyNotOpen: {
    status: 409,
    code: 'vacancy-not-open',
    title: { zh: '岗位未在招聘', en: 'Vacancy not open' },
    detail: (status: string) => ({
      zh: `该岗位状态为 ${status}：请先重新开放再邀约`,
      en: `The vacancy is ${status}: reopen it before inviting`,
    }),
  },
  alreadyInvited: {
    status: 409,
    code: 'already-invited',
    title: { zh: '已邀约过', en: 'Already invited' },
    detail: (invitationId: string) => ({
      zh: `已邀约过该候选人应聘此岗位：${invitationId}`,
      en: `This candidate was invited to this vacancy already: ${invitationId}`,
    }),
    extra: (invitationId) => ({ invitationId }),
  },
  invitationCap: {
    status: 429,
    code: 'invitation-cap',
    title: { zh: '今日邀约已达上限', en: 'Invitation cap reached' },
    detail: (perDay: number, _retryAfterSeconds: number) => ({
      zh: `每个用人单位每天最多发出 ${perDay} 个邀约；明天（北京时间）再发`,
      en: `An employer may send ${perDay} invitations a day; more from tomorrow (Beijing time)`,
    }),
    extra: (_perDay, retryAfterSeconds) => ({ retryAfterSeconds }),
  },
  viewerTokenRequired: {
    status: 401,
    code: 'viewer-token-required',
    title: { zh: '需要观众令牌', en: 'Viewer token required' },
    detail: (header: string) => ({
      zh: `请在 ${header} 请求头中提供登记时发给您的观众令牌`,
      en: `Send the viewer token handed out at registration (${header})`,
    }),
  },
  viewerRegisteredAlready: {
    status: 409,
    code: 'viewer-token-required',
    title: { zh: '观众已登记', en: 'Viewer registered already' },
    detail: (header: string) => ({
      zh: `该平台用户已在本场直播登记：请在 ${header} 请求头中提供当时发给您的观众令牌`,
      en: `This platform user is registered in this livestream already: send the viewer token handed out then (${header})`,
    }),
  },
  invalidViewerToken: {
    status: 401,
    code: 'invalid-viewer-token',
    title: { zh: '观众令牌无效', en: 'Invalid viewer token' },
    detail: () => ({ zh: '这不是该观众的令牌', en: 'This is not the token of this viewer' }),
  },
  checkinNotFound: notFound({ code: 'checkin', zh: '签到记录', en: 'checkin' }),
});
