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

// 18-character resident ID numbers and 11-digit mobile numbers anywhere in free text.
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;

/** Masks ID and phone numbers wherever they appear in a string (URLs, messages). */
export const maskPersonalText = (text: string): string =>
  text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));

/** Field names that hold personal data, in the shapes they take in bodies and rows. */
export const PERSONAL_FIELDS = ['idNumber', 'id_number', 'phone', 'phoneNumber', 'mobile'] as const;
