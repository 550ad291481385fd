import { type Channel, DeliveryError, type Outgoing } from './port.ts';

/**
 * An HTTP SMS gateway (the bureaus buy SMS from a carrier's or a cloud provider's gateway):
 * POST `{ to, template, text, messageId }` with a bearer key. The provider allows so many
 * messages a second; a token bucket keeps under it, so a 600,000-person broadcast queues
 * here rather than being refused there.
 */
export class SmsGatewayChannel implements Channel {
  readonly name = 'sms' as const;
  #tokens: number;
  #refilledAt = Date.now();

  constructor(
    private readonly options: {
      url: string;
      apiKey: string;
      perSecond: number;
      signature?: string;
      timeoutMs?: number;
    },
  ) {
    this.#tokens = options.perSecond;
  }

  async #take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.#tokens = Math.min(
        this.options.perSecond,
        this.#tokens + ((now - this.#refilledAt) / 1000) * this.options.perSecond,
      );
      this.#refilledAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.#tokens) / this.options.perSecond) * 1000)));
    }
  }

  async send(message: Outgoing): Promise<string> {
    await this.#take();
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
        body: JSON.stringify({
          to: message.address,
          signature: this.options.signature ?? '就业服务',
          text: message.rendered.text,
          messageId: message.messageId,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new DeliveryError(`SMS gateway unreachable: ${(err as Error).message}`, true);
    }
    const answer = (await res.text()).slice(0, 500);
    if (res.ok) return `${res.status} ${answer}`.trim();
    throw new DeliveryError(`SMS gateway answered ${res.status}`, res.status === 429 || res.status >= 500, answer);
  }
}
