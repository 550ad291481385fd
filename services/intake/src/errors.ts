import type { Text } from '@duijie/contracts';
import { catalogue, type FieldProblem, notFound } from '@duijie/service-kit';

const MIB = 1024 * 1024;
// Tied to the sheet caps in bulk/ (kept as numbers here so this file imports no route code).
const thousands = (n: number) => n.toLocaleString('en');

/** Intake's errors, one entry each (the common ones are service-kit's `commonErrors`). */
export const errors = catalogue({
  employerNotFound: notFound({ code: 'employer', zh: '用人单位', en: 'employer' }),
  vacancyNotFound: notFound({ code: 'vacancy', zh: '岗位', en: 'vacancy' }),
  apiKeyNotFound: notFound({ code: 'api-key', zh: 'API 密钥', en: 'api-key' }),
  importNotFound: notFound({ code: 'import', zh: '导入任务', en: 'import' }),
  followUpNotFound: notFound({ code: 'follow-up', zh: '回访任务', en: 'follow-up' }),
  staffNotFound: notFound({ code: 'staff', zh: '工作人员账号', en: 'staff' }),
  usernameTaken: {
    status: 409,
    code: 'username-taken',
    title: { zh: '用户名已被使用', en: 'Username taken' },
    detail: (username: string) => ({ zh: `用户名 ${username} 已被使用`, en: `The username ${username} is taken` }),
  },
  cannotDisableSelf: {
    status: 409,
    code: 'cannot-disable-self',
    title: { zh: '不能停用自己的账号', en: 'Cannot disable yourself' },
    detail: () => ({
      zh: '管理员不能停用自己的账号：请本地区的另一位管理员操作',
      en: 'An admin cannot disable their own account: ask another admin of the region',
    }),
  },
  signInFailed: {
    status: 401,
    code: 'sign-in-failed',
    title: { zh: '登录失败', en: 'Sign-in failed' },
    detail: () => ({ zh: '用户名或密码不正确', en: 'The username or the password is wrong' }),
  },
  fairCodeWrong: {
    status: 401,
    code: 'fair-code-wrong',
    title: { zh: '码不正确', en: 'Wrong code' },
    detail: () => ({
      zh: '此码不正确、已过期或已被收回：请向招聘会工作人员核对',
      en: 'The code is wrong, expired or revoked: check it with the fair’s staff',
    }),
  },
  totpRequired: {
    status: 401,
    code: 'totp-required',
    title: { zh: '需要动态验证码', en: 'Authenticator code required' },
    detail: () => ({
      zh: '此账号已开启双重验证：请同时填写验证器应用显示的 6 位动态码（totp）',
      en: 'This account has a second factor: send the 6-digit code of the authenticator app too (totp)',
    }),
  },
  totpWrong: {
    status: 401,
    code: 'totp-wrong',
    title: { zh: '动态验证码不正确', en: 'Wrong authenticator code' },
    detail: () => ({
      zh: '动态验证码不正确或已用过：请等下一个验证码（每 30 秒更新）',
      en: 'The code is wrong or was used already: wait for the next one (a new one every 30 seconds)',
    }),
  },
  totpAlreadyOn: {
    status: 409,
    code: 'totp-already-on',
    title: { zh: '已开启双重验证', en: 'Second factor already on' },
    detail: () => ({
      zh: '此账号已开启双重验证；更换手机请由本地区管理员重置',
      en: 'This account has its second factor on already; for a new phone, an admin of your region resets it',
    }),
  },
  totpNotStarted: {
    status: 409,
    code: 'totp-not-started',
    title: { zh: '尚未开始绑定验证器', en: 'No enrolment started' },
    detail: () => ({
      zh: '请先开始绑定（POST /v1/staff/me/totp），再用验证器显示的动态码确认',
      en: 'Start enrolling first (POST /v1/staff/me/totp), then confirm with a code the app shows',
    }),
  },
  noStaffAccount: {
    status: 403,
    code: 'no-staff-account',
    title: { zh: '此令牌没有对应的账号', en: 'No account behind this token' },
    detail: () => ({
      zh: '此令牌不属于任何工作人员账号（例如由 staff-token 命令签发）：请用账号登录后再操作',
      en: 'This token belongs to no staff account (one made by staff-token, say): sign in with an account first',
    }),
  },
  accountDisabled: {
    status: 403,
    code: 'account-disabled',
    title: { zh: '账号已停用', en: 'Account disabled' },
    detail: () => ({
      zh: '该账号已被停用：请联系本地区的管理员',
      en: 'This account is disabled: ask an admin of your region',
    }),
  },
  passwordChangeRequired: {
    status: 403,
    code: 'password-change-required',
    title: { zh: '需要设置新密码', en: 'Password change required' },
    detail: () => ({
      zh: '请先用此密码设置您自己的新密码（POST /v1/staff/password）',
      en: 'Set a password of your own with this one first (POST /v1/staff/password)',
    }),
  },
  passwordUnchanged: {
    status: 422,
    code: 'password-unchanged',
    title: { zh: '新密码与旧密码相同', en: 'Password unchanged' },
    detail: () => ({ zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' }),
  },
  passwordHasUsername: {
    status: 422,
    code: 'password-has-username',
    title: { zh: '密码含有用户名', en: 'Password contains the username' },
    detail: () => ({ zh: '新密码不能包含用户名', en: 'The new password must not contain the username' }),
  },
  oidcRuleNotFound: notFound({ code: 'oidc-rule', zh: 'OIDC 映射规则', en: 'OIDC rule' }),
  oidcRuleRegionRequired: {
    status: 422,
    code: 'region-required',
    title: { zh: '缺少地区', en: 'Region required' },
    detail: () => ({
      zh: '请给出规则授予的地区：regionCode（区划代码）或 region（地名）',
      en: 'Give the region the rule grants: regionCode (a division code) or region (a place name)',
    }),
  },
  oidcNotConfigured: {
    status: 404,
    code: 'oidc-not-configured',
    title: { zh: '未配置统一身份认证登录', en: 'OIDC sign-in not configured' },
    detail: () => ({
      zh: '本系统未配置统一身份认证（OIDC）登录：请用用户名和密码登录（POST /v1/staff/sign-in）',
      en: 'OIDC sign-in is not configured here: sign in with username and password (POST /v1/staff/sign-in)',
    }),
  },
  oidcSignInFailed: {
    status: 401,
    code: 'oidc-sign-in-failed',
    title: { zh: '统一身份认证登录失败', en: 'OIDC sign-in failed' },
    detail: (why: 'state' | 'provider') =>
      why === 'state'
        ? {
            zh: '登录请求已失效、已用过或不是从本浏览器发起的：请重新登录',
            en: 'The sign-in is expired, already used or was not started in this browser: sign in again',
          }
        : {
            zh: '身份认证平台的答复无效或拒绝了登录：请重新登录',
            en: 'The identity platform refused the sign-in or its answer did not validate: sign in again',
          },
  },
  oidcNoMatchingRule: {
    status: 403,
    code: 'oidc-no-matching-rule',
    title: { zh: '没有对应的权限规则', en: 'No rule grants access' },
    detail: () => ({
      zh: '您的身份已确认，但没有任何映射规则为您授予地区和角色：请联系管理员添加规则',
      en: 'Your identity was confirmed, but no rule grants you a region and a role: ask an admin to add one',
    }),
  },
  oidcProviderUnavailable: {
    status: 503,
    code: 'oidc-provider-unavailable',
    title: { zh: '身份认证平台暂不可用', en: 'Identity platform unavailable' },
    detail: () => ({
      zh: '暂时无法连接身份认证平台：请稍后再试',
      en: 'The identity platform cannot be reached now: try again later',
    }),
  },
  employerOutOfScope: {
    status: 403,
    code: 'out-of-scope',
    title: { zh: '超出管辖范围', en: 'Out of scope' },
    detail: (employerId: string) => ({
      zh: `用人单位 ${employerId} 不在您的管辖地区`,
      en: `employer ${employerId} is outside your region`,
    }),
  },
  staffOrSelfOnly: {
    status: 403,
    code: 'staff-or-self-only',
    title: { zh: '仅限工作人员或本人', en: 'Staff or self only' },
    detail: () => ({ zh: '用人单位不能登记求职者', en: 'Employers do not register seekers' }),
  },
  employerExists: {
    status: 409,
    code: 'employer-exists',
    title: { zh: '用人单位已存在', en: 'Employer exists' },
    detail: (creditCode: string, _employerId: string) => ({
      zh: `统一社会信用代码为 ${creditCode} 的用人单位已存在`,
      en: `An employer with credit code ${creditCode} exists`,
    }),
    extra: (_creditCode, employerId) => ({ employerId }),
  },
  alreadyBlacklisted: {
    status: 409,
    code: 'already-blacklisted',
    title: { zh: '已在黑名单中', en: 'Already blacklisted' },
    detail: (employerId: string) => ({ zh: `${employerId} 没有变化：已在黑名单中`, en: `No change to ${employerId}` }),
  },
  notBlacklisted: {
    status: 409,
    code: 'not-blacklisted',
    title: { zh: '不在黑名单中', en: 'Not blacklisted' },
    detail: (employerId: string) => ({ zh: `${employerId} 没有变化：不在黑名单中`, en: `No change to ${employerId}` }),
  },
  vacancyExists: {
    status: 409,
    code: 'vacancy-exists',
    title: { zh: '岗位已发布', en: 'Vacancy exists' },
    detail: (externalId: string, _vacancyId: string) => ({
      zh: `该用人单位已发布过 ${externalId}：请修改那一条`,
      en: `The employer already posted ${externalId}: change that one`,
    }),
    extra: (_externalId, vacancyId) => ({ vacancyId }),
  },
  vacancyOpen: vacancyIs('open', '招聘中'),
  vacancyClosed: vacancyIs('closed', '已关闭'),
  vacancyExpired: vacancyIs('expired', '已过期'),
  vacancyFilled: vacancyIs('filled', '已招满'),
  vacancyPastValidThrough: {
    status: 409,
    code: 'vacancy-past-valid-through',
    title: { zh: '岗位已过有效期', en: 'Vacancy past validThrough' },
    detail: () => ({
      zh: '重新开放前请先设置更晚的有效期 validThrough',
      en: 'Set a later validThrough before reopening',
    }),
  },
  vacancyNotNormalisable: {
    status: 422,
    code: 'vacancy-not-normalisable',
    title: { zh: '岗位字段无法识别', en: 'Vacancy not normalisable' },
    detail: (_errors: FieldProblem[], _candidates: { code: string; name: string }[] | undefined) => ({
      zh: '有些字段无法识别为应有的内容',
      en: 'Some fields could not be read as what they should be',
    }),
    errors: (errors, _candidates) => errors,
    extra: (_errors, candidates) => (candidates ? { candidates } : {}),
  },
  jobPostingNotMappable: {
    status: 422,
    code: 'job-posting-not-mappable',
    title: { zh: 'JobPosting 无法转为岗位', en: 'JobPosting not mappable' },
    detail: (_errors: FieldProblem[]) => ({
      zh: '此 JobPosting 无法在这里读成岗位',
      en: 'The JobPosting cannot be read as a vacancy here',
    }),
    errors: (errors) => errors,
  },
  filledOverHeadcount: {
    status: 422,
    code: 'filled-over-headcount',
    title: { zh: '已招人数超过招聘人数', en: 'Filled over headcount' },
    detail: (filledCount: number, headcount: number) => ({
      zh: `招聘 ${headcount} 人，已招 ${filledCount} 人`,
      en: `${filledCount} filled of ${headcount} places`,
    }),
    errors: () => [
      { in: 'body', field: 'filledCount', message: { zh: '不得超过招聘人数', en: 'must not be above the headcount' } },
    ],
  },
  noOpenPlace: {
    status: 422,
    code: 'no-open-place',
    title: { zh: '岗位没有空缺', en: 'No open place' },
    detail: (vacancyId: string, status: string) => ({
      zh: `岗位 ${vacancyId} 没有空缺（${status}）`,
      en: `Vacancy ${vacancyId} has no open place (${status})`,
    }),
    errors: () => [{ in: 'body', field: 'vacancyId', message: { zh: '没有空缺', en: 'no open place' } }],
  },
  alreadyPlaced: {
    status: 409,
    code: 'already-placed',
    title: { zh: '已就业登记', en: 'Already placed' },
    detail: () => ({ zh: '此求职者已在该岗位就业登记', en: 'This seeker is already placed in this vacancy' }),
  },
  followUpDone: {
    status: 409,
    code: 'follow-up-done',
    title: { zh: '回访已记录', en: 'Follow-up done' },
    detail: () => ({ zh: '此次回访已经记录', en: 'This follow-up is recorded already' }),
  },
  noFile: {
    status: 400,
    code: 'no-file',
    title: { zh: '表单中没有文件', en: 'No file' },
    detail: () => ({
      zh: '表单中没有文件：请在字段 `file` 中上传表格',
      en: 'The form has no file: send the sheet in the field `file`',
    }),
  },
  unreadableForm: {
    status: 400,
    code: 'unreadable-form',
    title: { zh: '表单无法读取', en: 'Unreadable form' },
    detail: () => ({
      zh: '请求体不是可读取的 multipart/form-data 上传：请在字段 `file` 中上传表格（curl -F file=@sheet.xlsx）',
      en: 'The body is not a readable multipart/form-data upload: send the sheet in the field `file` (curl -F file=@sheet.xlsx)',
    }),
  },
  sheetMediaType: {
    status: 415,
    code: 'unsupported-media-type',
    title: { zh: '不支持的媒体类型', en: 'Unsupported Media Type' },
    detail: (xlsx: string, csv: string) => ({
      zh: `请以 Content-Type ${xlsx} 或 ${csv} 发送文件本身，或以 multipart/form-data 在字段 \`file\` 中上传（curl -F file=@sheet.xlsx）`,
      en: `Send the file as the body with Content-Type ${xlsx} or ${csv}, or as multipart/form-data with the file in the field \`file\` (curl -F file=@sheet.xlsx)`,
    }),
  },
  unreadableSpreadsheet: {
    status: 400,
    code: 'unreadable-spreadsheet',
    title: { zh: '表格无法读取', en: 'Unreadable spreadsheet' },
    detail: () => ({ zh: '该文件无法作为表格读取', en: 'The file could not be read as a spreadsheet' }),
  },
  unknownColumns: {
    status: 400,
    code: 'unknown-columns',
    title: { zh: '模板中没有的列', en: 'Unknown columns' },
    detail: (headers: string[]) => ({
      zh: `模板中没有这些列：${headers.join('、')}`,
      en: `Columns the template does not have: ${headers.join(', ')}`,
    }),
  },
  sheetTooManyBytes: {
    status: 413,
    code: 'sheet-too-large',
    title: { zh: '表格过大', en: 'Sheet too large' },
    detail: (maxBytes: number, _maxRows: number) => ({
      zh: `文件超过 ${maxBytes / MIB} MiB`,
      en: `The file is over ${maxBytes / MIB} MiB`,
    }),
    extra: (maxBytes, maxRows) => ({ maxRows, maxBytes }),
  },
  sheetTooManyRows: {
    status: 413,
    code: 'sheet-too-large',
    title: { zh: '表格过大', en: 'Sheet too large' },
    detail: (_maxBytes: number, maxRows: number) => ({
      zh: `表格超过 ${thousands(maxRows)} 行：请拆分成多个文件`,
      en: `The sheet has more than ${thousands(maxRows)} rows: split it into several files`,
    }),
    extra: (maxBytes, maxRows) => ({ maxRows, maxBytes }),
  },
});

/** The 409 of a vacancy that is not in a state the change starts from: code `vacancy-<status>`. */
function vacancyIs(status: string, zh: string) {
  return {
    status: 409,
    code: `vacancy-${status}`,
    title: { zh: `岗位${zh}`, en: `Vacancy ${status}` },
    detail: (vacancyId: string) => ({ zh: `岗位 ${vacancyId} ${zh}`, en: `Vacancy ${vacancyId} is ${status}` }),
  };
}

/** A vacancy's status → the 409 that says it. */
export const vacancyInState = {
  open: errors.vacancyOpen,
  closed: errors.vacancyClosed,
  expired: errors.vacancyExpired,
  filled: errors.vacancyFilled,
} as const;

/**
 * Why a row of a sheet or a bulk request was not stored, in both languages: a report is
 * rendered in the language of whoever reads it (`bulk/row-report.ts`), now or later as a job.
 */
export const rowMessages = {
  numberCell: () => ({
    zh: '单元格是数字：请把该列设为文本格式后重新输入',
    en: 'the cell is a number: format the column as text (文本) and type the value again',
  }),
  notADate: () => ({
    zh: '不是日期：请写成 2026-12-31、2026/12/31 或 2026年12月31日',
    en: 'not a date: write it as 2026-12-31, 2026/12/31 or 2026年12月31日',
  }),
  keyActsFor: (employerId: string) => ({
    zh: `此密钥只能代表用人单位 ${employerId}`,
    en: `this key acts for ${employerId} only`,
  }),
  employerOutsideRegion: (employerId: string) => ({
    zh: `用人单位 ${employerId} 不在您的管辖地区`,
    en: `employer ${employerId} is outside your region`,
  }),
  employerNotFound: (employerId: string) => ({
    zh: `未找到用人单位 ${employerId}`,
    en: `employer ${employerId} was not found`,
  }),
  externalIdTaken: (holder: { vacancyId: string } | { row: number }) =>
    'vacancyId' in holder
      ? { zh: `已被岗位 ${holder.vacancyId} 使用`, en: `already used by vacancy ${holder.vacancyId}` }
      : { zh: `已被第 ${holder.row} 行使用`, en: `already used by row ${holder.row}` },
  ambiguousPlace: (given: string, candidates: readonly { name: string; code: string }[]) => {
    const listed = candidates
      .slice(0, 5)
      .map((c) => `${c.name} (${c.code})`)
      .join(', ');
    return {
      zh: `“${given}”可能是 ${listed} 中的任一个：请填写区划代码`,
      en: `"${given}" could be any of ${listed}: write the code`,
    };
  },
  unknownPlace: (given: string) => ({ zh: `“${given}”不是已知的地名`, en: `"${given}" is not a place we know` }),
  unknownRegion: (code: string) => ({
    zh: `${code} 不是已知的行政区划代码`,
    en: `${code} is not a division code we know`,
  }),
  outsideRegion: (code: string, region: string) => ({
    zh: `${code} 不在您的管辖地区 ${region} 内`,
    en: `${code} is outside your region ${region}`,
  }),
  samePersonAs: (row: number) => ({ zh: `与第 ${row} 行是同一人`, en: `the same person as row ${row}` }),
  listedElsewhere: () => ({
    zh: '此人已在其他地区的名单上',
    en: 'this person is on the list of another region',
  }),
} satisfies Record<string, (...args: never[]) => Text>;
