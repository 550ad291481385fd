import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied from a screen by hand
// has no look-alikes; typed O, I and L read as 0, 1 and 1.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/**
 * A fair's desk or booth code: 10 characters of Crockford base32 (50 random bits), shown in two
 * groups (`K7M2Q-9TXAB`) and stored only as its SHA-256. Fifty bits are far beyond what the
 * sign-in lock-out lets anyone try before the fair ends, so a fast hash is enough.
 */
export function mintFairCode(): { code: string; hash: string } {
  // 256 is a multiple of 32: each byte's low five bits are uniform.
  const chars = [...randomBytes(LENGTH)].map((b) => ALPHABET[b & 31]).join('');
  return { code: `${chars.slice(0, 5)}-${chars.slice(5)}`, hash: hashFairCode(chars) };
}

/** A code as typed (any case, spaces, dashes, O for 0), in its canonical form; null when it cannot be one. */
export function normaliseFairCode(typed: string): string | null {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return chars.length === LENGTH && [...chars].every((c) => ALPHABET.includes(c)) ? chars : null;
}

/** The hash a code is kept as (of its canonical form). */
export const hashFairCode = (canonical: string) => createHash('sha256').update(`fair-code:${canonical}`).digest('hex');
