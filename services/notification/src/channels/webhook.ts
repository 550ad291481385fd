import { createHmac } from 'node:crypto';
import { type Channel, DeliveryError, type Outgoing } from './port.ts';

/** The signature a receiver checks: HMAC-SHA256 over `<timestamp>.<body>` with the shared secret. */
export const webhookSignature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * A partner's system (a village information officer's group bot, a platform) receives
 * messages as JSON POSTs, signed: `X-Duijie-Timestamp` (seconds) and `X-Duijie-Signature`
 * (`sha256=<hex>`), with `Idempotency-Key` set to the message id so a retry after a crash can
 * be recognised. 2xx is delivered; 408, 429 and 5xx are retried; other 4xx are not.
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook' as const;
  constructor(private readonly options: { secret: string; timeoutMs?: number; now?: () => Date }) {}

  async send(message: Outgoing): Promise<string> {
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    const body = JSON.stringify({
      id: message.messageId,
      subject: message.rendered.subject,
      text: message.rendered.text,
    });
    let res: Response;
    try {
      res = await fetch(message.address, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-duijie-timestamp': timestamp,
          'x-duijie-signature': webhookSignature(this.options.secret, timestamp, body),
          'idempotency-key': message.messageId,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new DeliveryError(`webhook unreachable: ${(err as Error).message}`, true);
    }
    const answer = (await res.text()).slice(0, 500);
    if (res.ok) return `${res.status} ${answer}`.trim();
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new DeliveryError(`webhook answered ${res.status}`, retryable, answer);
  }
}
