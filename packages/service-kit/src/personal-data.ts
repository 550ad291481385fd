/**
 * Masking of personal data (身份证号, 手机号). Responses show only what identifies a record
 * to the person who already knows it; logs show nothing of it.
 */
export const maskIdNumber = (id: string): string =>
  id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '*'.repeat(id.length);

export const maskPhone = (phone: string): string =>
  phone.length >= 7
    ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
    : '*'.repeat(phone.length);

// 18-character resident ID numbers and 11-digit mobile numbers anywhere in free text. Masking
// is broad (any 18 or 11 digits standing alone): a masked number that was not personal costs
// nothing.
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;

/** Masks ID and phone numbers wherever they appear in a string (URLs, messages). */
export const maskPersonalText = (text: string): string =>
  text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));

// What the log guard looks for is narrower, so that it can fail a run without crying wolf on
// ids and timestamps: a whole word (prefixed ids are `skr_<hex>`, epoch millis are 13 digits),
// an ID number with a region code and a birth date of 1800–2099, a mobile number with a
// carrier prefix (13–19); never the digits of a decimal (`"responseTime":97.8616646…`).
const ID_NUMBER_WORD =
  /(?<![\w.])[1-9]\d{5}(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\w]|\.\d)/g;
const MOBILE_WORD = /(?<![\w.])(?:\+?86[- ]?)?1[3-9]\d{9}(?!\w|\.\d)/g;

/** Each ID or mobile number in `text` (the log guard's test), masked, with its kind. */
export function findPersonalNumbers(text: string): { kind: 'id-number' | 'mobile'; masked: string }[] {
  return [
    ...[...text.matchAll(ID_NUMBER_WORD)].map((m) => ({ kind: 'id-number' as const, masked: maskIdNumber(m[0]) })),
    ...[...text.matchAll(MOBILE_WORD)].map((m) => ({ kind: 'mobile' as const, masked: maskPhone(m[0]) })),
  ];
}

/** `text` with what `findPersonalNumbers` finds masked. */
export const maskPersonalNumbers = (text: string): string =>
  text.replace(ID_NUMBER_WORD, (m) => maskIdNumber(m)).replace(MOBILE_WORD, (m) => maskPhone(m));

/** Field names that hold personal data, in the shapes they take in bodies and rows. */
export const PERSONAL_FIELDS = ['idNumber', 'id_number', 'phone', 'phoneNumber', 'mobile'] as const;
