import { createHmac, timingSafeEqual } from 'node:crypto';

/** The shape of an answer link's token: the invitation's id, a dot, its HMAC (base64url). */
export const ANSWER_TOKEN = /^inv_[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/;

/**
 * The secret in an invitation's answer link. Not stored anywhere, not even hashed: it is an
 * HMAC of the invitation's id under a key derived from the services' secret, so a database
 * dump (or the outbox) yields no link, and a token for another invitation cannot be made up
 * from one's own. Checked in constant time.
 */
export class AnswerLinks {
  constructor(private readonly key: Buffer) {}

  token(invitationId: string): string {
    return `${invitationId}.${this.#mac(invitationId)}`;
  }

  /** The invitation id a token is good for, or null for a malformed or forged one. */
  invitationOf(token: string): string | null {
    if (!ANSWER_TOKEN.test(token)) return null;
    const [id = '', mac = ''] = token.split('.');
    const expected = Buffer.from(this.#mac(id));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  url(publicUrl: string, invitationId: string): string {
    return `${publicUrl}/v1/invitations/answer/${this.token(invitationId)}`;
  }

  #mac(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }
}
