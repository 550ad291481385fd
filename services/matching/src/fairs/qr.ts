import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

const PREFIX = 'DJF1';

export type QrSubject = { fairId: string; kind: 'seeker' | 'booth'; id: string };

/**
 * The text of a fair QR code: `DJF1.<fair>.<seeker|booth>.<id>.<signature>`. Signed, so a
 * code cannot be made up for someone else; bound to one fair, so last week's slip does not
 * check anyone in today.
 */
export class FairQrCodes {
  constructor(private readonly key: Buffer) {}

  text(subject: QrSubject): string {
    const body = `${PREFIX}.${subject.fairId}.${subject.kind}.${subject.id}`;
    return `${body}.${this.#sign(body)}`;
  }

  /** The subject of a well-signed code, or null for anything else. */
  read(text: string): QrSubject | null {
    const parts = text.trim().split('.');
    if (parts.length !== 5 || parts[0] !== PREFIX) return null;
    const [, fairId = '', kind = '', id = '', signature = ''] = parts;
    if (kind !== 'seeker' && kind !== 'booth') return null;
    const expected = Buffer.from(this.#sign(`${PREFIX}.${fairId}.${kind}.${id}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { fairId, kind, id };
  }

  async image(subject: QrSubject, format: 'svg' | 'png'): Promise<string | Buffer> {
    const text = this.text(subject);
    // Level M survives a crumpled slip; the margin is what scanners need around the code.
    return format === 'svg'
      ? QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      : QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  }

  #sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}
