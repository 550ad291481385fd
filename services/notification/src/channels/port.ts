import type { ChannelName } from '@duijie/db';
import type { Rendered } from '../templates.ts';

/**
 * A message as a channel sends it: where, what, the id a receiver can dedupe on, and the
 * seeker's opt-out link (its GET asks, its POST opts out).
 */
export type Outgoing = {
  messageId: string;
  seekerId: string;
  address: string;
  rendered: Rendered;
  sms: boolean;
  unsubscribeUrl: string;
};

/** A delivery failed; `retryable` false means trying again cannot help (a bad address, a refusal). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly response?: string,
  ) {
    super(message);
  }
}

/**
 * One way of reaching people. `send` resolves with the provider's answer or throws a
 * DeliveryError. The local sink is not one of these: it writes in the delivery's own
 * transaction (see delivery.ts).
 */
export interface Channel {
  readonly name: Exclude<ChannelName, 'sink'>;
  send(message: Outgoing): Promise<string>;
}
