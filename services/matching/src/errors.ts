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
  seekerNotRegistered: {
    status: 422,
    code: 'seeker-not-registered',
    title: { zh: '求职者未登记', en: 'Seeker not registered' },
    detail: (by: 'idNumber' | 'phone') =>
      by === 'idNumber'
        ? {
            zh: '名单上没有此身份证号的人：请按现场登记签到',
            en: 'No one with this ID number is on the list: check them in as a walk-in',
          }
        : { zh: '名单上没有此手机号的人', en: 'No one with this phone is on the list' },
    errors: (by) => [{ in: 'body', field: by, message: { zh: '未登记', en: 'not registered' } }],
  },
  seekerOffTheList: {
    status: 422,
    code: 'seeker-not-registered',
    title: { zh: '求职者未登记', en: 'Seeker not registered' },
    detail: () => ({ zh: '此二维码上的求职者已不在名单上', en: 'The seeker on this code is no longer on the list' }),
  },
  phoneShared: {
    status: 409,
    code: 'phone-shared',
    title: { zh: '手机号由多人共用', en: 'Phone shared' },
    detail: () => ({
      zh: '名单上不止一人使用此手机号：请用身份证号签到',
      en: 'More than one person on the list has this phone: use the ID number',
    }),
  },
  qrInvalid: {
    status: 422,
    code: 'qr-invalid',
    title: { zh: '二维码无效', en: 'Invalid QR code' },
    detail: () => ({ zh: '这不是对接平台的招聘会二维码', en: 'This is not a Duijie fair QR code' }),
    errors: () => [
      { in: 'body', field: 'qr', message: { zh: '不是本平台的，或已被改动', en: 'not ours, or altered' } },
    ],
  },
  qrOtherFair: {
    status: 422,
    code: 'qr-other-fair',
    title: { zh: '其他招聘会的二维码', en: 'QR code of another fair' },
    detail: (fairId: string) => ({
      zh: `此二维码属于招聘会 ${fairId}，不是本场`,
      en: `This QR code is for fair ${fairId}, not this one`,
    }),
    errors: () => [{ in: 'body', field: 'qr', message: { zh: '属于另一场招聘会', en: 'for another fair' } }],
  },
  qrNotASeeker: {
    status: 422,
    code: 'qr-not-a-seeker',
    title: { zh: '不是求职者的二维码', en: 'Not a seeker’s QR code' },
    detail: () => ({ zh: '这是摊位的二维码，不是求职者的', en: 'This is a booth’s QR code, not a seeker’s' }),
    errors: () => [{ in: 'body', field: 'qr', message: { zh: '摊位二维码', en: 'a booth code' } }],
  },
  checkinOneWay: {
    status: 400,
    code: 'validation-error',
    title: { zh: '请求字段无效', en: 'Invalid fields' },
    detail: () => ({ zh: '签到方式须且只须一种', en: 'Give exactly one way to check in' }),
    errors: () => [
      {
        in: 'body',
        field: 'idNumber',
        message: {
          zh: 'idNumber、phone、qr、walkIn 须且只须填写一项',
          en: 'give exactly one of idNumber, phone, qr, walkIn',
        },
      },
    ],
  },
  notAtFair: {
    status: 422,
    code: 'not-at-fair',
    title: { zh: '岗位不在本场招聘会', en: 'Not at this fair' },
    detail: () => ({ zh: '本场招聘会没有提供此岗位', en: 'This vacancy is not offered at this fair' }),
    errors: () => [{ in: 'body', field: 'vacancyId', message: { zh: '不在本场招聘会', en: 'not at this fair' } }],
  },
  notCheckedIn: {
    status: 422,
    code: 'not-checked-in',
    title: { zh: '求职者未签到', en: 'Not checked in' },
    detail: () => ({ zh: '此求职者尚未在本场招聘会签到', en: 'This seeker has not checked in at this fair' }),
    errors: () => [{ in: 'body', field: 'seekerId', message: { zh: '未签到', en: 'not checked in' } }],
  },
  notInSession: {
    status: 422,
    code: 'not-in-session',
    title: { zh: '岗位不在本场直播', en: 'Not in this session' },
    detail: (fields: readonly string[] = ['vacancyId']) =>
      fields.length === 1
        ? { zh: '本场直播没有此岗位', en: 'This vacancy is not in this livestream' }
        : { zh: '只能展示本场直播的岗位', en: 'Only the session’s vacancies can be shown' },
    errors: (fields = ['vacancyId']) =>
      fields.map((field) => ({ in: 'body', field, message: { zh: '不在本场直播', en: 'not in this session' } })),
  },
  unknownVacancies: {
    status: 422,
    code: 'unknown-vacancies',
    title: { zh: '岗位不存在', en: 'Unknown vacancies' },
    detail: (fields: readonly string[]) => ({
      zh: `有 ${fields.length} 个岗位编号不存在`,
      en: `${fields.length} of the vacancies do not exist`,
    }),
    errors: (fields) =>
      fields.map((field) => ({ in: 'body', field, message: { zh: '没有这个岗位', en: 'no such vacancy' } })),
  },
  boothVacancies: {
    status: 422,
    code: 'booth-vacancies',
    title: { zh: '岗位不能带到此摊位', en: 'Vacancies not for this booth' },
    detail: (_wrong: readonly { field: string; missing: boolean }[]) => ({
      zh: '有岗位不存在或属于其他用人单位，不能带到此摊位',
      en: 'Some vacancies cannot be brought to this booth',
    }),
    errors: (wrong) =>
      wrong.map(({ field, missing }) => ({
        in: 'body',
        field,
        message: missing
          ? { zh: '没有这个岗位', en: 'no such vacancy' }
          : { zh: '其他用人单位的岗位', en: 'a vacancy of another employer' },
      })),
  },
  employerIdRequired: {
    status: 400,
    code: 'validation-error',
    title: { zh: '请求字段无效', en: 'Invalid fields' },
    detail: () => ({
      zh: '工作人员查看候选人时须指明用人单位 employerId',
      en: 'Staff name the employer (employerId) whose candidates they want',
    }),
    errors: () => [
      { in: 'querystring', field: 'employerId', message: { zh: '工作人员须填写', en: 'required for staff' } },
    ],
  },
  notAViewer: {
    status: 422,
    code: 'not-a-viewer',
    title: { zh: '不是本场观众', en: 'Not a viewer' },
    detail: () => ({ zh: '本场直播没有登记此观众', en: 'No such viewer registered in this livestream' }),
    errors: () => [{ in: 'body', field: 'viewerId', message: { zh: '未在本场登记', en: 'not registered here' } }],
  },
  boothTaken: {
    status: 409,
    code: 'booth-taken',
    title: { zh: '摊位已被占用', en: 'Booth taken' },
    detail: (booth: string, holder: string) => ({
      zh: `摊位 ${booth} 已由用人单位 ${holder} 使用`,
      en: `Booth ${booth} is held by employer ${holder}`,
    }),
    extra: (booth, holder) => ({ booth, holder }),
  },
  checkinNotFound: notFound({ code: 'checkin', zh: '签到记录', en: 'checkin' }),
  boothNotFound: notFound({ code: 'booth', zh: '本场展位', en: 'booth of the employer' }),
  fairCodeNotFound: notFound({ code: 'fair-code', zh: '本场的签到码或展位码', en: 'fair code' }),
  codeExpiryPassed: {
    status: 422,
    code: 'code-expiry-passed',
    title: { zh: '码的有效期已过', en: 'Code would be expired' },
    detail: (expiresAt: string) => ({
      zh: `此码将于 ${expiresAt} 失效，而这一时间已过（码的有效期不超过招聘会结束时间）`,
      en: `The code would expire at ${expiresAt}, which has passed (a code never outlives the fair)`,
    }),
    errors: () => [
      { in: 'body', field: 'expiresAt', message: { zh: '已过去，或招聘会已结束', en: 'passed, or the fair is over' } },
    ],
  },
});
