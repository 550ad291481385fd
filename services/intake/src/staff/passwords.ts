import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's first choice of parameters (19 MiB, 2 passes, 1 lane): ~50 ms here,
// slow enough to make a stolen table expensive to guess, quick enough for a sign-in.
// (argon2id is the library's default algorithm: its enum is an ambient const enum, which
// verbatimModuleSyntax cannot import.)
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** Whether `password` is the one hashed; false (never an error) for a hash that is not one. */
export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * For a username nobody has: the same work as checking a real password, so the answer's
 * time does not say whether the account exists.
 */
export async function spendAsIfChecking(password: string): Promise<void> {
  dummy ??= hashPassword('duijie: no such account, a hash to check against');
  await passwordMatches(await dummy, password);
}

// No 0/O, 1/l/I: a one-time password is read out or copied from a screen.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters of 56: ~93 bits, shown once, good for one sign-in that sets a password. */
export const oneTimePassword = (): string =>
  Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
