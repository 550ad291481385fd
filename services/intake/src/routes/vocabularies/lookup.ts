import { type RegionDirectory, regionPath, resolvePlace } from '@duijie/regions';
import { certificateCore, normalizeLabel, simplify, type Taxonomy } from '@duijie/taxonomy';
import { pinyin } from 'pinyin-pro';

/** How a word fits what was typed: the whole of it, its start, or somewhere inside. */
const EXACT = 0;
const PREFIX = 1;
const INSIDE = 2;

/** A word and the form it is compared in; `prefixOnly` words fit from their start only. */
type Word = { text: string; key: string; prefixOnly?: boolean };
type Hit<T> = { entry: T; fit: number; rank: number; word: string; order: number };

const fitOf = ({ key, prefixOnly }: Word, typed: string) =>
  key === typed ? EXACT : key.startsWith(typed) ? PREFIX : !prefixOnly && key.includes(typed) ? INSIDE : undefined;

/**
 * Each entry's best-fitting word, the best entries first: exact before prefix before inside,
 * then by the kind of word (`rank`: a name before a synonym before English before the code),
 * then the shorter word (the closer to what was typed), then the vocabulary's own order.
 */
function search<T>(entries: readonly T[], wordsOf: (entry: T) => Word[][], typed: string[]): Hit<T>[] {
  const hits: Hit<T>[] = [];
  entries.forEach((entry, order) => {
    let best: Hit<T> | undefined;
    wordsOf(entry).forEach((words, rank) => {
      for (const word of words) {
        for (const t of typed) {
          const fit = t ? fitOf(word, t) : undefined;
          if (fit === undefined) continue;
          const hit = { entry, fit, rank, word: word.text, order };
          if (!best || compare(hit, best) < 0) best = hit;
        }
      }
    });
    if (best) hits.push(best);
  });
  return hits.sort(compare);
}

const compare = <T>(a: Hit<T>, b: Hit<T>) =>
  a.fit - b.fit || a.rank - b.rank || a.word.length - b.word.length || a.order - b.order;

const labelWords = (texts: readonly string[]): Word[] => texts.map((text) => ({ text, key: normalizeLabel(text) }));
const codeWords = (code: string): Word[] => [{ text: code, key: code.toLowerCase() }];
/**
 * Pinyin initials of Chinese words (电焊 → dh, 重庆 → cq: pinyin-pro reads the word, so a
 * character of two sounds is read as the word has it), fitting from their start only: what a
 * phone keyboard's user, or an officer at the desk, types first.
 */
const initialsWords = (texts: readonly string[]): Word[] =>
  texts.flatMap((text) => {
    if (!/\p{Script=Han}/u.test(text)) return [];
    const key = pinyin(text, { pattern: 'first', toneType: 'none', nonZh: 'removed', separator: '' }).toLowerCase();
    return key ? [{ text, key, prefixOnly: true }] : [];
  });
/** What was typed, as names compare (电焊, cnc操机) and as codes compare (skill.welding). */
const typedForms = (q: string) => [normalizeLabel(q), q.trim().toLowerCase()];

/** Trades whose code, name, synonyms or English name fit `q`, with the certificate the law requires. */
export function lookUpSkills(taxonomy: Taxonomy, q: string, limit: number) {
  const hits = search(
    taxonomy.skills,
    (s) => [
      labelWords([s.name]),
      labelWords(s.synonyms),
      labelWords([s.en]),
      initialsWords([s.name, ...s.synonyms]),
      codeWords(s.code),
    ],
    typedForms(q),
  );
  const found = hits.map((h) => ({ skill: h.entry, matchedBy: h.word }));
  // A label no word fits may still name a trade: an ESCO occupation's label, or a trade inside a longer phrase.
  const resolved = taxonomy.resolveSkill(q);
  const extra =
    resolved && !found.some((f) => f.skill.code === resolved.code) ? taxonomy.skill(resolved.code) : undefined;
  if (extra) found.push({ skill: extra, matchedBy: resolved?.name ?? extra.name });
  return found.slice(0, limit).map(({ skill, matchedBy }) => {
    const family = taxonomy.family(skill.family);
    const certificate = skill.certificate ? taxonomy.certificate(skill.certificate) : undefined;
    return {
      code: skill.code,
      name: skill.name,
      en: skill.en,
      synonyms: [...skill.synonyms],
      family: { code: skill.family, name: family?.name ?? skill.family },
      certificate: certificate ? { code: certificate.code, name: certificate.name } : null,
      matchedBy,
    };
  });
}

/** Certificates whose code, name, common names or English name fit `q`, or that `q` names with its wrapping. */
export function lookUpCertificates(taxonomy: Taxonomy, q: string, limit: number) {
  const found = search(
    taxonomy.certificates,
    (c) => [
      labelWords([c.name]),
      labelWords(c.synonyms ?? []),
      labelWords([c.en]),
      initialsWords([c.name, ...(c.synonyms ?? [])]),
      codeWords(c.code),
    ],
    typedForms(q),
  ).map((h) => ({ certificate: h.entry, matchedBy: h.word }));
  // 焊接与热切割作业证 is no word of the list but names cert.welding: the resolver reads the work inside the wrapping.
  const resolved = taxonomy.resolveCertificate(q);
  const named = resolved ? taxonomy.certificate(resolved.code) : undefined;
  if (named && !found.some((f) => f.certificate.code === named.code)) {
    const core = certificateCore(q);
    const word = [named.name, ...(named.synonyms ?? [])].find((w) => certificateCore(w) === core) ?? named.name;
    found.unshift({ certificate: named, matchedBy: word });
  }
  return found.slice(0, limit).map(({ certificate: c, matchedBy }) => ({
    code: c.code,
    name: c.name,
    en: c.en,
    synonyms: [...(c.synonyms ?? [])],
    covers: [...(c.covers ?? [])],
    basis: c.basis,
    matchedBy,
  }));
}

/** Every region under each name it is known by (placeholders such as 市辖区 are no names). */
const nameIndexes = new WeakMap<RegionDirectory, { code: string; names: Word[]; initials: Word[] }[]>();
function nameIndex(regions: RegionDirectory): { code: string; names: Word[]; initials: Word[] }[] {
  let index = nameIndexes.get(regions);
  if (!index) {
    index = regions.all().map((r) => {
      const names = [r.name, ...r.shortNames].filter((n) =>
        regions.findByName(n).some((found) => found.code === r.code),
      );
      return { code: r.code, names: names.map((text) => ({ text, key: text })), initials: initialsWords(names) };
    });
    nameIndexes.set(regions, index);
  }
  return index;
}

/**
 * Places a name, short name, path or code fits: first what the vacancy door would read the
 * words as (one place, or every place an ambiguous name could be), then names that start
 * with or contain them and codes that start with them.
 */
export function lookUpPlaces(regions: RegionDirectory, q: string, limit: number) {
  const typed = simplify(q).replace(/\s+/g, '').toLowerCase();
  const resolved = resolvePlace(regions, q);
  const exact = resolved.unmatched ? [] : resolved.candidates;
  const hits = search(nameIndex(regions), (r) => [r.names, r.initials, codeWords(r.code)], [typed]).filter(
    (h) => !exact.some((e) => e.code === h.entry.code),
  );
  const items = [
    ...exact.map((c) => ({ code: c.code, matchedBy: typed })),
    ...hits.map((h) => ({ code: h.entry.code, matchedBy: h.word })),
  ];
  return {
    code: resolved.code,
    ambiguous: exact.length > 1,
    items: items.slice(0, limit).flatMap(({ code, matchedBy }) => {
      const region = regions.get(code);
      return region
        ? [{ code, name: region.name, level: region.level, path: regionPath(regions, code), matchedBy }]
        : [];
    }),
  };
}
