import nodemailer, { type Transporter } from 'nodemailer';
import { type Channel, DeliveryError, type Outgoing } from './port.ts';

/**
 * E-mail through SMTP (nodemailer): `SMTP_URL` such as `smtps://user:pass@smtp.example.cn`,
 * or any nodemailer transport (tests use its JSON transport, which builds the message and
 * sends nothing). A 4xx from the server is retried; a 5xx refusal is not. The SMTP server is
 * the operator's (`SMTP_URL`): it is not held to public addresses as webhook targets are.
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
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button, and a mailbox provider
        // POSTs `List-Unsubscribe=One-Click` to the link instead of opening it (a GET only asks).
        headers: {
          'X-Duijie-Message': message.messageId,
          'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      // An SMTP server answers a status line; nodemailer's JSON transport answers the message it built.
      return String(info.response ?? (info as { message?: unknown }).message ?? info.messageId);
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      throw new DeliveryError(`SMTP: ${(err as Error).message}`, code === undefined || code < 500, String(code ?? ''));
    }
  }
}
