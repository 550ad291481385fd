import t from 'tap';
import { beijingDayStart, beijingMinutes, inQuietHours, nextBeijing, tomorrowAt } from './clock.ts';
import { render, SMS_MULTI_SEGMENT, smsSegments } from './templates.ts';

const job = {
  title: '电焊工',
  employer: '湘西自治州吉首经济开发区某某精密机械制造有限责任公司',
  wage: '月薪5000-6000元',
  place: '吉首市',
  reason: '技能匹配：电焊；就在本地；月薪 5500 元高于期望 4000 元；提供住宿；提供工作餐；长白班；公益岗位优先',
  link: 'https://dj.example.cn/v1/notifications/l/0123456789abcdef',
};

t.test('an SMS job alert fits in two segments, the link and the opt-out words whole', async (t) => {
  const full = render('job', job);
  t.ok(smsSegments(full.text) > 2, 'the e-mail/webhook text is longer');
  const sms = render('job', job, { sms: true });
  t.ok(smsSegments(sms.text) <= 2, `${[...sms.text].length} characters`);
  t.ok(sms.text.includes(job.link));
  t.ok(sms.text.endsWith('退订回TD'));
  t.match(sms.text, /^【就业服务】/);
});

t.test('segments: 70 characters in one, 67 each beyond', async (t) => {
  t.equal(smsSegments('字'.repeat(70)), 1);
  t.equal(smsSegments('字'.repeat(71)), 2);
  t.equal(smsSegments('字'.repeat(SMS_MULTI_SEGMENT * 2)), 2);
  t.equal(smsSegments('字'.repeat(SMS_MULTI_SEGMENT * 2 + 1)), 3);
});

t.test('English, for who asks for it', async (t) => {
  t.match(render('job', job, { language: 'en' }).text, /^A job for you: 电焊工/);
});

t.test('quiet hours and days are Beijing’s', async (t) => {
  const night = new Date('2026-11-23T15:30:00Z'); // 23:30 in Beijing
  t.equal(beijingMinutes(night), 23 * 60 + 30);
  t.equal(inQuietHours(night, 22 * 60, 8 * 60), true);
  t.equal(inQuietHours(new Date('2026-11-23T02:00:00Z'), 22 * 60, 8 * 60), false, '10:00');
  t.equal(inQuietHours(new Date('2026-11-23T05:00:00Z'), 12 * 60, 14 * 60), true, 'a midday quiet time');
  t.equal(nextBeijing(night, 8 * 60).toISOString(), '2026-11-24T00:00:00.000Z', '08:00 the next morning');
  t.equal(beijingDayStart(night).toISOString(), '2026-11-22T16:00:00.000Z');
  t.equal(tomorrowAt(new Date('2026-11-23T02:00:00Z'), 8 * 60).toISOString(), '2026-11-24T00:00:00.000Z');
});
