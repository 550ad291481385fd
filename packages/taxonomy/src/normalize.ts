import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

// Punctuation and symbols, Chinese and Western, become separators.
const PUNCTUATION = /[\p{P}\p{S}]+/gu;

/**
 * The form every comparison uses: traditional → simplified (OpenCC), full-width →
 * half-width (NFKC), lower case, punctuation to spaces, runs of space to one.
 * 電焊 → 电焊; ＣＮＣ操機 → cnc操机.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(PUNCTUATION, ' ').replace(/\s+/g, ' ').trim();
}

/** normalizeText without any spaces: for matching a short label as one word. */
export const normalizeLabel = (text: string) => normalizeText(text).replaceAll(' ', '');

// Full-width ASCII letters and digits (Ａ, ２) and the ideographic space: typing noise of Chinese input methods.
const FULL_WIDTH_ALPHANUMERIC = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/** Full-width letters and digits to ASCII, the ideographic space to a space; CJK punctuation as typed. */
export const foldFullWidth = (text: string) =>
  text.replace(FULL_WIDTH_ALPHANUMERIC, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replaceAll('\u3000', ' ');

/**
 * Display text as stored: traditional → simplified, full-width letters and digits → ASCII,
 * runs of spaces folded; punctuation (Chinese punctuation stays Chinese: ，not ,), case and
 * line breaks kept. Comparisons use normalizeText, which folds the rest.
 * 招聘電焊工（２名） → 招聘电焊工（2名）.
 */
export function simplify(text: string): string {
  return toSimplified(foldFullWidth(text))
    .replace(/[ \t]+/g, ' ')
    .trim();
}
