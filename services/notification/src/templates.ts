/** The message kinds and what each says, in Chinese (the default) and English. */
export type TemplateName = 'job' | 'fair' | 'livestream' | 'policy' | 'invitation';
export type Language = 'zh' | 'en';
export type Rendered = { subject: string; text: string };

type Params = Record<string, string | number>;

const TEMPLATES: Record<TemplateName, Record<Language, (p: Params) => Rendered>> = {
  job: {
    zh: (p) => ({
      subject: `新岗位：${p.title}`,
      text: `【就业服务】${p.employer}招${p.title}，${p.wage}，${p.place}。${p.reason}。详情${p.link} 退订回TD`,
    }),
    en: (p) => ({
      subject: `New job: ${p.title}`,
      text: `A job for you: ${p.title} at ${p.employer}, ${p.wage}, ${p.place}. ${p.reason}. ${p.link} Reply TD to stop`,
    }),
  },
  fair: {
    zh: (p) => ({
      subject: `招聘会：${p.name}`,
      text: `【就业服务】${p.when}在${p.place}举办${p.name}，欢迎参加。详情${p.link} 退订回TD`,
    }),
    en: (p) => ({
      subject: `Job fair: ${p.name}`,
      text: `${p.name}, ${p.when} at ${p.place}. ${p.link} Reply TD to stop`,
    }),
  },
  livestream: {
    zh: (p) => ({
      subject: `直播带岗：${p.name}`,
      text: `【就业服务】${p.when}${p.platform}直播带岗「${p.name}」，岗位等你来。${p.link} 退订回TD`,
    }),
    en: (p) => ({
      subject: `Recruiting livestream: ${p.name}`,
      text: `Livestream "${p.name}" on ${p.platform}, ${p.when}. ${p.link} Reply TD to stop`,
    }),
  },
  policy: {
    zh: (p) => ({ subject: String(p.title), text: `【就业服务】${p.title}：${p.body} ${p.link} 退订回TD` }),
    en: (p) => ({ subject: String(p.title), text: `${p.title}: ${p.body} ${p.link} Reply TD to stop` }),
  },
  // An employer's invitation: the link opens the page where the seeker accepts or declines.
  invitation: {
    zh: (p) => ({
      subject: `${p.employer}邀请您应聘${p.title}`,
      text: `【就业服务】${p.employer}邀请您应聘${p.title}，附言：${p.message} 答复请点${p.link} 退订回TD`,
    }),
    en: (p) => ({
      subject: `${p.employer} invites you to apply: ${p.title}`,
      text: `${p.employer} invites you to apply for ${p.title}: "${p.message}" Answer at ${p.link} Reply TD to stop`,
    }),
  },
};

/** One SMS segment: 70 characters of Chinese text, 67 each when a message takes several. */
export const SMS_SEGMENT = 70;
export const SMS_MULTI_SEGMENT = 67;
/** Job alerts stay within two segments: a third costs the bureau for words nobody reads. */
export const SMS_MAX_SEGMENTS = 2;

/** Segments an SMS of this text takes (UCS-2, as any text with Chinese in it is sent). */
export const smsSegments = (text: string) => {
  const length = [...text].length;
  return length <= SMS_SEGMENT ? 1 : Math.ceil(length / SMS_MULTI_SEGMENT);
};

const cut = (value: string | number, max: number) => {
  const chars = [...String(value)];
  return chars.length <= max ? String(value) : `${chars.slice(0, max - 1).join('')}…`;
};

/**
 * The message for a channel. For SMS, the free-text parts (the reason, the body, names) are
 * shortened until it fits in two segments; the link and the opt-out words are never cut.
 */
export function render(
  template: TemplateName,
  params: Params,
  options: { language?: Language; sms?: boolean } = {},
): Rendered {
  const build = TEMPLATES[template][options.language ?? 'zh'];
  const full = build(params);
  if (!options.sms || smsSegments(full.text) <= SMS_MAX_SEGMENTS) return full;
  const budget = SMS_MAX_SEGMENTS * SMS_MULTI_SEGMENT;
  const shortenable = ['reason', 'body', 'message', 'employer', 'title', 'name', 'place'].filter((k) => k in params);
  const shortened = { ...params };
  for (let max = 40; max >= 4; max -= 4) {
    for (const key of shortenable) shortened[key] = cut(params[key] ?? '', max);
    const attempt = build(shortened);
    if ([...attempt.text].length <= budget) return attempt;
  }
  return build(shortened);
}
