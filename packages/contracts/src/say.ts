/** A text in both languages the API speaks: Chinese by default, English on request. */
export type Text = { zh: string; en: string };
export type Language = keyof Text;

const english = new Map<string, string>();

/**
 * A fixed message written in a schema or a domain rule, in both languages. zod carries a
 * string, so the Chinese is what it carries; the English is looked up when a problem is
 * rendered for a caller who asked for English (`inLanguage`). Only for texts written once at
 * module level: a message with values in it is a `Text` built where the error is raised.
 */
export function say(zh: string, en: string): string {
  // The Chinese is the key: two meanings under one Chinese text would lose one English.
  const known = english.get(zh);
  if (known !== undefined && known !== en) throw new Error(`say(): "${zh}" already means "${known}", not "${en}"`);
  english.set(zh, en);
  return zh;
}

/** A message in the caller's language: a `Text`, a `say()` text, or (not bilingual yet) as it is. */
export function inLanguage(message: string | Text, language: Language): string {
  if (typeof message !== 'string') return message[language];
  return language === 'zh' ? message : (english.get(message) ?? message);
}

/** Whether a message was written with `say()` (so it has both languages). */
export const isSaid = (message: string) => english.has(message);
