import { readFileSync } from 'node:fs';
import { normalizeLabel } from './normalize.ts';
import { createSegmenter, type Segmenter } from './segment.ts';

export type Certificate = {
  code: string;
  /** The official name, e.g. 特种作业操作证（焊接与热切割作业）. */
  name: string;
  en: string;
  /** What people write for it: 焊工证, 电焊证, 氩弧焊证 … */
  synonyms?: string[];
  /** The law that requires it for the work (and, for a driving class, what it covers). */
  basis: string;
  /**
   * The other certificates its holder may work under: for a driving class, the classes
   * 机动车驾驶证申领和使用规定 lets it drive (A2 → B1, B2, C1 …), listed in full, not by steps.
   */
  covers?: string[];
};

/**
 * The words every certificate's name wraps around the work it licenses: 特种作业操作证（…作业）,
 * …作业证, …上岗证, …资格证, …证. Longest first, so the whole of a word goes before its parts.
 */
const CERTIFICATE_WRAPPING = [
  '特种设备作业人员证',
  '特种作业操作证',
  '特种设备操作证',
  '机动车驾驶证',
  '从业资格证',
  '资格证书',
  '执业证书',
  '驾驶证',
  '操作证',
  '作业证',
  '上岗证',
  '资格证',
  '执业证',
  '证书',
  '证明',
  '驾照',
  '作业',
  '证',
];

/** The work a certificate's name licenses, without the wrapping: 電工作業證 → 电工, 焊接与热切割作业证 → 焊接与热切割. */
export function certificateCore(label: string): string {
  let core = normalizeLabel(label);
  for (const word of CERTIFICATE_WRAPPING) core = core.replaceAll(word, '');
  return core;
}
export type SkillFamily = { code: string; name: string; en: string; isco: string };
export type SkillConcept = {
  code: string;
  name: string;
  en: string;
  synonyms: string[];
  family: string;
  /** ISCO-08 unit group (4 digits) the trade falls in. */
  isco: string;
  /**
   * Certificate the law requires for this work, if any: only where the law ties the licence to
   * the work every synonym names (新生儿护理 is no nurse's work, so 月嫂 carries none).
   */
  certificate?: string;
  related?: string[];
};
export type Occupation = { code: string; label: string; iscoGroup: string; altLabels: string[] };

export type ResolvedSkill = {
  code: string;
  name: string;
  matchedBy: 'name' | 'synonym' | 'english' | 'esco' | 'segment';
};

export type ResolvedCertificate = { code: string; name: string };

type Trades = { certificates: Certificate[]; families: SkillFamily[]; skills: SkillConcept[] };
type EscoData = { rows: [string, string, string, string[]][] };

const readJson = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8')) as T;

/** How alike two skills are, as the ranking engine counts them. */
export const SIMILARITY = { same: 1, related: 0.7, sameIscoMinorGroup: 0.5, sameFamily: 0.4 } as const;

/**
 * Occupations and skills: the curated Chinese trades (codes, synonyms, families,
 * certificates the law requires) linked to ISCO-08 groups and ESCO occupations.
 */
export class Taxonomy {
  readonly skills: readonly SkillConcept[];
  readonly families: readonly SkillFamily[];
  readonly certificates: readonly Certificate[];
  private readonly byCode = new Map<string, SkillConcept>();
  private readonly index = new Map<string, number>();
  private readonly words = new Map<string, { code: string; kind: 'name' | 'synonym' | 'english' }>();
  private readonly escoLabels = new Map<string, string>();
  /** A certificate's code by the work its names license (certificateCore of each name). */
  private readonly certificateCores = new Map<string, string>();
  private readonly occupations = new Map<string, Occupation>();
  private readonly matrix: Float64Array;
  private readonly segmenter: Segmenter;

  constructor(
    trades: Trades,
    readonly iscoGroups: Readonly<Record<string, string>>,
    esco: EscoData,
  ) {
    this.skills = trades.skills;
    this.families = trades.families;
    this.certificates = trades.certificates;
    trades.skills.forEach((s, i) => {
      this.byCode.set(s.code, s);
      this.index.set(s.code, i);
      this.words.set(normalizeLabel(s.name), { code: s.code, kind: 'name' });
      for (const w of s.synonyms) this.words.set(normalizeLabel(w), { code: s.code, kind: 'synonym' });
      this.words.set(normalizeLabel(s.en), { code: s.code, kind: 'english' });
    });
    for (const c of trades.certificates) {
      for (const name of [c.name, ...(c.synonyms ?? [])]) this.certificateCores.set(certificateCore(name), c.code);
    }
    for (const [uuid, iscoGroup, label, altLabels] of esco.rows) {
      this.occupations.set(`esco:${uuid}`, { code: `esco:${uuid}`, label, iscoGroup, altLabels });
      for (const l of [label, ...altLabels]) {
        const key = normalizeLabel(l);
        if (!this.escoLabels.has(key)) this.escoLabels.set(key, iscoGroup);
      }
    }
    this.matrix = this.buildMatrix();
    this.segmenter = createSegmenter([...this.words.keys()]);
  }

  /** The shipped taxonomy (read once). */
  static load(): Taxonomy {
    cached ??= new Taxonomy(
      readJson<Trades>('trades.zh.json'),
      readJson<Record<string, string>>('isco-groups.json'),
      readJson<EscoData>('esco-occupations.json'),
    );
    return cached;
  }

  skill(code: string): SkillConcept | undefined {
    return this.byCode.get(code);
  }

  family(code: string): SkillFamily | undefined {
    return this.families.find((f) => f.code === code);
  }

  certificate(code: string): Certificate | undefined {
    return this.certificates.find((c) => c.code === code);
  }

  /** An ESCO occupation (`esco:<uuid>`) or an ISCO-08 group (`isco:7212`). */
  occupation(code: string): Occupation | undefined {
    if (code.startsWith('isco:')) {
      const group = code.slice(5);
      const label = this.iscoGroups[group];
      return label ? { code, label, iscoGroup: group, altLabels: [] } : undefined;
    }
    return this.occupations.get(code);
  }

  /**
   * The skill a short label names: a curated name or synonym (in simplified or traditional
   * characters, full- or half-width), an English name, an ESCO occupation label mapped
   * through its ISCO group, or failing those the first trade word inside it.
   */
  resolveSkill(label: string): ResolvedSkill | null {
    const key = normalizeLabel(label);
    if (!key) return null;
    const word = this.words.get(key);
    if (word) return this.resolved(word.code, word.kind);
    const group = this.escoLabels.get(key);
    const viaEsco = group ? this.skills.find((s) => s.isco === group) : undefined;
    if (viaEsco) return this.resolved(viaEsco.code, 'esco');
    const [first] = this.extractSkills(label);
    return first ? this.resolved(first, 'segment') : null;
  }

  /**
   * The certificate a name means: its code (cert.welding), its official name, a common name
   * (焊工证, 电工证, 叉车证, 登高证, C1驾照), in traditional or simplified characters, full- or
   * half-width, with or without the wrapping (特种作业操作证（…作业）, …作业证, …上岗证).
   * Null for a certificate the taxonomy does not hold (育婴员证): the caller keeps it as text.
   */
  resolveCertificate(label: string): ResolvedCertificate | null {
    const byCode = this.certificate(label.trim());
    const core = certificateCore(label);
    // Only the wrapping (证书, 上岗证) names no work: no certificate.
    const code = byCode?.code ?? (core ? this.certificateCores.get(core) : undefined);
    const found = code ? this.certificate(code) : undefined;
    return found ? { code: found.code, name: found.name } : null;
  }

  /** Codes of every trade named anywhere in free text (a title, a description), in order. */
  extractSkills(text: string): string[] {
    const matched = this.segment(text).filter((token) => this.words.has(token));
    // Search mode also yields the parts of a word (叉车司机 → 叉车, 司机): the whole decides.
    const whole = matched.filter((token) => !matched.some((other) => other !== token && other.includes(token)));
    const found: string[] = [];
    for (const token of whole) {
      const code = this.words.get(token)?.code;
      if (code && !found.includes(code)) found.push(code);
    }
    return found;
  }

  /** Search-mode tokens of normalised text. */
  segment(text: string): string[] {
    return this.segmenter.segment(text);
  }

  /** 1 for the same skill, then related, same ISCO minor group, same family; 0 otherwise. */
  similarity(a: string, b: string): number {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return a === b ? 1 : 0;
    return this.matrix[i * this.skills.length + j] ?? 0;
  }

  /** Dense index of a skill code, for engines that keep similarities in typed arrays. */
  indexOf(code: string): number | undefined {
    return this.index.get(code);
  }

  /** The n×n similarity matrix behind `similarity`, row-major in `indexOf` order. */
  similarityMatrix(): Float64Array {
    return this.matrix;
  }

  /** The skill a whole label names as it stands (a name or a synonym), without segmenting. */
  exactSkill(label: string): string | undefined {
    return this.words.get(normalizeLabel(label))?.code;
  }

  /**
   * A held certificate meets a required one: the same, or one that covers it (a driving
   * class that may drive the other's vehicles: A2 meets B2 and C1, C1 never meets B2).
   */
  certificateCovers(held: string, required: string): boolean {
    return held === required || (this.certificate(held)?.covers?.includes(required) ?? false);
  }

  /** The held certificate and every one it covers (cert.driving-b2 → b2, c1, c2, c3, c4, m). */
  certificatesServed(held: string): string[] {
    return [held, ...(this.certificate(held)?.covers ?? [])];
  }

  /** Certificates the law requires for work needing these skills. */
  requiredCertificates(skillCodes: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const code of skillCodes) {
      const cert = this.byCode.get(code)?.certificate;
      if (cert) out.add(cert);
    }
    return [...out];
  }

  private resolved(code: string, matchedBy: ResolvedSkill['matchedBy']): ResolvedSkill {
    return { code, name: this.byCode.get(code)?.name ?? code, matchedBy };
  }

  private buildMatrix(): Float64Array {
    const n = this.skills.length;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = this.skills[i] as SkillConcept;
        const b = this.skills[j] as SkillConcept;
        let s = 0;
        if (i === j) s = SIMILARITY.same;
        else if (a.related?.includes(b.code) || b.related?.includes(a.code)) s = SIMILARITY.related;
        else if (a.isco.slice(0, 3) === b.isco.slice(0, 3)) s = SIMILARITY.sameIscoMinorGroup;
        else if (a.family === b.family) s = SIMILARITY.sameFamily;
        m[i * n + j] = s;
      }
    }
    return m;
  }
}

let cached: Taxonomy | undefined;
