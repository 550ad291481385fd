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

/**
 * Display text as stored: traditional → simplified, full-width → half-width, runs of spaces
 * folded; punctuation, case and line breaks kept. 招聘電焊工（２名） → 招聘电焊工(2名).
 */
export function simplify(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .replace(/[ \t]+/g, ' ')
    .trim();
}
