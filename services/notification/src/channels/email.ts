import nodemailer, { type Transporter } from 'nodemailer';
import { type Channel, DeliveryError, type Outgoing } from './port.ts';

/**
 * E-mail through SMTP (nodemailer): `SMTP_URL` such as `smtps://user:pass@smtp.example.cn`,
 * or any nodemailer transport (tests use its JSON transport, which builds the message and
 * sends nothing). A 4xx from the server is retried; a 5xx refusal is not.
 */
export class EmailChannel implements Channel {
  readonly name = 'email' as const;
  readonly #transport: Transporter;

  constructor(
    private readonly options: { transport: string | Parameters<typeof nodemailer.createTransport>[0]; from: string },
  ) {
    this.#transport = nodemailer.createTransport(options.transport as never);
  }

  async send(message: Outgoing): Promise<string> {
    try {
      const info = await this.#transport.sendMail({
        from: this.options.from,
        to: message.address,
        subject: message.rendered.subject,
        text: message.rendered.text,
        headers: { 'X-Duijie-Message': message.messageId },
      });
      // An SMTP server answers a status line; nodemailer's JSON transport answers the message it built.
      return String(info.response ?? (info as { message?: unknown }).message ?? info.messageId);
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      throw new DeliveryError(`SMTP: ${(err as Error).message}`, code === undefined || code < 500, String(code ?? ''));
    }
  }
}
