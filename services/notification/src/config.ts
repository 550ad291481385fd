import { BaseConfig, Port, type StaffTokens } from '@duijie/service-kit';
import { z } from 'zod';
import { EmailChannel } from './channels/email.ts';
import type { Channel } from './channels/port.ts';
import { SmsGatewayChannel } from './channels/sms.ts';
import { WebhookChannel } from './channels/webhook.ts';
import { type OutboundGuard, parseAllowList } from './outbound.ts';

export const NotificationSettings = z.object({
  PUBLIC_URL: z
    .url()
    .default('http://127.0.0.1:8080')
    .describe('the gateway as people reach it: short links point here'),
  WEBHOOK_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe('signs webhook deliveries; default: derived from the staff token secret'),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  SMS_PER_SECOND: z.coerce.number().int().min(1).default(50),
  SMTP_URL: z.string().min(1).optional().describe('smtp:// or smtps:// with credentials'),
  MAIL_FROM: z.string().default('就业服务 <noreply@localhost>'),
  OUTBOUND_ALLOW: z
    .string()
    .default('')
    .refine(
      (text) => {
        try {
          parseAllowList(text);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'addresses or CIDR ranges, separated by commas (e.g. 127.0.0.1,::1 or 10.20.0.0/16)' },
    )
    .describe('internal addresses webhooks may reach after all; default none: public addresses only'),
  NOTIFY_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.6),
  NOTIFY_MAX_PER_VACANCY: z.coerce.number().int().min(1).max(5000).default(200),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationConfig = BaseConfig.extend({ PORT: Port.default(8083) }).extend(NotificationSettings.shape);

/** The channels the settings configure; the local sink is always there. */
export function channelsFrom(
  settings: NotificationSettings,
  staffTokens: StaffTokens,
  outbound: OutboundGuard,
): Record<string, Channel> {
  const secret = settings.WEBHOOK_SECRET ?? staffTokens.derive('webhook').toString('hex');
  return {
    webhook: new WebhookChannel({ secret, outbound }),
    ...(settings.SMS_GATEWAY_URL && settings.SMS_API_KEY
      ? {
          sms: new SmsGatewayChannel({
            url: settings.SMS_GATEWAY_URL,
            apiKey: settings.SMS_API_KEY,
            perSecond: settings.SMS_PER_SECOND,
          }),
        }
      : {}),
    ...(settings.SMTP_URL
      ? { email: new EmailChannel({ transport: settings.SMTP_URL, from: settings.MAIL_FROM }) }
      : {}),
  };
}
