import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { OutboundGuard, OutboundRefused } from '../outbound.ts';
import { type Channel, DeliveryError, type Outgoing } from './port.ts';

/** The signature a receiver checks: HMAC-SHA256 over `<timestamp>.<body>` with the shared secret. */
export const webhookSignature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** A network failure in a few words: its code, never a message that could carry what the other side said. */
const reasonOf = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'network error';
};

/**
 * A partner's system (a village information officer's group bot, a platform) receives
 * messages as JSON POSTs, signed: `X-Duijie-Timestamp` (seconds) and `X-Duijie-Signature`
 * (`sha256=<hex>`), with `Idempotency-Key` set to the message id so a retry after a crash can
 * be recognised. 2xx is delivered; 408, 429 and 5xx are retried; other 4xx and 3xx are not
 * (redirects are not followed). Only public addresses are reached (see OutboundGuard), and
 * what the receiver answers is not kept: the delivery log has its status only, so the log
 * cannot be used to read what some other server says.
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook' as const;
  readonly #outbound: OutboundGuard;

  constructor(
    private readonly options: { secret: string; timeoutMs?: number; now?: () => Date; outbound?: OutboundGuard },
  ) {
    this.#outbound = options.outbound ?? new OutboundGuard();
  }

  async send(message: Outgoing): Promise<string> {
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    const body = JSON.stringify({
      id: message.messageId,
      subject: message.rendered.subject,
      text: message.rendered.text,
      unsubscribeUrl: message.unsubscribeUrl,
    });
    let status: number;
    try {
      this.#outbound.refuseLiteral(message.address);
      const res = await request(message.address, {
        method: 'POST',
        dispatcher: this.#outbound.dispatcher,
        headers: {
          'content-type': 'application/json',
          'x-duijie-timestamp': timestamp,
          'x-duijie-signature': webhookSignature(this.options.secret, timestamp, body),
          'idempotency-key': message.messageId,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = res.statusCode;
      await res.body.dump();
    } catch (err) {
      const refused = err instanceof OutboundRefused ? err : (err as { cause?: unknown }).cause;
      if (refused instanceof OutboundRefused) {
        throw new DeliveryError(`webhook refused: ${refused.message}`, refused.retryable);
      }
      throw new DeliveryError(`webhook unreachable (${reasonOf(err)})`, true);
    }
    if (status >= 200 && status < 300) return String(status);
    const retryable = status === 408 || status === 429 || status >= 500;
    throw new DeliveryError(`webhook answered ${status}`, retryable);
  }
}
