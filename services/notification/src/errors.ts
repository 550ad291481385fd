import { catalogue, notFound } from '@duijie/service-kit';

/** Notification's errors, one entry each (the common ones are service-kit's `commonErrors`). */
export const errors = catalogue({
  invitationNotFound: {
    status: 404,
    code: 'invitation-not-found',
    title: { zh: '邀约不存在', en: 'Invitation not found' },
    detail: () => ({ zh: '未找到此链接对应的邀约', en: 'invitation for this link was not found' }),
  },
  invitationAlreadyAnswered: {
    status: 409,
    code: 'invitation-already-answered',
    title: { zh: '邀约已答复', en: 'Invitation already answered' },
    detail: (answer: string) => ({
      zh: `您已答复过此邀约：${answer === 'accepted' ? '接受' : '婉拒'}`,
      en: `You answered this invitation already: ${answer}`,
    }),
  },
  vacancyNotOpen: {
    status: 409,
    code: 'vacancy-not-open',
    title: { zh: '岗位已不再招聘', en: 'Vacancy not open' },
    detail: () => ({
      zh: '该岗位已不再招聘，此邀约无法再答复',
      en: 'The vacancy is no longer open: the invitation takes no answer',
    }),
  },
  subscriptionNotFound: notFound({ code: 'subscription', zh: '订阅', en: 'subscription' }),
  broadcastNotFound: notFound({ code: 'broadcast', zh: '群发通知', en: 'broadcast' }),
  unsubscribeLinkNotFound: {
    status: 404,
    code: 'subscription-not-found',
    title: { zh: '订阅不存在', en: 'Subscription not found' },
    detail: () => ({ zh: '未找到此链接对应的订阅', en: 'subscription for this link was not found' }),
  },
  addressNotPublic: {
    status: 422,
    code: 'address-not-public',
    title: { zh: '地址不在公网上', en: 'Address not public' },
    detail: (_why: string) => ({
      zh: 'Webhook 地址必须可从公网访问',
      en: 'A webhook must be reachable on the public internet',
    }),
    errors: (why) => [{ in: 'body', field: 'addresses.webhook', message: { zh: `不是公网地址（${why}）`, en: why } }],
  },
  noPhone: {
    status: 422,
    code: 'no-address',
    title: { zh: '缺少地址', en: 'No address' },
    detail: () => ({ zh: '短信需要手机号：名单上没有', en: 'SMS needs a phone: none is on the list' }),
    errors: () => [
      {
        in: 'body',
        field: 'addresses.sms',
        message: { zh: '必填：名单上没有此求职者的手机号', en: 'required: the seeker has no phone on the list' },
      },
    ],
  },
  noAddress: {
    status: 422,
    code: 'no-address',
    title: { zh: '缺少地址', en: 'No address' },
    detail: (_channels: string[]) => ({ zh: '每个渠道都需要一个地址', en: 'Each channel needs an address' }),
    errors: (channels) =>
      channels.map((c) => ({
        in: 'body' as const,
        field: `addresses.${c}`,
        message: { zh: '此渠道必填', en: 'required for this channel' },
      })),
  },
  smsGatewayKey: {
    status: 401,
    code: 'sms-gateway-key',
    title: { zh: '需要短信网关密钥', en: 'SMS gateway key required' },
    detail: () => ({
      zh: '请在 X-Sms-Gateway-Key 中提供短信网关的密钥',
      en: 'Send the SMS gateway’s key in X-Sms-Gateway-Key',
    }),
  },
  linkNotFound: notFound({ code: 'link', zh: '短链接', en: 'link' }),
  fairNotFound: notFound({ code: 'fair', zh: '招聘会', en: 'fair' }),
  livestreamNotFound: notFound({ code: 'livestream', zh: '直播', en: 'livestream' }),
});
